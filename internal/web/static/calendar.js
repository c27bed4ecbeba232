// Editorial calendar: keyboard and drag-and-drop on top of plain links
// and forms (every move also works through the item's own move page).
//   ← / →   previous / next period (t today, w week view, m month view)
//   on a focused due date: ← / → move it a day, ↑ / ↓ a week
//   drag a due date onto another day to move it there
(function () {
  "use strict";
  var view = document.querySelector("[data-calendar]");
  if (!view) return;
  var form = document.getElementById("cal-move-form");
  var focusKey = "roster.calendar.focus";

  // After a move the page reloads: put the focus back on the moved item.
  var again = window.sessionStorage && sessionStorage.getItem(focusKey);
  if (again) {
    sessionStorage.removeItem(focusKey);
    var back = document.querySelector("[data-cal-key='" + again + "']");
    if (back) back.focus();
  }

  function shift(iso, days) {
    var p = iso.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + days));
    return d.toISOString().slice(0, 10);
  }

  function move(item, day) {
    if (!form || !day || day === item.getAttribute("data-cal-date")) return;
    form.action = item.getAttribute("data-cal-move");
    form.elements.due_on.value = day;
    if (window.sessionStorage) sessionStorage.setItem(focusKey, item.getAttribute("data-cal-key"));
    form.requestSubmit();
  }

  function follow(sel) {
    var a = document.querySelector(sel);
    if (a) window.location.href = a.href;
  }

  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    var item = e.target.closest && e.target.closest("[data-cal-move]");
    var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (item && form && steps[e.key]) {
      e.preventDefault();
      move(item, shift(item.getAttribute("data-cal-date"), steps[e.key]));
      return;
    }
    var links = { ArrowLeft: "[data-cal-prev]", ArrowRight: "[data-cal-next]", t: "[data-cal-today]" };
    links[view.getAttribute("data-calendar") === "month" ? "w" : "m"] = "[data-cal-other]";
    if (links[e.key]) {
      e.preventDefault();
      follow(links[e.key]);
    }
  });

  if (!form) return;
  var dragged = null;
  view.addEventListener("dragstart", function (e) {
    dragged = e.target.closest && e.target.closest("[data-cal-move]");
    if (!dragged) return;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragged.getAttribute("data-cal-move"));
  });
  function dayOf(e) { return e.target.closest && e.target.closest("[data-cal-day]"); }
  view.addEventListener("dragover", function (e) {
    var day = dayOf(e);
    if (!dragged || !day) return;
    e.preventDefault();
    day.classList.add("cal-drop");
  });
  view.addEventListener("dragleave", function (e) {
    var day = dayOf(e);
    if (day) day.classList.remove("cal-drop");
  });
  view.addEventListener("drop", function (e) {
    var day = dayOf(e);
    if (!dragged || !day) return;
    e.preventDefault();
    move(dragged, day.getAttribute("data-cal-day"));
    dragged = null;
  });
})();
