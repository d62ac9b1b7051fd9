// The playbooks area's script (issue 19).
// The playbook editor (/admin/playbooks/NAME): line numbers beside the text, and as one types
// (debounced) the text is checked by the server — the same check as `pronto playbook check` —
// and its problems are marked on their lines, the diagram and the changes redrawn. Everything
// from the server is put in as text (textContent) or as an <img> address, never as markup.
(function () {
  "use strict";
  var root = document.getElementById("pb-editor");
  if (!root) return;
  var src = document.getElementById("pb-source");
  var gutter = document.getElementById("pb-gutter");
  var summary = document.getElementById("pb-summary");
  var list = document.getElementById("pb-problems");
  var img = document.getElementById("pb-diagram");
  var diff = document.getElementById("pb-diff");
  var nochange = document.getElementById("pb-nochange");
  var lineWord = root.getAttribute("data-line") || "Line";
  var bad = {};
  var timer = null;
  var seq = 0;

  function drawGutter() {
    var n = Math.max(1, src.value.split("\n").length);
    var frag = document.createDocumentFragment();
    for (var i = 1; i <= n; i++) {
      var s = document.createElement("span");
      s.textContent = String(i);
      if (bad[i]) {
        s.className = "bad";
        s.title = bad[i];
      }
      frag.appendChild(s);
      frag.appendChild(document.createTextNode("\n"));
    }
    gutter.textContent = "";
    gutter.appendChild(frag);
    gutter.scrollTop = src.scrollTop;
  }

  function show(r) {
    bad = {};
    list.textContent = "";
    (r.problems || []).forEach(function (p) {
      bad[p.line] = (bad[p.line] ? bad[p.line] + "; " : "") + p.message;
      var li = document.createElement("li");
      li.setAttribute("data-line", String(p.line));
      var b = document.createElement("b");
      b.textContent = lineWord + " " + p.line + ": ";
      var m = document.createElement("span");
      m.dir = "ltr";
      m.textContent = p.message;
      li.appendChild(b);
      li.appendChild(m);
      list.appendChild(li);
    });
    summary.textContent = r.summary || "";
    summary.classList.toggle("bad", !r.valid);
    if (r.valid && r.diagram && r.diagram.indexOf("data:image/svg+xml;base64,") === 0) {
      img.src = r.diagram;
      img.hidden = false;
    }
    diff.textContent = "";
    (r.changes || []).forEach(function (l) {
      var s = document.createElement("span");
      if (l) {
        s.className = "op" + (l.op === "+" ? " add" : l.op === "-" ? " del" : "");
        s.textContent = l.op + " " + l.no + " " + l.text;
      } else {
        s.className = "gap";
        s.textContent = "…";
      }
      diff.appendChild(s);
      diff.appendChild(document.createTextNode("\n"));
    });
    nochange.hidden = (r.changes || []).length > 0;
    drawGutter();
  }

  function check() {
    var mine = ++seq;
    var body = new URLSearchParams();
    body.set("source", src.value);
    fetch(root.getAttribute("data-check"), {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: body.toString()
    })
      .then(function (r) { return r.json(); })
      .then(function (r) { if (mine === seq) show(r); })
      .catch(function () {});
  }

  src.addEventListener("input", function () {
    drawGutter();
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  });
  src.addEventListener("scroll", function () { gutter.scrollTop = src.scrollTop; });
  // Tab indents instead of leaving the field (Esc then Tab leaves it).
  var escaped = false;
  src.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { escaped = true; return; }
    if (e.key === "Tab" && !e.shiftKey && !escaped) {
      e.preventDefault();
      var a = src.selectionStart, z = src.selectionEnd;
      src.value = src.value.slice(0, a) + "  " + src.value.slice(z);
      src.selectionStart = src.selectionEnd = a + 2;
      src.dispatchEvent(new Event("input"));
    }
    escaped = false;
  });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("li[data-line]");
    if (!li) return;
    var line = parseInt(li.getAttribute("data-line"), 10);
    var lines = src.value.split("\n");
    var at = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    src.focus();
    src.selectionStart = src.selectionEnd = at;
  });
})();
