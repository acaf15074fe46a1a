// @ts-check
/**
 * The page's handle on the engine: sends snapshots to the worker
 * (worker.js) and resolves with the report. Only the newest request
 * matters: a result that arrives after a newer request was sent is dropped
 * (its promise resolves to null), so fast typing never shows stale badges.
 */

/** @typedef {import('./snapshot-text.js').Snapshot} Snapshot */
/** @typedef {{report: any, ms: number}} Analysis */

export class Engine {
  constructor() {
    this.serial = 0;
    /** @type {Map<number, {ok: (v: any) => void, fail: (e: Error) => void}>} */
    this.pending = new Map();
    this.worker = this.spawn();
  }

  /** @returns {Worker} */
  spawn() {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e) => {
      const { id } = e.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (e.data.error) {
        // A failed analysis may leave the WASM instance in a bad state
        // (a trap mid-call): start a fresh worker for the next request.
        this.restart();
        p.fail(new Error(e.data.error));
      } else p.ok(e.data);
    });
    worker.addEventListener('error', (e) => {
      const err = new Error(`the engine failed to start: ${e.message || 'worker error'}`);
      for (const p of this.pending.values()) p.fail(err);
      this.pending.clear();
    });
    return worker;
  }

  restart() {
    this.worker.terminate();
    const err = new Error('the engine was restarted');
    for (const p of this.pending.values()) p.fail(err);
    this.pending.clear();
    this.worker = this.spawn();
  }

  /** @param {object} msg */
  request(msg) {
    const id = ++this.serial;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail });
      this.worker.postMessage({ ...msg, id });
    }).then((v) => ({ id, v }));
  }

  /**
   * Instantiates the WASM now, so the first analysis is quick.
   * @returns {Promise<number>} instantiation time in ms
   */
  async warm() {
    const { v } = await this.request({ warm: true });
    return v.initMs;
  }

  /**
   * @param {Snapshot} snapshot
   * @param {{date?: string}} [options] `date`: the article's date
   *   (YYYY-MM-DD) when the page gives none
   * @returns {Promise<Analysis | null>} null when a newer request superseded this one
   */
  async analyze(snapshot, options = {}) {
    const { id, v } = await this.request({ snapshot, options });
    if (id !== this.serial) return null;
    return { report: v.report, ms: v.ms };
  }
}
