// @ts-check
// The page in Firefox ESR too (headless, puppeteer-core over WebDriver
// BiDi, Debian's /usr/bin/firefox-esr): a sample loads with one click, the
// engine runs in the module worker, one shared badge is drawn per
// quotation, and no request leaves the local server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/serve.mjs';
import { ROOT } from './harness.mjs';

test('Firefox: a bundled sample is analysed and badged', async () => {
  const site = join(ROOT, 'dist', 'www');
  assert.ok(existsSync(join(site, 'index.html')), 'dist/www is not built: node scripts/build-www.mjs');
  const srv = await serve(site, 0);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
  });
  try {
    const page = await browser.newPage();
    /** @type {string[]} */
    const requests = [];
    /** @type {string[]} */
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(srv.url);
    await page.waitForSelector('#sample-buttons[data-ready="true"]');
    await page.click('button[data-sample="politics"]');
    await page.waitForSelector('#result[data-state="done"]', { timeout: 30000 });
    const n = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report().quotes.length);
    assert.ok(n >= 15, `the politics sample has at least 15 quotations, found ${n}`);
    assert.equal(await page.$$eval('#article-view whosaid-badge', (b) => b.length), n);
    assert.match(await page.$eval('#status', (e) => e.textContent ?? ''), /Analysed in [\d.]+ ms/);
    assert.deepEqual(errors, []);
    const outside = requests.filter((u) => !u.startsWith(srv.url) && !/^(blob|data):/.test(u));
    assert.deepEqual(outside, [], 'requests that left the server');
    // The worker's own fetches are seen too, so the check above covers them.
    assert.ok(requests.some((u) => u.endsWith('/wasm/whosaid_bg.wasm')), 'the WASM request was observed');
  } finally {
    await browser.close();
    await srv.close();
  }
});
