// Inbox keys (internal/inbox). Every key drives an ordinary link or form of
// the page, which works without this script.
//   list:   j / k  next / previous conversation, Enter or o opens it,
//           / search (app.js)
//   thread: j / k  next / previous conversation, u back to the inbox,
//           r reply, e close, a assign to me, / search,
//           c canned answers, then 1–9 inserts one; Ctrl+Enter sends.
(function () {
  "use strict";
  function typing(e) {
    var tag = (e.target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || e.target.isContentEditable;
  }
  function follow(sel) {
    var el = document.querySelector(sel);
    if (el) el.click();
    return !!el;
  }
  function submit(sel) {
    var f = document.querySelector(sel);
    if (f) f.requestSubmit();
    return !!f;
  }

  // The list: a highlighted row moved with j / k.
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-inbox-row]"));
  var current = -1;
  function mark(i) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, n) { r.classList.toggle("current", n === current); });
    var link = rows[current].querySelector("[data-inbox-open]");
    if (link) link.focus();
  }
  if (new URLSearchParams(location.search).get("focus") === "q") {
    var q = document.querySelector("[data-shortcut-search]");
    if (q) q.focus();
  }

  // The thread: canned answers inserted into the reply box.
  var reply = document.querySelector("[data-inbox-reply] textarea");
  var canned = document.querySelector("[data-inbox-canned]");
  var choosing = false, focusOnKeyUp = false;
  // insert puts text at the reply box's caret. From a key, the box takes
  // the focus only on keyup, so the digit that chose the answer is not
  // typed into it as well.
  function insert(text, fromKey) {
    if (!reply) return;
    var start = reply.selectionStart, end = reply.selectionEnd, v = reply.value;
    reply.value = v.slice(0, start) + text + v.slice(end);
    reply.selectionStart = reply.selectionEnd = start + text.length;
    if (fromKey) focusOnKeyUp = true; else reply.focus();
  }
  document.addEventListener("keyup", function () {
    if (!focusOnKeyUp) return;
    focusOnKeyUp = false;
    reply.focus();
  });
  if (canned) {
    canned.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("[data-canned-body]");
      if (!a || !reply) return;
      e.preventDefault();
      insert(a.getAttribute("data-canned-body"));
      canned.open = false;
      choosing = false;
    });
  }
  if (reply) {
    reply.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        reply.form.requestSubmit();
      }
    });
  }

  document.addEventListener("keydown", function (e) {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (choosing) {
      var pick = /^[1-9]$/.test(e.key) && canned.querySelector('[data-canned-key="' + e.key + '"]');
      choosing = false;
      canned.open = false;
      if (pick) {
        e.preventDefault();
        insert(pick.getAttribute("data-canned-body"), true);
      }
      return;
    }
    var done = false;
    switch (e.key) {
      case "j":
        done = rows.length ? (mark(current + 1), true) : follow("[data-inbox-next]");
        break;
      case "k":
        done = rows.length ? (mark(current - 1), true) : follow("[data-inbox-prev]");
        break;
      case "o":
      case "Enter":
        if (rows.length && current >= 0) done = follow("[data-inbox-row].current [data-inbox-open]");
        break;
      case "u":
        done = follow("[data-inbox-back]");
        break;
      case "r":
        if (reply) { reply.focus(); done = true; }
        break;
      case "e":
        done = submit("[data-inbox-close]");
        break;
      case "a":
        done = submit("[data-inbox-assign-me]");
        break;
      case "c":
        if (canned) { canned.open = true; choosing = true; done = true; }
        break;
      case "/":
        if (!document.querySelector("[data-shortcut-search]")) done = follow("[data-inbox-search]");
        break;
    }
    if (done) e.preventDefault();
  });
})();
