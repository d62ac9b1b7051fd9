// The setup area's script (issue 19).
// The accent colour's picker and its text field stay in step.
(function () {
  var text = document.getElementById('co-accent');
  var pick = document.getElementById('co-accent-pick');
  if (!text || !pick) return;
  pick.addEventListener('input', function () { text.value = pick.value; });
  text.addEventListener('change', function () { if (/^#[0-9a-fA-F]{6}$/.test(text.value.trim())) pick.value = text.value.trim().toLowerCase(); });
})();
