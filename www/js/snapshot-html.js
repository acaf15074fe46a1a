// @ts-check
/**
 * The snapshot of an HTML file the reader opened: parsed with DOMParser
 * (an inert document: no scripts run, nothing is fetched) and flattened the
 * way the native reader (src/html.rs) and the extension's content script
 * flatten a page: elements in document order with their lower-case tag and
 * kept attributes, text nodes with their text; `<script>`, `<style>`,
 * `<noscript>` and `<template>` contents dropped, except JSON-LD scripts,
 * whose text the engine reads for the date.
 *
 * The parsed document is never inserted into this page: the page renders
 * the snapshot's text with `textContent` (render.js).
 */

/** @typedef {import('./snapshot-text.js').Snapshot} Snapshot */
/** @typedef {import('./snapshot-text.js').SnapshotNode} SnapshotNode */

/** Attributes kept on elements (`KEPT_ATTRIBUTES` in src/snapshot.rs). */
export const KEPT_ATTRIBUTES = [
  'id', 'class', 'role', 'itemprop', 'itemtype', 'hidden', 'aria-hidden', 'lang', 'name',
  'property', 'content', 'datetime', 'type',
];

const DROP_CHILDREN = new Set(['script', 'style', 'noscript', 'template']);

/**
 * @param {Document} doc a parsed document
 * @returns {Snapshot}
 */
export function snapshotFromDocument(doc) {
  /** @type {SnapshotNode[]} */
  const nodes = [];
  // Iterative pre-order walk: deeply nested markup cannot overflow the stack.
  /** @type {[Node, number][]} */
  const stack = [];
  for (let c = doc.lastChild; c; c = c.previousSibling) stack.push([c, -1]);
  while (stack.length) {
    const [n, parent] = /** @type {[Node, number]} */ (stack.pop());
    if (n.nodeType === Node.ELEMENT_NODE) {
      const el = /** @type {Element} */ (n);
      const tag = el.localName.toLowerCase();
      /** @type {SnapshotNode} */
      const node = { p: parent, tag };
      /** @type {Record<string, string>} */
      const attrs = {};
      let any = false;
      for (const a of KEPT_ATTRIBUTES) {
        const v = el.getAttribute(a);
        if (v !== null) {
          attrs[a] = v;
          any = true;
        }
      }
      if (any) node.attrs = attrs;
      const me = nodes.length;
      nodes.push(node);
      if (DROP_CHILDREN.has(tag) && !(tag === 'script' && el.getAttribute('type') === 'application/ld+json')) continue;
      // <template> content lives in a fragment, not in childNodes; skipped above.
      for (let c = el.lastChild; c; c = c.previousSibling) stack.push([c, me]);
    } else if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) {
      if (parent >= 0) nodes.push({ p: parent, text: /** @type {Text} */ (n).data });
    }
    // comments, doctypes, processing instructions: dropped
  }
  return { nodes };
}

/**
 * Parses HTML source into a snapshot.
 * @param {string} html
 * @returns {Snapshot}
 */
export function snapshotFromHtml(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return snapshotFromDocument(doc);
}
