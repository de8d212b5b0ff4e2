// The owner's console (GET /admin) in a real browser: Debian's chromium driven
// by playwright-core against a real `tanya serve` on an ephemeral port, over a
// private copy of the bundled knowledge.
//   node console.test.mjs /path/to/tanya [ARTIFACT_DIR]
// Prints "N passed, N failed" and exits non-zero on any failure. Uses only
// basic playwright calls (launch, newPage, goto, click, fill, waitForSelector,
// screenshot), so any playwright-core release pinned in package.json does.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import url from 'node:url';
import { startTanya, stopTanya } from './tanya-server.mjs';

const binary = process.argv[2];
const artifacts = process.argv[3] || path.join(os.tmpdir(), 'tanya-browser-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tanya-console-'));
const knowledge = path.join(work, 'knowledge');
fs.mkdirSync(knowledge);
const source = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '../../knowledge/articles/kerja-sama-bilateral.txt');
fs.copyFileSync(source, path.join(knowledge, 'kerja-sama-bilateral.txt'));
const TOKEN = 'console-browser-t0ken';
let passed = 0, failed = 0;

function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.log('FAILED:', what); }
}

async function step(name, fn) {
  try { await fn(); console.log('ok  ', name); }
  catch (e) { failed++; console.log('FAILED:', name, '\n   ', e && e.message ? e.message.split('\n')[0] : e); }
}

const tanya = await startTanya(binary, ['--port', '0', '--knowledge', knowledge, '--events-db', path.join(work, 'events.db'),
  '--admin-token', TOKEN, '--rate', '1000', '--burst', '1000'], path.join(work, 'cache'));
const base = `http://127.0.0.1:${tanya.port}`;

// A student's question over the HTTP API (what the widget's server answers).
async function ask(text) {
  const res = await fetch(base + '/api/ask', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }) });
  return res.json();
}

async function signIn(page, token) {
  await page.fill('#token', token);
  await page.click('#signin');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-proxy-server'],
});

// Falls back, though the knowledge has passages to suggest (it speaks of ambassadors).
const OFF_TOPIC = 'berapa jumlah duta besar indonesia';
const asked = ['Apa manfaat kerja sama bilateral?', 'Apa tujuan kerja sama bilateral?', 'halo', OFF_TOPIC,
  'apa contoh kerja sama bilateral?'];

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

  await step('a wrong token is refused and the console stays closed', async () => {
    await page.goto(base + '/admin');
    await signIn(page, 'not-the-token');
    await page.waitForSelector('#login-error:has-text("refused")');
    check(await page.isHidden('#app'), 'the console is hidden after a wrong token');
    check(await page.evaluate(() => sessionStorage.getItem('tanya-admin-token')) === null, 'a wrong token is not kept');
  });

  const replies = [];
  for (const q of asked) replies.push(await ask(q));
  const first = await ask(OFF_TOPIC);
  replies.push(first);
  check(first.fallback === true, 'the off-topic question falls back before review');
  const fellBack = replies.filter((r) => r.fallback).length;

  await step('sign in: the charts render from the questions just asked', async () => {
    await signIn(page, TOKEN);
    await page.waitForSelector('#chart-hours svg.chart rect.bar');
    const total = Number(await page.getAttribute('#chart-hours svg.chart', 'data-total'));
    check(total === asked.length + 1, `the hours chart counts ${asked.length + 1} questions (got ${total})`);
    check(Number(await page.getAttribute('#chart-days svg.chart', 'data-total')) === asked.length + 1, 'the days chart too');
    check(await page.locator('#chart-hours rect.bar.fell_back').count() === 1, 'one hour bar has a fell-back part');
    check(await page.locator('#chart-hours rect.bar.small_talk').count() === 1, 'and a small-talk part ("halo")');
    check(await page.locator('#chart-times circle.point.p99').count() >= 1, 'the answer-time chart has a p99 point');
    const share = Math.round(100 * fellBack / replies.length) + '%';
    check((await page.textContent('#tiles')).includes(share), `the fell-back tile shows ${share}`);
    check(await page.evaluate(() => sessionStorage.getItem('tanya-admin-token')) !== null, 'the token is kept for the tab');
    await page.screenshot({ path: path.join(artifacts, 'console-1280x800.png') });
  });

  let accepted = null;
  await step('the fallback is listed under unanswered; accept a passage and reload', async () => {
    await page.click('#tab-unanswered');
    const group = page.locator('.group', { hasText: OFF_TOPIC });
    await group.first().waitFor();
    check((await group.first().textContent()).includes('2×'), 'asked twice: one group of two');
    const src = await group.first().locator('.suggestion .src').first().textContent();
    const m = src.match(/^(\S+) #(\d+)/);
    check(m !== null, 'a suggested passage names its article and number');
    accepted = { article: m[1], order: Number(m[2]) };
    await group.first().locator('button.accept').first().click();
    await page.waitForSelector('.group .status:has-text("Accepted")');
    await page.click('#reload');
    await page.waitForSelector('#notice:has-text("Reloaded")');
  });

  await step('asked again, the accepted passage comes first', async () => {
    const again = await ask(OFF_TOPIC);
    check(again.fallback === false, 'no longer falls back');
    const s = again.sources && again.sources[0];
    check(s && s.article === accepted.article, `first source is ${accepted.article} (got ${s && s.article})`);
    const passage = await page.locator('.group .suggestion .passage').first().textContent();
    check(s && passage.includes(s.text.slice(0, 40)), 'first source is the accepted passage');
    await page.click('#tab-unanswered');
    await page.waitForSelector(`.group:has-text("${OFF_TOPIC}")`, { state: 'detached', timeout: 10000 });
    check(await page.locator('.group', { hasText: OFF_TOPIC }).count() === 0, 'the accepted group is gone from the list');
  });

  await step('upload a Markdown article, then ask about it', async () => {
    await page.click('#tab-knowledge');
    await page.waitForSelector('#articles tr[data-file="kerja-sama-bilateral.txt"]');
    await page.fill('#upload-name', 'kantin.md');
    await page.fill('#upload-text', '# Kantin Sekolah\n\n| no | separator |\n| x | y |\n');
    await page.click('#upload');
    await page.waitForSelector('#upload-errors li');
    check(/kantin\.md:\d+/.test(await page.textContent('#upload-errors')), 'a broken table is refused with its line');
    check(fs.existsSync(path.join(knowledge, 'kantin.md')) === false, 'nothing written on a refused upload');
    await page.fill('#upload-text', '# Kantin Sekolah\n\nKantin sekolah menjual makanan sehat untuk siswa.\n\n' +
      '## Jam buka\n\nKantin buka pukul 06.30 sampai 15.00 setiap hari sekolah.\n');
    await page.click('#upload');
    await page.waitForSelector('#notice:has-text("Added kantin.md")');
    await page.waitForSelector('#articles tr[data-file="kantin.md"]');
    check((await page.locator('#articles tr[data-file="kantin.md"] code').textContent()) === 'data-article="kantin"',
      'the knowledge list gives the widget\'s data-article for the article\'s page');
    const a = await ask('jam berapa kantin buka?');
    check(a.text.includes('06.30'), 'the uploaded article answers');
  });

  await step('why this answer: words, candidates with features, the reason', async () => {
    await page.click('#tab-why');
    await page.fill('#why-question', 'apa manfat kerjasama bilateral');
    await page.click('#why-ask');
    await page.waitForSelector('#why-reason');
    check((await page.textContent('#why-reason')).length > 10, 'a reason is given');
    check(await page.locator('#why-result .candidate').count() >= 1, 'candidates are listed');
    check((await page.textContent('#why-result')).includes('bm25') || (await page.textContent('#why-result')).includes('BM25'), 'BM25 shown');
  });

  await step('phone: the console fits 375×667', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 667 }, isMobile: true });
    await phone.goto(base + '/admin');
    await signIn(phone, TOKEN);
    await phone.waitForSelector('#chart-hours svg.chart rect.bar');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 375, `no sideways scrolling (page is ${width}px wide)`);
    await phone.screenshot({ path: path.join(artifacts, 'console-375x667.png') });
    await phone.close();
  });
} finally {
  await browser.close();
  await stopTanya(tanya);
  fs.rmSync(work, { recursive: true, force: true });
}

console.log(`screenshots in ${artifacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
