// Pronto's UI: live updates (Server-Sent Events), countdowns to deadlines, keyboard shortcuts.
// No build step; loaded with `defer` on every page.
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

  function refresh(selector) {
    return fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(selector), old = document.querySelector(selector);
        if (fresh && old) {
          var before = {};
          old.querySelectorAll("[data-lead]").forEach(function (r) { before[r.dataset.lead] = true; });
          old.replaceWith(fresh);
          fresh.querySelectorAll("[data-lead]").forEach(function (r) { if (!before[r.dataset.lead]) r.classList.add("fresh"); });
          tick();
        }
      });
  }

  if (live && window.EventSource) {
    var es = new EventSource("/api/v1/events/stream");
    es.addEventListener("lead", function (ev) {
      var d = {};
      try { d = JSON.parse(ev.data); } catch (e) {}
      if (live === "inbox") {
        refresh("#leads");
        if (d.event === "lead.received") {
          beep();
          if (window.Notification && Notification.permission === "granted") {
            new Notification(body.dataset.newLead || "Pronto", { body: "#" + d.id });
          }
        }
      } else if (live === "lead" && String(d.id) === body.dataset.lead) {
        refresh("main");
      }
    });
    es.addEventListener("task", function () { if (live === "tasks") refresh("main"); });
    es.addEventListener("lagged", function () { location.reload(); });
    if (live === "inbox" && window.Notification && Notification.permission === "default") {
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
