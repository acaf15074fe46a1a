// @ts-check
/**
 * The background's parts that run in node, with fakes for what the browser
 * gives: the keyboard shortcut's work (background/commands.js, a fake
 * storage.sync: each press flips `badgesHidden`, reading what is stored
 * now; the browsers' part, the key reaching the extension and the content
 * script hiding the badges, is in scenarios.mjs), and when tab records are
 * stored (background/deferred-store.js, fake timers).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toggleBadgesHidden } from '../../extension/src/background/commands.js';
import { deferredStore } from '../../extension/src/background/deferred-store.js';

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

/** Timers on a virtual clock: `run(ms)` advances it and runs what is due, in order. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  /** @type {Map<number, {at: number, fn: () => void}>} */
  const due = new Map();
  return {
    setTimeout: (/** @type {() => void} */ fn, /** @type {number} */ ms) => { due.set(++seq, { at: now + ms, fn }); return seq; },
    clearTimeout: (/** @type {number} */ id) => { due.delete(id); },
    run(/** @type {number} */ ms) {
      const until = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = until;
    },
    get pending() { return due.size; },
    get now() { return now; },
  };
}

/** A deferred store over fake timers that logs `tab@time` for each store. */
function storeSetup() {
  const timers = fakeTimers();
  /** @type {string[]} */
  const stored = [];
  const later = deferredStore((tabId) => stored.push(`${tabId}@${timers.now}`), 1500, timers);
  return { timers, stored, later, run: (/** @type {number} */ ms) => timers.run(ms) };
}

test('tab records: a small report is stored in the next task, a big one 1.5 s later', () => {
  const { stored, later, run } = storeSetup();
  later(1, false);
  later(2, true);
  run(20);
  assert.deepEqual(stored, ['1@0']);
  run(1500);
  assert.deepEqual(stored, ['1@0', '2@1500']);
});

test('tab records: one pending store per tab covers the reports that come while it waits', () => {
  const { timers, stored, later, run } = storeSetup();
  later(1, true);
  run(500);
  later(1, true); // re-analysed: the pending store stores the latest record, when it was due
  later(1, false);
  assert.equal(timers.pending, 1);
  run(1500);
  assert.deepEqual(stored, ['1@1500']);
  later(1, false);
  later(1, false);
  run(20);
  assert.deepEqual(stored, ['1@1500', '1@2000']);
});

test('tab records: a big report that finds an immediate store pending is still stored 1.5 s later', () => {
  const { timers, stored, later, run } = storeSetup();
  later(1, false);
  later(1, true); // before the first store ran
  assert.equal(timers.pending, 1, 'still one pending store for the tab');
  run(1000);
  assert.deepEqual(stored, [], 'the big report was not copied at once');
  run(600);
  assert.deepEqual(stored, ['1@1500']);
});
