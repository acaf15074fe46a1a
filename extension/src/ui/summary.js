// @ts-check
/**
 * The page summary (the popup's body, and www's panel beside the article):
 * counts, a party-balance bar (by quotations or by words quoted), speakers
 * sorted by number of quotations, anonymous and unattributed counts.
 * Shared by the extension popup and www/. Styles: ./summary.css (`ws-`
 * prefix; follows prefers-color-scheme).
 */

import { NEUTRAL, partyColor, textColorOn } from './palette.js';

/** @typedef {import('./palette.js').PartyLabel} PartyLabel */
/** @typedef {import('./palette.js').PaletteName} PaletteName */
/** @typedef {import('./badge.js').Quote} Quote */

/**
 * One row of the report's speaker summary (src/report.rs `SpeakerSummary`).
 * @typedef {object} SpeakerRow
 * @property {string} name
 * @property {'person' | 'organization' | 'anonymous' | 'unknown'} kind
 * @property {PartyLabel | null} [party]
 * @property {string | null} [role]
 * @property {number} quotes
 * @property {number} words
 */

/**
 * The report JSON (src/report.rs `Report`), as far as the UI reads it.
 * @typedef {object} Report
 * @property {string | null} [title]
 * @property {string | null} [date]
 * @property {string | null} [lang]
 * @property {boolean} is_article
 * @property {Quote[]} quotes
 * @property {SpeakerRow[]} speakers
 * @property {{quotes: number, speakers: number, anonymous: number, unattributed: number}} counts
 */

/**
 * One segment of the party-balance bar.
 * @typedef {object} BalanceSegment
 * @property {string} key    Stable key: the party name, or "~none", "~org", "~anon", "~unknown".
 * @property {string} label  What the legend says: "Republican", "No party", ...
 * @property {string} color  CSS colour.
 * @property {number} value  Quotations (or words) in this segment.
 * @property {number} share  value / total, 0..1.
 */

/**
 * Words in a quotation, counted as the engine does (whitespace-separated).
 * @param {string} text
 * @returns {number}
 */
export function quoteWords(text) {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/**
 * The party balance of a report: quotations (or words quoted) per party,
 * with people without a party, organisations, anonymous sources and
 * unattributed quotations as segments of their own. Largest first, the
 * non-party segments last.
 * @param {Report} report
 * @param {'quotes' | 'words'} [measure='quotes']
 * @param {PaletteName} [palette='party']
 * @returns {BalanceSegment[]}
 */
export function partyBalance(report, measure = 'quotes', palette = 'party') {
  /** @type {Map<string, BalanceSegment>} */
  const segs = new Map();
  let total = 0;
  for (const q of report.quotes || []) {
    const s = q.speaker;
    /** @type {[string, string, string]} */
    let kcl;
    if (s.kind === 'person' && s.party) kcl = [s.party.name, s.party.name, partyColor(s.party, palette)];
    else if (s.kind === 'person') kcl = ['~none', 'No party', NEUTRAL.person];
    else if (s.kind === 'organization') kcl = ['~org', 'Organisations', NEUTRAL.organization];
    else if (s.kind === 'anonymous') kcl = ['~anon', 'Anonymous', NEUTRAL.anonymous];
    else kcl = ['~unknown', 'Unattributed', NEUTRAL.unknown];
    const v = measure === 'words' ? quoteWords(q.text) : 1;
    total += v;
    const seg = segs.get(kcl[0]) || { key: kcl[0], label: kcl[1], color: kcl[2], value: 0, share: 0 };
    seg.value += v;
    segs.set(kcl[0], seg);
  }
  const out = [...segs.values()];
  for (const s of out) s.share = total ? s.value / total : 0;
  out.sort((a, b) => (a.key.startsWith('~') ? 1 : 0) - (b.key.startsWith('~') ? 1 : 0) || b.value - a.value || a.label.localeCompare(b.label));
  return out;
}

/**
 * Options for {@link renderSummary}.
 * @typedef {object} SummaryOptions
 * @property {PaletteName} [palette='party']
 * @property {'quotes' | 'words'} [measure='quotes']  Initial measure of the bar.
 * @property {(row: SpeakerRow, index: number) => void} [onSpeaker]  Called when
 *   a speaker is activated (click, Enter); without it the rows are not buttons.
 * @property {Document} [doc=document]
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function summaryEl(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Renders the summary of a report into a container (its old content is
 * replaced). The bar's measure toggle (quotations / words) re-renders in
 * place. Returns the summary's root element (`.ws-summary`).
 * @param {HTMLElement} container
 * @param {Report} report
 * @param {SummaryOptions} [options]
 * @returns {HTMLElement}
 */
export function renderSummary(container, report, options = {}) {
  const doc = options.doc || container.ownerDocument || document;
  const palette = options.palette || 'party';
  let measure = options.measure || 'quotes';
  const root = summaryEl(doc, 'section', 'ws-summary');
  root.setAttribute('aria-label', 'Quotations on this page');

  const counts = report.counts || { quotes: 0, speakers: 0, anonymous: 0, unattributed: 0 };
  const head = summaryEl(doc, 'p', 'ws-counts');
  const addCount = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many, /** @type {string} */ cls) => {
    const b = summaryEl(doc, 'span', cls);
    const num = summaryEl(doc, 'strong', 'ws-num', String(n));
    b.append(num, ` ${n === 1 ? one : many}`);
    head.appendChild(b);
  };
  addCount(counts.quotes, 'quotation', 'quotations', 'ws-count-quotes');
  addCount(counts.speakers, 'speaker', 'speakers', 'ws-count-speakers');
  root.appendChild(head);

  // Party-balance bar with its measure toggle.
  const barBox = summaryEl(doc, 'div', 'ws-balance');
  const toggle = summaryEl(doc, 'div', 'ws-measure');
  toggle.setAttribute('role', 'group');
  toggle.setAttribute('aria-label', 'Balance measured by');
  /** @type {HTMLButtonElement[]} */
  const toggleButtons = [];
  for (const [m, label] of /** @type {const} */ ([['quotes', 'Quotations'], ['words', 'Words']])) {
    const b = summaryEl(doc, 'button', 'ws-measure-btn', label);
    b.type = 'button';
    b.dataset.measure = m;
    b.addEventListener('click', () => { measure = m; drawBar(); });
    toggleButtons.push(b);
    toggle.appendChild(b);
  }
  const bar = summaryEl(doc, 'div', 'ws-bar');
  bar.setAttribute('role', 'img');
  const legend = summaryEl(doc, 'ul', 'ws-legend');
  barBox.append(toggle, bar, legend);
  root.appendChild(barBox);

  function drawBar() {
    for (const b of toggleButtons) b.setAttribute('aria-pressed', String(b.dataset.measure === measure));
    const segs = partyBalance(report, measure, palette);
    bar.replaceChildren();
    legend.replaceChildren();
    const unit = measure === 'words' ? 'words' : 'quotations';
    bar.setAttribute('aria-label', segs.length
      ? `Balance by ${unit}: ` + segs.map((s) => `${s.label} ${s.value} (${Math.round(s.share * 100)}%)`).join(', ')
      : `No ${unit}`);
    for (const s of segs) {
      const part = summaryEl(doc, 'span', 'ws-seg');
      part.style.flexGrow = String(s.value);
      part.style.background = s.color;
      part.title = `${s.label}: ${s.value} ${unit}`;
      bar.appendChild(part);
      const li = summaryEl(doc, 'li', 'ws-legend-item');
      const sw = summaryEl(doc, 'span', 'ws-swatch');
      sw.style.background = s.color;
      li.append(sw, `${s.label} ${Math.round(s.share * 100)}%`);
      legend.appendChild(li);
    }
  }
  drawBar();

  // Speakers, most quoted first (the report's order).
  const rows = (report.speakers || []).filter((r) => r.kind === 'person' || r.kind === 'organization');
  const list = summaryEl(doc, 'ol', 'ws-speakers');
  list.setAttribute('aria-label', 'Speakers');
  rows.forEach((row, i) => {
    const li = summaryEl(doc, 'li', 'ws-speaker-item');
    const item = options.onSpeaker ? summaryEl(doc, 'button', 'ws-speaker') : summaryEl(doc, 'div', 'ws-speaker');
    if (item instanceof HTMLButtonElement) {
      item.type = 'button';
      item.addEventListener('click', () => options.onSpeaker && options.onSpeaker(row, i));
    }
    item.dataset.name = row.name;
    const chip = summaryEl(doc, 'span', 'ws-chip');
    if (row.party) {
      const bg = partyColor(row.party, palette);
      chip.style.background = bg;
      chip.style.color = textColorOn(bg);
      chip.textContent = row.party.short;
      chip.title = row.party.name;
    } else {
      chip.classList.add('ws-chip-none');
      chip.textContent = row.kind === 'organization' ? 'Org' : '–';
    }
    const who = summaryEl(doc, 'span', 'ws-who');
    who.appendChild(summaryEl(doc, 'span', 'ws-name', row.name));
    const sub = [row.party ? row.party.name : row.kind === 'organization' ? 'Organisation' : 'No party', row.role].filter(Boolean).join(' · ');
    who.appendChild(summaryEl(doc, 'span', 'ws-role', sub));
    const count = summaryEl(doc, 'span', 'ws-n', String(row.quotes));
    item.setAttribute('aria-label', `${row.name}, ${sub}, ${row.quotes} ${row.quotes === 1 ? 'quotation' : 'quotations'}`);
    item.append(chip, who, count);
    li.appendChild(item);
    list.appendChild(li);
  });
  if (!rows.length) list.appendChild(summaryEl(doc, 'li', 'ws-empty', 'No named speakers.'));
  root.appendChild(list);

  const other = summaryEl(doc, 'p', 'ws-other');
  const anon = summaryEl(doc, 'span', 'ws-count-anonymous');
  anon.append('Anonymous: ', summaryEl(doc, 'strong', 'ws-num', String(counts.anonymous)));
  const unat = summaryEl(doc, 'span', 'ws-count-unattributed');
  unat.append('Unattributed: ', summaryEl(doc, 'strong', 'ws-num', String(counts.unattributed)));
  other.append(anon, unat);
  root.appendChild(other);

  container.replaceChildren(root);
  return root;
}
