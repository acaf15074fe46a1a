// @ts-check
/**
 * The page → snapshot walk: the browser side of the seam described in
 * src/snapshot.rs. Produces exactly what the native HTML reader
 * (src/html.rs) produces from the same markup: a flat list of nodes in
 * document order, parents before children, `p` = parent index (-1 for the
 * root `<html>`), elements with their lower-case tag and only the kept
 * attributes, text nodes with their text. Comments, doctypes and
 * processing instructions are left out; `<script>`, `<style>`,
 * `<noscript>` and `<template>` keep their element but not their content,
 * except `<script type="application/ld+json">` (the engine reads
 * `datePublished` from it). An inline style that hides the element
 * (`display:none`, `visibility:hidden`) becomes a `hidden` attribute.
 *
 * Differences from the native reader, on purpose: our own badges
 * (`<whosaid-badge>`) are skipped with their subtree, so that a second pass
 * over a page with badges sees the page as it was. Shadow roots and
 * iframes are not entered (the native reader cannot see them either).
 *
 * Walks iteratively: 10,000 levels of nesting must not overflow the stack.
 */

/** Attributes a snapshot keeps (src/snapshot.rs `KEPT_ATTRIBUTES`). */
const SNAPSHOT_KEPT_ATTRIBUTES = ['id', 'class', 'role', 'itemprop', 'itemtype', 'hidden', 'aria-hidden', 'lang', 'name', 'property', 'content', 'datetime', 'type', 'http-equiv'];
const SNAPSHOT_OPAQUE = new Set(['script', 'style', 'noscript', 'template']);

/**
 * One snapshot node (the serde form of src/snapshot.rs `Node`).
 * @typedef {{p: number, tag?: string, attrs?: Record<string, string>, text?: string}} SnapshotNode
 */

/**
 * Takes a snapshot of a document. The walk yields to the page every
 * `sliceMs` milliseconds (a timer between slices), so that a huge page
 * never gets one long task from us; nodes that change meanwhile are
 * caught by the MutationObserver's next pass.
 * @param {Document} doc
 * @param {(node: Node) => boolean} skip  true for nodes to leave out with
 *   their subtree (our badges)
 * @param {number} [sliceMs=12]
 * @returns {Promise<{snapshot: {nodes: SnapshotNode[]}, domNodes: Node[]}>}
 *   the snapshot and, for each snapshot index, the DOM node it came from
 */
export async function takeSnapshot(doc, skip, sliceMs = 12) {
  /** @type {SnapshotNode[]} */
  const nodes = [];
  /** @type {Node[]} */
  const domNodes = [];
  const rootEl = doc.documentElement;
  if (!rootEl) return { snapshot: { nodes }, domNodes };
  /** @type {[Node, number][]} */
  const stack = [[rootEl, -1]];
  let sliceStart = performance.now();
  let n = 0;
  while (stack.length) {
    if ((++n & 1023) === 0 && performance.now() - sliceStart > sliceMs) {
      await new Promise((r) => setTimeout(r, 0));
      sliceStart = performance.now();
    }
    const top = /** @type {[Node, number]} */ (stack.pop());
    const node = top[0];
    const parent = top[1];
    if (node.nodeType === 3) {
      if (parent >= 0) {
        nodes.push({ p: parent, text: /** @type {Text} */ (node).data });
        domNodes.push(node);
      }
      continue;
    }
    if (node.nodeType !== 1 || skip(node)) continue;
    const el = /** @type {Element} */ (node);
    const tag = el.localName.toLowerCase();
    /** @type {SnapshotNode} */
    const out = { p: parent, tag };
    for (const name of SNAPSHOT_KEPT_ATTRIBUTES) {
      const v = el.getAttribute(name);
      if (v !== null) (out.attrs || (out.attrs = {}))[name] = v;
    }
    // An inline style that hides the element counts as `hidden`, as in the native reader.
    const st = el.getAttribute('style');
    if (st && /display:none|visibility:hidden/.test(st.replace(/\s/g, '').toLowerCase())) (out.attrs || (out.attrs = {})).hidden = '';
    const me = nodes.length;
    nodes.push(out);
    domNodes.push(el);
    if (SNAPSHOT_OPAQUE.has(tag) && !(tag === 'script' && el.getAttribute('type') === 'application/ld+json')) continue;
    // <template> content lives in a fragment, not childNodes: nothing to do.
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], me]);
  }
  return { snapshot: { nodes }, domNodes };
}
