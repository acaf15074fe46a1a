// @ts-check
/**
 * User settings (storage.sync) and the per-site switch, shared by the
 * content script, background, popup and options page.
 */

/**
 * @typedef {object} Settings
 * @property {'all' | 'enabled'} mode  Run on all sites with article detection
 *   (default), or only on sites the user enabled.
 * @property {Record<string, boolean>} sites  Per-site override, by host name.
 * @property {'name' | 'compact'} badgeStyle
 * @property {'party' | 'cb'} palette  "cb": colour-blind-safe palette.
 * @property {boolean} showUnattributed  Draw a muted "?" badge on unattributed quotations.
 * @property {boolean} badgesHidden  All badges hidden (popup switch, keyboard shortcut).
 * @property {boolean} keepWarm  Keep the engine ready for a while after each page
 *   (background/keep-warm.js).
 * @property {{name: string, party: string}[]} corrections  The user's person → party
 *   corrections, sent to the engine's overlay (`party` "" = no party).
 */

/** @type {Readonly<Settings>} */
export const DEFAULT_SETTINGS = Object.freeze({
  mode: 'all',
  sites: {},
  badgeStyle: 'name',
  palette: 'party',
  showUnattributed: true,
  badgesHidden: false,
  keepWarm: true,
  corrections: [],
});

/**
 * The extension API namespace: `browser` in Firefox, `chrome` in Chrome.
 * @returns {any}
 */
export function extApi() {
  const g = /** @type {any} */ (globalThis);
  return g.browser && g.browser.runtime ? g.browser : g.chrome;
}

/**
 * Reads all settings, with defaults for what is unset.
 * @returns {Promise<Settings>}
 */
export async function loadSettings() {
  const got = await extApi().storage.sync.get(Object.keys(DEFAULT_SETTINGS));
  return withDefaults(got);
}

/**
 * Settings read from storage, with defaults for what is unset.
 * @param {Record<string, any>} got
 * @returns {Settings}
 */
export function withDefaults(got) {
  /** @type {Record<string, any>} */
  const s = { ...DEFAULT_SETTINGS };
  for (const k of Object.keys(DEFAULT_SETTINGS)) if (got && k in got) s[k] = got[k];
  return /** @type {Settings} */ (s);
}

/**
 * Saves some settings.
 * @param {Partial<Settings>} patch
 * @returns {Promise<void>}
 */
export async function saveSettings(patch) {
  await extApi().storage.sync.set(patch);
}

/**
 * Whether whosaid runs on a host, given the settings.
 * @param {Settings} s
 * @param {string} host
 * @returns {boolean}
 */
export function siteEnabled(s, host) {
  const own = s.sites ? s.sites[host] : undefined;
  return typeof own === 'boolean' ? own : s.mode !== 'enabled';
}
