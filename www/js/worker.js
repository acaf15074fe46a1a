// @ts-check
/**
 * The engine, off the main thread: a module worker that instantiates the
 * WASM build once and answers analysis requests, so typing or pasting a
 * long article never freezes the page.
 *
 * Request:  {id: number, snapshot: Snapshot, options?: {date?: string}}
 * Response: {id, report, ms} or {id, error: string}; `ms` is the time the
 * engine took (instantiation excluded), measured here.
 * A {id, warm: true} request only instantiates (the page sends it at load).
 */
import init, { analyze } from '../wasm/whosaid.js';

/** @type {Promise<unknown> | null} */
let ready = null;

self.addEventListener('message', async (event) => {
  const { id, snapshot, options, warm } = event.data || {};
  try {
    const t0 = performance.now();
    ready ??= init();
    await ready;
    const initMs = performance.now() - t0;
    if (warm) {
      self.postMessage({ id, warm: true, initMs });
      return;
    }
    const t1 = performance.now();
    const report = analyze(snapshot, options && options.date ? { date: options.date } : undefined);
    const ms = performance.now() - t1;
    self.postMessage({ id, report, ms });
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
