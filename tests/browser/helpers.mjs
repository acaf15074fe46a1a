// @ts-check
/**
 * Helpers for the browser tests: a test server that is also the browsers'
 * HTTP proxy (so it sees every request any part of the browser makes,
 * including the extension's background), and one driver interface over
 * Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver
 * BiDi), each with the built extension loaded.
 */

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGES = path.join(ROOT, 'tests/browser/pages');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
export const GECKO_ID = 'whosaid@whosaid';
export const FIREFOX_UUID = '5a1d0b7e-3c2f-4e55-9d1a-0c0ffee0a11d';

/** A strict CSP: no scripts at all, styles only from the page's origin. */
export const STRICT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

/**
 * @typedef {object} TestServer
 * @property {number} port
 * @property {(p: string) => string} url  absolute URL of a path on the server
 * @property {{url: string, method: string}[]} requests  every request seen (as server or proxy)
 * @property {string[]} escaped  requests to anywhere but this server (proxied or CONNECT): must stay empty
 * @property {() => Promise<void>} close
 */

/**
 * Extra routes of a test server: given a path on it, the body and content
 * type to answer with (and extra headers), or null for "not mine"; or a
 * promise of that (a server that takes its time).
 * @typedef {{body: string | Buffer, type: string, headers?: Record<string, string>}} Served
 * @typedef {(pathname: string) => Served | null | Promise<Served | null>} ServeFn
 */

/**
 * Starts the test server on 127.0.0.1 with an ephemeral port. Paths:
 * `/pages/<file>` serves tests/browser/pages; `/csp/<file>` the same file
 * with a strict Content-Security-Policy header; `opts.serve` answers other
 * paths first (realpages.test.mjs: the real pages). As a proxy, it answers
 * requests for itself and refuses (and records) everything else.
 * @param {{serve?: ServeFn}} [opts]
 * @returns {Promise<TestServer>}
 */
export async function startServer(opts = {}) {
  /** @type {{url: string, method: string}[]} */
  const requests = [];
  /** @type {string[]} */
  const escaped = [];
  let port = 0;
  const server = http.createServer(async (req, res) => {
    const raw = req.url || '/';
    requests.push({ url: raw, method: req.method || 'GET' });
    let u;
    try { u = new URL(raw, `http://127.0.0.1:${port}`); } catch { res.writeHead(400).end(); return; }
    if (!(u.hostname === '127.0.0.1' && Number(u.port) === port)) {
      escaped.push(`${req.method} ${raw}`);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('whosaid tests: no network');
      return;
    }
    const extra = opts.serve ? await opts.serve(u.pathname) : null;
    if (extra) { res.writeHead(200, { ...extra.headers, 'content-type': extra.type, 'cache-control': 'no-store' }).end(extra.body); return; }
    const m = /^\/(pages|csp)\/([a-z0-9-]+\.[a-z]+)$/.exec(u.pathname);
    const file = m && path.join(PAGES, m[2]);
    if (!m || !file || !fs.existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    /** @type {Record<string, string>} */
    const headers = { 'content-type': /** @type {any} */ (TYPES)[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    if (m[1] === 'csp') headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers).end(fs.readFileSync(file));
  });
  server.on('connect', (req, socket) => {
    escaped.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    port,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    requests,
    escaped,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * A page in either browser, behind one small interface.
 * @typedef {object} TestPage
 * @property {any} raw  the playwright or puppeteer page
 * @property {(url: string) => Promise<void>} goto
 * @property {<T, A>(fn: (arg: A) => T | Promise<T>, arg?: A) => Promise<T>} evaluate
 * @property {<A>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number) => Promise<void>} waitFor
 * @property {(selector: string) => Promise<void>} click
 * @property {(key: string) => Promise<void>} press  a key on the keyboard ("Tab", "Escape")
 * @property {(file: string) => Promise<void>} screenshot
 * @property {(w: number, h: number) => Promise<void>} setViewport
 * @property {() => Promise<void>} bringToFront
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} Driver
 * @property {'chromium' | 'firefox'} name
 * @property {string} extBase  e.g. chrome-extension://<id>/ or moz-extension://<uuid>/
 * @property {() => Promise<TestPage>} newPage
 * @property {() => Promise<void>} close
 * @property {string[]} errors  page errors seen
 * @property {((page: TestPage, combo: string) => Promise<void>) | null} pressShortcut  presses a key
 *   combination ("Alt+Shift+W") in the browser window with the page's tab in front, where the
 *   browser's own shortcuts (extension commands) see it; null where the browser cannot (Chromium:
 *   key events sent over CDP never reach its accelerators)
 */

/**
 * @param {any} page
 * @param {'chromium' | 'firefox'} kind
 * @returns {TestPage}
 */
function wrapPage(page, kind) {
  return {
    raw: page,
    goto: async (url) => {
      if (kind === 'firefox' && url.startsWith('moz-extension:')) {
        // Firefox moves an extension page into the extension process; the
        // navigation promise of puppeteer's BiDi frame never settles (the
        // frame "detaches") although the page loads. Poll for it instead.
        page.goto(url).catch(() => {});
        const until = Date.now() + 15000;
        for (;;) {
          try {
            const ok = await page.evaluate((u) => location.href === u && document.readyState === 'complete', url);
            if (ok) return;
          } catch { /* realm not ready yet */ }
          if (Date.now() > until) throw new Error(`timed out loading ${url}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: async (fn, arg, timeoutMs = 15000) => {
      if (kind === 'chromium') await page.waitForFunction(fn, arg, { timeout: timeoutMs, polling: 100 });
      else await page.waitForFunction(fn, { timeout: timeoutMs, polling: 100 }, arg);
    },
    click: async (sel) => { await page.click(sel); },
    press: async (key) => { await page.keyboard.press(key); },
    screenshot: async (file) => { fs.mkdirSync(path.dirname(file), { recursive: true }); await page.screenshot({ path: file }); },
    setViewport: async (w, h) => {
      if (kind === 'chromium') await page.setViewportSize({ width: w, height: h });
      else await page.setViewport({ width: w, height: h });
    },
    bringToFront: async () => { await page.bringToFront(); },
    close: async () => { await page.close(); },
  };
}

/** The built extension for a browser. */
export function extensionDir(/** @type {'chrome' | 'firefox'} */ b) {
  // WHOSAID_DIST: another build's dist/ (the benchmark compares two builds in one period).
  const dir = path.join(process.env.WHOSAID_DIST || path.join(ROOT, 'dist'), b);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run bash scripts/build-wasm.sh && node scripts/build-extension.mjs`);
  return dir;
}

/**
 * Chromium's command line for the tests and the benchmark: headless, the
 * built extension loaded, Chromium's own network traffic off, and every
 * request sent through the test server on 127.0.0.1 (which refuses
 * anything not its own).
 * @param {string} dir  the built extension (extensionDir('chrome'))
 * @param {number} port  the test server's port
 * @returns {string[]}
 */
export function chromiumArgs(dir, port) {
  return [
    '--headless=new', `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-default-apps', '--disable-domain-reliability', '--no-pings', '--disable-client-side-phishing-detection',
    // Chromium's own traffic (sign-in, component and variations updates) would otherwise reach the proxy.
    '--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,ChromeSigninInterception,AccountConsistency,SigninInterception,DiceWebSigninInterception,PrivacySandboxSettings4',
    '--disable-field-trial-config', '--no-default-browser-check', '--allow-browser-signin=false', '--gaia-url=http://127.0.0.1:9/', '--google-base-url=http://127.0.0.1:9/',
    '--component-updater=url-source=http://127.0.0.1:9/', '--variations-server-url=http://127.0.0.1:9/',
    `--proxy-server=http://127.0.0.1:${port}`, '--proxy-bypass-list=<-loopback>',
  ];
}

/**
 * Chromium with the built extension, proxied through the test server.
 * @param {TestServer} server
 * @returns {Promise<Driver>}
 */
export async function launchChromium(server) {
  const { chromium } = await import('playwright-core');
  const dir = extensionDir('chrome');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'whosaid-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1100, height: 800 },
    args: chromiumArgs(dir, server.port),
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const id = new URL(worker.url()).host;
  /** @type {string[]} */
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  return {
    name: 'chromium',
    extBase: `chrome-extension://${id}/`,
    errors,
    pressShortcut: null,
    newPage: async () => {
      const p = await context.newPage();
      p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
      return wrapPage(p, 'chromium');
    },
    close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

/**
 * Firefox ESR with the built extension (temporary add-on, pinned UUID),
 * proxied through the test server.
 * @param {TestServer} server
 * @returns {Promise<Driver>}
 */
export async function launchFirefox(server) {
  const puppeteer = (await import('puppeteer-core')).default;
  const dir = extensionDir('firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    args: ['--remote-allow-system-access', '--width=1100', '--height=800'],
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'browser.safebrowsing.update.enabled': false,
      'browser.safebrowsing.downloads.remote.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'extensions.update.enabled': false,
      'extensions.systemAddon.update.enabled': false,
      'app.normandy.enabled': false,
      // Firefox's own remote-settings sync (blocklists, certificate data):
      // pointed at the test server, which answers 404 (honoured because of
      // MOZ_REMOTE_SETTINGS_DEVTOOLS below).
      'services.settings.server': `http://127.0.0.1:${server.port}/remote-settings/v1`,
      'extensions.blocklist.enabled': false,
      'security.remote_settings.intermediates.enabled': false,
      'security.remote_settings.crlite_filters.enabled': false,
      'browser.region.update.enabled': false,
      'browser.region.network.url': '',
      'toolkit.telemetry.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.newtabpage.activity-stream.feeds.topsites': false,
      'network.connectivity-service.enabled': false,
      'network.captive-portal-service.enabled': false,
      'privacy.resistFingerprinting': false,
    },
  });
  await browser.installExtension(dir);
  /** @type {string[]} */
  const errors = [];
  return {
    name: 'firefox',
    extBase: `moz-extension://${FIREFOX_UUID}/`,
    errors,
    pressShortcut: async (page, combo) => {
      await page.bringToFront();
      // Key events sent to a page (WebDriver BiDi input actions) stay in the
      // page; Firefox handles extension shortcuts in the browser window. So
      // the keys go in there, the way Firefox's own tests press them: the
      // window's text input processor, from a chrome-scope realm (which
      // --remote-allow-system-access opens to BiDi).
      const conn = /** @type {any} */ (browser).connection; // puppeteer's BiDi connection (not typed as public)
      const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const win = tree.result.contexts.find((/** @type {any} */ c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!win) throw new Error('no browser window among the chrome contexts');
      const keys = combo.split('+');
      const fn = `(keys) => {
        gBrowser.selectedBrowser.focus();
        const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
        if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
        const MODS = { Alt: ['Alt', 'AltLeft', KeyboardEvent.DOM_VK_ALT], Shift: ['Shift', 'ShiftLeft', KeyboardEvent.DOM_VK_SHIFT], Ctrl: ['Control', 'ControlLeft', KeyboardEvent.DOM_VK_CONTROL] };
        const ev = (k) => { const [key, code, keyCode] = MODS[k] || [k, 'Key' + k.toUpperCase(), k.toUpperCase().charCodeAt(0)]; return new KeyboardEvent('', { key, code, keyCode }); };
        for (const k of keys) tip.keydown(ev(k));
        for (const k of [...keys].reverse()) tip.keyup(ev(k));
      }`;
      const r = await conn.send('script.callFunction', { functionDeclaration: fn, arguments: [{ type: 'array', value: keys.map((k) => ({ type: 'string', value: k })) }], target: { context: win.context }, awaitPromise: true });
      if (r.result.type !== 'success') throw new Error(`pressing ${combo} failed: ${JSON.stringify(r.result.exceptionDetails || r.result)}`);
    },
    newPage: async () => {
      const p = await browser.newPage();
      p.on('pageerror', (/** @type {Error} */ e) => errors.push(`${p.url()}: ${e.message}`));
      return wrapPage(p, 'firefox');
    },
    close: async () => { await browser.close(); },
  };
}

/**
 * What a browser suite works with: the test server, the browser with the
 * extension, and an extension page (options.html) through which tests read
 * storage.session and message tabs.
 * @typedef {object} Session
 * @property {TestServer} server
 * @property {Driver} driver
 * @property {TestPage} ext
 */

/**
 * Registers a suite's setup and teardown: before its tests, start the test
 * server, launch the browser with the extension and open its options page;
 * after them, close both. node:test's `before` and `after` come in as
 * arguments, so that modules without tests (bench.mjs) can import this file
 * without loading node:test.
 * @param {{before: (fn: () => Promise<void>) => void, after: (fn: () => Promise<void>) => void}} hooks
 * @param {(server: TestServer) => Promise<Driver>} launch
 * @param {{serve?: ServeFn}} [serverOpts]  extra routes of the test server (startServer)
 * @returns {Session}  filled in once `before` has run
 */
export function extensionSession(hooks, launch, serverOpts) {
  const s = /** @type {Session} */ ({});
  hooks.before(async () => {
    s.server = await startServer(serverOpts);
    s.driver = await launch(s.server);
    s.ext = await s.driver.newPage();
    await s.ext.goto(`${s.driver.extBase}options/options.html`);
  });
  hooks.after(async () => {
    if (s.driver) await s.driver.close();
    if (s.server) await s.server.close();
  });
  return s;
}

/**
 * Waits until the extension has a report for a page URL, and returns the
 * tab id (read from the background's per-tab records in storage.session,
 * through an extension page).
 * @param {TestPage} ext  an extension page (e.g. options.html) of the driver
 * @param {string} url
 * @returns {Promise<number>}
 */
export async function tabIdFor(ext, url) {
  return (await tabRecord(ext, url)).tabId;
}

/**
 * Waits until the background has a record with a report for a page URL;
 * returns the tab id and the record.
 * @param {TestPage} ext
 * @param {string} url
 * @returns {Promise<{tabId: number, rec: any}>}
 */
export async function tabRecord(ext, url) {
  const until = Date.now() + 20000;
  for (;;) {
    const hit = await ext.evaluate(async (u) => {
      const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
      const all = await api.storage.session.get(null);
      const e = /** @type {[string, any] | undefined} */ (Object.entries(all).find(([k, r]) => k.startsWith('tab:') && r && /** @type {any} */ (r).url === u && (/** @type {any} */ (r).json || /** @type {any} */ (r).report)));
      // The record keeps the report as JSON text (builds before the JSON
      // seam kept the object: the bench compares builds); callers read it parsed.
      return e ? { tabId: Number(e[0].slice(4)), rec: { ...e[1], report: e[1].report || JSON.parse(e[1].json) } } : null;
    }, url);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`no report for ${url} within 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What the content script says it drew on a tab: each badge's accessible
 * name and the page text right before it, in document order.
 * @param {TestPage} ext
 * @param {number} tabId
 * @returns {Promise<{enabled: boolean, hidden: boolean, badges: {label: string, before: string}[]}>}
 */
export function describeBadges(ext, tabId) {
  return ext.evaluate(async (id) => {
    const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
    return api.tabs.sendMessage(id, { type: 'popup>cs:describe' });
  }, tabId);
}

/**
 * What the page itself sees of the badges: their number, the text right
 * before each host (a badge must follow the closing quote mark), and the
 * article's text (which must not change).
 * @param {TestPage} page
 */
export function pageView(page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('whosaid-badge')];
    const before = hosts.map((h) => {
      let t = '';
      for (let n = h.previousSibling; n && t.length < 40; n = n.previousSibling) t = (n.textContent || '') + t;
      return t.slice(-40);
    });
    const art = document.querySelector('article') || document.body;
    return { count: hosts.length, before, text: art.textContent || '', shadowOpen: hosts.some((h) => h.shadowRoot !== null) };
  });
}

/**
 * The parts of a report that every front end (CLI, extension, web page)
 * must agree on for the same input: title, date, language, whether it is
 * an article, the counts, and each quotation's text, offsets, kind,
 * snapshot anchors and speaker (name, kind, party).
 * @param {any} r  a report (src/report.rs)
 */
export function reportEssence(r) {
  return {
    title: r.title ?? null,
    date: r.date ?? null,
    lang: r.lang ?? null,
    is_article: r.is_article,
    counts: r.counts,
    quotes: r.quotes.map((/** @type {any} */ q) => ({
      text: q.text, start: q.start, end: q.end, kind: q.kind,
      anchor_start: q.anchor_start ?? null, anchor_end: q.anchor_end ?? null,
      speaker: q.speaker.name, speaker_kind: q.speaker.kind, party: q.speaker.party ? q.speaker.party.name : null,
    })),
  };
}

/**
 * Chrome DevTools protocol over --remote-debugging-pipe (file descriptors
 * 3 and 4, messages separated by NUL), with nothing attached to any page
 * unless asked (the bench's unattached runs; the worker-lifetime test:
 * an attached DevTools session would keep a service worker awake).
 */
export class PipeCdp {
  /** @param {import('node:child_process').ChildProcess} child */
  constructor(child) {
    this.out = /** @type {import('node:stream').Writable} */ (child.stdio[3]);
    this.id = 0;
    /** @type {Map<number, [(v: any) => void, (e: Error) => void]>} */
    this.waiting = new Map();
    /** @type {((m: any) => void)[]} */
    this.listeners = [];
    let buf = Buffer.alloc(0);
    /** @type {import('node:stream').Readable} */ (child.stdio[4]).on('data', (/** @type {Buffer} */ d) => {
      buf = Buffer.concat([buf, d]);
      for (let i; (i = buf.indexOf(0)) >= 0;) {
        const msg = JSON.parse(buf.subarray(0, i).toString());
        buf = buf.subarray(i + 1);
        const w = msg.id !== undefined && this.waiting.get(msg.id);
        if (w) {
          this.waiting.delete(msg.id);
          if (msg.error) w[1](new Error(`${JSON.stringify(msg.error)}`)); else w[0](msg.result);
        } else for (const l of this.listeners) l(msg);
      }
    });
  }

  /**
   * @param {string} method
   * @param {object} [params]
   * @param {string} [sessionId]
   * @returns {Promise<any>}
   */
  send(method, params = {}, sessionId = undefined) {
    return new Promise((resolve, reject) => {
      const id = ++this.id;
      this.waiting.set(id, [resolve, reject]);
      this.out.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  /**
   * Evaluates an expression in a target, attached for that call only,
   * awaiting it if it is a promise.
   * @param {string} targetId
   * @param {string} expression
   * @returns {Promise<any>}  its value
   */
  async evaluate(targetId, expression) {
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    try {
      const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
      return r.result.value;
    } finally {
      await this.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
  }
}

/**
 * Chromium with the built extension, driven through a bare DevTools pipe
 * (PipeCdp): a fresh profile, target discovery on (which attaches to
 * nothing), and the extension's id once its service worker has started.
 * @param {{port: number}} server
 * @param {string} [dir]  the extension (default: the built one)
 * @returns {Promise<{cdp: PipeCdp, extId: string, userDataDir: string, workers: () => string[], close: () => Promise<void>}>}
 *   `workers()`: the extension's service workers running now (target ids)
 */
export async function launchChromiumPipe(server, dir = extensionDir('chrome')) {
  const { spawn } = await import('node:child_process');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'whosaid-pipe-'));
  const child = spawn('/usr/bin/chromium', [...chromiumArgs(dir, server.port), '--window-size=1100,800', `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const cdp = new PipeCdp(child);
  const close = async () => {
    await cdp.send('Browser.close').catch(() => {});
    // Browser.close lets Chromium shut down its helper processes; then the profile can go.
    const exited = new Promise((r) => { if (child.exitCode !== null) r(undefined); else child.once('exit', r); });
    const killer = setTimeout(() => child.kill(), 3000);
    await exited;
    clearTimeout(killer);
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  /** @type {Map<string, string>} running extension workers: target id -> url */
  const running = new Map();
  cdp.listeners.push((m) => {
    const t = m.params && m.params.targetInfo;
    if (m.method === 'Target.targetCreated' && t.type === 'service_worker' && t.url.startsWith('chrome-extension://')) running.set(t.targetId, t.url);
    if (m.method === 'Target.targetDestroyed') running.delete(m.params.targetId);
  });
  try {
    await cdp.send('Target.setDiscoverTargets', { discover: true });
    for (let w = 0; !running.size && w < 300; w++) await new Promise((r) => setTimeout(r, 50));
    if (!running.size) throw new Error('the extension service worker did not start within 15 s');
  } catch (e) {
    await close();
    throw e;
  }
  const extId = new URL([...running.values()][0]).host;
  return { cdp, extId, userDataDir, workers: () => [...running.keys()], close };
}

/**
 * Stops the extension's service worker (as the browser does once it
 * sleeps), from a page tab other than `except` (attached only for that).
 * @param {PipeCdp} cdp
 * @param {string} except  the tab to leave alone (the next page's)
 */
export async function stopWorkers(cdp, except) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const other = targetInfos.find((/** @type {any} */ t) => t.type === 'page' && t.url === 'about:blank' && t.targetId !== except);
  if (!other) throw new Error('no about:blank tab to stop the worker from');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: other.targetId, flatten: true });
  await cdp.send('ServiceWorker.enable', {}, sessionId);
  await cdp.send('ServiceWorker.stopAllWorkers', {}, sessionId);
  await cdp.send('Target.detachFromTarget', { sessionId });
  await new Promise((r) => setTimeout(r, 1000));
}
