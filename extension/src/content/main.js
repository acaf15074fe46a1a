// @ts-check
/**
 * The content script's lifecycle. At document idle: read the settings; if
 * whosaid runs on this site, snapshot the page, send the snapshot to the
 * background (which runs the WASM engine: it cannot run here on pages whose
 * CSP forbids WebAssembly), and draw the returned badges. Content that
 * arrives later (infinite scroll, single-page-app navigation, re-renders)
 * is picked up by a debounced MutationObserver that ignores our own writes.
 */

// The build concatenates these files into one classic script and strips
// the imports; they are here for readers and for type checking.
import { DEFAULT_SETTINGS, extApi, loadSettings, siteEnabled, withDefaults } from '../settings.js';
import { MSG_CS_TO_BG, MSG_POPUP_TO_CS } from '../messages.js';
import { badgeAccessibleName, isBadgeHost } from '../ui/badge.js';
import { takeSnapshot } from './snapshot.js';
import { WhosaidBadgeLayer } from './badges.js';

/** @typedef {import('../settings.js').Settings} Settings */

const RERUN_QUIET_MS = 300; // wait for this much quiet after a change...
const RERUN_MAX_WAIT_MS = 1500; // ...but never longer than this
// The document itself, not its root element: a page that replaces its
// root (document.open/write) is followed too.
const OBSERVE = { childList: true, subtree: true, characterData: true };

(async function whosaidContent() {
  const g = /** @type {any} */ (globalThis);
  if (g.__whosaidContentLoaded) return; // injected twice: keep the first
  g.__whosaidContentLoaded = true;
  if (!(document.documentElement instanceof HTMLElement)) return; // XML, SVG, PDF viewers
  const api = extApi();
  const host = location.hostname;

  /** @type {boolean | undefined} undefined until the settings are read */
  let enabled;
  let running = false;
  let again = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let quietTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let maxTimer;
  const observer = new MutationObserver(onMutations);
  const layer = new WhosaidBadgeLayer(document, () => { observer.takeRecords(); });
  // The first snapshot is taken while the settings are read (it stays in
  // this script unless the site is enabled). The observer starts first: a
  // change meanwhile discards it.
  observer.observe(document, OBSERVE);
  /** @type {ReturnType<typeof takeSnapshot> | null} */
  let early = takeSnapshot(document, isBadgeHost);
  // Read at document_start by content-early.js (content/early.js) when it ran.
  const pre = g.__whosaidEarly;
  /** @type {Settings} */
  let settings = pre ? await pre.settings.then(withDefaults, loadSettings) : await loadSettings();
  if (pre && pre.stale) settings = await loadSettings();
  enabled = siteEnabled(settings, host);
  layer.hidden = settings.badgesHidden;

  /** @returns {import('../ui/badge.js').BadgeOptions} */
  const badgeOptions = () => ({ style: settings.badgeStyle, palette: settings.palette, showUnattributed: settings.showUnattributed });

  async function analyzeNow() {
    if (!enabled) return;
    if (running) { again = true; return; }
    running = true;
    try {
      const { snapshot, domNodes } = await (early || takeSnapshot(document, isBadgeHost));
      early = null;
      // JSON text both ways: the engine reads and writes text (src/wasm.rs
      // analyze_json), and one string crosses faster than a tree of objects.
      const res = await api.runtime.sendMessage({ type: MSG_CS_TO_BG.ANALYZE, snapshot: JSON.stringify(snapshot) });
      if (!enabled || !res || !res.ok) return;
      await layer.apply(JSON.parse(res.report), domNodes, badgeOptions());
    } catch (e) {
      // The background restarted or the page went away; the next change retries.
      console.debug('whosaid:', e);
    } finally {
      running = false;
      if (again) { again = false; schedule(); }
    }
  }

  function schedule() {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(fire, RERUN_QUIET_MS);
    if (maxTimer === undefined) maxTimer = setTimeout(fire, RERUN_MAX_WAIT_MS);
  }
  function fire() {
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    maxTimer = undefined;
    analyzeNow();
  }

  /**
   * True if a mutation record is about page content rather than our badges.
   * @param {MutationRecord} r
   */
  function relevant(r) {
    /** @type {Node | null} */
    let t = r.target;
    for (; t; t = t.parentNode) if (isBadgeHost(t)) return false;
    if (r.type === 'childList') {
      const nodes = [...r.addedNodes, ...r.removedNodes];
      return nodes.some((n) => !isBadgeHost(n));
    }
    return true;
  }

  /** @param {MutationRecord[]} records */
  function onMutations(records) {
    if (enabled !== false && records.some(relevant)) {
      early = null;
      schedule();
    }
  }

  function start() {
    observer.observe(document, OBSERVE);
    analyzeNow();
  }
  function stop() {
    early = null;
    observer.disconnect();
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    maxTimer = undefined;
    layer.clear();
    api.runtime.sendMessage({ type: MSG_CS_TO_BG.CLEAR }).catch(() => {});
  }

  api.storage.onChanged.addListener((/** @type {Record<string, {newValue?: any}>} */ changes, /** @type {string} */ area) => {
    if (area !== 'sync') return;
    const before = settings;
    settings = { ...settings };
    for (const [k, v] of Object.entries(changes)) {
      /** @type {any} */ (settings)[k] = v.newValue === undefined ? /** @type {any} */ (DEFAULT_SETTINGS)[k] : v.newValue;
    }
    const nowEnabled = siteEnabled(settings, host);
    if (nowEnabled !== enabled) {
      enabled = nowEnabled;
      if (enabled) start(); else stop();
      return;
    }
    if (settings.badgesHidden !== before.badgesHidden) layer.setHidden(settings.badgesHidden);
    const looks = ['badgeStyle', 'palette', 'showUnattributed', 'corrections'];
    if (enabled && looks.some((k) => k in changes)) analyzeNow();
  });

  api.runtime.onMessage.addListener((/** @type {any} */ msg, /** @type {any} */ _sender, /** @type {(r: any) => void} */ reply) => {
    if (!msg || typeof msg.type !== 'string') return false;
    if (msg.type === MSG_POPUP_TO_CS.JUMP) {
      reply({ ok: true, ...layer.jump(String(msg.name), String(msg.kind)) });
    } else if (msg.type === MSG_POPUP_TO_CS.DESCRIBE) {
      reply({
        ok: true,
        enabled,
        hidden: layer.hidden,
        badges: layer.ordered().map((r) => ({ label: badgeAccessibleName(r.host), before: textBefore(r.host, 40) })),
      });
    }
    return false;
  });

  if (enabled) analyzeNow();
  else {
    stop(); // Tells the background our host even when off, so the popup can offer the switch.
  }
})();

/**
 * The page text right before a node (up to n characters, within its block).
 * @param {Node} node
 * @param {number} n
 * @returns {string}
 */
function textBefore(node, n) {
  let out = '';
  /** @type {Node | null} */
  let cur = node;
  while (cur && out.length < n) {
    while (cur && !cur.previousSibling) {
      cur = cur.parentNode;
      if (cur && cur.nodeType === 1 && /^(p|div|li|blockquote|h[1-6]|td|article|section|body)$/i.test(/** @type {Element} */ (cur).localName)) return out.slice(-n);
    }
    if (!cur) break;
    cur = cur.previousSibling;
    // Descend to the last text of that sibling.
    if (cur.nodeType === 3) out = /** @type {Text} */ (cur).data + out;
    else if (cur.nodeType === 1 && !isBadgeHost(cur)) out = (cur.textContent || '') + out;
  }
  return out.slice(-n);
}
