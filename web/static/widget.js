/* tanya chat widget: one script tag, no framework, no build step.
 *
 *   <script src="https://HOST/widget.js" data-server="wss://HOST/ws"
 *           data-title="Tanya artikel ini" data-lang="id" defer></script>
 *
 * Options (data- attributes): server (WebSocket URL; default: the script's own
 * host + /ws), title, lang (id | en), color (accent colour), position
 * (right | left), article (the article this page shows, its file name without
 * the extension: its passages answer first, other articles when it has no
 * answer; leave it out on pages about the whole site). The host page can also theme it with CSS custom properties on
 * the element #tanya-widget: --tanya-accent, --tanya-accent-text, --tanya-bg,
 * --tanya-text, --tanya-bot-bg, --tanya-radius, --tanya-font.
 * Everything renders inside a Shadow DOM: the page's CSS cannot break it and it
 * cannot break the page. The conversation survives a reload in the same tab
 * (sessionStorage); questions typed while offline, and questions whose answer
 * never came because the connection dropped, are sent on reconnect.
 * A page whose origin the server refuses is told so (GET /api/origin, see
 * web/PROTOCOL.md) instead of retrying forever: a browser cannot read why a
 * WebSocket handshake failed, so the widget asks over plain HTTP.
 * Voice: Indonesian texts speak to the student as "kamu", like the replies.
 */
(function () {
  'use strict';
  if (window.__tanyaWidget) return;
  window.__tanyaWidget = true;

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var lang = data.lang === 'en' ? 'en' : 'id';
  var server = data.server || defaultServer();
  var storeKey = 'tanya:' + server;

  var TEXT = {
    id: {
      title: 'Tanya artikel ini', open: 'Buka obrolan', close: 'Tutup obrolan',
      placeholder: 'Tulis pertanyaanmu…', send: 'Kirim', input: 'Pertanyaan',
      online: 'Tersambung', offline: 'Terputus — mencoba menyambung lagi…',
      queued: 'Akan dikirim saat tersambung lagi', source: 'Sumber', sourceOf: 'Lihat sumber: ',
      useful: 'Jawaban membantu', notUseful: 'Jawaban tidak membantu', thanks: 'Terima kasih atas masukanmu!',
      typing: 'tanya sedang mengetik', log: 'Percakapan', corrected: 'Maksudmu: ',
      suggestions: 'Pertanyaan lain', notFound: 'Tidak ditemukan di artikel', error: 'Maaf, terjadi kesalahan: ',
      refusedStatus: 'Tidak diizinkan di situs ini',
      refused: 'Situs ini belum diizinkan memakai obrolan ini, jadi pertanyaanmu tidak bisa dikirim. Pemilik situs perlu menambahkan alamat situs ini di pengaturan server tanya.'
    },
    en: {
      title: 'Ask this article', open: 'Open chat', close: 'Close chat',
      placeholder: 'Type your question…', send: 'Send', input: 'Question',
      online: 'Connected', offline: 'Offline — reconnecting…',
      queued: 'Will be sent when back online', source: 'Source', sourceOf: 'Show source: ',
      useful: 'Helpful answer', notUseful: 'Not helpful', thanks: 'Thanks for your feedback!',
      typing: 'tanya is typing', log: 'Conversation', corrected: 'Did you mean: ',
      suggestions: 'More questions', notFound: 'Not found in the article', error: 'Sorry, something went wrong: ',
      refusedStatus: 'Not allowed on this site',
      refused: 'This site is not allowed to use this chat, so your question cannot be sent. The site owner needs to add this site\'s address to the tanya server\'s settings.'
    }
  }[lang];
  var title = data.title || TEXT.title;

  function defaultServer() {
    var base = script && script.src ? new URL(script.src, location.href) : location;
    return (base.protocol === 'https:' ? 'wss://' : 'ws://') + base.host + '/ws';
  }

  // The same server over HTTP(S): wss://host/ws → https://host/api/origin.
  function originCheckUrl() {
    try {
      var u = new URL(server, location.href);
      u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
      u.pathname = u.pathname.replace(/\/ws$/, '') + '/api/origin';
      u.search = '';
      return u.href;
    } catch (e) { return null; }
  }

  // ---- state, kept in sessionStorage ------------------------------------
  var state = load();
  function load() {
    try {
      var s = JSON.parse(sessionStorage.getItem(storeKey) || 'null');
      if (s && Array.isArray(s.log)) {
        // Asked on the previous page but never answered: ask again.
        s.pending = (Array.isArray(s.inflight) ? s.inflight : []).concat(Array.isArray(s.pending) ? s.pending : []);
        s.inflight = [];
        return s;
      }
    } catch (e) { /* private mode or bad data: start fresh */ }
    return { log: [], pending: [], inflight: [], open: false, welcomed: false };
  }
  function save() {
    try { sessionStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* full or blocked */ }
  }

  // ---- DOM ----------------------------------------------------------------
  var host = document.createElement('div');
  host.id = 'tanya-widget';
  var root = host.attachShadow({ mode: 'open' });
  var accent = data.color || '';
  root.innerHTML =
    '<style>' + css() + '</style>' +
    '<button class="launcher" type="button" aria-expanded="false" aria-controls="tanya-panel"></button>' +
    '<section id="tanya-panel" class="panel" role="dialog" aria-modal="false" aria-labelledby="tanya-title" hidden>' +
    '<header><div><h2 id="tanya-title"></h2><p class="status" role="status"></p></div>' +
    '<button class="close" type="button"></button></header>' +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>' +
    '<p class="refused" role="alert" hidden></p>' +
    '<div class="typing" hidden><span></span><span></span><span></span></div>' +
    '<form class="composer"><textarea rows="1" maxlength="1000"></textarea>' +
    '<button class="send" type="submit"></button></form>' +
    '</section>';
  var $ = function (sel) { return root.querySelector(sel); };
  var launcher = $('.launcher'), panel = $('.panel'), logEl = $('.log'), typing = $('.typing');
  var input = $('textarea'), form = $('form'), statusEl = $('.status'), closeBtn = $('.close');
  var refusedEl = $('.refused'), sendBtn = $('.send');
  if (accent) host.style.setProperty('--tanya-accent', accent);
  if (data.position === 'left') host.classList.add('left');
  launcher.setAttribute('aria-label', TEXT.open);
  launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16v12H7l-3 3z" fill="currentColor"/></svg>';
  $('#tanya-title').textContent = title;
  closeBtn.setAttribute('aria-label', TEXT.close);
  closeBtn.textContent = '×';
  input.setAttribute('placeholder', TEXT.placeholder);
  input.setAttribute('aria-label', TEXT.input);
  $('.send').textContent = TEXT.send;
  typing.setAttribute('aria-label', TEXT.typing);
  typing.setAttribute('role', 'status');
  logEl.setAttribute('aria-label', TEXT.log);
  (document.body || document.documentElement).appendChild(host);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- rendering ------------------------------------------------------------
  function render(entry) {
    var node;
    if (entry.role === 'user') {
      node = el('div', 'msg user', entry.text);
      if (entry.queued) node.appendChild(el('small', 'note', TEXT.queued));
    } else if (entry.role === 'error') {
      node = el('div', 'msg bot error', TEXT.error + entry.text);
    } else {
      node = renderAnswer(entry);
    }
    logEl.appendChild(node);
    if (entry.role === 'bot') latestOnly();
    logEl.scrollTop = logEl.scrollHeight;
    return node;
  }

  // Only the latest answer's controls are in the Tab order; the arrow keys
  // (and Home/End) move between every control of the conversation.
  function latestOnly() {
    var answers = logEl.querySelectorAll('.msg.bot');
    answers.forEach(function (m, i) {
      m.querySelectorAll('button').forEach(function (b) {
        if (i === answers.length - 1) b.removeAttribute('tabindex'); else b.tabIndex = -1;
      });
    });
  }
  logEl.addEventListener('keydown', function (e) {
    var keys = { ArrowDown: 1, ArrowUp: -1, Home: 0, End: 0 };
    if (!(e.key in keys)) return;
    var all = Array.prototype.slice.call(logEl.querySelectorAll('button'));
    if (!all.length) return;
    var at = all.indexOf(root.activeElement);
    if (at === -1 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) return;  // the log itself scrolls
    var next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : Math.max(0, Math.min(all.length - 1, at + keys[e.key]));
    e.preventDefault();
    all[next].focus();
  });

  function renderAnswer(a) {
    var node = el('div', 'msg bot' + (a.fallback ? ' fallback' : ''));
    if (a.fallback) node.appendChild(el('strong', 'badge', TEXT.notFound));
    node.appendChild(el('p', 'text', a.text));
    if (a.corrections && a.corrections.length) {
      node.appendChild(el('small', 'note', TEXT.corrected + a.corrections.map(function (c) { return c.to; }).join(', ')));
    }
    var src = a.sources && a.sources[0];
    if (src) {
      var toggle = el('button', 'source', TEXT.source + ': ' + src.section);
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-label', TEXT.sourceOf + src.section);
      var passage = el('blockquote', 'passage');
      passage.hidden = true;
      highlight(passage, src.text, a.matched || [], a.span);
      toggle.addEventListener('click', function () {
        var open = passage.hidden;
        passage.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
      });
      node.appendChild(toggle);
      node.appendChild(passage);
    }
    var fresh = unseen(a.suggestions || [], a);
    if (fresh.length) node.appendChild(chips(fresh));
    if (a.intent === 'question' && !a.fallback && a.id) node.appendChild(feedback(a));
    return node;
  }

  // The passage with the answer span and the question's words marked.
  function highlight(into, text, words, span) {
    var chars = Array.from(text);
    var start = span ? span.start : -1, end = span ? span.end : -1;
    var stems = words.map(function (w) { return w.toLowerCase(); }).filter(function (w) { return w.length >= 3; });
    var re = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu, m, pos = 0;
    var joined = chars.join('');
    var spanBox = null;
    while ((m = re.exec(joined))) {
      var piece = m[0], len = Array.from(piece).length, inSpan = pos >= start && pos < end;
      var target = into;
      if (inSpan) {
        if (!spanBox) { spanBox = el('span', 'span'); into.appendChild(spanBox); }
        target = spanBox;
      } else {
        spanBox = null;
      }
      var lower = piece.toLowerCase();
      var hit = /[\p{L}\p{N}]/u.test(piece) && stems.some(function (s) {
        return lower === s || (s.length >= 4 && (lower.indexOf(s.slice(0, Math.max(4, s.length - 2))) !== -1));
      });
      target.appendChild(hit ? el('mark', null, piece) : document.createTextNode(piece));
      pos += len;
    }
  }

  // A suggestion already asked or shown earlier in this conversation is not
  // offered again. The server does the same per connection; this also covers
  // a conversation that went on over a new connection or after a reload.
  function unseen(list, upTo) {
    var seen = {};
    for (var i = 0; i < state.log.length && state.log[i] !== upTo; i++) {
      var e = state.log[i];
      if (e.role === 'user') seen[norm(e.text)] = true;
      (e.shown || []).forEach(function (s) { seen[norm(s)] = true; });
    }
    var out = list.filter(function (s) { return !seen[norm(s)]; });
    upTo.shown = out;
    return out;
  }
  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, ' ').trim(); }

  function chips(list) {
    var box = el('div', 'chips');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', TEXT.suggestions);
    list.forEach(function (s) {
      var b = el('button', 'chip', s);
      b.type = 'button';
      b.addEventListener('click', function () { ask(s); input.focus(); });
      box.appendChild(b);
    });
    return box;
  }

  function feedback(a) {
    var box = el('div', 'feedback');
    // Drawn as SVG: an emoji font is not on every machine.
    var thumb = '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>';
    [[true, TEXT.useful], [false, TEXT.notUseful]].forEach(function (f) {
      var b = el('button', 'vote' + (f[0] ? '' : ' down'));
      b.innerHTML = thumb;
      b.type = 'button';
      b.setAttribute('aria-label', f[1]);
      b.setAttribute('aria-pressed', String(a.vote === f[0]));
      b.addEventListener('click', function () {
        a.vote = f[0];
        save();
        box.querySelectorAll('.vote').forEach(function (v) { v.setAttribute('aria-pressed', String(v === b)); });
        transmit({ type: 'feedback', id: a.id, useful: f[0] });
        var note = box.querySelector('.note') || box.appendChild(el('small', 'note'));
        note.textContent = TEXT.thanks;
      });
      box.appendChild(b);
    });
    return box;
  }

  function showWelcome(msg) {
    if (state.welcomed) return;
    state.welcomed = true;
    var entry = { role: 'bot', intent: 'greeting', text: msg.text, suggestions: msg.suggestions || [] };
    state.log.push(entry);
    save();
    render(entry);
  }

  // ---- the socket -----------------------------------------------------------
  var socket = null, attempts = 0, timer = null, counter = 0, refused = false;
  function setOnline(online) {
    if (refused) return;
    statusEl.textContent = online ? TEXT.online : TEXT.offline;
    panel.classList.toggle('offline', !online);
    host.classList.toggle('offline', !online);
  }

  function connect() {
    clearTimeout(timer);
    if (refused) return;
    var opened = false;
    try { socket = new WebSocket(server); } catch (e) { return retry(); }
    socket.onopen = function () {
      opened = true;
      attempts = 0;
      setOnline(true);
      var pending = state.pending;
      state.pending = [];
      pending.forEach(function (p) { transmit(p); });
      state.log.forEach(function (e) { delete e.queued; });
      logEl.querySelectorAll('.msg.user .note').forEach(function (n) { n.remove(); });
      if (pending.length) typing.hidden = false;
      save();
    };
    socket.onmessage = function (ev) {
      var msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg.id) state.inflight = state.inflight.filter(function (p) { return p.id !== msg.id; });
      if (msg.type === 'welcome') return showWelcome(msg);
      if (msg.type === 'answer') {
        typing.hidden = true;
        var entry = msg;
        entry.role = 'bot';
        state.log.push(entry);
        save();
        render(entry);
      } else if (msg.type === 'error') {
        typing.hidden = true;
        var err = { role: 'error', text: msg.message };
        state.log.push(err);
        save();
        render(err);
      }
    };
    socket.onclose = function () {
      // Asked but never answered (the server, or its replica, went away): ask again.
      state.pending = state.inflight.concat(state.pending);
      state.inflight = [];
      save();
      setOnline(false);
      typing.hidden = true;
      // Never got in: refused, or just down? Only the server can say.
      if (opened) retry(); else checkOrigin();
    };
    socket.onerror = function () { /* onclose follows */ };
  }

  // GET /api/origin answers any origin (CORS *) whether it may use the chat.
  // A server that cannot be reached, or an old one without the endpoint, is
  // an outage: keep retrying.
  function checkOrigin() {
    var url = originCheckUrl();
    if (!url || !window.fetch) return retry();
    fetch(url, { cache: 'no-store', credentials: 'omit' }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (j) {
      if (j && j.allowed === false) showRefused(j.origin || location.origin); else retry();
    }, function () { retry(); });
  }

  function showRefused(origin) {
    refused = true;
    clearTimeout(timer);
    statusEl.textContent = TEXT.refusedStatus;
    panel.classList.add('offline');
    host.classList.add('offline');
    refusedEl.textContent = TEXT.refused;
    refusedEl.hidden = false;
    input.disabled = true;
    sendBtn.disabled = true;
    if (window.console) {
      console.error('tanya: the chat server ' + server + ' refuses pages from ' + origin +
        '. Add it to the server\'s allowed origins, e.g. tanya serve --allowed-origins ' + origin);
    }
  }

  // Exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to 30 s.
  function retry() {
    clearTimeout(timer);
    if (refused) return;
    var delay = Math.min(30000, 500 * Math.pow(2, attempts++)) * (0.75 + Math.random() * 0.5);
    timer = setTimeout(connect, delay);
  }

  function transmit(msg) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(msg));
      if (msg.type === 'ask') state.inflight.push(msg);
      return true;
    }
    if (msg.type === 'ask') state.pending.push(msg);
    save();
    return false;
  }

  function ask(text) {
    text = String(text || '').trim();
    if (!text) return;
    var msg = { type: 'ask', id: 'w-' + Date.now().toString(36) + '-' + (counter++), text: text, lang: lang };
    if (data.article) msg.article = data.article;
    var sent = transmit(msg);
    var entry = { role: 'user', text: text, queued: !sent };
    state.log.push(entry);
    save();
    render(entry);
    typing.hidden = !sent;
  }

  // ---- open, close, keyboard ------------------------------------------------
  function setOpen(open, focus) {
    state.open = open;
    save();
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? TEXT.close : TEXT.open);
    host.classList.toggle('is-open', open);
    if (open) {
      if (focus !== false) input.focus();
      logEl.scrollTop = logEl.scrollHeight;
    } else if (focus !== false) {
      launcher.focus();
    }
  }

  launcher.addEventListener('click', function () { setOpen(panel.hidden); });
  closeBtn.addEventListener('click', function () { setOpen(false); });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.preventDefault(); setOpen(false); }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    ask(input.value);
    input.value = '';
    input.style.height = '';
    input.focus();  // ready for the next question, also after tapping Kirim
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  input.addEventListener('input', function () {
    input.style.height = '';
    input.style.height = Math.min(input.scrollHeight, 120) + 'px';
  });

  state.log.forEach(function (e) { render(e); });
  setOpen(!!state.open, false);
  setOnline(false);
  connect();

  function css() {
    return [
      ':host{all:initial;--tanya-accent:#0b5fff;--tanya-accent-text:#fff;--tanya-bg:#fff;--tanya-text:#1f2933;',
      '--tanya-bot-bg:#f1f4f8;--tanya-radius:16px;--tanya-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;',
      'position:fixed;z-index:2147483000;right:20px;bottom:20px;font:15px/1.45 var(--tanya-font);color:var(--tanya-text)}',
      ':host(.left){right:auto;left:20px}',
      '*{box-sizing:border-box;font:inherit}',
      'button{cursor:pointer}',
      ':focus-visible{outline:3px solid #ffbf47;outline-offset:2px}',
      '.launcher{width:60px;height:60px;border-radius:50%;border:0;background:var(--tanya-accent);color:var(--tanya-accent-text);',
      'box-shadow:0 6px 20px rgba(0,0,0,.25);display:grid;place-items:center;transition:transform .15s}',
      '.launcher svg{width:28px;height:28px}',
      '.launcher:hover{transform:scale(1.06)}',
      ':host(.is-open) .launcher{display:none}',
      '.panel{position:absolute;right:0;bottom:0;width:380px;height:min(600px,calc(100vh - 40px));display:flex;flex-direction:column;',
      'background:var(--tanya-bg);border-radius:var(--tanya-radius);box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;',
      'animation:rise .18s ease-out}',
      ':host(.left) .panel{right:auto;left:0}',
      '.panel[hidden]{display:none}',
      '@keyframes rise{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}',
      'header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:14px 16px;background:var(--tanya-accent);color:var(--tanya-accent-text)}',
      'h2{margin:0;font-size:16px;font-weight:650}',
      '.status{margin:2px 0 0;font-size:13px}',
      '.offline .status{font-weight:600}',
      '.offline header{background:#5f6b7a}',
      '.close{border:0;background:transparent;color:inherit;font-size:26px;line-height:1;width:36px;height:36px;border-radius:8px}',
      '.close:hover{background:rgba(255,255,255,.15)}',
      '.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px}',
      '.msg{max-width:88%;padding:10px 12px;border-radius:14px;word-wrap:break-word;white-space:pre-wrap}',
      '.msg p{margin:0}',
      '.user{align-self:flex-end;background:var(--tanya-accent);color:var(--tanya-accent-text);border-bottom-right-radius:4px}',
      '.bot{align-self:flex-start;background:var(--tanya-bot-bg);border-bottom-left-radius:4px}',
      '.fallback{background:#fff7e6;border:1px solid #f0c36d}',
      '.error{background:#fdecea;color:#8a1c1c}',
      '.badge{display:block;font-size:12px;font-weight:650;color:#7a4d00;margin-bottom:4px}',
      '.note{display:block;font-size:12px;margin-top:4px}',
      '.refused{margin:0 10px 8px;padding:10px 12px;border-radius:10px;background:#fdecea;color:#8a1c1c;font-size:14px}',
      '.refused[hidden]{display:none}',
      '.source{display:block;margin-top:8px;padding:0;border:0;background:none;color:#0b4bcc;text-decoration:underline;font-size:13px;text-align:left}',
      '.passage{margin:8px 0 0;padding:8px 10px;border-left:3px solid var(--tanya-accent);background:#fff;font-size:13px;border-radius:6px}',
      '.passage .span{background:#e8f0ff}',
      'mark{background:#ffe58a;color:inherit;border-radius:2px}',
      '.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}',
      '.chip{border:1px solid #b9c6d6;background:#fff;color:#123;border-radius:999px;padding:5px 10px;font-size:13px;text-align:left}',
      '.chip:hover{border-color:var(--tanya-accent)}',
      '.feedback{display:flex;align-items:center;gap:4px;margin-top:6px}',
      '.vote{border:1px solid transparent;background:none;border-radius:8px;padding:3px 6px;color:#52606d;line-height:0}',
      '.vote svg{width:18px;height:18px}.vote.down svg{transform:rotate(180deg)}',
      '.vote[aria-pressed=true]{border-color:var(--tanya-accent);background:#fff}',
      '.typing{display:flex;gap:4px;padding:0 16px 8px}',
      '.typing[hidden]{display:none}',
      '.typing span{width:8px;height:8px;border-radius:50%;background:#8a96a3;animation:blink 1s infinite}',
      '.typing span:nth-child(2){animation-delay:.15s}.typing span:nth-child(3){animation-delay:.3s}',
      '@keyframes blink{0%,80%,100%{opacity:.3}40%{opacity:1}}',
      '.composer{display:flex;gap:8px;padding:10px;border-top:1px solid #e4e7eb}',
      // 16px: iOS zooms into an input whose text is smaller.
      'textarea{flex:1;resize:none;border:1px solid #8a96a3;border-radius:10px;padding:9px 10px;font-size:16px;color:var(--tanya-text);background:#fff;max-height:120px}',
      'textarea:disabled,.send:disabled{opacity:.6;cursor:not-allowed}',
      '.send{border:0;border-radius:10px;padding:0 14px;background:var(--tanya-accent);color:var(--tanya-accent-text);font-weight:600}',
      '@media (max-width:480px){:host{right:12px;bottom:12px}',
      '.panel{position:fixed;inset:0;width:100vw;height:100%;border-radius:0}}',
      '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}'
    ].join('');
  }
})();
