// @ts-check
/**
 * Keeps the background awake for a while after the reader's last page, so
 * that the next page finds the engine ready.
 *
 * Chrome stops an extension service worker 30 s after its last event or
 * extension API call, and the module state (the instantiated WASM, the
 * knowledge-base index, the code the browser compiled) goes with it. The
 * next page then starts the worker again when it commits, and waits for the
 * worker's start, the instantiation and a first analysis in unoptimised
 * code: 80–118 ms from document idle to badges on the bench page against
 * 18–23 ms with the worker awake (docs/perf2.md, "Lead, fifth day"). A
 * reader who spends more than 30 s on an article met that on nearly every
 * page.
 *
 * So, after each page, the background calls a cheap extension API every
 * 20 s (each call restarts Chrome's 30 s idle timer) until `windowMs` has
 * passed with no further page; then it stops calling and the browser stops
 * the worker as before, freeing its memory. The user can turn this off
 * (options, "Keep the engine ready between pages").
 */

/** How long after the last page the background stays awake. */
export const KEEP_WARM_MS = 10 * 60 * 1000;

/** How often it calls the browser meanwhile: well inside Chrome's 30 s idle timeout. */
export const KEEP_WARM_EVERY_MS = 20 * 1000;

/**
 * @param {() => void} ping  a cheap extension API call (its promise's failure ignored by the caller)
 * @param {{setTimeout: (fn: () => void, ms: number) => any, clearTimeout: (t: any) => void}} [timers]  (tests pass fakes)
 * @param {() => number} [now]  the clock, in ms (tests pass a fake)
 * @returns {{extend: () => void, stop: () => void, readonly active: boolean}}
 *   `extend()`: a page was read, stay awake KEEP_WARM_MS from now;
 *   `stop()`: stop calling now (the user turned it off)
 */
export function keepWarm(ping, timers = globalThis, now = Date.now) {
  let until = 0;
  /** @type {any} */
  let timer = null;
  const tick = () => {
    timer = null;
    if (now() >= until) return; // the window is over: let the browser stop the worker
    ping();
    schedule();
  };
  const schedule = () => {
    // The last call falls at most KEEP_WARM_EVERY_MS before the window's end:
    // the worker then stays up to that + 30 s past it, never less than the window.
    timer = timers.setTimeout(tick, KEEP_WARM_EVERY_MS);
  };
  return {
    extend() {
      until = now() + KEEP_WARM_MS;
      if (timer === null) schedule();
    },
    stop() {
      until = 0;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    get active() { return timer !== null; },
  };
}
