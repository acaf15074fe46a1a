// @ts-check
/**
 * How long the background lives after a page (background/keep-warm.js).
 * Chrome stops an extension service worker 30 s after its last event or
 * extension API call (Firefox suspends its event page likewise), and the
 * next page then waits for it to start again (docs/perf2.md). So after a
 * page, in Chromium:
 *
 * - with the "keepWarm" setting on (the default), the worker that read the
 *   page is still the running one 45 s later;
 * - with it off, the browser stops the worker within 45 s (this also shows
 *   that the first check could fail: nothing else here keeps it awake).
 *
 * Chromium is driven through a bare DevTools pipe (helpers.mjs,
 * `launchChromiumPipe`): a DevTools session attached to a service worker
 * keeps it awake, as Playwright's would. Workers are watched by target
 * discovery alone (target created / destroyed), which attaches to nothing.
 * The setting is written from the options page (an extension page, not
 * the worker), and the article's badges are counted by attaching to the
 * article's tab.
 *
 * And a page whose server takes its time: Chrome starts a stopped worker
 * for the page's request (webRequest.onBeforeRequest, Chrome only), not
 * only when the page commits, so the worker is running before the server
 * has answered (without that listener it is not: the test fails).
 *
 * In Firefox ESR (WebDriver BiDi; the event page is not a target it
 * attaches to): a page, 45 s without events, a second page; the engine's
 * instantiation count (storage.session, background.js) is still 1 with
 * keepWarm on, and 2 with it off.
 *
 * The five browsers run at the same time (each mostly waits).
 */

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PAGES, startServer, launchChromiumPipe, launchFirefox, stopWorkers } from './helpers.mjs';

/** How long after the page the worker is watched: Chrome's idle timeout (30 s) and a margin. */
const WATCH_MS = 45000;

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @type {import('./helpers.mjs').TestServer} */
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/**
 * One browser: sets keepWarm, opens the article, and watches the
 * extension's workers for WATCH_MS after its badges are drawn.
 * @param {boolean} keepWarm
 * @returns {Promise<{badges: number, workerAtPage: string[], stoppedAfterMs: number | null, workerAtEnd: string[]}>}
 */
async function watch(keepWarm) {
  const b = await launchChromiumPipe(server);
  try {
    const { targetId: opts } = await b.cdp.send('Target.createTarget', { url: `chrome-extension://${b.extId}/options/options.html` });
    for (let i = 0; i < 100 && !(await b.cdp.evaluate(opts, 'document.body && document.body.dataset.ready === "true"')); i++) await sleep(100);
    await b.cdp.evaluate(opts, `chrome.storage.sync.set({ keepWarm: ${keepWarm} })`);
    await b.cdp.send('Target.closeTarget', { targetId: opts });
    const { targetId: page } = await b.cdp.send('Target.createTarget', { url: server.url('/pages/article.html') });
    let badges = 0;
    for (let i = 0; i < 100 && !badges; i++) {
      await sleep(100);
      badges = Number(await b.cdp.evaluate(page, 'document.querySelectorAll("whosaid-badge").length'));
    }
    const workerAtPage = b.workers();
    const t0 = Date.now();
    /** @type {number | null} */
    let stoppedAfterMs = null;
    while (Date.now() - t0 < WATCH_MS) {
      await sleep(250);
      if (stoppedAfterMs === null && !workerAtPage.every((w) => b.workers().includes(w))) stoppedAfterMs = Date.now() - t0;
    }
    return { badges, workerAtPage, stoppedAfterMs, workerAtEnd: b.workers() };
  } finally {
    await b.close();
  }
}

/**
 * Firefox: the engine's instantiations after a page, WATCH_MS without
 * events, and a second page.
 * @param {boolean} keepWarm
 * @returns {Promise<{badges: number[], instantiations: number}>}
 */
async function firefoxPages(keepWarm) {
  const d = await launchFirefox(server);
  try {
    const ext = await d.newPage();
    await ext.goto(`${d.extBase}options/options.html`);
    await ext.evaluate(async (/** @type {boolean} */ k) => { await /** @type {any} */ (globalThis).browser.storage.sync.set({ keepWarm: k }); }, keepWarm);
    const badges = [];
    for (const [i, wait] of [[1, WATCH_MS], [2, 0]]) {
      const page = await d.newPage();
      await page.goto(server.url(`/pages/article.html?lifetime=${i}`));
      let n = 0;
      for (let j = 0; j < 100 && !n; j++) { await sleep(100); n = Number(await page.evaluate(() => document.querySelectorAll('whosaid-badge').length)); }
      badges.push(n);
      await page.close();
      await sleep(wait);
    }
    const engine = await ext.evaluate(async () => (await /** @type {any} */ (globalThis).browser.storage.session.get('engine')).engine);
    assert.deepEqual(d.errors, []);
    return { badges, instantiations: engine && engine.instantiations };
  } finally {
    await d.close();
  }
}

/**
 * Chromium: stops the extension's worker, then opens a page whose server
 * holds its answer until the worker runs again (or 5 s pass).
 * @returns {Promise<{stopped: boolean, asked: boolean, startedWhileHeld: boolean, heldMs: number, badges: number}>}
 */
async function slowServerPage() {
  const article = fs.readFileSync(path.join(PAGES, 'article.html'));
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((r) => { release = () => r(undefined); });
  let asked = false;
  const slow = await startServer({
    serve: async (p) => {
      if (p !== '/held') return null;
      asked = true;
      await held;
      return { body: article, type: 'text/html; charset=utf-8' };
    },
  });
  const b = await launchChromiumPipe(slow);
  try {
    await b.cdp.send('Target.createTarget', { url: 'about:blank' });
    const { targetId: tab } = await b.cdp.send('Target.createTarget', { url: 'about:blank' });
    // Stop the worker (again if an event of the start-up, such as the new
    // tabs', woke it meanwhile), until none runs.
    await sleep(1000);
    for (let attempt = 0; attempt < 3 && b.workers().length; attempt++) {
      await stopWorkers(b.cdp, tab);
      for (let i = 0; i < 50 && b.workers().length; i++) await sleep(100);
    }
    const stopped = b.workers().length === 0;
    // Page.navigate answers once the server has: not awaited until then.
    const { sessionId } = await b.cdp.send('Target.attachToTarget', { targetId: tab, flatten: true });
    const navigated = b.cdp.send('Page.navigate', { url: slow.url('/held') }, sessionId).catch(() => {});
    const t0 = Date.now();
    while (Date.now() - t0 < 5000 && !(asked && b.workers().length)) await sleep(25);
    const startedWhileHeld = asked && b.workers().length > 0;
    const heldMs = Date.now() - t0;
    release();
    await navigated;
    await b.cdp.send('Target.detachFromTarget', { sessionId });
    let badges = 0;
    for (let i = 0; i < 100 && !badges; i++) {
      await sleep(100);
      badges = Number(await b.cdp.evaluate(tab, 'document.querySelectorAll("whosaid-badge").length').catch(() => 0));
    }
    return { stopped, asked, startedWhileHeld, heldMs, badges };
  } finally {
    release();
    await b.close();
    await slow.close();
  }
}

describe('the background after a page', { concurrency: true, timeout: 150000 }, () => {
  test('Chromium: the worker stays awake with keepWarm on, and stops within 45 s with it off', async () => {
    const [on, off] = await Promise.all([watch(true), watch(false)]);
    for (const [name, r] of Object.entries({ on, off })) {
      assert.ok(r.badges > 0, `keepWarm ${name}: the article got its badges`);
      assert.equal(r.workerAtPage.length, 1, `keepWarm ${name}: one extension worker ran the page: ${JSON.stringify(r.workerAtPage)}`);
    }
    assert.equal(on.stoppedAfterMs, null, `keepWarm on: the worker stopped ${on.stoppedAfterMs} ms after the page`);
    assert.deepEqual(on.workerAtEnd, on.workerAtPage, 'keepWarm on: the same worker is running 45 s later');
    assert.notEqual(off.stoppedAfterMs, null, 'keepWarm off: the browser stopped the worker within 45 s');
    assert.ok(/** @type {number} */ (off.stoppedAfterMs) > 20000, `keepWarm off: not before its idle timeout (${off.stoppedAfterMs} ms)`);
  });

  test('Chromium: a stopped worker starts when a page is requested, before its server answers', async () => {
    const r = await slowServerPage();
    assert.ok(r.stopped, 'the worker was stopped before the page');
    assert.ok(r.asked, 'the page was requested');
    assert.ok(r.startedWhileHeld, `the worker started while the server held the page (waited ${r.heldMs} ms)`);
    assert.ok(r.badges > 0, 'the page got its badges');
  });

  test('Firefox: the event page stays awake with keepWarm on, and is suspended with it off', async () => {
    const [on, off] = await Promise.all([firefoxPages(true), firefoxPages(false)]);
    for (const [name, r] of Object.entries({ on, off })) assert.ok(r.badges.every((n) => n > 0), `keepWarm ${name}: both pages got badges: ${r.badges}`);
    assert.equal(on.instantiations, 1, 'keepWarm on: the second page found the engine of the first');
    assert.equal(off.instantiations, 2, 'keepWarm off: the event page was suspended, and the second page instantiated the engine again');
  });
});
