// @ts-check
/**
 * Draws an analysed article on the page: the snapshot's readable text,
 * block by block, with the shared badge (extension/src/ui/badge.js) after
 * each quotation, exactly where the extension would put it.
 *
 * Only text is ever inserted, with `textContent` / `Text` nodes: an HTML
 * file's markup is never put into this page. Each snapshot text node
 * becomes one DOM `Text` node, so a report's anchors (snapshot node index +
 * UTF-16 offset) point straight into what is shown.
 */
import { createBadge, isBadgeHost } from '../ui/badge.js';

/** @typedef {import('./snapshot-text.js').Snapshot} Snapshot */
/** @typedef {import('../ui/badge.js').Quote} Quote */

/** Subtrees that are never article text (as in the engine's article stage). */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button',
  'select', 'textarea', 'svg', 'iframe', 'head', 'title', 'meta', 'link', 'input', 'label', 'menu',
]);

/** Elements that start a block of text, and what each is drawn as. */
const BLOCKS = /** @type {Record<string, string>} */ ({
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  p: 'p', div: 'p', section: 'p', article: 'p', main: 'p', body: 'p', td: 'p', pre: 'p', dd: 'p', dt: 'p',
  li: 'li', blockquote: 'blockquote', figcaption: 'caption', caption: 'caption',
});

/**
 * What {@link renderArticle} drew.
 * @typedef {object} Rendered
 * @property {Map<number, Text>} textNodes snapshot text node index → the Text drawn for it
 * @property {number} blocks number of blocks drawn
 */

/**
 * The element whose text to show: the page's `<article>` (the one with the
 * most text), else its `[itemprop=articleBody]` or `<main>`, else
 * everything; and everything whenever a node that must be shown (a
 * quotation's anchor) lies outside it. Keeps the menus, teasers and
 * comments of a real page out of the view.
 * @param {Snapshot} snapshot
 * @param {Iterable<number>} mustShow snapshot node indices
 * @returns {number} a snapshot element index, or -1 for the whole snapshot
 */
export function regionRoot(snapshot, mustShow) {
  const nodes = snapshot.nodes;
  const textLen = new Float64Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const t = nodes[i].text;
    if (t !== undefined) textLen[i] += t.length;
    if (nodes[i].p >= 0) textLen[nodes[i].p] += textLen[i];
  }
  /** @param {(i: number) => boolean} pick */
  const best = (pick) => {
    let b = -1;
    for (let i = 0; i < nodes.length; i++) if (nodes[i].tag && pick(i) && (b < 0 || textLen[i] > textLen[b])) b = i;
    return b;
  };
  let root = best((i) => nodes[i].tag === 'article');
  if (root < 0) root = best((i) => nodes[i].attrs?.itemprop === 'articleBody');
  if (root < 0) root = best((i) => nodes[i].tag === 'main');
  if (root < 0) return -1;
  for (const m of mustShow) {
    let i = m;
    while (i >= 0 && i !== root) i = nodes[i]?.p ?? -1;
    if (i !== root) return -1;
  }
  return root;
}

/**
 * Draws the readable text of a snapshot into `container` (emptied first).
 * @param {Snapshot} snapshot
 * @param {HTMLElement} container
 * @param {number} [root=-1] draw only this element's text (see {@link regionRoot})
 * @returns {Rendered}
 */
export function renderArticle(snapshot, container, root = -1) {
  const doc = container.ownerDocument;
  const nodes = snapshot.nodes;
  const n = nodes.length;
  const skipped = new Uint8Array(n);
  const inside = new Uint8Array(n);
  const blockOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    const p = node.p;
    const tag = node.tag;
    const hidden = !!node.attrs && ('hidden' in node.attrs || node.attrs['aria-hidden'] === 'true');
    inside[i] = root < 0 || i === root || (p >= 0 && inside[p]) ? 1 : 0;
    skipped[i] = !inside[i] || (i !== root && p >= 0 && skipped[p]) || (tag !== undefined && (SKIP_TAGS.has(tag) || hidden)) ? 1 : 0;
    blockOf[i] = tag !== undefined && tag in BLOCKS ? i : p >= 0 ? blockOf[p] : -1;
  }
  container.replaceChildren();
  /** @type {Map<number, Text>} */
  const textNodes = new Map();
  let current = -2;
  /** @type {HTMLElement | null} */
  let el = null;
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    if (node.text === undefined || skipped[i]) continue;
    const block = node.p >= 0 ? blockOf[node.p] : -1;
    if (block !== current || !el) {
      // Whitespace between blocks (the line breaks of a .txt file, the
      // indentation of HTML source) starts nothing.
      if (!/\S/.test(node.text)) continue;
      current = block;
      const kind = block >= 0 ? BLOCKS[/** @type {string} */ (nodes[block].tag)] : 'p';
      el = doc.createElement(kind === 'heading' ? 'h4' : kind === 'blockquote' ? 'blockquote' : 'p');
      el.className = `wsd-${kind}`;
      container.appendChild(el);
      blocks++;
    }
    const t = doc.createTextNode(node.text);
    el.appendChild(t);
    textNodes.set(i, t);
  }
  return { textNodes, blocks };
}

/**
 * Puts a badge after each quotation whose end anchor was drawn, and (where
 * the browser has the CSS Custom Highlight API) marks the quotation itself.
 * @param {Quote[]} quotes the report's quotations
 * @param {Rendered} rendered
 * @param {import('../ui/badge.js').BadgeOptions} [options]
 * @returns {{placed: number, missing: number}} badges drawn, and quotations
 *   whose anchor lies in text that is not shown (menus, asides)
 */
export function placeBadges(quotes, rendered, options = {}) {
  const { textNodes } = rendered;
  /** @type {Map<number, {offset: number, quote: Quote, index: number}[]>} */
  const byNode = new Map();
  /** @type {Range[]} */
  const ranges = [];
  let missing = 0;
  quotes.forEach((quote, index) => {
    const end = quote.anchor_end;
    const t = end ? textNodes.get(end.node) : undefined;
    if (!end || !t) {
      missing++;
      return;
    }
    const start = quote.anchor_start;
    const ts = start ? textNodes.get(start.node) : undefined;
    if (start && ts) {
      // Ranges made now follow the text through the splits below.
      const r = new Range();
      try {
        r.setStart(ts, Math.min(start.offset, ts.length));
        r.setEnd(t, Math.min(end.offset, t.length));
        ranges.push(r);
      } catch {
        /* an anchor out of order: no highlight for this one */
      }
    }
    const list = byNode.get(end.node) ?? [];
    list.push({ offset: Math.min(end.offset, t.length), quote, index });
    byNode.set(end.node, list);
  });
  let placed = 0;
  for (const [node, list] of byNode) {
    const t = /** @type {Text} */ (textNodes.get(node));
    // Right to left, so earlier offsets stay valid in the original node.
    list.sort((a, b) => b.offset - a.offset || b.index - a.index);
    for (const { offset, quote, index } of list) {
      const host = createBadge(quote, options, t.ownerDocument);
      if (!host) continue;
      host.dataset.quote = String(index);
      host.dataset.kind = quote.speaker.kind;
      host.dataset.speaker = quote.speaker.name;
      host.dataset.party = quote.speaker.party ? quote.speaker.party.name : '';
      if (offset >= t.length) t.after(host);
      else t.splitText(offset).before(host);
      placed++;
    }
  }
  const css = /** @type {any} */ (globalThis.CSS);
  if (css && css.highlights && typeof Highlight === 'function') {
    css.highlights.set('whosaid-quote', new Highlight(...ranges));
  }
  return { placed, missing };
}

/**
 * All badge hosts inside an element, in document order.
 * @param {Element} container
 * @returns {HTMLElement[]}
 */
export function badgesIn(container) {
  return /** @type {HTMLElement[]} */ ([...container.querySelectorAll('whosaid-badge')].filter(isBadgeHost));
}
