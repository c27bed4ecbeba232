// Roster's only script: small progressive enhancements. Every page works
// without it.
(function () {
  "use strict";
  // Selects marked data-autosubmit submit their form on change.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("[data-autosubmit]") && t.form) t.form.requestSubmit();
    if (t.matches && t.matches("[data-select-all]")) {
      document.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = t.checked; });
    }
  });
  // Forms marked data-confirm ask before submitting.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
  // Keyboard: "/" focuses search, "n" opens the new-item link of the page.
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
    var el;
    if (e.key === "/") el = document.querySelector("[data-shortcut-search]");
    if (e.key === "n") el = document.querySelector("[data-shortcut-new]");
    if (!el) return;
    e.preventDefault();
    if (el.tagName.toLowerCase() === "a") el.click(); else el.focus();
  });
})();
