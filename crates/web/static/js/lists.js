// The lists area's script (served after app.js as one /static/app.js): "select all on this
// page" as a checkbox in the header. Without it the page works the same (a link ticks all).
(function () {
  "use strict";
  function rows(all) {
    var table = all.closest("table");
    return table ? table.querySelectorAll("tbody input[type=checkbox][name=lead]") : [];
  }
  function sync(all) {
    var boxes = rows(all), n = 0;
    boxes.forEach(function (b) { if (b.checked) n++; });
    all.checked = boxes.length > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
  }
  function wire() {
    document.querySelectorAll("input[data-select-all]").forEach(function (all) {
      if (all.dataset.wired) return;
      all.dataset.wired = "1";
      all.hidden = false;
      all.addEventListener("change", function () {
        rows(all).forEach(function (b) { b.checked = all.checked; });
      });
      sync(all);
    });
  }
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.name === "lead" && t.type === "checkbox") {
      var table = t.closest("table");
      var all = table && table.querySelector("input[data-select-all]");
      if (all) sync(all);
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire); else wire();
  // The inbox re-draws its list when an inquiry arrives: wire the new header too.
  new MutationObserver(wire).observe(document.documentElement, { childList: true, subtree: true });
})();
