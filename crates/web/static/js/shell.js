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

// A file picker in the page's language: the chosen file's name beside the button.
document.addEventListener("change", function (e) {
  var input = e.target;
  if (!input.matches || !input.matches(".file-pick-input")) return;
  var name = input.closest(".file-pick").querySelector(".file-pick-name");
  if (name) name.textContent = input.files && input.files.length ? input.files[0].name : name.dataset.none;
});
