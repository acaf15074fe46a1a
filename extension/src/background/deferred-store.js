// @ts-check
/**
 * When the background stores a tab's record in storage.session: in a later
 * task, so the content script gets its report first; and a big report
 * later still, once the page has drawn its first badges (copying it into
 * storage.session competes with the page for the CPU: on the 1 MB bench
 * page it stretched badge frames past 50 ms). One pending store per tab,
 * which stores the tab's latest record when it runs, so a page re-analysed
 * more often than the delay still gets stored.
 */

/**
 * @param {(tabId: number) => void} store  stores the tab's latest record
 * @param {number} bigDelayMs  how long a big report waits
 * @param {{setTimeout: (fn: () => void, ms: number) => any, clearTimeout: (t: any) => void}} [timers]  (tests pass fakes)
 * @returns {(tabId: number, big: boolean) => void}  asks for a store of the tab's latest record
 */
export function deferredStore(store, bigDelayMs, timers = globalThis) {
  /** @type {Map<number, {big: boolean, timer: any}>} */
  const pending = new Map();
  return (tabId, big) => {
    const p = pending.get(tabId);
    // The pending store will store this record too, and no earlier than it should.
    if (p && (p.big || !big)) return;
    // A pending immediate store would copy this big report at once: put it off.
    if (p) timers.clearTimeout(p.timer);
    const timer = timers.setTimeout(() => {
      pending.delete(tabId);
      store(tabId);
    }, big ? bigDelayMs : 0);
    pending.set(tabId, { big, timer });
  };
}
