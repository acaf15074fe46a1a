// @ts-check
/**
 * The background's parts that run in node, with fakes for what the browser
 * gives: the keyboard shortcut's work (background/commands.js, a fake
 * storage.sync: each press flips `badgesHidden`, reading what is stored
 * now; the browsers' part, the key reaching the extension and the content
 * script hiding the badges, is in scenarios.mjs), and when tab records are
 * stored (background/deferred-store.js, fake timers), and how long the
 * background keeps itself awake after a page (background/keep-warm.js, fake
 * timers; in the browser: lifetime.test.mjs).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toggleBadgesHidden } from '../../extension/src/background/commands.js';
import { deferredStore } from '../../extension/src/background/deferred-store.js';
import { keepWarm, KEEP_WARM_MS, KEEP_WARM_EVERY_MS } from '../../extension/src/background/keep-warm.js';

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

/**
 * A keep-warm over fake timers that logs the time of each ping, and when
 * Chrome would stop the worker: 30 s after its last ping or page.
 */
function warmSetup() {
  const timers = fakeTimers();
  /** @type {number[]} */
  const pings = [];
  const warm = keepWarm(() => pings.push(timers.now), timers, () => timers.now);
  let lastEvent = 0;
  return {
    timers, pings, warm,
    page() { lastEvent = timers.now; warm.extend(); },
    /** When the browser's 30 s idle timer runs out, given the pings and pages so far. */
    stopsAt: () => Math.max(lastEvent, ...pings) + 30000,
  };
}

test('keep-warm: after a page, a ping every 20 s, no gap of 30 s, until the window ends; then none', () => {
  const { timers, pings, page, stopsAt } = warmSetup();
  assert.ok(KEEP_WARM_EVERY_MS < 30000, "pings come inside Chrome's 30 s idle timeout");
  page();
  timers.run(KEEP_WARM_MS + 5 * 60000);
  assert.ok(pings.length >= KEEP_WARM_MS / KEEP_WARM_EVERY_MS - 1, `pings: ${pings.length}`);
  for (let i = 1; i < pings.length; i++) assert.ok(pings[i] - pings[i - 1] < 30000);
  assert.ok(pings[0] < 30000, 'the first ping comes before the idle timeout');
  assert.ok(stopsAt() >= KEEP_WARM_MS, 'awake for the whole window');
  assert.ok(stopsAt() <= KEEP_WARM_MS + 60000, 'and stopped soon after it');
  assert.equal(timers.pending, 0, 'no timer left after the window');
});

test('keep-warm: each page extends the window from its own time; one timer however many pages', () => {
  const { timers, warm, page, stopsAt } = warmSetup();
  page();
  timers.run(7 * 60000);
  page();
  page();
  assert.equal(timers.pending, 1);
  assert.ok(warm.active);
  timers.run(KEEP_WARM_MS + 5 * 60000);
  assert.ok(stopsAt() >= 7 * 60000 + KEEP_WARM_MS, 'awake for the window after the last page');
  assert.ok(stopsAt() <= 7 * 60000 + KEEP_WARM_MS + 60000);
  assert.ok(!warm.active);
});

test('keep-warm: stop() (the setting turned off) stops the pings at once; a later page starts them again', () => {
  const { timers, pings, warm, page } = warmSetup();
  page();
  timers.run(45000);
  const before = pings.length;
  assert.ok(before >= 2);
  warm.stop();
  assert.equal(timers.pending, 0);
  timers.run(5 * 60000);
  assert.equal(pings.length, before, 'no ping after stop()');
  page();
  timers.run(60000);
  assert.ok(pings.length > before, 'a page after stop() starts them again');
});
