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

// The header's menu button: on a phone (see .has-menu in app.css) the
// navigation and the account links fold behind it; Enter or a tap opens
// them, Escape closes them and gives the focus back to the button.
(function () {
  "use strict";
  var top = document.querySelector("header.top");
  var btn = top && top.querySelector(".menu-toggle");
  if (!btn) return;
  function set(open) {
    top.classList.toggle("menu-open", open);
    btn.setAttribute("aria-expanded", open ? "true" : "false");
  }
  top.classList.add("has-menu");
  btn.hidden = false;
  set(false);
  btn.addEventListener("click", function () { set(btn.getAttribute("aria-expanded") !== "true"); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && top.classList.contains("menu-open")) {
      set(false);
      btn.focus();
    }
  });
})();

// --- applications: review queue keys -------------------------------------
// On /applications/review, keys drive the page's ordinary forms and links:
// 1–5 tick a score on the highlighted criterion and move to the next (the
// last one submits the scores), a approves, d asks for a reason and
// declines, s/j/n skip to the next application, k goes back.
(function () {
  "use strict";
  var queue = document.querySelector("[data-review-queue]");
  if (!queue) return;
  var rows = Array.prototype.slice.call(queue.querySelectorAll("[data-criterion]"));
  var current = 0;
  function mark() {
    rows.forEach(function (r, i) { r.classList.toggle("current", i === current); });
  }
  mark();
  function follow(sel) {
    var a = queue.querySelector(sel);
    if (a) window.location.href = a.href;
  }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" && e.target.type !== "radio") return;
    if (tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key;
    if (k >= "1" && k <= "5" && rows.length) {
      var box = rows[current].querySelector("input[value='" + k + "']");
      if (box) box.checked = true;
      e.preventDefault();
      if (current < rows.length - 1) { current++; mark(); }
      else queue.querySelector("[data-queue-score]").requestSubmit();
    } else if (k === "a") {
      e.preventDefault();
      queue.querySelector("[data-queue-approve]").requestSubmit();
    } else if (k === "d") {
      e.preventDefault();
      var form = queue.querySelector("[data-queue-decline]");
      var reason = form.querySelector("[name=reason]");
      var answer = window.prompt(reason.getAttribute("data-prompt"), reason.value);
      if (answer === null) return;
      reason.value = answer;
      form.requestSubmit();
    } else if (k === "s" || k === "j" || k === "n") {
      e.preventDefault();
      e.stopImmediatePropagation();
      follow("[data-queue-next]");
    } else if (k === "k") {
      e.preventDefault();
      follow("[data-queue-prev]");
    }
  }, true);
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
// Running timers ([data-timer-elapsed], seconds when the page was made)
// count up on screen; the timer itself lives on the server.
(function () {
  "use strict";
  var timers = document.querySelectorAll("[data-timer-elapsed]");
  if (!timers.length) return;
  var loaded = Date.now();
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function tick() {
    timers.forEach(function (el) {
      var s = parseInt(el.getAttribute("data-timer-elapsed"), 10) + Math.floor((Date.now() - loaded) / 1000);
      el.textContent = Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
    });
  }
  tick();
  window.setInterval(tick, 1000);
})();
