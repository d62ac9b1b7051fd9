// The shell area's script (served after app.js as one /static/app.js): the phone's "More" menu.
// Without script the tab links to #menu and CSS (:target) opens it.
(function () {
  "use strict";
  var more = document.getElementById("more");
  if (!more) return;
  var root = document.documentElement;
  function set(open) {
    root.classList.toggle("menu-open", open);
    more.setAttribute("aria-expanded", open ? "true" : "false");
  }
  more.addEventListener("click", function (e) {
    e.preventDefault();
    set(!root.classList.contains("menu-open"));
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") set(false); });
  document.addEventListener("click", function (e) {
    if (root.classList.contains("menu-open") && !e.target.closest("#drawer, #more")) set(false);
  });
})();
