// Pronto's UI: live updates (Server-Sent Events) merged into the page without touching what
// the reader is editing, the bell's unread count, countdowns to deadlines, keyboard shortcuts.
// No build step; loaded with `defer` on every page, after /static/vendor/idiomorph.js.
(function () {
  "use strict";
  var body = document.body;
  var live = body.dataset.live;

  // The language picker sends itself (no inline handler: the CSP forbids inline script).
  var lang = document.getElementById("lang");
  if (lang && lang.form) lang.addEventListener("change", function () { lang.form.submit(); });

  // A form that ends something for someone (deactivate, reset a password) asks first.
  document.addEventListener("submit", function (ev) {
    var ask = ev.target.dataset && ev.target.dataset.confirm;
    if (ask && !window.confirm(ask)) ev.preventDefault();
  });

  function beep() {
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      var o = ctx.createOscillator(), g = ctx.createGain();
      o.frequency.value = 880; g.gain.value = 0.08;
      o.connect(g); g.connect(ctx.destination); o.start(); o.stop(ctx.currentTime + 0.15);
    } catch (e) { /* no sound: fine */ }
  }

  // ── What the reader is editing: never touched by a live update ──
  // A field is kept as the reader left it once they typed in it or changed it (dirty), or while
  // it has the focus; so is an open <details>.
  var dirty = [];
  function isField(el) { return el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName); }
  function markDirty(ev) { if (isField(ev.target) && dirty.indexOf(ev.target) < 0) dirty.push(ev.target); }
  document.addEventListener("input", markDirty, true);
  document.addEventListener("change", markDirty, true);
  function kept(el) { return el === document.activeElement || dirty.indexOf(el) >= 0; }
  function fieldKey(el) {
    var f = el.form, name = el.name || el.id;
    return name ? (f ? f.getAttribute("action") || f.id || "" : "") + "|" + el.tagName + "|" + name : null;
  }
  function detailsKey(d) {
    var s = d.querySelector("summary");
    return d.id || (s ? s.textContent.trim() : null);
  }

  // ── New rows stay highlighted until seen ──
  // A row that arrived live (`[data-lead]` in the inbox) keeps `fresh` through later updates
  // until the reader hovers it or scrolls it into view for a moment, clicks it, or opens its card.
  var FRESH = "pronto-fresh";
  var unseen = [];
  try { unseen = JSON.parse(sessionStorage.getItem(FRESH) || "[]"); } catch (e) { unseen = []; }
  function saveUnseen() { try { sessionStorage.setItem(FRESH, JSON.stringify(unseen)); } catch (e) {} }
  function seen(id) {
    var i = unseen.indexOf(String(id));
    if (i < 0) return;
    unseen.splice(i, 1); saveUnseen();
    document.querySelectorAll('[data-lead="' + id + '"]').forEach(function (r) { r.classList.remove("fresh"); });
  }
  function markFresh() {
    unseen.forEach(function (id) {
      document.querySelectorAll('main [data-lead="' + id + '"]').forEach(function (r) { r.classList.add("fresh"); });
    });
  }
  if (live === "lead" && body.dataset.lead) seen(body.dataset.lead);
  var hover = null;
  function freshRow(t) { return t && t.closest ? t.closest(".fresh[data-lead]") : null; }
  document.addEventListener("pointerover", function (ev) {
    var r = freshRow(ev.target);
    if (!r || (hover && hover.row === r)) return;
    if (hover) clearTimeout(hover.timer);
    hover = { row: r, timer: setTimeout(function () { seen(r.dataset.lead); }, 600) };
  });
  document.addEventListener("pointerout", function (ev) {
    if (hover && !hover.row.contains(ev.relatedTarget)) { clearTimeout(hover.timer); hover = null; }
  });
  document.addEventListener("click", function (ev) { var r = freshRow(ev.target); if (r) seen(r.dataset.lead); });
  document.addEventListener("focusin", function (ev) { var r = freshRow(ev.target); if (r) seen(r.dataset.lead); });
  var scrolled = null;
  window.addEventListener("scroll", function () {
    clearTimeout(scrolled);
    scrolled = setTimeout(function () {
      document.querySelectorAll(".fresh[data-lead]").forEach(function (r) {
        var b = r.getBoundingClientRect();
        if (b.top >= 0 && b.bottom <= window.innerHeight && document.visibilityState === "visible") seen(r.dataset.lead);
      });
    }, 1000);
  }, { passive: true });
  markFresh();

  // ── Live updates: the fresh page merged into this one ──
  function morph(old, fresh) {
    var saved = [], open = {};
    dirty = dirty.filter(function (el) { return el.isConnected; });
    old.querySelectorAll("input, textarea, select").forEach(function (el) {
      if (!kept(el)) return;
      saved.push({ el: el, key: fieldKey(el), value: el.value, checked: el.checked, focus: el === document.activeElement,
        start: el.selectionStart, end: el.selectionEnd });
    });
    old.querySelectorAll("details[open]").forEach(function (d) { var k = detailsKey(d); if (k) open[k] = true; });
    if (window.Idiomorph) {
      Idiomorph.morph(old, fresh, {
        morphStyle: "outerHTML",
        ignoreActiveValue: true,
        callbacks: {
          // A field being edited, and what the page's own script writes (data-client, e.g. the
          // board's "Moved to …"), are the reader's: the server's copy never replaces them.
          beforeNodeMorphed: function (o) {
            return !(o.nodeType === 1 && ((isField(o) && kept(o)) || o.hasAttribute("data-client")));
          },
          beforeAttributeUpdated: function (attr, el, how) {
            return !(attr === "open" && how === "remove" && el.tagName === "DETAILS");
          }
        }
      });
    } else {
      old.replaceWith(fresh);
    }
    // A kept field the merge had to replace: its value, selection and focus move to the new one.
    var root = document.getElementById(fresh.id) || document.querySelector(fresh.tagName) || document;
    saved.forEach(function (s) {
      if (s.el.isConnected || !s.key) return;
      var twin = null;
      root.querySelectorAll("input, textarea, select").forEach(function (el) { if (!twin && fieldKey(el) === s.key) twin = el; });
      if (!twin) return;
      if (twin.type === "checkbox" || twin.type === "radio") twin.checked = s.checked; else twin.value = s.value;
      dirty.push(twin);
      if (s.focus) {
        twin.focus();
        try { if (s.start != null) twin.setSelectionRange(s.start, s.end); } catch (e) { /* not a text field */ }
      }
    });
    root.querySelectorAll("details").forEach(function (d) { if (open[detailsKey(d)]) d.open = true; });
  }

  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("main"), old = document.getElementById("main");
        if (!fresh || !old) return;
        var before = {};
        if (live === "inbox") old.querySelectorAll("[data-lead]").forEach(function (r) { before[r.dataset.lead] = true; });
        morph(old, fresh);
        if (live === "inbox") {
          document.querySelectorAll("main [data-lead]").forEach(function (r) {
            var id = r.dataset.lead;
            if (!before[id] && unseen.indexOf(id) < 0) unseen.push(id);
          });
          saveUnseen();
        }
        markFresh();
        tick();
      })
      .catch(function () { /* offline for a moment: the next event tries again */ })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  // ── The bell: the reader's unread notifications, on every page ──
  var bell = document.getElementById("bell-count");
  function count() {
    if (!bell) return;
    fetch("/notifications/unread", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        bell.textContent = j.unread > 99 ? "99+" : String(j.unread);
        bell.hidden = !j.unread;
        bell.parentNode.classList.toggle("unread", j.unread > 0);
      })
      .catch(function () {});
  }
  count();

  // A desktop or phone notification that says who and what ("Jana Nováková, web inquiry: call now").
  function desktop(title, text, url) {
    if (!window.Notification || Notification.permission !== "granted" || !text) return;
    try {
      var n = new Notification(title || "Pronto", { body: text, tag: url || text });
      n.onclick = function () { window.focus(); if (url) location.href = url; };
    } catch (e) { /* a phone that only notifies from a service worker: the bell still counts */ }
  }

  if (window.EventSource && (live || bell)) {
    var es = new EventSource("/api/v1/events/stream");
    window.addEventListener("pagehide", function () { es.close(); });
    es.addEventListener("notification", function (ev) {
      var d = {};
      try { d = JSON.parse(ev.data); } catch (e) {}
      count();
      var label = document.querySelector("#bell .sr");
      desktop(label ? label.textContent : "Pronto", d.sentence || d.text, d.lead_id ? "/leads/" + d.lead_id : "/notifications");
      if (live === "notifications") refresh();
    });
    es.addEventListener("lead", function (ev) {
      var d = {};
      try { d = JSON.parse(ev.data); } catch (e) {}
      if (live === "inbox") {
        refresh();
        if (d.event === "lead.received") {
          beep();
          if (window.Notification && Notification.permission === "granted") {
            fetch("/notifications/lead/" + d.id, { credentials: "same-origin" })
              .then(function (r) { return r.ok ? r.json() : null; })
              .then(function (j) { if (j) desktop(j.title, j.body, j.url); })
              .catch(function () {});
          }
        }
      } else if (live === "lead" && String(d.id) === body.dataset.lead) {
        refresh();
      }
    });
    es.addEventListener("task", function () { if (live === "tasks") refresh(); });
    es.addEventListener("lagged", function () { count(); if (live) refresh(); });
    if ((live === "inbox" || live === "notifications") && window.Notification && Notification.permission === "default") {
      document.addEventListener("click", function ask() { Notification.requestPermission(); document.removeEventListener("click", ask); });
    }
  }

  // Countdowns: "12:34" to the deadline, "−05:00" and red once it has passed.
  function fmt(s) {
    var a = Math.abs(s), h = Math.floor(a / 3600), m = Math.floor(a % 3600 / 60), sec = a % 60;
    var t = (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(sec).padStart(2, "0");
    return (s < 0 ? "−" : "") + t;
  }
  // The server's clock decides what is late (it may be a test clock, or this device may be off).
  var skew = body.dataset.now ? Date.parse(body.dataset.now) - Date.now() : 0;
  if (isNaN(skew)) skew = 0;
  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll("time[data-due]").forEach(function (el) {
      if (!el.dataset.label) el.dataset.label = el.textContent;
      var s = Math.round((Date.parse(el.getAttribute("datetime")) - now) / 1000);
      el.textContent = el.dataset.label + " (" + fmt(s) + ")";
      el.classList.toggle("late", s < 0);
    });
  }
  tick();
  setInterval(tick, 1000);

  // Shortcuts: "/" search, "g i" inbox, "g t" tasks.
  var g = false;
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") { var q = document.getElementById("q"); if (q) { e.preventDefault(); q.focus(); } return; }
    if (g && e.key === "i") location.href = "/inbox";
    if (g && e.key === "t") location.href = "/tasks";
    g = e.key === "g";
  });
})();
