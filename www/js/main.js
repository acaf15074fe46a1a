// @ts-check
/**
 * The demo page: takes an article (pasted text, a dropped or chosen .html /
 * .txt file, or a bundled sample), builds its snapshot, has the engine
 * analyse it in a worker, and draws the article with the extension's own
 * badges (ui/badge.js) next to the popup's summary (ui/summary.js).
 *
 * Nothing leaves the page: the only fetches are of this site's own files
 * (the WASM and the samples), and the page's Content-Security-Policy
 * forbids anything else.
 */
import { Engine } from './engine.js';
import { snapshotFromText } from './snapshot-text.js';
import { snapshotFromHtml } from './snapshot-html.js';
import { renderArticle, placeBadges, badgesIn, regionRoot } from './render.js';
import { initTheme } from './theme.js';
import { renderSummary } from '../ui/summary.js';
import { flashBadge, setTooltipOpen } from '../ui/badge.js';
import { reportToCsv, reportToJson } from '../ui/export.js';

/** @typedef {import('./snapshot-text.js').Snapshot} Snapshot */
/** @typedef {import('../ui/summary.js').Report} Report */
/** @typedef {{name: string, label: string, title: string, date: string | null, txt: string, html: string}} SampleInfo */

/** Analysis waits this long after the last keystroke. */
const TYPING_DEBOUNCE_MS = 250;
/** The spinner shows only when an analysis takes longer than this. */
const SPINNER_DELAY_MS = 100;

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
function $(id) {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return /** @type {T} */ (e);
}

const ui = {
  form: /** @type {HTMLFormElement} */ ($('input-form')),
  text: /** @type {HTMLTextAreaElement} */ ($('article-text')),
  date: /** @type {HTMLInputElement} */ ($('article-date')),
  file: /** @type {HTMLInputElement} */ ($('file-input')),
  drop: $('drop-zone'),
  source: $('source-status'),
  samples: $('sample-buttons'),
  clear: $('clear-button'),
  result: $('result'),
  spinner: $('spinner'),
  status: $('status'),
  article: $('article-view'),
  summary: $('summary-body'),
  announce: $('announce'),
};

initTheme(/** @type {HTMLButtonElement} */ ($('theme-toggle')));

const engine = new Engine();
/** The last report drawn (for export and the tests). */
/** @type {Report | null} */
let lastReport = null;
/** The snapshot shown, analysed again when the date changes. */
/** @type {Snapshot | null} */
let current = null;
/** A short name for the current article, used for export file names. */
let sourceName = 'article';

engine.warm().then((ms) => {
  if (!ui.result.dataset.state) {
    ui.status.textContent = `The engine is ready (loaded in ${formatMs(ms)}). Load a sample or paste an article to see its quotations.`;
  }
}, showError);

// The last report, for the browser console and the end-to-end tests
// (tests/www): `whosaidDemo.report()`.
Object.defineProperty(window, 'whosaidDemo', { value: Object.freeze({ report: () => lastReport }) });

/**
 * Analyses a snapshot and draws the result. Superseded requests draw
 * nothing.
 * @param {Snapshot} snapshot
 * @param {boolean} [reveal] scroll the result into view when it is drawn
 */
async function run(snapshot, reveal = false) {
  current = snapshot;
  ui.result.setAttribute('aria-busy', 'true');
  const timer = setTimeout(() => { ui.spinner.hidden = false; }, SPINNER_DELAY_MS);
  const t0 = performance.now();
  let analysis;
  try {
    analysis = await engine.analyze(snapshot, ui.date.value ? { date: ui.date.value } : {});
  } catch (e) {
    clearTimeout(timer);
    ui.spinner.hidden = true;
    ui.result.setAttribute('aria-busy', 'false');
    showError(e);
    return;
  }
  clearTimeout(timer);
  if (!analysis) return; // a newer request is on its way; it draws and hides the spinner
  const report = /** @type {Report} */ (analysis.report);
  jumpedTo.clear();
  const anchors = report.quotes.flatMap((q) => [q.anchor_start, q.anchor_end]).filter((a) => !!a).map((a) => /** @type {{node: number}} */ (a).node);
  const rendered = renderArticle(snapshot, ui.article, regionRoot(snapshot, anchors));
  const { placed, missing } = placeBadges(report.quotes, rendered);
  renderSummary(ui.summary, report, { onSpeaker: jumpToSpeaker });
  addExportButtons();
  const totalMs = performance.now() - t0;
  lastReport = report;
  ui.spinner.hidden = true;
  ui.result.setAttribute('aria-busy', 'false');
  const c = report.counts;
  const parts = [
    `${c.quotes} ${c.quotes === 1 ? 'quotation' : 'quotations'}`,
    `${c.speakers} ${c.speakers === 1 ? 'speaker' : 'speakers'}`,
  ];
  if (!report.is_article) parts.push('no article found (the extension would draw no badges here)');
  if (missing) parts.push(`${missing} outside the text shown`);
  ui.status.textContent = `${parts.join(', ')}. Analysed in ${formatMs(analysis.ms)} (${formatMs(totalMs)} with drawing).`;
  ui.status.dataset.ms = analysis.ms.toFixed(2);
  ui.result.dataset.state = 'done';
  ui.result.dataset.badges = String(placed);
  // A sample or file opened by a click: bring the result into view when it
  // is below the fold (on a phone it always is). Typing never scrolls.
  if (reveal && ui.result.getBoundingClientRect().top > window.innerHeight * 0.6) {
    ui.result.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

/** @param {number} ms */
function formatMs(ms) {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** @param {unknown} e */
function showError(e) {
  ui.status.textContent = `Sorry, the analysis failed: ${e instanceof Error ? e.message : String(e)}`;
  ui.result.dataset.state = 'error';
}

/** Speaker name → index of the quotation last jumped to (reset per analysis). */
const jumpedTo = new Map();

/**
 * Summary row → scroll to the speaker's next badge, flash it and open its tooltip.
 * @param {{name: string}} row
 */
function jumpToSpeaker(row) {
  const mine = badgesIn(ui.article).filter((b) => b.dataset.speaker === row.name);
  if (!mine.length) return;
  const next = ((jumpedTo.get(row.name) ?? -1) + 1) % mine.length;
  jumpedTo.set(row.name, next);
  const host = mine[next];
  host.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  flashBadge(host);
  setTooltipOpen(host, true);
  // Focus stays on the summary (press again for the next quote); say where we went.
  const q = lastReport?.quotes[Number(host.dataset.quote)];
  if (q) ui.announce.textContent = `Quote ${next + 1} of ${mine.length} by ${row.name}: ${q.text}`;
  setTimeout(() => setTooltipOpen(host, false), 2500);
}

function addExportButtons() {
  const box = document.createElement('div');
  box.className = 'export';
  for (const [fmt, label] of [['csv', 'Export CSV'], ['json', 'Export JSON']]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button secondary small';
    b.textContent = label;
    b.addEventListener('click', () => {
      if (!lastReport) return;
      const body = fmt === 'csv' ? reportToCsv(lastReport) : reportToJson(lastReport, { url: sourceName });
      const a = document.createElement('a');
      // A blob: URL is made and read inside the browser; nothing is sent.
      a.href = URL.createObjectURL(new Blob([body], { type: fmt === 'csv' ? 'text/csv' : 'application/json' }));
      a.download = `${sourceName.replace(/\.[a-z]+$/i, '')}-quotes.${fmt}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
    box.appendChild(b);
  }
  ui.summary.appendChild(box);
}

// ---- inputs -------------------------------------------------------------

let typingTimer = 0;
let pasted = false;
ui.text.addEventListener('paste', () => { pasted = true; });
ui.text.addEventListener('input', () => {
  // Analysis runs after the input event, never inside it: at once after a
  // paste, otherwise when typing pauses. The worker keeps the page
  // responsive meanwhile.
  clearTimeout(typingTimer);
  sourceName = 'pasted-article';
  ui.source.textContent = '';
  typingTimer = window.setTimeout(analyzeTextarea, pasted ? 0 : TYPING_DEBOUNCE_MS);
  pasted = false;
});

ui.date.addEventListener('change', () => {
  if (current) void run(current);
});

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(typingTimer);
  analyzeTextarea();
});

ui.clear.addEventListener('click', () => {
  clearTimeout(typingTimer);
  ui.text.value = '';
  ui.date.value = '';
  current = null;
  ui.source.textContent = '';
  ui.article.replaceChildren();
  ui.summary.replaceChildren();
  ui.status.textContent = 'Load a sample or paste an article to see its quotations.';
  delete ui.result.dataset.state;
  lastReport = null;
  ui.text.focus();
});

/** Counts input actions, so a slow HTML snapshot never overrides a newer input. */
let inputGeneration = 0;

/**
 * @param {string} html
 * @returns {Promise<Snapshot | null>} null when a newer input came meanwhile
 */
async function htmlSnapshot(html) {
  const gen = ++inputGeneration;
  const snap = await snapshotFromHtml(html);
  return gen === inputGeneration ? snap : null;
}

function analyzeTextarea() {
  inputGeneration++;
  const text = ui.text.value;
  if (!text.trim()) {
    ui.article.replaceChildren();
    ui.summary.replaceChildren();
    ui.status.textContent = 'Load a sample or paste an article to see its quotations.';
    current = null;
    return;
  }
  // Pasted page source is read as a web page, not as text.
  if (/^\s*<(!doctype html|html)[\s>]/i.test(text)) {
    ui.source.textContent = 'This looks like the HTML source of a page: reading it as a web page (its scripts do not run).';
    void htmlSnapshot(text).then((snap) => snap && run(snap), showError);
    return;
  }
  void run(snapshotFromText(text));
}

/**
 * An opened file: HTML is parsed (inertly) and flattened, text is used as is.
 * @param {string} name
 * @param {string} content
 */
function openContent(name, content) {
  sourceName = name;
  inputGeneration++;
  const isHtml = /\.html?$/i.test(name) || (!/\.txt$/i.test(name) && /^\s*<(!doctype|html|head|body)/i.test(content));
  clearTimeout(typingTimer);
  if (isHtml) {
    ui.text.value = '';
    ui.source.textContent = `Showing ${name}: an HTML page, read in this browser (its scripts do not run). Only its text is shown below.`;
    void htmlSnapshot(content).then((snap) => snap && run(snap, true), showError);
  } else {
    ui.text.value = content;
    ui.text.setSelectionRange(0, 0);
    ui.text.scrollTop = 0;
    ui.source.textContent = `Showing ${name}.`;
    void run(snapshotFromText(content), true);
  }
}

/** @param {File} file */
async function openFile(file) {
  if (file.size > 20 * 1024 * 1024) {
    ui.source.textContent = `${file.name} is larger than 20 MB; please choose a news article.`;
    return;
  }
  if (!/\.(html?|txt)$/i.test(file.name) && !/^text\//.test(file.type)) {
    ui.source.textContent = `${file.name} is not an .html or .txt file.`;
    return;
  }
  openContent(file.name, decode(new Uint8Array(await file.arrayBuffer()), /\.html?$/i.test(file.name)));
}

/**
 * Decodes a file's bytes: a byte-order mark wins, then (for HTML) the
 * charset the page declares in its first 1024 bytes, else UTF-8.
 * @param {Uint8Array} bytes
 * @param {boolean} html
 * @returns {string}
 */
export function decode(bytes, html) {
  let label = 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (html) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
    if (m) label = m[1];
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // an unknown label
  }
}

ui.file.addEventListener('change', () => {
  const f = ui.file.files && ui.file.files[0];
  if (f) void openFile(f);
  ui.file.value = '';
});

for (const target of [ui.drop, ui.text]) {
  target.addEventListener('dragover', (e) => {
    e.preventDefault();
    ui.drop.classList.add('dragging');
  });
  target.addEventListener('dragleave', () => ui.drop.classList.remove('dragging'));
  target.addEventListener('drop', (e) => {
    const f = e.dataTransfer && e.dataTransfer.files[0];
    ui.drop.classList.remove('dragging');
    if (!f) return; // dropped text goes into the textarea as usual
    e.preventDefault();
    void openFile(f);
  });
}

// ---- samples ------------------------------------------------------------

/**
 * Fetches one of this site's own files.
 * @param {string} path
 */
async function own(path) {
  const r = await fetch(new URL(path, document.baseURI), { credentials: 'omit', cache: 'no-cache' });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r;
}

async function loadSamples() {
  /** @type {SampleInfo[]} */
  let list;
  try {
    list = await (await own('samples/index.json')).json();
  } catch (e) {
    ui.samples.textContent = 'The sample articles could not be loaded.';
    return;
  }
  for (const s of list) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button sample';
    b.dataset.sample = s.name;
    b.textContent = s.label;
    b.title = s.title;
    b.addEventListener('click', async () => {
      try {
        const text = await (await own(s.txt)).text();
        ui.date.value = s.date ?? '';
        openContent(s.txt.split('/').pop() || s.name, text);
      } catch (e) {
        showError(e);
      }
    });
    const h = document.createElement('button');
    h.type = 'button';
    h.className = 'button secondary small sample-html';
    h.dataset.sampleHtml = s.name;
    h.textContent = 'as web page';
    h.setAttribute('aria-label', `${s.label} as a web page (HTML)`);
    h.addEventListener('click', async () => {
      try {
        openContent(s.html.split('/').pop() || s.name, await (await own(s.html)).text());
      } catch (e) {
        showError(e);
      }
    });
    const pair = document.createElement('span');
    pair.className = 'sample-pair';
    pair.append(b, h);
    ui.samples.appendChild(pair);
  }
  ui.samples.dataset.ready = 'true';
}

void loadSamples();
