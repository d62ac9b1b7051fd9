// The catalogue area's script (issue 20): the search on /catalogue answers as one types —
// the same page is fetched for the words typed (debounced, 250 ms) and its results replace
// the list, and the address follows (so Back and a reload keep the search). Without JS the
// search button does the same.
(function () {
  "use strict";
  var form = document.getElementById("catalogue-search");
  var box = document.getElementById("catalogue-results");
  if (!form || !box) return;
  var input = document.getElementById("catalogue-q");
  var timer = null;
  var seq = 0;

  function refresh() {
    var mine = ++seq;
    var params = new URLSearchParams(new FormData(form));
    var url = form.getAttribute("action") + "?" + params.toString();
    box.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== seq) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("catalogue-results");
        if (fresh) box.innerHTML = fresh.innerHTML;
        box.removeAttribute("aria-busy");
        history.replaceState(null, "", url);
      })
      .catch(function () { box.removeAttribute("aria-busy"); });
  }

  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  input.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (timer) clearTimeout(timer);
    refresh();
  });
})();
