// @ts-check
/**
 * The snapshot of a plain-text article, built exactly as the engine's
 * `Snapshot::from_text` (src/snapshot.rs) builds it: a `<body>` with one
 * `<p>` per non-blank line, and the line breaks (and blank lines) kept as
 * whitespace text nodes between them, so that the analysed text is the
 * input exactly and the CLI and this page give the same report for the
 * same `.txt` file.
 */

/** @typedef {{p: number, tag?: string, attrs?: Record<string, string>, text?: string}} SnapshotNode */
/** @typedef {{nodes: SnapshotNode[]}} Snapshot */

/**
 * Rust's `str::trim` strips Unicode White_Space; JS's `trim` also strips
 * U+FEFF, which Rust keeps. Match Rust.
 * @param {string} s
 */
function isBlank(s) {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/.test(s);
}

/**
 * @param {string} text the article's text
 * @returns {Snapshot}
 */
export function snapshotFromText(text) {
  /** @type {SnapshotNode[]} */
  const nodes = [{ p: -1, tag: 'body' }];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const line = text.slice(pos, lineEnd);
    const content = line.replace(/[\r\n]+$/, '');
    if (isBlank(content)) {
      nodes.push({ p: 0, text: line });
    } else {
      const p = nodes.length;
      nodes.push({ p: 0, tag: 'p' });
      nodes.push({ p, text: content });
      const eol = line.slice(content.length);
      if (eol) nodes.push({ p: 0, text: eol });
    }
    pos = lineEnd;
  }
  return { nodes };
}
