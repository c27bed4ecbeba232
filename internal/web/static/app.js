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
// pipeline: on the board, a focused card moves to the previous or next
// stage with ← / →, by submitting its own move form (which works without
// this). After the move the page comes back with #card-<id>: refocus it.
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) return;
  board.addEventListener("keydown", function (e) {
    var card = e.target;
    if (!card.matches || !card.matches("[data-board-card]") || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    var to = e.key === "ArrowLeft" ? card.getAttribute("data-prev") : e.key === "ArrowRight" ? card.getAttribute("data-next") : "";
    var form = card.querySelector("form.move");
    if (!to || !form) return;
    e.preventDefault();
    form.elements.stage.value = to;
    form.requestSubmit();
  });
  var focused = location.hash && document.getElementById(location.hash.slice(1));
  if (focused && focused.matches("[data-board-card]")) focused.focus();
})();
