// @ts-check
/**
 * The engine, off the main thread: a module worker that instantiates the
 * WASM build once and answers analysis requests, so typing or pasting a
 * long article never freezes the page.
 *
 * Request:  {id: number, snapshot: Snapshot, options?: {date?: string}}
 * Response: {id, report, ms} or {id, error: string}; `ms` is the time the
 * engine took (instantiation excluded), measured here.
 * A {id, warm: true} request instantiates the engine and warms it up
 * (knowledge base, compiled code; the page sends it at load); it answers {id, warm, initMs}.
 */
import init, { analyze, warm_up } from '../wasm/whosaid.js';

/** @type {Promise<unknown> | null} */
let ready = null;

self.addEventListener('message', async (event) => {
  const { id, snapshot, options, warm } = event.data || {};
  try {
    const t0 = performance.now();
    ready ??= init();
    await ready;
    if (warm) {
      // The engine's built-in warm-up article, three times: the knowledge
      // base is unpacked and the analysis code compiled and optimised now
      // rather than on the reader's first article (docs/perf.md, perfwasm).
      warm_up(3);
      self.postMessage({ id, warm: true, initMs: performance.now() - t0 });
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
