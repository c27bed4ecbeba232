// The layout checks of TestLayoutFits (layout_test.go), run in the page.
// layoutCheck(navSelector) returns {problems: [...], nav: state, links: [...]}:
// each problem is one sentence naming the element; nav is "visible"
// (every link of the main navigation on screen), "toggle" (hidden behind
// a visible button that controls it or what holds it, whose aria-controls
// is in toggle), "absent" or "unreachable"; links
// are the same-origin GET targets of the page (every <a href> and the
// action of every GET form), as the crawl of internal/app collects them.
(function (navSelector) {
  const vw = document.documentElement.clientWidth;
  // What a <details> holds is checked open, as a person opens it.
  for (const d of document.querySelectorAll("details:not([open])")) d.open = true;
  const problems = [];
  const seen = new Set();
  const add = (msg) => { if (!seen.has(msg)) { seen.add(msg); problems.push(msg); } };

  // describe names an element the way a person finds it in the
  // template: tag, id, classes, and the start of its text or label.
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (el.classList.length) s += "." + Array.from(el.classList).join(".");
    if (el.getAttribute("name")) s += "[name=" + el.getAttribute("name") + "]";
    if (el.getAttribute("type") && el.tagName === "INPUT") s += "[type=" + el.getAttribute("type") + "]";
    const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim().replace(/\s+/g, " ");
    if (text) s += ' "' + (text.length > 40 ? text.slice(0, 40) + "…" : text) + '"';
    return s;
  };
  const round = (n) => Math.round(n * 10) / 10;

  // shown: laid out with a size, not hidden, not clipped to a pixel
  // (.visually-hidden) and not moved off the left edge (.skip, the
  // honeypot), which is how the stylesheet hides things from the eye.
  const shown = (el, r) => {
    if (r.width === 0 || r.height === 0) return false;
    if (r.width <= 1 && r.height <= 1) return false;
    if (r.right <= 0) return false;
    return el.checkVisibility({ visibilityProperty: true });
  };

  // clipped: some ancestor of el scrolls or clips sideways, so el may
  // be wider than the screen inside it (a table in .table-wrap, the
  // board's columns). An absolutely positioned element is clipped only by
  // its containing block (the nearest positioned ancestor) or above it,
  // and a fixed one by nothing: they escape a scroll container that is
  // not positioned, and widen the page.
  const clipped = (el) => {
    let pos = getComputedStyle(el).position;
    if (pos === "fixed") return false;
    let skipping = pos === "absolute";
    for (let p = el.parentElement; p; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (skipping && cs.position === "static") continue;
      skipping = false;
      if (cs.overflowX !== "visible" && p !== document.documentElement && p !== document.body) return true;
      if (cs.position === "fixed") return false;
      if (cs.position === "absolute") skipping = true;
    }
    return false;
  };

  // 1. The document needs no sideways scrolling.
  const sw = document.documentElement.scrollWidth;
  if (sw > vw + 1) add(`the page is ${sw}px wide on a ${vw}px screen: it scrolls sideways`);

  // 2. Nothing on the page (the main content, and the header and footer
  //    around it) is wider than the screen or sticks out of it, unless it
  //    is inside a container that scrolls it. Only the outermost such
  //    element is named.
  const wide = new Set();
  {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width <= vw + 1 && r.right <= vw + 1) continue;
      if (getComputedStyle(el).display === "none" || clipped(el)) continue;
      wide.add(el);
      if (el.parentElement && wide.has(el.parentElement)) continue;
      add(`${describe(el)} is ${round(r.width)}px wide and ends at ${round(r.right)}px on a ${vw}px screen`);
    }
  }

  // 3. Every control is a target of at least 24×24 CSS px (WCAG 2.2,
  //    2.5.8 Target Size (Minimum)). Links keep the success criterion's
  //    own exceptions: a link inside a sentence (inline), and a smaller
  //    link whose 24px circle, centred on it, meets no other target and
  //    no other small target's circle (spacing). Buttons, fields, check
  //    boxes and <summary> get none: stricter than WCAG, since nothing
  //    but the stylesheet keeps them small. A check box or radio counts
  //    with its label, which a tap on it toggles too.
  const targets = [];
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest("[inert], [aria-hidden=true]")) continue;
    if (el.disabled) continue;
    let r = el.getBoundingClientRect();
    if (!shown(el, r)) continue;
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    if ((el.type === "checkbox" || el.type === "radio") && el.labels) {
      for (const l of el.labels) {
        const lr = l.getBoundingClientRect();
        if (lr.width === 0 || lr.height === 0) continue;
        box = { left: Math.min(box.left, lr.left), top: Math.min(box.top, lr.top), right: Math.max(box.right, lr.right), bottom: Math.max(box.bottom, lr.bottom) };
      }
    }
    box.width = box.right - box.left;
    box.height = box.bottom - box.top;
    box.cx = (box.left + box.right) / 2;
    box.cy = (box.top + box.bottom) / 2;
    targets.push({ el, box, small: box.width < 24 - 0.01 || box.height < 24 - 0.01 });
  }
  const inSentence = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    for (const n of el.parentNode.childNodes) {
      if (n !== el && n.nodeType === Node.TEXT_NODE && /\p{L}{2,}/u.test(n.textContent)) return true;
    }
    return false;
  };
  const distToBox = (x, y, b) => {
    const dx = Math.max(b.left - x, 0, x - b.right);
    const dy = Math.max(b.top - y, 0, y - b.bottom);
    return Math.hypot(dx, dy);
  };
  const spaced = [];
  for (const t of targets) {
    if (!t.small || inSentence(t.el)) continue;
    let near = null;
    for (const o of targets) {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
      const d = o.small ? Math.hypot(o.box.cx - t.box.cx, o.box.cy - t.box.cy) : distToBox(t.box.cx, t.box.cy, o.box);
      if (d < (o.small ? 24 : 12) - 0.01) { near = o; break; }
    }
    if (near) add(`${describe(t.el)} is a ${round(t.box.width)}×${round(t.box.height)}px target (under 24×24) too close to ${describe(near.el)}`);
    else if (t.el.tagName !== "A") add(`${describe(t.el)} is a ${round(t.box.width)}×${round(t.box.height)}px control, under 24×24 (only links may rely on the space around them)`);
    else spaced.push(describe(t.el).replace(/ ".*/, ""));
  }

  // 4. No text smaller than 12px, and no text running off the screen
  //    out of its element (a long address or word that does not wrap),
  //    unless a container of its own scrolls it.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const checked = new Set();
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !/\S/.test(n.textContent)) continue;
    if (el.closest("script, style, template, noscript, option, select, textarea")) continue;
    const r = el.getBoundingClientRect();
    if (!shown(el, r)) continue;
    range.selectNodeContents(n);
    const tr = range.getBoundingClientRect();
    if (tr.right > vw + 1 && r.right <= vw + 1 && !clipped(el)) {
      add(`the text of ${describe(el)} runs on to ${round(tr.right)}px, off a ${vw}px screen`);
    }
    if (checked.has(el)) continue;
    checked.add(el);
    const fs = parseFloat(getComputedStyle(el).fontSize);
    if (fs < 12 - 0.01) add(`${describe(el)} has ${round(fs)}px text, under 12px`);
  }

  // 5. The main navigation: every link on screen, or a visible button
  //    that controls it.
  let nav = "absent", toggle = "";
  const navEl = navSelector ? document.querySelector(navSelector) : null;
  if (navEl) {
    const onScreen = (el) => {
      const r = el.getBoundingClientRect();
      return shown(el, r) && r.left >= -1 && r.right <= vw + 1;
    };
    const links = navEl.querySelectorAll("a[href]");
    if (links.length > 0 && Array.from(links).every(onScreen)) {
      nav = "visible";
    } else {
      nav = "unreachable";
      for (const b of document.querySelectorAll("button[aria-controls]")) {
        const controlled = document.getElementById(b.getAttribute("aria-controls"));
        if (controlled && controlled.contains(navEl) && onScreen(b)) {
          nav = "toggle";
          toggle = b.getAttribute("aria-controls");
          break;
        }
      }
    }
  }

  // Where the page leads.
  const out = [];
  const link = (ref) => {
    try {
      const u = new URL(ref.trim(), location.href);
      if (u.origin !== location.origin) return;
      u.hash = "";
      out.push(u.pathname + u.search);
    } catch (e) { /* not a URL */ }
  };
  for (const a of document.querySelectorAll("a[href]")) {
    const h = a.getAttribute("href");
    if (!h.startsWith("#") && !a.hasAttribute("download")) link(h);
  }
  for (const f of document.querySelectorAll("form")) {
    if ((f.getAttribute("method") || "get").toLowerCase() !== "get") continue;
    const a = f.getAttribute("action");
    link((a === null ? location.pathname : a).split("?")[0]);
  }
  return { problems, nav, toggle, spaced, links: out, width: vw, type: document.contentType };
})
