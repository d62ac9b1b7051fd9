// The forms area's script (issue 19).
// Message texts (/admin/texts/…): as the admin types, the text is sent (debounced, 300 ms) to
// POST /admin/texts/preview, which checks it as the API does and answers the text filled in
// for an example lead, or what is wrong (with its line) in the reader's words; the answer
// replaces the preview. Without JS, saving shows the same check.
(function () {
  "use strict";
  var form = document.getElementById("texts-edit");
  if (!form) return;
  var box = document.getElementById("texts-preview");
  var url = form.getAttribute("data-preview");
  var timer = null;
  var seq = 0;

  function refresh() {
    var mine = ++seq;
    var body = new URLSearchParams(new FormData(form));
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text().then(function (html) { return { ok: r.ok, html: html }; }); })
      .then(function (a) {
        if (mine !== seq) return;
        box.innerHTML = a.html;
        box.classList.toggle("invalid", !a.ok);
        box.setAttribute("data-state", a.ok ? "ok" : "error");
      })
      .catch(function () { /* offline: the preview stays as it was */ });
  }

  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  ["tx-text", "tx-subject"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) el.addEventListener("input", later);
  });
})();
