// @ts-check
/**
 * The keyboard shortcut's work (extension/src/background/commands.js), in
 * node with a fake storage.sync: each press flips `badgesHidden`, reading
 * what is stored now. The browsers' part (the key reaching the extension,
 * the content script hiding the badges) is in scenarios.mjs.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toggleBadgesHidden } from '../../extension/src/background/commands.js';

/** An extension API with only storage.sync, backed by a plain object. */
function fakeApi(/** @type {Record<string, any>} */ data = {}) {
  return {
    data,
    storage: {
      sync: {
        get: async (/** @type {string | string[] | null} */ keys) => {
          const ks = keys === null ? Object.keys(data) : [keys].flat();
          return Object.fromEntries(ks.filter((k) => k in data).map((k) => [k, data[k]]));
        },
        set: async (/** @type {Record<string, any>} */ patch) => { Object.assign(data, patch); },
      },
    },
  };
}

test('toggle-badges: unset (shown) -> hidden -> shown; other settings untouched', async () => {
  const api = fakeApi({ badgeStyle: 'compact' });
  assert.equal(await toggleBadgesHidden(api), true);
  assert.deepEqual(api.data, { badgeStyle: 'compact', badgesHidden: true });
  assert.equal(await toggleBadgesHidden(api), false);
  assert.deepEqual(api.data, { badgeStyle: 'compact', badgesHidden: false });
});

test('toggle-badges reads the stored value each time (a change made elsewhere in between counts)', async () => {
  const api = fakeApi({ badgesHidden: true });
  assert.equal(await toggleBadgesHidden(api), false);
  api.data.badgesHidden = true; // e.g. the popup's switch
  assert.equal(await toggleBadgesHidden(api), false);
  assert.equal(api.data.badgesHidden, false);
});
