// @ts-check
/**
 * The badge layer: puts one badge after each quotation of a report, and
 * keeps the page's badges in step with later reports without duplicating
 * any. Idempotent: a badge whose quotation is still reported at the same
 * place is left alone; badges of quotations that went away are removed.
 *
 * Writes are batched into one animation frame (a timer when the tab is
 * hidden, where frames do not run). The caller's MutationObserver is told
 * about the writes (`onWrite`) so that it can drop the records they cause.
 *
 * A page that keeps removing our badges gets each badge back at most
 * MAX_REINSERTS times: we must not loop with it.
 */

import { createBadge, flashBadge } from '../ui/badge.js';

/** @typedef {import('../ui/badge.js').Quote} Quote */
/** @typedef {import('../ui/badge.js').BadgeOptions} BadgeOptions */
/** @typedef {import('../ui/summary.js').Report} Report */

const MAX_REINSERTS = 5;
/** Up to this many badges go in one frame; more are spread over frames (writeFrames). */
const FIRST_FRAME = 128;

/**
 * @typedef {object} BadgeRecord
 * @property {string} key
 * @property {Quote} quote
 * @property {HTMLElement} host
 * @property {Range | null} range  the quotation's text (live range), for highlighting
 */

/**
 * The key of a quotation: who said what, and which occurrence of it.
 * @param {Quote} q
 * @param {Map<string, number>} seen
 * @returns {string}
 */
function badgeKeyOf(q, seen) {
  const s = q.speaker;
  const base = `${s.kind}|${s.name}|${s.party ? s.party.short + s.party.source : ''}|${s.role || ''}|${q.text}`;
  const n = (seen.get(base) || 0) + 1;
  seen.set(base, n);
  return `${base}#${n}`;
}

/**
 * Runs a batch of DOM writes in the next animation frame (or soon, when
 * the tab is hidden and frames are paused).
 * @param {Window} win
 * @param {() => void} fn
 */
function onNextFrame(win, fn) {
  let done = false;
  const run = () => { if (!done) { done = true; fn(); } };
  if (!win.document.hidden) win.requestAnimationFrame(run);
  // Frames do not run in hidden tabs; do not wait for them.
  win.setTimeout(run, win.document.hidden ? 0 : 200);
}

export class WhosaidBadgeLayer {
  /**
   * @param {Document} doc
   * @param {() => void} onWrite  called right after each batch of our writes
   */
  constructor(doc, onWrite) {
    this.doc = doc;
    this.onWrite = onWrite;
    /** @type {Map<string, BadgeRecord>} */
    this.records = new Map();
    /** @type {Map<string, number>} */
    this.lost = new Map();
    this.hidden = false;
    /** @type {string} */
    this.optionsKey = '';
    /** @type {Map<string, number>} */
    this.jumpCursor = new Map();
    /** Bumped by clear(): frames still to come from before it write nothing. */
    this.gen = 0;
  }

  /**
   * Draws the badges of a report; resolves once they are in the page.
   * @param {Report} report
   * @param {Node[]} domNodes  the snapshot's DOM nodes, by snapshot index
   * @param {BadgeOptions} options
   * @returns {Promise<void>}
   */
  apply(report, domNodes, options) {
    const optionsKey = JSON.stringify(options);
    // Badges to take away. The records change in the same frame as the
    // DOM, so that what we report (DESCRIBE) always matches the page.
    /** @type {BadgeRecord[]} */
    const drops = [];
    /** @type {Set<string>} */
    const dropped = new Set();
    if (optionsKey !== this.optionsKey) {
      for (const rec of this.records.values()) { drops.push(rec); dropped.add(rec.key); }
      this.optionsKey = optionsKey;
    }
    /** @type {Map<string, {q: Quote, node: Text, offset: number, start: Node | null, startOffset: number, index: number}>} */
    const want = new Map();
    if (report.is_article) {
      const seen = new Map();
      for (const q of report.quotes || []) {
        if (q.speaker.kind === 'unknown' && options.showUnattributed === false) continue;
        const a = q.anchor_end;
        if (!a) continue;
        const node = domNodes[a.node];
        if (!node || node.nodeType !== 3 || !node.isConnected) continue;
        const text = /** @type {Text} */ (node);
        if (a.offset > text.data.length || a.offset < 0) continue;
        const s = q.anchor_start;
        const start = s ? domNodes[s.node] || null : null;
        want.set(badgeKeyOf(q, seen), { q, node: text, offset: a.offset, start, startOffset: s ? s.offset : 0, index: a.node });
      }
    }
    for (const [key, rec] of this.records) {
      if (dropped.has(key)) continue;
      const w = want.get(key);
      if (!rec.host.isConnected) {
        // Removed by the page (or its paragraph was re-rendered).
        this.lost.set(key, (this.lost.get(key) || 0) + 1);
        this.records.delete(key);
        continue;
      }
      if (w && w.offset === w.node.data.length && w.node.nextSibling === rec.host) {
        rec.quote = w.q;
        want.delete(key);
        continue;
      }
      drops.push(rec);
    }
    // The badges themselves are made frame by frame (writeFrames).
    const inserts = [...want].filter(([key]) => (this.lost.get(key) || 0) <= MAX_REINSERTS);
    if (!drops.length && !inserts.length) return Promise.resolve();
    // Nearest the viewport first: what the reader sees gets its badges in
    // the first frame, the rest of a long page follows (layout is read here,
    // before any of our writes, so it is never forced between them).
    // Within one text node, later positions first: splitting it never moves
    // a position still to be used.
    /** @type {Map<Element | null, number>} */
    const dist = new Map();
    const vh = /** @type {Window} */ (this.doc.defaultView).innerHeight;
    const far = (/** @type {Text} */ node) => {
      const el = node.parentElement;
      if (inserts.length <= FIRST_FRAME || !el) return 0;
      let d = dist.get(el);
      if (d === undefined) {
        const r = el.getBoundingClientRect();
        dist.set(el, d = Math.max(0, r.top - vh, -r.bottom));
      }
      return d;
    };
    inserts.sort(([, a], [, b]) => far(a.node) - far(b.node) || b.index - a.index || b.offset - a.offset);
    return this.writeFrames(drops, inserts, options);
  }

  /**
   * Writes over as many frames as it takes: the drops and the first
   * inserts, then more each frame. How many depends on how long the last
   * frame took: on a huge page most of a frame is the browser's relayout
   * after our inserts, and no frame of ours may run long (issue #6).
   * @param {BadgeRecord[]} drops
   * @param {[string, {q: Quote, node: Text, offset: number, start: Node | null, startOffset: number, index: number}][]} inserts
   * @param {BadgeOptions} options
   * @returns {Promise<void>}
   */
  writeFrames(drops, inserts, options) {
    const win = /** @type {Window} */ (this.doc.defaultView);
    /** @type {(Range | null)[]} */
    let ranges = [];
    let i = 0;
    // A long page: a smaller first frame (the badges in view), then adapt.
    let per = inserts.length > FIRST_FRAME ? 64 : FIRST_FRAME;
    let last = 0;
    const gen = this.gen;
    return new Promise((resolve) => {
      const frame = () => {
        if (gen !== this.gen) return resolve(); // cleared meanwhile
        const now = performance.now();
        // Aim at ~40 ms from frame to frame (our writes and the browser's
        // relayout). Not below 64: each frame also costs the relayout of the
        // whole page, whatever the number of badges, so more, smaller frames
        // only add to it (a busy machine stretches every frame alike). Not
        // above 160: at ~0.1-0.15 ms of style and layout per badge, more would
        // make a long frame on its own.
        if (last) per = Math.min(160, Math.max(64, Math.round(per * 40 / (now - last))));
        last = now;
        try {
          if (!i) {
            for (const rec of drops) {
              rec.host.remove();
              if (this.records.get(rec.key) === rec) this.records.delete(rec.key);
            }
            // Ranges first, all of them: live ranges follow the splits below.
            ranges = inserts.map(([, w]) => {
              try {
                if (!w.node.isConnected || w.offset > w.node.data.length) return null;
                const r = this.doc.createRange();
                if (w.start && w.start.isConnected) r.setStart(w.start, Math.min(w.startOffset, nodeLength(w.start)));
                else r.setStart(w.node, 0);
                r.setEnd(w.node, w.offset);
                return r;
              } catch { return null; }
            });
          }
          for (const end = Math.min(i + per, inserts.length); i < end; i++) {
            const [key, w] = inserts[i];
            const node = w.node;
            const parent = node.parentNode;
            const host = createBadge(w.q, options, this.doc);
            if (!host || !parent || !node.isConnected || w.offset > node.data.length) continue;
            if (this.hidden) host.style.setProperty('display', 'none', 'important');
            if (w.offset === 0) parent.insertBefore(host, node);
            else {
              if (w.offset < node.data.length) node.splitText(w.offset);
              parent.insertBefore(host, node.nextSibling);
            }
            this.records.set(key, { key, quote: w.q, host, range: ranges[i] });
          }
        } catch {
          i = inserts.length; // the page pulled the ground away; the next pass starts afresh
        } finally {
          this.onWrite();
        }
        if (i < inserts.length && gen === this.gen) onNextFrame(win, frame);
        else resolve();
      };
      onNextFrame(win, frame);
    });
  }

  /** Removes every badge. */
  clear() {
    this.gen++;
    for (const rec of this.records.values()) rec.host.remove();
    this.records.clear();
    this.lost.clear();
    this.optionsKey = '';
    this.onWrite();
  }

  /**
   * Hides or shows every badge.
   * @param {boolean} hidden
   */
  setHidden(hidden) {
    this.hidden = hidden;
    for (const rec of this.records.values()) {
      if (hidden) rec.host.style.setProperty('display', 'none', 'important');
      else rec.host.style.removeProperty('display');
    }
    this.onWrite();
  }

  /**
   * The drawn badges in document order.
   * @returns {BadgeRecord[]}
   */
  ordered() {
    return [...this.records.values()]
      .filter((r) => r.host.isConnected)
      .sort((a, b) => (a.host.compareDocumentPosition(b.host) & 4 ? -1 : 1));
  }

  /**
   * Scrolls to a speaker's next quotation (in turn, wrapping around) and
   * highlights it.
   * @param {string} name
   * @param {string} kind
   * @returns {{index: number, total: number}}
   */
  jump(name, kind) {
    const mine = this.ordered().filter((r) => r.quote.speaker.name === name && r.quote.speaker.kind === kind);
    if (!mine.length) return { index: -1, total: 0 };
    const k = `${kind}|${name}`;
    const i = (this.jumpCursor.get(k) ?? -1) + 1;
    const index = i % mine.length;
    this.jumpCursor.set(k, index);
    const rec = mine[index];
    if (this.hidden) this.setHidden(false);
    rec.host.scrollIntoView({ block: 'center', inline: 'nearest' });
    flashBadge(rec.host);
    highlightRange(this.doc, rec.range);
    return { index, total: mine.length };
  }
}

/**
 * @param {Node} n
 * @returns {number}
 */
function nodeLength(n) {
  return n.nodeType === 3 ? /** @type {Text} */ (n).data.length : n.childNodes.length;
}

let highlightSheetAdded = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let highlightTimer;

/**
 * Highlights a quotation's text for a moment with the CSS Custom
 * Highlight API (no change to the page's DOM). Where it is missing the
 * badge's flash alone marks the place.
 * @param {Document} doc
 * @param {Range | null} range
 */
function highlightRange(doc, range) {
  try {
    const g = /** @type {any} */ (globalThis);
    if (!range || !g.CSS || !g.CSS.highlights || typeof g.Highlight !== 'function') return;
    if (!highlightSheetAdded) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('::highlight(whosaid-focus){background-color:#ffe27a;color:#111}');
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      highlightSheetAdded = true;
    }
    g.CSS.highlights.set('whosaid-focus', new g.Highlight(range));
    clearTimeout(highlightTimer);
    highlightTimer = setTimeout(() => g.CSS.highlights.delete('whosaid-focus'), 2500);
  } catch {
    // Highlighting is a nicety; the badge flash already marks the quote.
  }
}
