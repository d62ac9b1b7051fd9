// The flow area's script (served after app.js as one /static/app.js).
(function () {
  "use strict";
  // What an action answered (`?done=…`) is said once: the code leaves the address, so a
  // reload or a live refresh of the page does not say it again.
  if (document.getElementById("flash") && /[?&]done=/.test(location.search) && window.history && history.replaceState) {
    history.replaceState(history.state, "", location.pathname + location.hash);
  }
  // On a phone the lead card's long forms start folded (the first screen is who, why, what is
  // due and the call buttons); on a desktop they stay open.
  if (window.matchMedia && window.matchMedia("(max-width: 600px)").matches) {
    document.querySelectorAll("details.fold[open]").forEach(function (d) {
      d.removeAttribute("open");
    });
  }
})();
