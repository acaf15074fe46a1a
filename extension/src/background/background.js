// @ts-check
/**
 * The background: a service worker in Chrome, an event page in Firefox
 * (the same ES module). It owns the WASM engine: the engine runs here, in
 * the extension's own context, because a content script on a page whose
 * Content-Security-Policy forbids WebAssembly could not compile it.
 *
 * - The WASM is instantiated lazily, once, on the first snapshot. The
 *   browser stops an idle worker; module state goes with it, and the next
 *   message instantiates it again.
 * - Each tab's latest report is kept in `storage.session` (survives the
 *   worker's sleep, not the browser session), or in memory where
 *   `storage.session` is missing.
 * - The user's person → party corrections (storage.sync) are handed to the
 *   engine's overlay before each analysis that follows a change.
 * - No network: the only fetch is the extension's own .wasm file.
 */

import initWasm, { analyze as wasmAnalyze, set_overlay as wasmSetOverlay } from '../wasm/whosaid.js';
import { MSG_CS_TO_BG, MSG_POPUP_TO_BG } from '../messages.js';
import { extApi, loadSettings } from '../settings.js';

const api = extApi();

/**
 * What the background keeps per tab.
 * @typedef {object} TabRecord
 * @property {string} url
 * @property {string} host
 * @property {import('../ui/summary.js').Report | null} report
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
    engineReady = initWasm({ module_or_path: api.runtime.getURL('wasm/whosaid_bg.wasm') }).then(() => countInstantiation(performance.now() - t0));
    engineReady.catch(() => { engineReady = null; });
  }
  return engineReady;
}

/**
 * Counts WASM instantiations (and the last one's time) in storage.session,
 * for diagnostics: a stopped and restarted worker instantiates again.
 * @param {number} ms
 */
async function countInstantiation(ms) {
  if (!hasSession) return;
  const { engine: prev } = await api.storage.session.get('engine');
  await api.storage.session.set({ engine: { instantiations: ((prev && prev.instantiations) || 0) + 1, lastMs: ms } });
}

/** Hands the user's corrections to the engine if they changed. */
async function syncOverlay() {
  const { corrections } = await loadSettings();
  const json = JSON.stringify(corrections || []);
  if (json === overlayLoaded) return;
  wasmSetOverlay(corrections || []);
  overlayLoaded = json;
}

/** @type {Map<number, TabRecord>} used where storage.session is missing */
const memoryTabs = new Map();
const hasSession = !!(api.storage && api.storage.session);

/**
 * @param {number} tabId
 * @param {TabRecord | null} rec
 */
async function putTab(tabId, rec) {
  const key = `tab:${tabId}`;
  if (hasSession) {
    if (rec) await api.storage.session.set({ [key]: rec });
    else await api.storage.session.remove(key);
  } else if (rec) memoryTabs.set(tabId, rec);
  else memoryTabs.delete(tabId);
}

/**
 * @param {number} tabId
 * @returns {Promise<TabRecord | null>}
 */
async function getTab(tabId) {
  if (!hasSession) return memoryTabs.get(tabId) || null;
  const key = `tab:${tabId}`;
  const got = await api.storage.session.get(key);
  return got[key] || null;
}

/**
 * Shows the number of quotations on the toolbar button.
 * @param {number} tabId
 * @param {TabRecord | null} rec
 */
function setActionBadge(tabId, rec) {
  const n = rec && rec.report && rec.report.is_article ? rec.report.counts.quotes : 0;
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
      await engine();
      await syncOverlay();
      const t0 = performance.now();
      const report = wasmAnalyze(msg.snapshot, { keep_text: false });
      const ms = performance.now() - t0;
      const url = String(sender.url || (sender.tab && sender.tab.url) || '');
      /** @type {TabRecord} */
      const rec = { url, host: hostOf(url), report, at: Date.now(), ms };
      if (typeof tabId === 'number' && (sender.frameId === 0 || sender.frameId === undefined)) {
        await putTab(tabId, rec);
        setActionBadge(tabId, rec);
      }
      return { ok: true, report };
    }
    case MSG_CS_TO_BG.CLEAR: {
      const tabId = sender.tab && sender.tab.id;
      if (typeof tabId === 'number' && sender.frameId === 0) {
        const url = String(sender.url || '');
        await putTab(tabId, { url, host: hostOf(url), report: null, at: Date.now(), ms: 0 });
        setActionBadge(tabId, null);
      }
      return { ok: true };
    }
    case MSG_POPUP_TO_BG.GET_TAB:
      return { ok: true, tab: await getTab(Number(msg.tabId)) };
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

api.tabs.onRemoved.addListener((/** @type {number} */ tabId) => { putTab(tabId, null).catch(() => {}); });

// Keyboard shortcut (manifest "commands"): hide or show all badges.
api.commands.onCommand.addListener(async (/** @type {string} */ command) => {
  if (command !== 'toggle-badges') return;
  const s = await loadSettings();
  await api.storage.sync.set({ badgesHidden: !s.badgesHidden });
});
