// The test-call page: keys go to the server's softphone, prompts come back as text and audio (played in order).
(function () {
  var root = document.getElementById('test-call');
  if (!root) { return; }
  var base = root.dataset.call;
  var seen = 0, ended = false, queue = [], playing = false;
  var audio = document.getElementById('prompt-audio');
  var list = document.getElementById('prompts');
  var stateEl = document.getElementById('call-state');
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');

  function playNext() {
    if (playing || queue.length === 0 || !document.getElementById('play-audio').checked) { return; }
    playing = true;
    audio.src = queue.shift();
    var done = function () { playing = false; playNext(); };
    audio.onended = done; audio.onerror = done;
    audio.play().catch(done);
  }

  function show(progress) {
    stateEl.textContent = progress.state;
    progress.prompts.forEach(function (p) {
      if (p.seq < seen) { return; }
      var li = document.createElement('li');
      li.dataset.kind = p.kind;
      li.dataset.file = p.file || '';
      li.textContent = p.text || p.file || p.kind;
      list.appendChild(li);
      seen = p.seq + 1;
      if (p.audioUrl) { queue.push(p.audioUrl); }
    });
    list.parentElement.scrollTop = list.parentElement.scrollHeight;
    playNext();
    if (progress.ended) { ended = true; root.dataset.ended = 'true'; }
  }

  function send(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (method === 'POST') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      if (token && header) { headers[header.content] = token.content; }
    }
    return fetch(base + path, { method: method, headers: headers, body: body, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) { if (p) { show(p); } });
  }

  document.getElementById('keypad').addEventListener('click', function (e) {
    var key = e.target.dataset && e.target.dataset.key;
    if (key && !ended) { send('POST', '/keys', 'keys=' + encodeURIComponent(key) + '&from=' + seen); }
  });
  document.getElementById('hangup').addEventListener('click', function () { send('POST', '/hangup', ''); });

  function poll() {
    send('GET', '/progress?from=' + seen).finally(function () { if (!ended) { setTimeout(poll, 700); } });
  }
  poll();
})();
