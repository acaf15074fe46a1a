// @ts-check
/**
 * The end-to-end scenarios, run in each browser by chromium.test.mjs and
 * firefox.test.mjs with the built extension (dist/chrome, dist/firefox) on
 * pages we wrote (tests/browser/pages), served from 127.0.0.1.
 *
 * Expectations are what a reader must see with the finished engine (issue
 * #2): the right speaker and party after each quotation, none after titles.
 */

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ARTIFACTS, PAGES, ROOT, extensionDir, extensionSession, tabIdFor, tabRecord, describeBadges, pageView } from './helpers.mjs';

/** @typedef {import('./helpers.mjs').Driver} Driver */
/** @typedef {import('./helpers.mjs').TestPage} TestPage */
/** @typedef {{before: string, speaker: string, party: string | null}} Expected */

const PARTIES = ['Republican', 'Democratic', 'Independent'];

/** tests/browser/pages/article.html (and /csp/article.html). */
export const ARTICLE_EXPECT = /** @type {Expected[]} */ ([
  { before: 'steel workers any longer,”', speaker: 'Donald Trump', party: 'Republican' }, // "X tweeted"
  { before: 'protect it, whatever it takes.”', speaker: 'Donald Trump', party: 'Republican' }, // colon intro
  { before: 'buy things, plain and simple,”', speaker: 'Lindsey Graham', party: 'Republican' }, // description
  { before: 'not about starting a fight,”', speaker: 'Steve Mnuchin', party: null }, // "he said", no party
  { before: 'and negotiate in good faith.”', speaker: 'Steve Mnuchin', party: null }, // continuation
  { before: 'administration had “no plan at all”', speaker: 'Don Beyer', party: 'Democratic' }, // partial
]);
/** Quoted titles: no badge after them. */
const ARTICLE_TITLES = ['Face the Nation.”'];

const RERENDER_EXPECT = /** @type {Expected[]} */ ([
  { before: 'good one for working families,”', speaker: 'Chuck Schumer', party: 'Democratic' },
  { before: 'it keeps the government open,”', speaker: 'Mitch McConnell', party: 'Republican' },
]);

const SCROLL_EXPECT = /** @type {Expected[]} */ ([
  { before: 'another year of hearings,”', speaker: 'Elizabeth Warren', party: 'Democratic' },
  { before: 'Washington gets out of the way,”', speaker: 'Ted Cruz', party: 'Republican' },
  { before: 'we hear about most, by far,”', speaker: 'Alexandria Ocasio-Cortez', party: 'Democratic' },
]);

/**
 * The native CLI's report for a file (`whosaid --json`), built if needed.
 * @param {string} file
 * @returns {any}
 */
function cliReport(file) {
  // cargo run, not the binary: a stale build would compare against an old engine.
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'whosaid', '--', '--json', file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks one badge's accessible name against the expected speaker/party.
 * @param {string} label
 * @param {Expected} e
 * @param {number} i
 */
function checkLabel(label, e, i) {
  if (e.party) {
    assert.equal(label, `Quote by ${e.speaker}, ${e.party}`, `badge ${i + 1} (after "${e.before}")`);
  } else {
    assert.match(label, new RegExp(`^Quote by ${e.speaker}(, |$)`), `badge ${i + 1} (after "${e.before}")`);
    for (const p of PARTIES) assert.ok(!label.includes(p), `badge ${i + 1}: ${e.speaker} must have no party, got "${label}"`);
  }
}

/**
 * Asserts what the page shows and what the content script drew, against
 * the expected list, in document order, with no extra badge: first the
 * places (the extension's mechanics), then the names (the engine's work).
 * @param {TestPage} ext
 * @param {TestPage} page
 * @param {number} tabId
 * @param {Expected[]} expected
 * @param {{labels?: boolean}} [opts]  labels: false checks the places only
 */
async function checkBadges(ext, page, tabId, expected, opts = {}) {
  const view = await pageView(page);
  const drawn = await describeBadges(ext, tabId);
  assert.equal(view.shadowOpen, false, 'badge shadow roots are closed');
  assert.equal(drawn.badges.length, view.count, 'the content script and the page agree on the number of badges');
  const got = drawn.badges.map((b, i) => `${b.label} | …${view.before[i]}`);
  assert.equal(view.count, expected.length, `expected ${expected.length} badges, got:\n${got.join('\n')}`);
  expected.forEach((e, i) => {
    assert.ok(view.before[i].endsWith(e.before), `badge ${i + 1} should follow "${e.before}", follows "…${view.before[i]}"`);
  });
  if (opts.labels === false) return;
  expected.forEach((e, i) => checkLabel(drawn.badges[i].label, e, i));
}

/**
 * Waits until a page has exactly n badges, and they stay (no duplicates
 * arriving late, no loop).
 * @param {TestPage} page
 * @param {number} n
 */
async function settle(page, n) {
  await page.waitFor((k) => document.querySelectorAll('whosaid-badge').length >= k, n, 20000);
  await sleep(900); // longer than the content script's debounce
}

/**
 * @param {string} name
 * @param {(server: import('./helpers.mjs').TestServer) => Promise<Driver>} launch
 */
export function browserSuite(name, launch) {
  describe(`extension in ${name}`, { timeout: 400000 }, () => {
    const env = extensionSession({ before, after }, launch);
    /** @type {TestPage} */
    let article;
    let articleTab = -1;

    test('news article: badges after the right quotes with the right names and parties; titles get none; page text unchanged', async () => {
      article = await env.driver.newPage();
      const url = env.server.url('/pages/article.html');
      await article.goto(url);
      articleTab = await tabIdFor(env.ext, url);
      await settle(article, ARTICLE_EXPECT.length);
      await article.evaluate(() => window.scrollTo(0, 0));
      await article.screenshot(path.join(ARTIFACTS, `${name}-article.png`));
      await checkBadges(env.ext, article, articleTab, ARTICLE_EXPECT, { labels: false });
      const view = await pageView(article);
      for (const t of ARTICLE_TITLES) assert.ok(!view.before.some((b) => b.endsWith(t)), `no badge after the title ${t}`);
      const pristine = await article.evaluate(async () => {
        const html = await (await fetch(location.href)).text();
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return /** @type {Element} */ (doc.querySelector('article')).textContent;
      });
      assert.equal(view.text, pristine, 'the article text is exactly as served');
      await checkBadges(env.ext, article, articleTab, ARTICLE_EXPECT);
    });

    test('badge tooltip: opens on keyboard focus below the quote without covering it, Esc closes it', async () => {
      assert.ok(articleTab >= 0, 'the article test ran first');
      await article.bringToFront();
      await article.evaluate(() => { window.scrollTo(0, 0); /** @type {HTMLElement} */ (document.activeElement)?.blur?.(); });
      // Tab through the page's links to the first badge.
      let focused = false;
      for (let i = 0; i < 12 && !focused; i++) {
        await article.press('Tab');
        focused = await article.evaluate(() => document.activeElement?.localName === 'whosaid-badge');
      }
      assert.ok(focused, 'a badge is reachable with the Tab key');
      // The tooltip lives in the badge's closed shadow root: where it is
      // drawn, the page's hit test answers with the badge host.
      const probe = () => article.evaluate(() => {
        const host = /** @type {Element} */ (document.querySelector('whosaid-badge'));
        const r = host.getBoundingClientRect();
        const below = document.elementFromPoint(r.left + 8, r.bottom + 14) === host;
        // Every line box of the quotation (from its opening mark to the badge).
        const p = /** @type {Element} */ (host.parentElement);
        const range = document.createRange();
        range.setStart(p, 0);
        range.setEndBefore(host);
        let covered = 0;
        for (const rect of range.getClientRects()) {
          for (const fx of [0.1, 0.5, 0.9]) {
            if (document.elementFromPoint(rect.left + rect.width * fx, rect.top + rect.height / 2) === host) covered++;
          }
        }
        return { below, covered, focus: document.activeElement === host };
      });
      const open = await probe();
      assert.ok(open.focus && open.below, `the tooltip is open below the badge (${JSON.stringify(open)})`);
      assert.equal(open.covered, 0, 'the tooltip covers no part of the quotation');
      await article.screenshot(path.join(ARTIFACTS, `${name}-tooltip.png`));
      await article.press('Escape');
      const closed = await probe();
      assert.ok(closed.focus && !closed.below, `Esc closes the tooltip, focus stays (${JSON.stringify(closed)})`);
      // The same badges on a dark page (they carry their own background).
      await article.evaluate(() => document.body.classList.add('dark'));
      await article.screenshot(path.join(ARTIFACTS, `${name}-article-dark.png`));
      await article.evaluate(() => document.body.classList.remove('dark'));
    });

    test('strict CSP page: badges still appear (the engine runs in the extension, not the page)', async () => {
      const page = await env.driver.newPage();
      const url = env.server.url('/csp/article.html');
      await page.goto(url);
      assert.equal(await page.evaluate(() => document.body.dataset.inlineScript), undefined, 'the CSP is in force (inline script blocked)');
      const tab = await tabIdFor(env.ext, url);
      await settle(page, ARTICLE_EXPECT.length);
      await checkBadges(env.ext, page, tab, ARTICLE_EXPECT);
      await page.close();
    });

    test('framework-style re-render: badges come back once, without duplicates', async () => {
      const page = await env.driver.newPage();
      const url = env.server.url('/pages/rerender.html');
      await page.goto(url);
      const tab = await tabIdFor(env.ext, url);
      await settle(page, RERENDER_EXPECT.length);
      await checkBadges(env.ext, page, tab, RERENDER_EXPECT, { labels: false });
      for (const how of ['rerender', 'retext', 'rerender']) {
        await page.evaluate((h) => /** @type {any} */ (window)[h](), how);
        assert.equal((await pageView(page)).count, 0, `${how}: the page threw the old paragraphs (and badges) away`);
        await settle(page, RERENDER_EXPECT.length);
        await checkBadges(env.ext, page, tab, RERENDER_EXPECT, { labels: false });
      }
      await checkBadges(env.ext, page, tab, RERENDER_EXPECT);
      await page.close();
    });

    test('infinite scroll: paragraphs loaded later get badges, earlier ones are not duplicated', async () => {
      const page = await env.driver.newPage();
      const url = env.server.url('/pages/scroll.html');
      await page.goto(url);
      const tab = await tabIdFor(env.ext, url);
      await settle(page, 1);
      await checkBadges(env.ext, page, tab, SCROLL_EXPECT.slice(0, 1), { labels: false });
      await page.bringToFront(); // scroll observers only run in a visible tab
      for (const chunk of [1, 2]) {
        // Scroll to the end. Browsers deliver scroll events with the next
        // rendered frame, which a background tab may not get: send one too.
        await page.evaluate(() => { window.scrollTo(0, document.body.scrollHeight); window.dispatchEvent(new Event('scroll')); });
        await page.waitFor((c) => Number(document.body.dataset.chunks || 0) >= c, chunk);
        await settle(page, chunk + 1);
        await checkBadges(env.ext, page, tab, SCROLL_EXPECT.slice(0, chunk + 1), { labels: false });
      }
      await checkBadges(env.ext, page, tab, SCROLL_EXPECT);
      await page.close();
    });

    test('long article with 400 quotations: each gets exactly one badge, drawn over several frames', async () => {
      const page = await env.driver.newPage();
      const url = env.server.url('/pages/many.html');
      await page.goto(url);
      await tabIdFor(env.ext, url);
      await settle(page, 400);
      let view = await pageView(page);
      assert.equal(view.count, 400);
      assert.ok(view.before.every((b) => b.endsWith('believes the rules should change,”')), 'every badge follows its quotation');
      // One more paragraph: one more badge, none duplicated.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = '“One more witness thinks the rules are fine,” the last witness told the committee.';
        /** @type {HTMLElement} */ (document.getElementById('story')).appendChild(p);
      });
      await settle(page, 401);
      view = await pageView(page);
      assert.equal(view.count, 401);
      assert.ok(view.before[400].endsWith('the rules are fine,”'));
      await page.close();
    });

    test('hostile page that deletes every badge: the extension gives up instead of looping', async () => {
      const page = await env.driver.newPage();
      const url = env.server.url('/pages/hostile.html');
      await page.goto(url);
      await tabIdFor(env.ext, url);
      await page.waitFor(() => Number(document.body.dataset.badgesAdded || 0) >= 1);
      await sleep(5000);
      const a = Number(await page.evaluate(() => document.body.dataset.badgesAdded));
      await sleep(2500);
      const b = Number(await page.evaluate(() => document.body.dataset.badgesAdded));
      assert.equal(b, a, `no more badges after giving up (${a} then ${b})`);
      assert.ok(a <= 7, `a badge is put back a few times at most (${a})`);
      await page.close();
    });

    test('non-article page (home page with quoted headlines): no badges', async () => {
      const page = await env.driver.newPage();
      const url = env.server.url('/pages/home.html');
      await page.goto(url);
      const { rec } = await tabRecord(env.ext, url);
      assert.equal(rec.report.is_article, false, 'the engine finds no article on a home page');
      await sleep(800);
      assert.equal((await pageView(page)).count, 0);
      await page.close();
    });

    test('popup: jump to quote in turn, show/hide, site toggle; counts, speaker list, party bar', async () => {
      assert.ok(articleTab >= 0, 'the article test ran first');
      const popup = await env.driver.newPage();
      await popup.setViewport(360, 460);
      await popup.goto(`${env.driver.extBase}popup/popup.html?tab=${articleTab}`);
      await popup.waitFor(() => document.body.dataset.ready === 'true' && !!document.querySelector('.ws-summary'));
      assert.equal(await popup.evaluate(() => document.getElementById('host')?.textContent), '127.0.0.1');
      await popup.screenshot(path.join(ARTIFACTS, `${name}-popup.png`));

      // Jump: the article is at the top; Mnuchin's quotations are far down.
      // Each press goes to his next quotation.
      const mnuchin = '.ws-speaker[data-name="Steve Mnuchin"]';
      assert.ok(await popup.evaluate((sel) => !!document.querySelector(sel), mnuchin), 'Steve Mnuchin is in the speaker list');
      await article.evaluate(() => window.scrollTo(0, 0));
      const badgeBox = (/** @type {number} */ i) => article.evaluate((k) => {
        const r = document.querySelectorAll('whosaid-badge')[k].getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, h: window.innerHeight, y: window.scrollY };
      }, i);
      const inView = (/** @type {{top: number, bottom: number, h: number}} */ b) => b.top >= 0 && b.bottom <= b.h;
      assert.ok(!inView(await badgeBox(3)), 'before the jump, Mnuchin\'s first badge is out of view');
      for (const [nth, badge] of [[1, 3], [2, 4], [1, 3]]) {
        await popup.click(mnuchin);
        await popup.waitFor((n) => new RegExp(`quotation ${n} of 2`).test(document.getElementById('status')?.textContent || ''), nth);
        const box = await badgeBox(badge);
        assert.ok(box.y > 0 && inView(box), `after press ${nth}, badge ${badge + 1} is in view (${JSON.stringify(box)})`);
      }

      // Show/hide all badges.
      await popup.click('#badges-shown');
      await article.waitFor(() => [...document.querySelectorAll('whosaid-badge')].every((h) => getComputedStyle(h).display === 'none'));
      await popup.click('#badges-shown');
      await article.waitFor(() => [...document.querySelectorAll('whosaid-badge')].every((h) => getComputedStyle(h).display !== 'none'));

      // Site toggle: off removes every badge, on brings them back.
      await popup.click('#site-enabled');
      await article.waitFor(() => document.querySelectorAll('whosaid-badge').length === 0);
      await popup.waitFor(() => /off on 127\.0\.0\.1/.test(document.getElementById('status')?.textContent || ''));
      await popup.click('#site-enabled');
      await settle(article, ARTICLE_EXPECT.length);
      await checkBadges(env.ext, article, articleTab, ARTICLE_EXPECT, { labels: false });
      await popup.waitFor(() => !!document.querySelector('.ws-summary'));

      // The summary (the engine's attributions, as the popup shows them).
      const seen = await popup.evaluate(() => ({
        quotes: document.querySelector('.ws-count-quotes .ws-num')?.textContent,
        speakers: document.querySelector('.ws-count-speakers .ws-num')?.textContent,
        anonymous: document.querySelector('.ws-count-anonymous .ws-num')?.textContent,
        unattributed: document.querySelector('.ws-count-unattributed .ws-num')?.textContent,
        names: [...document.querySelectorAll('.ws-speaker')].map((b) => /** @type {HTMLElement} */ (b).dataset.name),
        counts: [...document.querySelectorAll('.ws-speaker .ws-n')].map((n) => Number(n.textContent)),
        bar: document.querySelector('.ws-bar')?.getAttribute('aria-label'),
      }));
      assert.equal(seen.quotes, String(ARTICLE_EXPECT.length));
      assert.deepEqual(seen.counts, [...seen.counts].sort((a, b) => b - a), 'speakers sorted by number of quotes');
      assert.deepEqual([...seen.names].sort(), ['Don Beyer', 'Donald Trump', 'Lindsey Graham', 'Steve Mnuchin']);
      assert.equal(seen.speakers, '4');
      assert.equal(seen.anonymous, '0');
      assert.equal(seen.unattributed, '0');
      assert.deepEqual(seen.counts, [2, 2, 1, 1]);
      assert.match(String(seen.bar), /Republican 3 \(50%\)/);
      // The bar by words quoted.
      await popup.click('.ws-measure-btn[data-measure="words"]');
      const byWords = await popup.evaluate(() => document.querySelector('.ws-bar')?.getAttribute('aria-label'));
      assert.match(String(byWords), /^Balance by words: Republican \d+ /);
      await popup.close();
    });

    test('keyboard shortcut (manifest command "toggle-badges"): hides every badge, and shows them again', async () => {
      assert.ok(articleTab >= 0, 'the article test ran first');
      const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir(name === 'chromium' ? 'chrome' : 'firefox'), 'manifest.json'), 'utf8'));
      const combo = manifest.commands['toggle-badges'].suggested_key.default;
      const cmd = (await env.ext.evaluate(async () => {
        const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
        return api.commands.getAll();
      })).find((/** @type {any} */ c) => c.name === 'toggle-badges');
      assert.ok(cmd, 'the browser knows the command');
      const { pressShortcut } = env.driver;
      // Firefox: the real keys, in the browser window, through Firefox's
      // shortcut handling to the background's onCommand. Chromium cannot
      // get them (see Driver.pressShortcut): there an extension page runs
      // what onCommand runs, and the test covers the rest of the way.
      const toggle = pressShortcut
        ? () => pressShortcut(article, combo)
        : () => env.ext.evaluate(async () => {
          const { toggleBadgesHidden } = await import('../background/commands.js');
          await toggleBadgesHidden(/** @type {any} */ (globalThis).chrome);
        });
      if (pressShortcut) assert.equal(cmd.shortcut, combo, 'the suggested key is the shortcut');
      const stored = () => env.ext.evaluate(async () => {
        const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
        return (await api.storage.sync.get('badgesHidden')).badgesHidden === true;
      });
      const badges = (/** @type {boolean} */ hidden) => article.waitFor(([n, h]) => {
        const hosts = [...document.querySelectorAll('whosaid-badge')];
        return hosts.length === n && hosts.every((x) => (getComputedStyle(x).display === 'none') === h);
      }, /** @type {[number, boolean]} */ ([ARTICLE_EXPECT.length, hidden]), 10000).catch(async (e) => {
        throw new Error(`the ${ARTICLE_EXPECT.length} badges are not all ${hidden ? 'hidden' : 'shown'} (stored badgesHidden: ${await stored()}): ${e.message}`);
      });
      assert.equal(await stored(), false, 'badges are shown to begin with');
      await badges(false);
      await toggle();
      await badges(true);
      assert.equal(await stored(), true);
      await toggle();
      await badges(false);
      assert.equal(await stored(), false);
    });

    test('options: a correction reaches the engine and the badge; badge style; run only on enabled sites; keep the engine ready', async () => {
      assert.ok(articleTab >= 0, 'the article test ran first');
      const opts = await env.driver.newPage();
      await opts.goto(`${env.driver.extBase}options/options.html`);
      await opts.waitFor(() => document.body.dataset.ready === 'true');
      await opts.click('#add');
      await opts.evaluate(() => {
        const row = /** @type {HTMLElement} */ (document.querySelector('#corrections tr:last-child'));
        const set = (/** @type {string} */ sel, /** @type {string} */ v) => {
          const i = /** @type {HTMLInputElement} */ (row.querySelector(sel));
          i.value = v;
          i.dispatchEvent(new Event('change', { bubbles: true }));
        };
        set('.name', 'Donald Trump');
        set('.party', 'Independent');
      });
      await opts.waitFor(() => document.getElementById('saved')?.textContent === 'Saved.');
      const label = async () => (await describeBadges(env.ext, articleTab)).badges.map((b) => b.label);
      const until = Date.now() + 15000;
      while (!(await label()).includes('Quote by Donald Trump, Independent') && Date.now() < until) await sleep(200);
      assert.ok((await label()).includes('Quote by Donald Trump, Independent'), `the correction shows on the badge: ${JSON.stringify(await label())}`);
      // Remove it again: the article's own words come back.
      await opts.click('#corrections tr:last-child button');
      await opts.waitFor(() => document.querySelectorAll('#corrections tr').length === 0);
      const back = (/** @type {string[]} */ l) => l.filter((x) => x === 'Quote by Donald Trump, Republican').length === 2;
      const until2 = Date.now() + 15000;
      while (!back(await label()) && Date.now() < until2) await sleep(200);
      const after = await label();
      assert.equal(after.filter((l) => l === 'Quote by Donald Trump, Republican').length, 2, `the knowledge base's party is back: ${JSON.stringify(after)}`);

      // Badge style: compact badges (party only) are narrower; and back.
      const width = () => article.evaluate(() => /** @type {Element} */ (document.querySelector('whosaid-badge')).getBoundingClientRect().width);
      const wide = await width();
      await opts.click('input[name="badgeStyle"][value="compact"]');
      await article.waitFor((w) => { const h = document.querySelector('whosaid-badge'); return !!h && h.getBoundingClientRect().width < w - 10; }, wide);
      await opts.click('input[name="badgeStyle"][value="name"]');
      await article.waitFor((w) => { const h = document.querySelector('whosaid-badge'); return !!h && Math.abs(h.getBoundingClientRect().width - w) < 1; }, wide);
      assert.equal((await pageView(article)).count, ARTICLE_EXPECT.length, 'restyling redraws each badge once');

      // Where to run: "only sites I enable" turns the article's badges off
      // (no per-site choice made yet); "all sites" brings them back.
      await env.ext.evaluate(async () => {
        const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
        await api.storage.sync.set({ sites: {} });
      });
      await opts.click('input[name="mode"][value="enabled"]');
      await article.waitFor(() => document.querySelectorAll('whosaid-badge').length === 0);
      await opts.click('input[name="mode"][value="all"]');
      await settle(article, ARTICLE_EXPECT.length);
      await checkBadges(env.ext, article, articleTab, ARTICLE_EXPECT, { labels: false });

      // Speed: "keep the engine ready" is on by default; the box stores it
      // (what it does to the background: lifetime.test.mjs).
      const keepWarm = () => env.ext.evaluate(async () => {
        const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
        return (await api.storage.sync.get('keepWarm')).keepWarm;
      });
      assert.equal(await opts.evaluate(() => /** @type {HTMLInputElement} */ (document.querySelector('input[name="keepWarm"]')).checked), true, 'on by default');
      await opts.click('input[name="keepWarm"]');
      for (let i = 0; i < 50 && (await keepWarm()) !== false; i++) await sleep(100);
      assert.equal(await keepWarm(), false);
      await opts.click('input[name="keepWarm"]');
      for (let i = 0; i < 50 && (await keepWarm()) !== true; i++) await sleep(100);
      assert.equal(await keepWarm(), true);
      await opts.close();
    });

    test('same report as the native CLI on the same page (the snapshot seam)', async () => {
      assert.ok(articleTab >= 0, 'the article test ran first');
      // The report as the popup gets it (GET_TAB: the background parses the
      // JSON text it keeps; storage.session holds the same text).
      const rec = await env.ext.evaluate(async (id) => {
        const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
        const stored = (await api.storage.session.get(`tab:${id}`))[`tab:${id}`];
        const res = await api.runtime.sendMessage({ type: 'popup>bg:getTab', tabId: id });
        return { ...res.tab, stored: JSON.parse(stored.json) };
      }, articleTab);
      assert.deepEqual(rec.stored, rec.report, 'storage.session keeps the same report');
      const cli = cliReport(path.join(PAGES, 'article.html'));
      const pick = (/** @type {any} */ r) => r.quotes.map((/** @type {any} */ q) => [q.text, q.kind, q.speaker.name, q.speaker.party && q.speaker.party.name]);
      assert.deepEqual(pick(rec.report), pick(cli));
      assert.equal(rec.report.title, cli.title);
      assert.equal(rec.report.date, cli.date);
    });

    if (name === 'chromium') {
      test('service worker stopped by the browser: it restarts, instantiates the WASM again, keeps the tab reports', async () => {
        const inits = () => env.ext.evaluate(async () => {
          const api = /** @type {any} */ (globalThis).chrome;
          return (await api.storage.session.get('engine')).engine.instantiations;
        });
        const before = await inits();
        const raw = article.raw;
        const cdp = await raw.context().newCDPSession(raw);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
        // The report of the article survived in storage.session.
        const { rec } = await tabRecord(env.ext, env.server.url('/pages/article.html'));
        assert.equal(rec.report.quotes.length, ARTICLE_EXPECT.length);
        // A new page needs the engine: the worker wakes up and analyses it.
        const page = await env.driver.newPage();
        const url = env.server.url('/pages/rerender.html');
        await page.goto(`${url}?after-stop`);
        await tabIdFor(env.ext, `${url}?after-stop`);
        await settle(page, RERENDER_EXPECT.length);
        assert.equal((await pageView(page)).count, RERENDER_EXPECT.length);
        assert.equal(await inits(), before + 1, 'the WASM was instantiated again, once');
        await page.close();
      });

      test('install warnings: only the site access the content scripts need (webRequest and its host access add none)', async () => {
        const warnings = await env.ext.evaluate(async () => {
          const api = /** @type {any} */ (globalThis).chrome;
          const manifest = await (await fetch(api.runtime.getURL('manifest.json'))).text();
          return api.management.getPermissionWarningsByManifest(manifest);
        });
        assert.deepEqual(warnings, ['Read and change all your data on all websites']);
      });

      test('accessibility tree: every badge is a button named after its speaker', async () => {
        const raw = article.raw;
        const cdp = await raw.context().newCDPSession(raw);
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        const names = nodes
          .filter((/** @type {any} */ n) => n.role && n.role.value === 'button' && n.name && /^(Quote by|Unattributed quote)/.test(n.name.value))
          .map((/** @type {any} */ n) => n.name.value);
        const drawn = await describeBadges(env.ext, articleTab);
        assert.deepEqual(names, drawn.badges.map((b) => b.label));
        assert.ok(names.length >= 1);
        await cdp.detach();
      });
    }

    test('no network: nothing left 127.0.0.1, and no page errors', async () => {
      assert.deepEqual(env.server.escaped, [], 'requests that tried to leave the machine');
      const foreign = env.server.requests.filter((r) => !/^(\/|http:\/\/127\.0\.0\.1:\d+\/)/.test(r.url));
      assert.deepEqual(foreign, []);
      // The CSP page's own inline script is blocked on purpose; anything else is an error.
      const errors = env.driver.errors.filter((e) => !(/\/csp\/article\.html/.test(e) && /Content[- ]Security[- ]Policy/i.test(e)));
      assert.deepEqual(errors, []);
    });
  });
}
