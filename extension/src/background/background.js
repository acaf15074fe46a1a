// @ts-check
/**
 * The background: a service worker in Chrome, an event page in Firefox
 * (the same ES module). It owns the WASM engine: the engine runs here, in
 * the extension's own context, because a content script on a page whose
 * Content-Security-Policy forbids WebAssembly could not compile it.
 *
 * - The WASM is instantiated and warmed up (knowledge-base index built,
 *   the analysis run on a built-in article so the browser compiles its
 *   code) as soon as the worker starts, and the worker is woken when a tab
 *   starts loading (`tabs.onUpdated`; in Chrome already when the page's
 *   request starts, `webRequest.onBeforeRequest`), so that this is done
 *   while the page loads, before the content script asks at document
 *   idle. The browser stops an idle worker; module state goes with it, and
 *   the next start instantiates it again. An analysis still waits for the
 *   engine if it comes first (lazily safe). So the worker also starts with
 *   the browser (`runtime.onStartup`), and after each page it keeps itself
 *   awake for a while (keep-warm.js; the "keepWarm" setting).
 * - The content script gets its report first; the tab record is stored
 *   (and the toolbar count set) in a later task. Each tab's latest report
 *   is kept in memory for the worker's lifetime and in `storage.session`
 *   (survives the worker's sleep, not the browser session) where there is
 *   one.
 * - Settings are read from storage.sync once per worker lifetime and kept
 *   in memory (re-read after storage.onChanged); the user's person → party
 *   corrections are handed to the engine's overlay when they change.
 * - No network: the only fetch is the extension's own .wasm file. The
 *   webRequest listener (Chrome) only observes that a page starts loading.
 */

import initWasm, { analyze_json as wasmAnalyzeJson, set_overlay as wasmSetOverlay, warm_up as wasmWarmUp } from '../wasm/whosaid.js';
import { MSG_CS_TO_BG, MSG_POPUP_TO_BG } from '../messages.js';
import { extApi, loadSettings } from '../settings.js';
import { toggleBadgesHidden } from './commands.js';
import { deferredStore } from './deferred-store.js';
import { keepWarm } from './keep-warm.js';

const api = extApi();

/**
 * What the background keeps per tab (and stores in storage.session). The
 * report stays the engine's JSON text: the content script gets it as text
 * and parses it itself, and storing a string is a plain copy, not a walk
 * over the report's objects. The popup gets it parsed (`withReport`).
 * @typedef {object} TabRecord
 * @property {string} url
 * @property {string} host
 * @property {string | null} json  the report as JSON text (null: whosaid is off on the site)
 * @property {number} at  time of the analysis (ms since epoch)
 * @property {number} ms  analysis time in the engine
 */

/** @type {Promise<void> | null} */
let engineReady = null;
/** @type {string | null} the corrections the engine has, as JSON */
let overlayLoaded = null;

/** Instantiates the WASM engine once per worker lifetime. */
function engine() {
  if (!engineReady) {
    const t0 = performance.now();
    engineReady = initWasm({ module_or_path: api.runtime.getURL('wasm/whosaid_bg.wasm') }).then(() => {
      // Diagnostics only: not awaited by the analysis.
      countInstantiation(performance.now() - t0).catch(() => {});
    });
    engineReady.catch(() => { engineReady = null; });
  }
  return engineReady;
}

/**
 * Warm-up rounds: the engine analyses its built-in article this many times,
 * so that the browser compiles and optimises the analysis code before the
 * first page asks (docs/perf.md, "perfwasm": 3 rounds take the first
 * page's analysis from ~12 ms to ~2 ms in Chromium).
 */
const WARM_UP_ROUNDS = 3;

/** Reports longer than this (JSON text, ~200 quotations) are stored after a delay (see handle). */
const BIG_REPORT_CHARS = 128 * 1024;
const BIG_REPORT_STORE_DELAY_MS = 1500;

/** @type {Promise<void> | null} */
let warmed = null;

/**
 * Instantiates the engine, hands it the corrections (which builds the
 * knowledge-base index) and runs the warm-up analyses: the first real page
 * then pays none of it. Once per worker lifetime; failures are retried by
 * the next call.
 */
function warmUp() {
  if (!warmed) {
    warmed = Promise.all([engine(), settings()]).then(async () => {
      const t0 = performance.now();
      await syncOverlay(); // the first use of the knowledge base: parse and index
      const t1 = performance.now();
      wasmWarmUp(1);
      const t2 = performance.now();
      recordEngine(() => ({ kbMs: t1 - t0, warmMs: t2 - t1 }));
      // The further rounds run one per task: a page that asks meanwhile
      // waits for one round at most, not for all of them.
      for (let i = 1; i < WARM_UP_ROUNDS; i++) setTimeout(() => { try { wasmWarmUp(1); } catch { /* warm-up only */ } }, 0);
    });
    warmed.catch(() => { warmed = null; });
  }
  return warmed;
}

/** @type {Promise<import('../settings.js').Settings> | null} */
let settingsCache = null;

/** Keeps the worker awake after a page (keep-warm.js): any extension API call restarts Chrome's idle timer. */
const awake = keepWarm(() => { Promise.resolve(api.runtime.getPlatformInfo()).catch(() => {}); });

/** A page was read or starts loading: stay awake for the next one, unless the user turned that off. */
function stayAwake() {
  settings().then((s) => { if (s.keepWarm) awake.extend(); else awake.stop(); }, () => {});
}

/** The settings, read once and kept until storage.sync changes. */
function settings() {
  if (!settingsCache) {
    settingsCache = loadSettings();
    settingsCache.catch(() => { settingsCache = null; });
  }
  return settingsCache;
}

/**
 * Counts WASM instantiations (and the last one's time) in storage.session,
 * for diagnostics: a stopped and restarted worker instantiates again.
 * @param {number} ms
 */
function countInstantiation(ms) {
  return recordEngine((prev) => ({ instantiations: ((prev && prev.instantiations) || 0) + 1, lastMs: ms }));
}

/** @type {Promise<void>} one storage update at a time */
let engineRecord = Promise.resolve();

/**
 * Updates the diagnostics record (storage.session `engine`:
 * {instantiations, lastMs, kbMs, warmMs}), one update at a time.
 * @param {(prev: any) => object} patch
 */
function recordEngine(patch) {
  if (!hasSession) return Promise.resolve();
  engineRecord = engineRecord.then(async () => {
    const { engine: prev } = await api.storage.session.get('engine');
    await api.storage.session.set({ engine: { ...(prev || {}), ...patch(prev) } });
  }).catch(() => {});
  return engineRecord;
}

/** Hands the user's corrections to the engine if they changed. */
async function syncOverlay() {
  const { corrections } = await settings();
  const json = JSON.stringify(corrections || []);
  if (json === overlayLoaded) return;
  wasmSetOverlay(corrections || []);
  overlayLoaded = json;
}

/** @type {Map<number, TabRecord>} this worker's records (all of them where storage.session is missing) */
const memoryTabs = new Map();
const hasSession = !!(api.storage && api.storage.session);

/**
 * Stores a tab's latest record and shows its count on the toolbar, in a
 * later task (a big one later still: parsing it for the count and copying
 * it into storage.session both compete with the page for the CPU).
 */
const storeLater = deferredStore((tabId) => {
  const latest = memoryTabs.get(tabId);
  if (!latest) return; // the tab was removed meanwhile
  putTab(tabId, latest).catch(() => {});
  setActionBadge(tabId, latest);
}, BIG_REPORT_STORE_DELAY_MS);

/**
 * @param {number} tabId
 * @param {TabRecord | null} rec
 */
async function putTab(tabId, rec) {
  const key = `tab:${tabId}`;
  if (rec) memoryTabs.set(tabId, rec);
  else memoryTabs.delete(tabId);
  if (hasSession) {
    if (rec) await api.storage.session.set({ [key]: rec });
    else await api.storage.session.remove(key);
  }
}

/**
 * @param {number} tabId
 * @returns {Promise<TabRecord | null>}
 */
async function getTab(tabId) {
  const mem = memoryTabs.get(tabId);
  if (mem || !hasSession) return mem || null;
  const key = `tab:${tabId}`;
  const got = await api.storage.session.get(key);
  return got[key] || null;
}

/** @type {WeakMap<TabRecord, import('../ui/summary.js').Report | null>} reports parsed so far */
const parsed = new WeakMap();

/**
 * A record's report, parsed once per record (null if none or unreadable).
 * @param {TabRecord | null} rec
 * @returns {import('../ui/summary.js').Report | null}
 */
function reportOf(rec) {
  if (!rec || typeof rec.json !== 'string') return null;
  let report = parsed.get(rec);
  if (report === undefined) {
    try { report = JSON.parse(rec.json); } catch { report = null; }
    parsed.set(rec, report ?? null);
  }
  return report ?? null;
}

/**
 * A record as the popup reads it: with the report parsed.
 * @param {TabRecord | null} rec
 */
function withReport(rec) {
  return rec && { url: rec.url, host: rec.host, at: rec.at, ms: rec.ms, report: reportOf(rec) };
}

/**
 * Shows the number of quotations on the toolbar button.
 * @param {number} tabId
 * @param {TabRecord | null} rec
 */
function setActionBadge(tabId, rec) {
  const report = reportOf(rec);
  const n = report && report.is_article ? report.counts.quotes : 0;
  Promise.resolve(api.action.setBadgeText({ tabId, text: n ? String(n) : '' })).catch(() => {});
  Promise.resolve(api.action.setBadgeBackgroundColor({ tabId, color: '#3c4043' })).catch(() => {});
}

/**
 * @param {any} msg
 * @param {any} sender
 * @returns {Promise<any>}
 */
async function handle(msg, sender) {
  switch (msg && msg.type) {
    case MSG_CS_TO_BG.ANALYZE: {
      const tabId = sender.tab && sender.tab.id;
      await warmUp().catch(() => {}); // usually done already; a failed warm-up is retried below
      stayAwake();
      await engine();
      await syncOverlay();
      // The snapshot comes as JSON text (an object from an older content
      // script is turned into text): the engine reads and writes text.
      const snapshot = typeof msg.snapshot === 'string' ? msg.snapshot : JSON.stringify(msg.snapshot ?? null);
      const t0 = performance.now();
      const json = wasmAnalyzeJson(snapshot, { keep_text: false });
      const ms = performance.now() - t0;
      const url = String(sender.url || (sender.tab && sender.tab.url) || '');
      /** @type {TabRecord} */
      const rec = { url, host: hostOf(url), json, at: Date.now(), ms };
      if (typeof tabId === 'number' && (sender.frameId === 0 || sender.frameId === undefined)) {
        // Answer first: storing the record and the toolbar count (which
        // parses the report) wait until the reply is on its way; a big
        // report's until the page has drawn its first badges. getTab reads
        // memory first.
        memoryTabs.set(tabId, rec);
        storeLater(tabId, json.length > BIG_REPORT_CHARS);
      }
      return { ok: true, report: json };
    }
    case MSG_CS_TO_BG.CLEAR: {
      const tabId = sender.tab && sender.tab.id;
      if (typeof tabId === 'number' && sender.frameId === 0) {
        const url = String(sender.url || '');
        await putTab(tabId, { url, host: hostOf(url), json: null, at: Date.now(), ms: 0 });
        setActionBadge(tabId, null);
      }
      return { ok: true };
    }
    case MSG_POPUP_TO_BG.GET_TAB:
      return { ok: true, tab: withReport(await getTab(Number(msg.tabId))) };
    default:
      return { ok: false, error: 'unknown message' };
  }
}

/**
 * @param {string} url
 * @returns {string}
 */
function hostOf(url) {
  try { return new URL(url).hostname; } catch { return ''; }
}

api.runtime.onMessage.addListener((/** @type {any} */ msg, /** @type {any} */ sender, /** @type {(r: any) => void} */ reply) => {
  // Only our own content scripts and pages talk to us (no externally_connectable).
  if (sender.id !== api.runtime.id) return false;
  handle(msg, sender).then(reply, (e) => reply({ ok: false, error: String(e && e.message ? e.message : e) }));
  return true; // answer asynchronously
});

// Settings changed (options page, popup, shortcut): read them again next time.
api.storage.onChanged.addListener((/** @type {any} */ changes, /** @type {string} */ area) => {
  if (area !== 'sync') return;
  settingsCache = null;
  if (changes && changes.keepWarm && changes.keepWarm.newValue === false) awake.stop();
});

// A tab starts loading: wakes the worker (if it slept) and warms the engine
// up while the page loads, before its content script asks.
api.tabs.onUpdated.addListener((/** @type {number} */ _tabId, /** @type {{status?: string}} */ info) => {
  if (info && info.status === 'loading') {
    warmUp().catch(() => {});
    stayAwake();
  }
});

// Chrome: a page's request starts. Chrome starts a stopped worker for
// tabs.onUpdated only when the page commits, that is once its server has
// answered; this event comes before the request is sent, so the worker
// starts and warms up while the server answers (docs/perf2.md, "Lead,
// sixth day"). The listener reads nothing of the request and blocks
// nothing. Firefox's manifest does not ask for webRequest.
if (api.webRequest) {
  api.webRequest.onBeforeRequest.addListener(() => {
    warmUp().catch(() => {});
    stayAwake();
  }, { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] });
}

// The browser starts: a listener here makes it start the worker with the
// profile, before the first page (or the restored tabs) commits.
api.runtime.onStartup.addListener(() => { warmUp().catch(() => {}); });

// The worker just started: warm up now (still lazily safe: an analysis waits for it).
warmUp().catch(() => {});

api.tabs.onRemoved.addListener((/** @type {number} */ tabId) => { putTab(tabId, null).catch(() => {}); });

// Keyboard shortcut (manifest "commands"): hide or show all badges.
api.commands.onCommand.addListener(async (/** @type {string} */ command) => {
  if (command === 'toggle-badges') await toggleBadgesHidden(api);
});
