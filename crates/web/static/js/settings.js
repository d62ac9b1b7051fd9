// The settings area's script (issue 19): the SMS page shows the fields of the provider chosen
// (Twilio's or another HTTP gateway's); without script every field shows.
(function () {
  function sync(select) {
    var form = select.form;
    if (!form) return;
    var nodes = form.querySelectorAll('[data-only]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].hidden = nodes[i].getAttribute('data-only') !== select.value;
    }
  }
  document.addEventListener('change', function (e) {
    if (e.target && e.target.matches && e.target.matches('select[data-provider-choice]')) sync(e.target);
  });
  function init() {
    var s = document.querySelectorAll('select[data-provider-choice]');
    for (var i = 0; i < s.length; i++) sync(s[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
