// @ts-check
/**
 * The keyboard shortcut's work (manifest "commands" → `toggle-badges`), apart
 * from the background so that node tests can import it (no WASM, no listeners)
 * and so that it stays out of the content script, whose size has a budget
 * (settings.js is built into it).
 */

import { withDefaults } from '../settings.js';

/**
 * Hides all badges if they are shown, shows them if hidden: flips
 * `badgesHidden` in storage.sync, read fresh (a settings cache may lag a
 * change just made in the popup). The content scripts follow the change.
 * @param {any} api  the extension API namespace (`chrome` or `browser`)
 * @returns {Promise<boolean>}  the new value of `badgesHidden`
 */
export async function toggleBadgesHidden(api) {
  const hidden = !withDefaults(await api.storage.sync.get('badgesHidden')).badgesHidden;
  await api.storage.sync.set({ badgesHidden: hidden });
  return hidden;
}
