// @ts-check
/**
 * Hostile pages (issue #6), with the built extension in headless Chromium
 * and Firefox ESR: a page that overrides the built-ins we might borrow, a
 * page with 5,000 quotations, a page that removes our badges as they
 * appear, a page that tries to read or spoof our badges and to smuggle
 * markup through quotation text. In each: the page keeps working, the
 * extension draws what it should, and nothing reports an error.
 */

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { extensionSession, launchChromium, launchFirefox, tabRecord, describeBadges } from './helpers.mjs';

/** @typedef {import('./helpers.mjs').Driver} Driver */
/** @typedef {import('./helpers.mjs').TestPage} TestPage */

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the page's badge count has not changed for `quietMs`.
 * @param {TestPage} page
 * @param {number} quietMs
 * @param {number} timeoutMs
 */
async function settle(page, quietMs = 1500, timeoutMs = 60000) {
  let last = -1;
  let since = Date.now();
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = await page.evaluate(() => document.querySelectorAll('whosaid-badge').length);
    if (n !== last) { last = n; since = Date.now(); }
    if (Date.now() - since >= quietMs) return n;
    if (Date.now() > until) throw new Error(`badges still changing after ${timeoutMs} ms (${n})`);
    await sleep(100);
  }
}

/**
 * @param {'chromium' | 'firefox'} name
 * @param {(server: import('./helpers.mjs').TestServer) => Promise<Driver>} launch
 */
function hostileSuite(name, launch) {
  describe(`hostile pages in ${name}`, () => {
    const env = extensionSession({ before, after }, launch);

    /** Opens a page, waits for the report and for the badges to settle. */
    async function open(/** @type {string} */ file, quietMs = 1500) {
      const page = await env.driver.newPage();
      const url = env.server.url(`/pages/${file}`);
      await page.goto(url);
      const { tabId, rec } = await tabRecord(env.ext, url);
      const count = await settle(page, quietMs);
      return { page, url, tabId, rec, count };
    }

    test('overridden appendChild, Array.prototype.map, JSON.stringify, MutationObserver', async () => {
      const { page, tabId, rec, count } = await open('hostile-overrides.html');
      assert.ok(rec.report.is_article, 'the page is an article');
      assert.equal(rec.report.counts.quotes, 3, 'three quotations found');
      assert.equal(count, 3, 'three badges drawn despite the overrides');
      const drawn = await describeBadges(env.ext, tabId);
      assert.equal(drawn.badges.length, 3);
      for (const b of drawn.badges) assert.match(b.label, /^Quote by /, 'a real label, not "hijacked"');
      const h = await page.evaluate(() => /** @type {any} */ (window).__hostile);
      // The page's own code still runs (the ticker), and the extension never
      // went through the page's versions of these built-ins.
      const t0 = h.ticks;
      await sleep(400);
      const t1 = await page.evaluate(() => /** @type {any} */ (window).__hostile.ticks);
      assert.ok(t1 > t0, 'the page keeps running its own timers');
      assert.deepEqual({ appendChild: h.appendChild, map: h.map, stringify: h.stringify, observers: h.observers }, { appendChild: 0, map: 0, stringify: 0, observers: 0 }, 'the extension used none of the page\'s overridden built-ins');
      assert.deepEqual(env.driver.errors.filter((e) => e.includes('hostile-overrides')), []);
      await page.close();
    });

    test('5,000 quotations: all badged, the page stays alive', async () => {
      const { page, tabId, rec, count } = await open('hostile-many.html', 2500);
      assert.ok(rec.report.counts.quotes >= 4900, `quotations found: ${rec.report.counts.quotes}`);
      assert.ok(count >= 4900, `badges drawn: ${count}`);
      const drawn = await describeBadges(env.ext, tabId);
      assert.equal(drawn.badges.length, count, 'what the content script reports equals what the page shows');
      const t0 = await page.evaluate(() => /** @type {any} */ (window).__ticks);
      await sleep(500);
      const t1 = await page.evaluate(() => /** @type {any} */ (window).__ticks);
      assert.ok(t1 > t0, 'the page keeps running its own timers');
      assert.deepEqual(env.driver.errors.filter((e) => e.includes('hostile-many')), []);
      await page.close();
    });

    test('a page that removes every badge: we give up, no loop', async () => {
      const { page, rec } = await open('hostile-remover.html', 3000);
      assert.equal(rec.report.counts.quotes, 3);
      const r0 = await page.evaluate(() => /** @type {any} */ (window).__removed);
      assert.ok(r0 >= 3, `the page removed our badges (${r0})`);
      // Quiet now: no more redraws for a while.
      await sleep(3000);
      const r1 = await page.evaluate(() => /** @type {any} */ (window).__removed);
      assert.equal(r1, r0, `we kept redrawing after the page removed our badges (${r0} -> ${r1})`);
      // A bounded number of tries per badge (badges.js MAX_REINSERTS = 5, plus the first).
      assert.ok(r1 <= 3 * 7, `redraws per badge are bounded: ${r1} removals for 3 quotations`);
      assert.equal(await page.evaluate(() => document.querySelectorAll('whosaid-badge').length), 0);
      await page.close();
    });

    test('a page that reads and spoofs badges, and smuggles markup in quotations', async () => {
      const { page, tabId, rec, count } = await open('hostile-spoof.html');
      assert.equal(rec.report.counts.quotes, 3, 'three quotations found');
      const drawn = await describeBadges(env.ext, tabId);
      assert.equal(drawn.badges.length, 3, 'our records hold our three badges only');
      for (const b of drawn.badges) assert.ok(!b.label.includes('Fake'), `the page's fake badge is not ours: ${b.label}`);
      assert.equal(count, 4, 'the page shows our three badges and its own fake one');
      // Our hosts (not the page's fake, which its own custom element gave an
      // open shadow root) expose no shadow root to the page.
      const ourOpen = await page.evaluate(() => [...document.querySelectorAll('whosaid-badge')].filter((h) => !(h.textContent || '').includes('Fake')).map((h) => h.shadowRoot !== null));
      assert.deepEqual(ourOpen, [false, false, false], 'the page cannot open our shadow roots');
      const probe = await page.evaluate(() => ({
        pwned: /** @type {any} */ (window).__pwned,
        imgs: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('article script').length,
        bolds: document.querySelectorAll('article b').length,
        spy: /** @type {any} */ (window).__spy,
        insideText: [...document.querySelectorAll('whosaid-badge')].filter((h) => !(h.textContent || '').includes('Fake')).map((h) => h.textContent).filter((t) => t),
      }));
      assert.equal(probe.pwned, undefined, 'no page text ran as markup');
      assert.deepEqual([probe.imgs, probe.scripts, probe.bolds], [0, 0, 0], 'no element was made from quotation text');
      assert.equal(probe.spy.shadowSeen, 0, 'the page never saw inside a badge');
      assert.deepEqual(probe.insideText, [], 'our badge hosts carry no light-DOM text the page could read');
      assert.deepEqual(env.driver.errors.filter((e) => e.includes('hostile-spoof')), []);
      await page.close();
    });

    test('no request left 127.0.0.1', () => {
      assert.deepEqual(env.server.escaped, []);
    });
  });
}

hostileSuite('chromium', launchChromium);
if (!process.env.WHOSAID_SKIP_FIREFOX) hostileSuite('firefox', launchFirefox);
