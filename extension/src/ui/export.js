// @ts-check
/**
 * Export a page's quotations as CSV or JSON (popup, www). Pure functions.
 */

/** @typedef {import('./summary.js').Report} Report */

/** CSV columns, in order. */
export const CSV_COLUMNS = ['index', 'quote', 'kind', 'speaker', 'speaker_kind', 'party', 'party_source', 'role', 'cue', 'mention', 'confidence'];

/**
 * One CSV cell: quoted when needed; cells that a spreadsheet would run as
 * a formula (leading = + - @) get a leading apostrophe.
 * @param {unknown} v
 * @returns {string}
 */
function csvCell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The report's quotations as CSV (RFC 4180, CRLF line ends, header row).
 * @param {Report} report
 * @returns {string}
 */
export function reportToCsv(report) {
  const lines = [CSV_COLUMNS.join(',')];
  (report.quotes || []).forEach((q, i) => {
    const s = q.speaker;
    lines.push([
      i + 1, q.text, q.kind, s.name, s.kind, s.party ? s.party.name : '', s.party ? s.party.source : '',
      s.role || '', s.cue || '', s.mention ? s.mention.text : '', (s.confidence || 0).toFixed(2),
    ].map(csvCell).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/**
 * The report as pretty JSON, with where it came from.
 * @param {Report} report
 * @param {{url?: string, exported?: string}} [meta]
 * @returns {string}
 */
export function reportToJson(report, meta = {}) {
  return JSON.stringify({ url: meta.url || null, exported: meta.exported || new Date().toISOString(), report }, null, 2) + '\n';
}
