// @ts-check
// Shared set-up for the web page's end-to-end tests: serves dist/www on an
// ephemeral 127.0.0.1 port, launches Debian's headless Chromium through
// playwright-core (never a downloaded browser), and records every request
// the page makes, refusing (and remembering) any that would leave the server.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE = join(ROOT, 'dist', 'www');
export const ARTIFACTS = join(ROOT, 'artifacts');

/** @param {string} name */
export function sampleText(name) {
  return readFileSync(join(ROOT, 'samples', `${name}.txt`), 'utf8');
}

/**
 * Starts the server and the browser.
 * @returns {Promise<{url: string, browser: import('playwright-core').Browser,
 *   newPage: (opts?: import('playwright-core').BrowserContextOptions) => Promise<import('playwright-core').Page>,
 *   outside: string[], requests: string[], errors: string[], served: string[], close: () => Promise<void>}>}
 */
export async function start() {
  if (!existsSync(join(SITE, 'index.html'))) {
    throw new Error('dist/www is not built: run bash scripts/build-wasm.sh && node scripts/build-www.mjs');
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  /** @type {string[]} */
  const served = [];
  const srv = await serve(SITE, 0, { log: (l) => served.push(l) });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  /** @type {string[]} */ const outside = [];
  /** @type {string[]} */ const requests = [];
  /** @type {string[]} */ const errors = [];
  /** @type {import('playwright-core').BrowserContext[]} */
  const contexts = [];
  return {
    url: srv.url,
    browser,
    outside,
    requests,
    errors,
    served,
    async newPage(opts = {}) {
      const ctx = await browser.newContext({
        serviceWorkers: 'block',
        // for pasteAndWait's real paste
        permissions: ['clipboard-read', 'clipboard-write'],
        ...opts,
      });
      contexts.push(ctx);
      ctx.on('request', (r) => {
        requests.push(r.url());
      });
      // Anything not from our server (or an in-browser blob:/data: URL) is
      // a request the page must never make: refuse it and remember it.
      await ctx.route((u) => !u.href.startsWith(srv.url) && !/^(blob|data):/.test(u.href), (route) => {
        outside.push(route.request().url());
        return route.abort();
      });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await srv.close();
    },
  };
}

/**
 * Pastes text into the demo's (emptied) textarea and waits for the analysis to be drawn.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function pasteAndWait(page, text) {
  await page.locator('#article-text').fill('');
  await page.evaluate(() => { delete document.getElementById('result')?.dataset.state; });
  // A real paste: through the clipboard and the keyboard shortcut.
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#article-text');
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForSelector('#result[data-state="done"]', { timeout: 20000 });
  if ((await page.locator('#article-text').inputValue()) !== text) throw new Error('the paste did not arrive whole');
}

/**
 * The badges drawn in the article view, each with the article text that
 * runs from the previous badge (or its block's start) up to it: the
 * quotation the badge belongs to ends there.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{speaker: string, kind: string, party: string, quote: number, before: string}[]>}
 */
export function badges(page) {
  return page.evaluate(() => {
    const view = /** @type {HTMLElement} */ (document.getElementById('article-view'));
    const out = [];
    for (const block of view.children) {
      let before = '';
      for (const n of block.childNodes) {
        if (n.nodeType === Node.TEXT_NODE) before += /** @type {Text} */ (n).data;
        else if (n instanceof HTMLElement && n.localName === 'whosaid-badge') {
          out.push({
            speaker: n.dataset.speaker ?? '',
            kind: n.dataset.kind ?? '',
            party: n.dataset.party ?? '',
            quote: Number(n.dataset.quote),
            before,
          });
          before = '';
        }
      }
    }
    return out;
  });
}

/**
 * Accessible names of the buttons in the article view, from Chromium's
 * accessibility tree (which sees inside the badges' closed shadow roots,
 * as a screen reader does).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function badgeAccessibleNames(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = /** @type {{nodes: any[]}} */ (await cdp.send('Accessibility.getFullAXTree'));
  await cdp.detach();
  return nodes
    .filter((n) => n.role && n.role.value === 'button' && n.name && /^(Quote by|Unattributed quote)/.test(n.name.value))
    .map((n) => n.name.value);
}
