// /gop-y: tells the citizen at once when the chosen files are over the limit, before a long upload is refused.
// The server checks again (size and type from the content); this only saves a phone's data and time.
(function () {
  var input = document.getElementById('files');
  var out = document.getElementById('files-size');
  if (!input || !out) {
    return;
  }
  input.addEventListener('change', function () {
    var total = 0;
    for (var i = 0; i < input.files.length; i++) {
      total += input.files[i].size;
    }
    var over = total > Number(input.getAttribute('data-max-bytes'));
    out.hidden = !over;
    out.textContent = over ? input.getAttribute('data-too-large') : '';
    input.setCustomValidity(over ? input.getAttribute('data-too-large') : '');
  });
})();
