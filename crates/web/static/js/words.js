// The words area's script (served after app.js as one /static/app.js).
// Call scripts come collapsed (phones); on a wide screen they open by themselves, once each,
// so a script the reader closed stays closed.
(function () {
  var wide = window.matchMedia ? window.matchMedia('(min-width: 48em)') : null;
  var opened = typeof WeakSet === 'function' ? new WeakSet() : null;
  function openScripts() {
    if (!wide || !wide.matches || !opened) return;
    var list = document.querySelectorAll('details.script-box');
    for (var i = 0; i < list.length; i++) {
      if (!opened.has(list[i])) {
        opened.add(list[i]);
        list[i].open = true;
      }
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', openScripts);
  else openScripts();
  if (typeof MutationObserver === 'function') {
    new MutationObserver(openScripts).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
