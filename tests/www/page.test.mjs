// @ts-check
// End-to-end tests of the web page (dist/www) in headless Chromium: the page
// loads, pasting an article draws the extension's badges and summary, the
// bundled samples load with one click, HTML files are read without running
// or fetching anything, the layout holds at 360 px, themes and keyboard
// work, and the page never makes a request outside its own server.
// Whether the engine attributes the samples *correctly* is checked by
// expectations.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, ROOT, badgeAccessibleNames, badges, pasteAndWait, sampleText, start } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof start>>} */
let env;

before(async () => {
  env = await start();
});

after(async () => {
  await env?.close();
});

/** @param {import('playwright-core').Page} page */
async function open(page) {
  await page.goto(env.url);
  await page.waitForSelector('#sample-buttons[data-ready="true"]');
}

/** Summary numbers as the reader sees them. @param {import('playwright-core').Page} page */
function summaryNumbers(page) {
  return page.evaluate(() => {
    const num = (/** @type {string} */ sel) => Number(document.querySelector(`#summary ${sel} .ws-num`)?.textContent ?? NaN);
    return {
      quotes: num('.ws-count-quotes'),
      speakers: num('.ws-count-speakers'),
      anonymous: num('.ws-count-anonymous'),
      unattributed: num('.ws-count-unattributed'),
      rows: [...document.querySelectorAll('#summary .ws-speaker')].map((e) => /** @type {HTMLElement} */ (e).dataset.name),
      bar: document.querySelector('#summary .ws-bar')?.getAttribute('aria-label') ?? '',
    };
  });
}

test('the page loads with its landmarks, privacy note, explanation and install steps', async () => {
  const page = await env.newPage();
  await open(page);
  assert.equal(await page.locator('header').count(), 1);
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await page.locator('footer').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  // The engine loads at once, before anything is pasted.
  await page.waitForFunction(() => /engine is ready \(loaded in [\d.]+ ms\)/.test(document.getElementById('status')?.textContent ?? ''));
  assert.match(await page.locator('#privacy').innerText(), /Nothing is uploaded/);
  const how = await page.locator('#how').innerText();
  for (const w of [/cue/i, /pronoun/i, /description/i, /knowledge base/i, /article's date/i, /party politicians/i]) {
    assert.match(how, w);
  }
  const install = await page.locator('#install').innerText();
  for (const w of ['chrome://extensions', 'Load unpacked', 'dist/chrome', 'about:debugging', 'dist/firefox']) {
    assert.ok(install.includes(w), `install section mentions ${w}`);
  }
  // Every form control has a label.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('textarea, input')].filter((e) => !(/** @type {HTMLInputElement} */ (e).labels?.length)).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(env.errors, []);
});

test('pasting an article draws one badge per quotation and the summary', async () => {
  const page = await env.newPage({ viewport: { width: 1280, height: 900 } });
  await open(page);
  await pasteAndWait(page, sampleText('politics'));
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.ok(report, 'the page keeps the report');
  assert.ok(report.quotes.length >= 15, `the politics sample has at least 15 quotations, found ${report.quotes.length}`);
  const drawn = await badges(page);
  assert.equal(drawn.length, report.quotes.length, 'one badge per quotation');
  // Each badge sits right after its quotation's closing mark.
  for (const b of drawn) {
    const q = report.quotes[b.quote];
    const tail = q.text.slice(-12);
    assert.ok(b.before.includes(tail), `badge ${b.quote} follows "…${tail}" (text before it: "…${b.before.slice(-40)}")`);
    assert.match(b.before, /["”'’]$/, `badge ${b.quote} is drawn right after a closing quote mark`);
    assert.equal(b.speaker, q.speaker.name);
  }
  // The summary shows the report's numbers.
  const s = await summaryNumbers(page);
  assert.equal(s.quotes, report.counts.quotes);
  assert.equal(s.speakers, report.counts.speakers);
  assert.equal(s.anonymous, report.counts.anonymous);
  assert.equal(s.unattributed, report.counts.unattributed);
  assert.match(s.bar, /^Balance by quotations/);
  // The analysis time is reported.
  assert.match(await page.locator('#status').innerText(), /Analysed in [\d.]+ ms/);
  // Badges are buttons with accessible names, as in the extension.
  const names = await badgeAccessibleNames(page);
  assert.equal(names.length, report.quotes.length);
  await page.screenshot({ path: join(ARTIFACTS, 'www-politics.png'), fullPage: true });
  // The picture for the README: the demo with one badge's tooltip open
  // (focused from the keyboard, as a reader would).
  // (the third badge: Moreno, named by the description "the Republican senator from Ohio")
  await page.focus('#article-view');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await page.locator('#result').screenshot({ path: join(ARTIFACTS, 'www.png') });
  assert.deepEqual(env.errors, []);
});

test('a bundled sample loads and is analysed with one click', async () => {
  const page = await env.newPage();
  await open(page);
  const labels = await page.locator('#sample-buttons button.sample').allInnerTexts();
  assert.deepEqual(labels, ['US politics', 'Business', 'UK politics', 'France (in French)']);
  await page.click('button[data-sample="business"]');
  await page.waitForSelector('#result[data-state="done"]');
  assert.equal(await page.locator('#article-text').inputValue(), sampleText('business'));
  assert.equal(await page.locator('#article-date').inputValue(), '2025-10-22', 'the sample brings its date');
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.ok(report.quotes.length >= 10, `the business sample has at least 10 quotations, found ${report.quotes.length}`);
  assert.equal((await badges(page)).length, report.quotes.length);
  // The "as web page" button opens the same article's HTML version.
  await page.evaluate(() => { delete document.getElementById('result')?.dataset.state; });
  await page.click('button[data-sample-html="business"]');
  await page.waitForSelector('#result[data-state="done"]');
  assert.match(await page.locator('#source-status').innerText(), /business\.html/);
  const fromHtml = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.equal(fromHtml.date, '2025-10-22');
  assert.deepEqual(fromHtml.quotes.map((/** @type {any} */ q) => q.text), report.quotes.map((/** @type {any} */ q) => q.text),
    'the .txt and .html versions give the same quotations');
});

test('an HTML page opened as a file: only its article text is shown, nothing runs or loads', async () => {
  const page = await env.newPage();
  await open(page);
  await page.setInputFiles('#file-input', join(ROOT, 'samples', 'politics.html'));
  await page.waitForSelector('#result[data-state="done"]');
  const shown = await page.locator('#article-view').innerText();
  assert.match(shown, /Senate Republicans Balk/);
  assert.doesNotMatch(shown, /Related stories|The Capitol Ledger is a fictional|Congress\s+White House\s+Elections/);
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.equal(report.date, '2025-09-15', 'the date comes from the page');
  assert.equal((await badges(page)).length, report.quotes.length);

  await page.evaluate(() => { delete document.getElementById('result')?.dataset.state; });
  await page.setInputFiles('#file-input', join(ROOT, 'tests', 'www', 'fixtures', 'hostile.html'));
  await page.waitForSelector('#result[data-state="done"]');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pwned), undefined, 'no script of the file ran');
  assert.equal(await page.locator('#article-view img, #article-view iframe, #article-view object, #article-view svg, #article-view script').count(), 0);
  const text = await page.locator('#article-view').innerText();
  assert.match(text, /<img src=x onerror=/, 'markup in the text is shown as text');
  assert.doesNotMatch(text, /must not be shown/);
  assert.equal((await badges(page)).length, 2);
});

test('a plain-text file can be dropped on the page', async () => {
  const page = await env.newPage();
  await open(page);
  const text = sampleText('business');
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer();
    d.items.add(new File([t], 'business.txt', { type: 'text/plain' }));
    return d;
  }, text);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dt });
  await page.waitForSelector('#result[data-state="done"]');
  assert.match(await page.locator('#source-status').innerText(), /business\.txt/);
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.ok(report.quotes.length >= 10, `the business sample has at least 10 quotations, found ${report.quotes.length}`);
});

test('at 360 px wide nothing scrolls sideways', async () => {
  const page = await env.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await open(page);
  await page.click('button[data-sample="politics"]');
  await page.waitForSelector('#result[data-state="done"]');
  const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: window.innerWidth }));
  assert.ok(w.doc <= w.inner && w.body <= w.inner, `page is ${w.doc}px wide in a ${w.inner}px viewport`);
  await page.screenshot({ path: join(ARTIFACTS, 'www-360.png'), fullPage: true });
});

test('light and dark themes: the system choice, then the toggle', async () => {
  const page = await env.newPage({ colorScheme: 'dark' });
  await open(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await bg();
  assert.equal(await page.locator('#theme-toggle').getAttribute('aria-pressed'), 'true');
  await page.click('#theme-toggle');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.equal(await page.locator('#theme-toggle').getAttribute('aria-pressed'), 'false');
  const light = await bg();
  assert.notEqual(dark, light);
  assert.equal(light, 'rgb(255, 255, 255)');
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'the choice is remembered');
});

test('keyboard: the demo is reachable and the badges take focus in reading order', async () => {
  const page = await env.newPage();
  await open(page);
  // The first Tab reaches the skip link, which leads to the demo.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.click('button[data-sample="politics"]');
  await page.waitForSelector('#result[data-state="done"]');
  await page.focus('#article-view');
  const order = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => {
      const a = /** @type {HTMLElement | null} */ (document.activeElement);
      return a && a.localName === 'whosaid-badge' ? Number(a.dataset.quote) : -1;
    }));
  }
  assert.deepEqual(order, [0, 1, 2, 3]);
});

test('a 5,000-word article is analysed off the main thread and the time is reported', async () => {
  const page = await env.newPage();
  await open(page);
  const base = sampleText('politics');
  let long = base;
  while (long.split(/\s+/).length < 5000) long += '\n' + base;
  // While the worker analyses, the main thread stays free: a timer keeps
  // ticking. (A generous bound only, to catch a hang; speed is measured by
  // the benchmarks.)
  await page.evaluate(() => {
    /** @type {any} */ (window).__ticks = 0;
    setInterval(() => { /** @type {any} */ (window).__ticks++; }, 10);
  });
  const t0 = Date.now();
  await pasteAndWait(page, long);
  const wall = Date.now() - t0;
  const ms = Number(await page.locator('#status').getAttribute('data-ms'));
  assert.ok(Number.isFinite(ms) && ms > 0, 'the analysis time is reported');
  assert.ok(wall < 15000, `analysis finished within 15 s (took ${wall} ms)`);
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.ok(report.quotes.length >= 150, `all quotations of the long article found (${report.quotes.length})`);
  console.log(`# 5,000-word article: engine ${ms.toFixed(1)} ms, paste-to-drawn ${wall} ms, ${report.quotes.length} quotations`);
});

test('the page makes no request outside its own server', () => {
  assert.deepEqual(env.outside, [], 'requests that left the server');
  assert.ok(env.requests.length > 0);
  for (const u of env.requests) assert.ok(u.startsWith(env.url) || /^(blob|data):/.test(u), u);
  assert.ok(env.served.some((l) => l === '200 /wasm/whosaid_bg.wasm'), 'the engine came from the server');
  assert.deepEqual(env.served.filter((l) => !l.startsWith('200')), [], 'every request was served');
});

test('text contrast meets WCAG AA in the light and the dark theme', async () => {
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    const page = await env.newPage({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    await open(page);
    await page.click('button[data-sample="politics"]');
    await page.waitForSelector('#result[data-state="done"]');
    const low = await page.evaluate(() => {
      /** @param {string} c */
      const rgba = (c) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
      };
      /** @param {{r: number, g: number, b: number}} c */
      const lum = (c) => {
        const f = (/** @type {number} */ v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      /** The colour behind an element: its own or its nearest ancestor's opaque background. @param {Element | null} el */
      const background = (el) => {
        for (; el; el = el.parentElement) {
          const c = rgba(getComputedStyle(el).backgroundColor);
          if (c && c.a > 0.5) return c;
        }
        return { r: 255, g: 255, b: 255, a: 1 };
      };
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      /** @type {Set<Element>} */
      const seen = new Set();
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const el = t.parentElement;
        if (!el || seen.has(el) || !/\S/.test(t.nodeValue ?? '')) continue;
        seen.add(el);
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (cs.visibility === 'hidden' || r.width === 0 || el.closest('.visually-hidden, [hidden]')) continue;
        if (el.closest('.skip-link')) continue; // off-screen until focused
        const fg = rgba(cs.color);
        if (!fg) continue;
        const l1 = lum(fg);
        const l2 = lum(background(el));
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        const size = parseFloat(cs.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) out.push(`${el.localName}.${el.className}: "${(t.nodeValue ?? '').trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
      }
      return out;
    });
    assert.deepEqual(low, [], `${scheme} theme: text below AA contrast`);
  }
});

test('a speaker in the summary jumps to their quotations in turn', async () => {
  const page = await env.newPage();
  await open(page);
  await page.click('button[data-sample="politics"]');
  await page.waitForSelector('#result[data-state="done"]');
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  const row = report.speakers.find((/** @type {any} */ r) => r.quotes >= 2 && (r.kind === 'person' || r.kind === 'organization'));
  assert.ok(row, 'a speaker with two quotations');
  const theirs = report.quotes.filter((/** @type {any} */ q) => q.speaker.name === row.name);
  const button = page.locator(`#summary button.ws-speaker[data-name="${row.name}"]`);
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#announce').innerText(), `Quote 1 of ${theirs.length} by ${row.name}: ${theirs[0].text}`);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#announce').innerText(), `Quote 2 of ${theirs.length} by ${row.name}: ${theirs[1].text}`);
});

test('an HTML file in windows-1252 is decoded by its declared charset', async () => {
  const page = await env.newPage();
  await open(page);
  // “Yes,” she said. — with the curly quotes as windows-1252 bytes 0x93/0x94.
  const head = '<!doctype html><html lang="en"><head><meta charset="windows-1252"><title>t</title></head><body><article><h1>Caf\xe9 vote</h1><p>';
  const body = '\x93We will keep the caf\xe9 open,\x94 Mayor Ana Ruiz said.</p></article></body></html>';
  const bytes = Buffer.from(head + body, 'latin1');
  await page.setInputFiles('#file-input', { name: 'cp1252.html', mimeType: 'text/html', buffer: bytes });
  await page.waitForSelector('#result[data-state="done"]');
  const text = await page.locator('#article-view').innerText();
  assert.match(text, /Café vote/);
  assert.match(text, /“We will keep the café open,”/);
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.equal(report.quotes.length, 1);
  assert.equal(report.quotes[0].text, 'We will keep the café open,');
});

test('the engine refuses a malformed snapshot with an error and keeps working', async () => {
  const page = await env.newPage();
  await open(page);
  const result = await page.evaluate(async () => {
    const { Engine } = await import('./js/engine.js');
    const engine = new Engine();
    let error = '';
    try {
      await engine.analyze({ nodes: [{ p: 5, text: 'a text node whose parent does not exist' }] });
    } catch (e) {
      error = String(e);
    }
    const ok = await engine.analyze({ nodes: [{ p: -1, tag: 'body' }, { p: 0, tag: 'p' }, { p: 1, text: '"Fine," she said.' }] });
    return { error, quotes: ok ? ok.report.quotes.length : -1 };
  });
  assert.match(result.error, /invalid parent|snapshot/i);
  assert.equal(result.quotes, 1);
});

test('pasted HTML source is read as a web page', async () => {
  const page = await env.newPage();
  await open(page);
  await pasteAndWait(page, readFileSync(join(ROOT, 'samples', 'politics.html'), 'utf8'));
  assert.match(await page.locator('#source-status').innerText(), /HTML source/);
  const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
  assert.equal(report.date, '2025-09-15');
  assert.doesNotMatch(await page.locator('#article-view').innerText(), /Related stories|<p>/);
});
