// The chat widget in a real browser: Debian's chromium driven by playwright-core
// against a real `tanya serve` on an ephemeral port.
//   node widget.test.mjs /path/to/tanya [ARTIFACT_DIR]
// Prints "N passed, N failed" and exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const binary = process.argv[2];
const artifacts = process.argv[3] || path.join(os.tmpdir(), 'tanya-browser-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-browser-'));
// axe-core (pinned in package.json) checks accessibility inside the page.
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let passed = 0, failed = 0;

function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.log('FAILED:', what); }
}

async function step(name, fn) {
  try { await fn(); console.log('ok  ', name); }
  catch (e) { failed++; console.log('FAILED:', name, '\n   ', e && e.message ? e.message.split('\n')[0] : e); }
}

function startServer(args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, ['serve', '--host', '127.0.0.1', ...args], {
      env: { ...process.env, TANYA_CACHE_DIR: cacheDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const log = { text: '' };  // everything the server printed, for the checks on its warnings
    const onData = (d) => {
      out += d;
      const m = out.match(/tanya: ready port=(\d+)/);
      if (m) { proc.stdout.off('data', onData); resolve({ proc, port: Number(m[1]), log }); }
    };
    proc.stdout.on('data', (d) => { log.text += d; });  // keeps the pipe flowing after ready, too
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d) => { log.text += d; });
    proc.on('exit', (code) => reject(new Error('tanya serve exited ' + code + '\n' + out)));
    setTimeout(() => reject(new Error('tanya serve not ready\n' + out)), 30000);
  });
}

function stopServer(s) {
  return new Promise((resolve) => { s.proc.removeAllListeners('exit'); s.proc.on('exit', resolve); s.proc.kill('SIGTERM'); });
}

// A plain page on another origin that embeds the widget from tanya.
function startHostPage(tanyaPort) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<style>* { color: red !important; font-size: 40px !important; } button { display: none !important; }</style></head>
<body><h1>Another site</h1>
<script src="http://127.0.0.1:${tanyaPort}/widget.js" data-server="ws://127.0.0.1:${tanyaPort}/ws"
  data-title="Tanya" data-lang="en" data-color="#7a1fa2" defer></script></body></html>`;
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(page); });
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

// Runs axe-core on the page (the widget's Shadow DOM included) and fails on
// any serious or critical violation, naming the rule and the elements.
async function checkAxe(page, where) {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
  for (const v of violations) console.log('   axe:', where, v);
  check(violations.length === 0, `no serious or critical axe violation: ${where}`);
}

// Where the focus is inside the widget's Shadow DOM.
const shadowFocus = (p) => p.evaluate(() => {
  const root = document.getElementById('tanya-widget').shadowRoot;
  const el = root.activeElement;
  const bots = root.querySelectorAll('.msg.bot');
  return el ? { tag: el.tagName, inLastAnswer: el.closest('.msg') === bots[bots.length - 1],
    inFirstMessage: el.closest('.msg') === root.querySelector('.msg') } : null;
});

async function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-proxy-server'],
});

// The cross-origin pages need their ports before tanya starts (its allowlist).
const port = await freePort();
const allowedHost = await startHostPage(port);
const refusedHost = await startHostPage(port);
const serverArgs = ['--port', String(port), '--allowed-origins', `http://127.0.0.1:${allowedHost.port}`];
let tanya = await startServer(serverArgs);
const base = `http://127.0.0.1:${tanya.port}/`;

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const frames = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  const answers = () => page.locator('#tanya-widget .msg.bot:not(.error)');

  await step('demo page loads with the widget', async () => {
    await page.goto(base);
    check(await page.locator('h1').count() === 1, 'demo page has a heading');
    await page.locator('#tanya-widget .launcher').waitFor();
    check(await page.locator('#tanya-widget .launcher').getAttribute('aria-label') === 'Buka obrolan', 'launcher label');
  });

  await step('open the widget: welcome and starter chips, focus in the input', async () => {
    await page.locator('#tanya-widget .launcher').click();
    await page.locator('#tanya-widget .panel').waitFor({ state: 'visible' });
    await page.locator('#tanya-widget .status', { hasText: 'Tersambung' }).waitFor();
    await page.locator('#tanya-widget .chip').first().waitFor();
    check(await page.locator('#tanya-widget .chip').count() >= 3, 'three or more starter chips');
    const focused = await page.evaluate(() => document.getElementById('tanya-widget').shadowRoot.activeElement?.tagName);
    check(focused === 'TEXTAREA', 'focus moves to the input on open');
  });

  await step('click a starter chip: its answer and source', async () => {
    const before = await answers().count();
    const chip = page.locator('#tanya-widget .chip').first();
    const question = await chip.textContent();
    await chip.click();
    await page.locator('#tanya-widget .msg.user', { hasText: question }).waitFor();
    await answers().nth(before).waitFor();
    const answer = answers().nth(before);
    check((await answer.locator('.source').textContent()).startsWith('Sumber: '), 'answer shows its source');
  });

  await step('type a question and press Enter; expand the source with highlights', async () => {
    const before = await answers().count();
    await page.locator('#tanya-widget textarea').fill('Apa perbedaan kerja sama bilateral dan multilateral?');
    await page.locator('#tanya-widget textarea').press('Enter');
    await answers().nth(before).waitFor();
    const answer = answers().nth(before);
    check((await answer.locator('.text').textContent()).includes('dua negara'), 'answer text is the FAQ answer');
    const source = answer.locator('.source');
    check(await source.getAttribute('aria-expanded') === 'false', 'source starts collapsed');
    await source.click();
    check(await source.getAttribute('aria-expanded') === 'true', 'source expands');
    await answer.locator('.passage').waitFor({ state: 'visible' });
    check(await answer.locator('.passage mark').count() > 0, 'matched words highlighted');
    check(await page.locator('#tanya-widget textarea').inputValue() === '', 'input cleared after sending');
    await page.waitForTimeout(300);  // let the opening animation finish
    await page.screenshot({ path: path.join(artifacts, 'widget-1280x800.png') });
  });

  await step('tap Kirim: answered, and the focus is back in the text box', async () => {
    const before = await answers().count();
    await page.locator('#tanya-widget textarea').fill('Apa manfaat kerja sama bilateral?');
    await page.locator('#tanya-widget .send').click();
    await answers().nth(before).waitFor();
    check((await shadowFocus(page))?.tag === 'TEXTAREA', 'focus in the text box after Kirim');
  });

  await step('keyboard: only the latest answer is in the Tab order; arrows reach the others', async () => {
    const tabbable = await page.evaluate(() => [...document.getElementById('tanya-widget').shadowRoot
      .querySelectorAll('.msg.bot')].map((m) => [...m.querySelectorAll('button')].filter((b) => b.tabIndex >= 0).length));
    check(tabbable.length >= 3 && tabbable.slice(0, -1).every((n) => n === 0), 'earlier answers are out of the Tab order');
    check(tabbable[tabbable.length - 1] > 0, 'the latest answer is in the Tab order');
    await page.locator('#tanya-widget textarea').focus();
    await page.keyboard.press('Shift+Tab');
    check((await shadowFocus(page))?.inLastAnswer === true, 'Shift+Tab from the text box reaches the latest answer');
    await page.keyboard.press('Home');
    check((await shadowFocus(page))?.inFirstMessage === true, 'Home moves to the first message\'s controls');
    await page.keyboard.press('ArrowDown');
    check((await shadowFocus(page))?.tag === 'BUTTON', 'ArrowDown moves to the next control');
    await page.locator('#tanya-widget textarea').focus();
  });

  await step('Shift+Enter makes a new line instead of sending', async () => {
    const users = await page.locator('#tanya-widget .msg.user').count();
    await page.locator('#tanya-widget textarea').fill('baris satu');
    await page.locator('#tanya-widget textarea').press('Shift+Enter');
    check((await page.locator('#tanya-widget textarea').inputValue()).includes('\n'), 'newline inserted');
    check(await page.locator('#tanya-widget .msg.user').count() === users, 'nothing sent');
    await page.locator('#tanya-widget textarea').fill('');
  });

  await step('click a suggestion chip of an answer', async () => {
    const before = await answers().count();
    const chip = answers().nth(before - 1).locator('.chip').first();
    const suggestion = await chip.textContent();
    await chip.click();
    await answers().nth(before).waitFor();
    const asked = await page.locator('#tanya-widget .msg.user').last().textContent();
    check(asked === suggestion, 'the suggestion was asked as a question');
    check((await answers().nth(before).locator('.text').textContent()).length > 10, 'suggestion answered');
  });

  await step('give feedback: thumbs up is acknowledged', async () => {
    const withVotes = page.locator('#tanya-widget .msg.bot .feedback').last();
    await withVotes.locator('.vote').first().click();
    check(await withVotes.locator('.vote').first().getAttribute('aria-pressed') === 'true', 'vote pressed');
    for (let i = 0; i < 50 && !frames.some((f) => f.includes('"ack"')); i++) await page.waitForTimeout(50);
    check(frames.some((f) => f.includes('"type":"ack"')), 'server acknowledged the feedback');
  });

  await step('a fallback answer looks different', async () => {
    const before = await answers().count();
    await page.locator('#tanya-widget textarea').fill('Resep rendang padang yang enak');
    await page.locator('#tanya-widget textarea').press('Enter');
    await answers().nth(before).waitFor();
    check(await answers().nth(before).evaluate((n) => n.classList.contains('fallback')), 'fallback styled');
  });

  await step('axe-core on the demo page, widget open with answers (1280x800)', async () => {
    await page.waitForTimeout(300);
    await checkAxe(page, 'desktop');
  });

  await step('server stops: offline state; a question typed offline waits', async () => {
    await stopServer(tanya);
    await page.locator('#tanya-widget .panel.offline').waitFor();
    check((await page.locator('#tanya-widget .status').textContent()).startsWith('Terputus'), 'offline text');
    await page.waitForTimeout(1500);  // a refused-origin check would have answered by now
    check(await page.locator('#tanya-widget [role=alert]').isHidden(), 'an outage is not a refusal');
    await page.locator('#tanya-widget textarea').fill('Apa manfaat kerja sama bilateral?');
    await page.locator('#tanya-widget textarea').press('Enter');
    await page.locator('#tanya-widget .msg.user .note').waitFor();
  });

  await step('server restarts: reconnects and answers the queued question', async () => {
    const before = await answers().count();
    tanya = await startServer(serverArgs);
    await page.locator('#tanya-widget .status', { hasText: 'Tersambung' }).waitFor({ timeout: 20000 });
    await answers().nth(before).waitFor({ timeout: 10000 });
    check((await answers().nth(before).locator('.text').textContent()).length > 10, 'queued question answered');
    check(await page.locator('#tanya-widget .msg.user .note').count() === 0, 'queued note cleared');
  });

  await step('reload keeps the conversation', async () => {
    const count = await page.locator('#tanya-widget .msg').count();
    await page.reload();
    await page.locator('#tanya-widget .msg').nth(count - 1).waitFor();
    check(await page.locator('#tanya-widget .msg').count() === count, 'same messages after reload');
    check(await page.locator('#tanya-widget .panel').isVisible(), 'panel still open after reload');
  });

  await step('accessibility basics: roles, labels, keyboard', async () => {
    check(await page.locator('#tanya-widget [role=dialog]').count() === 1, 'dialog role');
    check(await page.locator('#tanya-widget [role=log][aria-live=polite]').count() === 1, 'live log');
    check(!!(await page.locator('#tanya-widget textarea').getAttribute('aria-label')), 'input label');
    check(!!(await page.locator('#tanya-widget .close').getAttribute('aria-label')), 'close label');
    await page.locator('#tanya-widget textarea').focus();
    await page.keyboard.press('Escape');
    await page.locator('#tanya-widget .panel').waitFor({ state: 'hidden' });
    const focused = await page.evaluate(() => document.getElementById('tanya-widget').shadowRoot.activeElement?.className);
    check(focused === 'launcher', 'Escape closes and returns focus to the launcher');
    await page.keyboard.press('Enter');
    await page.locator('#tanya-widget .panel').waitFor({ state: 'visible' });
    check(await page.locator('#tanya-widget .launcher').getAttribute('aria-expanded') === 'true',
      'keyboard opens the panel again');
  });
  await context.close();

  await step('phone size 375x667: full screen panel', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto(base);
    await p.locator('#tanya-widget .launcher').click();
    await p.locator('#tanya-widget .chip').first().waitFor();
    const box = await p.locator('#tanya-widget .panel').boundingBox();
    check(box && Math.round(box.width) === 375 && Math.round(box.height) === 667, 'panel fills the screen');
    check(await p.locator('#tanya-widget textarea').evaluate((n) => parseFloat(getComputedStyle(n).fontSize)) >= 16,
      'text box at 16px or more (no zoom on iOS)');
    await p.locator('#tanya-widget .chip').first().click();
    await p.locator('#tanya-widget .msg.bot .source').first().waitFor();
    await p.waitForTimeout(300);
    await p.screenshot({ path: path.join(artifacts, 'widget-375x667.png') });
    await checkAxe(p, 'phone');
    await phone.close();
  });

  await step('embedded on another origin that is on the allowlist', async () => {
    const c = await browser.newContext();
    const p = await c.newPage();
    await p.goto(`http://127.0.0.1:${allowedHost.port}/`);
    await p.locator('#tanya-widget .launcher').click();
    await p.locator('#tanya-widget .status', { hasText: 'Connected' }).waitFor();
    await p.locator('#tanya-widget textarea').fill('What are the benefits of bilateral cooperation?');
    await p.locator('#tanya-widget textarea').press('Enter');
    await p.locator('#tanya-widget .msg.bot .source').first().waitFor();
    // The host page paints everything red at 40px and hides its buttons.
    const color = await p.locator('#tanya-widget .msg.user').first().evaluate((n) => getComputedStyle(n).color);
    check(color !== 'rgb(255, 0, 0)', 'host page CSS does not reach into the widget');
    check(await p.locator('#tanya-widget .send').isVisible(), 'widget buttons visible despite host CSS');
    await c.close();
  });

  await step('embedded on an origin not on the allowlist is refused', async () => {
    const c = await browser.newContext();
    const p = await c.newPage();
    const consoleErrors = [];
    p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    let sockets = 0;
    p.on('websocket', () => sockets++);
    const origin = `http://127.0.0.1:${refusedHost.port}`;
    await p.goto(origin + '/');
    await p.locator('#tanya-widget .launcher').click();
    const alert = p.locator('#tanya-widget [role=alert]');
    await alert.waitFor({ state: 'visible' });
    check((await alert.textContent()).includes('not allowed to use this chat'), 'the visitor is told the site is not allowed');
    check((await p.locator('#tanya-widget .status').textContent()) === 'Not allowed on this site', 'status says so');
    check(consoleErrors.some((t) => t.includes(origin) && t.includes('--allowed-origins')),
      'the console names the origin to add');
    check(await p.locator('#tanya-widget textarea').isDisabled(), 'nothing can be typed to be queued forever');
    const tries = sockets;
    await p.waitForTimeout(2500);  // the backoff would have tried again twice by now
    check(sockets === tries, 'no more connection attempts');
    check(await p.locator('#tanya-widget .chip').count() === 0, 'no welcome from a refused origin');
    await c.close();
  });
  await step('suggestions never repeat within a conversation', async () => {
    const c = await browser.newContext();
    const p = await c.newPage();
    const key = (s) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[?.! ]+$/, '').trim();
    const offered = [], asked = new Set();  // what the server offered on this connection; what was asked before
    let offeredAfterAsked = 0;
    p.on('websocket', (ws) => {
      ws.on('framesent', (f) => { try { asked.add(key(JSON.parse(String(f.payload)).text || '')); } catch (e) { /* */ } });
      ws.on('framereceived', (f) => {
        let list = [];
        try { list = JSON.parse(String(f.payload)).suggestions || []; } catch (e) { /* not JSON */ }
        offered.push(...list);
        offeredAfterAsked += list.filter((x) => asked.has(key(x))).length;
      });
    });
    await p.goto(base);
    await p.locator('#tanya-widget .launcher').click();
    await p.locator('#tanya-widget .chip').first().waitFor();
    const bots = p.locator('#tanya-widget .msg.bot');
    const say = async (text) => {
      const n = await bots.count();
      await p.locator('#tanya-widget textarea').fill(text);
      await p.locator('#tanya-widget textarea').press('Enter');
      await bots.nth(n).waitFor();
    };
    await say('halo');
    await say('berapa hasil 25 dikali 4?');
    const maths = bots.last();
    check((await maths.locator('.text').textContent()).includes('Coba tanyakan:'), 'nothing close: "Coba tanyakan:"');
    for (let i = 0; i < 4; i++) {
      const n = await bots.count();
      const chip = bots.nth(n - 1).locator('.chip').first();
      if (!(await chip.count())) break;
      await chip.click();
      await bots.nth(n).waitFor();
    }
    await say('halo lagi');
    check(offered.length >= 9, 'suggestions were offered (' + offered.length + ')');
    check(new Set(offered.map(key)).size === offered.length, 'the server never offered one twice');
    check(offeredAfterAsked === 0, 'the server never offered a question already asked');
    const shown = await p.locator('#tanya-widget .chip').allTextContents();
    check(new Set(shown.map(key)).size === shown.length, 'the widget never showed one twice');
    check(shown.every((x) => x.trim().endsWith('?')), 'every chip is a question, not a bare heading');
    await c.close();
  });

  await step('a freshly written article: served, its title on the demo page, answered in the widget', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-fresh-'));
    const title = 'Siklus Air di Bumi';
    const lead = 'Air di bumi terus berpindah antara laut, udara, dan daratan dalam sebuah siklus.';
    fs.writeFileSync(path.join(dir, 'siklus-air.txt'), [title, lead,
      'Penguapan dari Laut',
      'Panas matahari menguapkan air laut menjadi uap air yang naik ke atmosfer. Uap air itu membawa panas dari permukaan laut.',
      'Pembentukan Awan dan Hujan',
      'Uap air mendingin di ketinggian lalu mengembun menjadi titik air yang membentuk awan. Ketika titik air makin berat, hujan turun ke daratan.',
    ].join('\n\n') + '\n');
    // "sekolah.test" is not a full origin: the server must say so at start.
    const fresh = await startServer(['--port', '0', '--knowledge', dir, '--allowed-origins', 'sekolah.test']);
    try {
      const warning = /--allowed-origins: "sekolah\.test" is not a full origin.*https:\/\/sekolah\.test/;
      for (let i = 0; i < 20 && !warning.test(fresh.log.text); i++) await new Promise((r) => setTimeout(r, 100));
      check(warning.test(fresh.log.text), 'a bare host in --allowed-origins is warned about');
      const c = await browser.newContext();
      const p = await c.newPage();
      const sent = [];
      p.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
      await p.goto(`http://127.0.0.1:${fresh.port}/`);
      check((await p.locator('h1').textContent()) === title, 'the demo page shows the article\'s title');
      check((await p.locator('.lead').textContent()) === lead, 'and its lead');
      check((await p.title()).startsWith(title), 'and the title in the tab');
      check(!(await p.content()).includes('Bilateral'), 'nothing of the bundled article');
      await p.locator('#tanya-widget .launcher').click();
      await p.locator('#tanya-widget textarea').fill('kenapa bisa turun hujan?');
      await p.locator('#tanya-widget textarea').press('Enter');
      const src = p.locator('#tanya-widget .msg.bot .source').first();
      await src.waitFor();
      check((await src.textContent()).includes('Pembentukan Awan dan Hujan'), 'answered from the fresh article');
      check(sent.some((f) => f.includes('"type":"ask"') && f.includes('"article":"siklus-air"')),
        'the demo page\'s widget asks on its article\'s page (data-article)');
      await c.close();
    } finally {
      await stopServer(fresh);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
} finally {
  await browser.close();
  await stopServer(tanya);
  allowedHost.server.close();
  refusedHost.server.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
}

console.log(`screenshots in ${artifacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
