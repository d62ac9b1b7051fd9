// The entry area's script (served after app.js as one /static/app.js).
// New inquiry (/leads/new): as the phone, e-mail or company id is typed, the contacts it may
// belong to appear under the form (GET /leads/new/similar, JSON); "add to this contact" links
// the form to that contact without sending it. Without JS the server shows the same list as a
// confirmation step after the first submit.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) return;
  var box = document.getElementById("similar");
  var list = document.getElementById("similar-list");
  var heading = document.getElementById("similar-heading");
  var hidden = document.getElementById("entry-contact");
  var chosen = document.getElementById("entry-chosen");
  var chosenText = document.getElementById("entry-chosen-text");
  var fields = ["phone", "email", "company_id"].map(function (id) { return document.getElementById(id); });
  var timer = null;
  var asked = "";
  var seq = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function choose(s, label) {
    hidden.value = String(s.contact_id);
    chosenText.textContent = label;
    chosen.hidden = false;
    var fill = { phone: s.phone, email: s.email };
    Object.keys(fill).forEach(function (k) {
      var input = document.getElementById(k);
      if (input && !input.value.trim() && fill[k]) input.value = fill[k];
    });
    box.hidden = true;
  }

  function show(answer) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var old = box.querySelectorAll(".hint, #entry-confirm-new");
    for (var i = 0; i < old.length; i++) old[i].remove();
    if (!answer.suggestions.length || hidden.value) { box.hidden = true; return; }
    heading.textContent = answer.heading;
    answer.suggestions.forEach(function (s) {
      var li = el("li");
      li.setAttribute("data-contact", String(s.contact_id));
      var who = el("strong", null, s.name);
      who.dir = "auto";
      li.appendChild(who);
      li.appendChild(document.createTextNode(" "));
      var meta = el("span", "meta", s.details);
      meta.dir = "auto";
      li.appendChild(meta);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "why", s.why_text));
      var acts = el("span", "acts");
      s.open.forEach(function (l) {
        var a = el("a", null, l.label + ": " + l.title);
        a.href = l.url;
        a.dir = "auto";
        acts.appendChild(a);
      });
      var add = el("button", null, s.add_label);
      add.type = "button";
      add.addEventListener("click", function () { choose(s, answer.adding.replace("{name}", s.name)); });
      acts.appendChild(add);
      li.appendChild(acts);
      list.appendChild(li);
    });
    box.hidden = false;
  }

  function ask() {
    var q = new URLSearchParams();
    fields.forEach(function (f) { if (f) q.set(f.name, f.value); });
    var s = q.toString();
    if (s === asked) return;
    asked = s;
    var mine = ++seq;
    fetch("/leads/new/similar?" + s, { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (a) { if (a && mine === seq) show(a); })
      .catch(function () {});
  }

  fields.forEach(function (f) {
    if (!f) return;
    f.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
  });

  var unchoose = document.getElementById("entry-unchoose");
  if (unchoose) {
    unchoose.addEventListener("click", function (e) {
      e.preventDefault();
      hidden.value = "";
      chosen.hidden = true;
      asked = "";
      ask();
    });
  }
})();

// The board (/board): drag a card to another stage. A mouse uses HTML5 drag and drop; touch
// and pens drag the card's grip with pointer events. A drop posts the same stage change as
// the card's buttons (POST /board/move); the server decides, and a refused move snaps the
// card back with the reason. The buttons stay for keyboards.
(function () {
  "use strict";
  // Live updates may redraw the board: listen on the document, find the board when needed.
  if (!document.querySelector(".board")) return;
  var dragging = null;

  function failed() {
    var b = document.querySelector(".board");
    return (b && b.getAttribute("data-failed")) || "";
  }

  function say(text, bad) {
    var status = document.getElementById("board-status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", !!bad);
    status.hidden = false;
  }

  function count(col, delta) {
    var c = col && col.querySelector("h2 .count");
    if (c) c.textContent = String((parseInt(c.textContent, 10) || 0) + delta);
  }

  function columnAt(x, y) {
    var el = document.elementFromPoint(x, y);
    return el && el.closest ? el.closest(".column") : null;
  }

  function move(card, to) {
    var from = card.closest(".column");
    if (!to || to === from) return;
    var after = card.nextSibling;
    // Optimistically there; back where it was if the server refuses.
    var head = to.querySelector("h2");
    to.insertBefore(card, head ? head.nextSibling : to.firstChild);
    count(from, -1);
    count(to, 1);
    card.classList.add("moving");
    var body = new URLSearchParams();
    body.set("lead", card.getAttribute("data-lead"));
    body.set("stage", to.getAttribute("data-stage"));
    fetch("/board/move", {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: body.toString()
    })
      .then(function (r) { return r.json().catch(function () { return { ok: false, message: "" }; }); })
      .then(function (a) {
        card.classList.remove("moving");
        if (a.ok) {
          card.setAttribute("data-stage", to.getAttribute("data-stage"));
          // Its buttons were the old stage's moves: the ones from here come with the next page.
          var form = card.querySelector("form.move");
          if (form) form.remove();
          say(a.message, false);
        } else {
          from.insertBefore(card, after && after.parentNode === from ? after : null);
          count(to, -1);
          count(from, 1);
          card.classList.add("refused");
          setTimeout(function () { card.classList.remove("refused"); }, 1500);
          say(a.message || failed(), true);
        }
      })
      .catch(function () {
        card.classList.remove("moving");
        from.insertBefore(card, after && after.parentNode === from ? after : null);
        count(to, -1);
        count(from, 1);
        say(failed(), true);
      });
  }

  // A mouse: HTML5 drag and drop.
  document.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".board .bcard");
    if (!card) return;
    dragging = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.getAttribute("data-lead"));
  });
  document.addEventListener("dragend", function () {
    if (dragging) dragging.classList.remove("dragging");
    dragging = null;
    document.querySelectorAll(".board .column.over").forEach(function (c) { c.classList.remove("over"); });
  });
  document.addEventListener("dragover", function (e) {
    var col = e.target.closest && e.target.closest(".board .column");
    if (!col || !dragging) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".board .column.over").forEach(function (c) { if (c !== col) c.classList.remove("over"); });
    col.classList.add("over");
  });
  document.addEventListener("drop", function (e) {
    var col = e.target.closest && e.target.closest(".board .column");
    if (!col || !dragging) return;
    e.preventDefault();
    col.classList.remove("over");
    move(dragging, col);
  });

  // Touch and pens: the grip follows the finger; lifting it over a column drops the card there.
  document.addEventListener("pointerdown", function (e) {
    if (e.pointerType === "mouse") return;
    var grip = e.target.closest && e.target.closest(".board .grip");
    if (!grip) return;
    var card = grip.closest(".bcard");
    e.preventDefault();
    var ghost = card.cloneNode(true);
    ghost.classList.add("ghost");
    ghost.removeAttribute("data-lead");
    var box = card.getBoundingClientRect();
    ghost.style.width = box.width + "px";
    var dx = e.clientX - box.left, dy = e.clientY - box.top;
    function place(x, y) {
      ghost.style.left = (x - dx) + "px";
      ghost.style.top = (y - dy) + "px";
    }
    place(e.clientX, e.clientY);
    document.body.appendChild(ghost);
    card.classList.add("dragging");
    var over = null;
    try { grip.setPointerCapture(e.pointerId); } catch (_) {}
    function moveTo(ev) {
      place(ev.clientX, ev.clientY);
      var col = columnAt(ev.clientX, ev.clientY);
      if (col !== over) {
        if (over) over.classList.remove("over");
        over = col;
        if (over) over.classList.add("over");
      }
    }
    function done(ev, drop) {
      grip.removeEventListener("pointermove", moveTo);
      grip.removeEventListener("pointerup", up);
      grip.removeEventListener("pointercancel", cancel);
      ghost.remove();
      card.classList.remove("dragging");
      if (over) over.classList.remove("over");
      if (drop) move(card, columnAt(ev.clientX, ev.clientY));
    }
    function up(ev) { done(ev, true); }
    function cancel(ev) { done(ev, false); }
    grip.addEventListener("pointermove", moveTo);
    grip.addEventListener("pointerup", up);
    grip.addEventListener("pointercancel", cancel);
  });
})();
