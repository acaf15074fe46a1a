// @ts-check
/**
 * The snapshot of an HTML file the reader opened, taken with the
 * extension's own page walk (extension/src/content/snapshot.js
 * `takeSnapshot`, copied into dist/www/content/ by the build), so an .html
 * file gives the page exactly the snapshot the content script would take
 * of the same page (and the native reader, src/html.rs, of the same file).
 *
 * The file is parsed with DOMParser: an inert document (no scripts run,
 * nothing is fetched) that is never inserted into this page; render.js
 * draws the snapshot's text with `textContent`.
 */
import { takeSnapshot } from '../content/snapshot.js';

/** @typedef {import('./snapshot-text.js').Snapshot} Snapshot */

/**
 * Parses HTML source into a snapshot. The walk yields to the page now and
 * then (as in the content script), so a huge file does not freeze it.
 * @param {string} html
 * @returns {Promise<Snapshot>}
 */
export async function snapshotFromHtml(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (await takeSnapshot(doc, () => false)).snapshot;
}
