// @ts-check
/**
 * Browser benchmark (issue #6): the built extension (dist/chrome) in
 * headless Chromium on generated article pages of 1,500 words, 10,000
 * words and 1 MB of text, served from 127.0.0.1. Not a test: run by
 * scripts/bench.sh, or `node tests/browser/bench.mjs [--json FILE]`.
 *
 * Per page, from a Chrome trace of the page's renderer (CDP Tracing):
 * - idle -> first / all badges: from the evaluation of content.js (it runs
 *   at document_idle) to the page's first and last badge insertion (a
 *   user-timing mark the page's own MutationObserver sets when it sees a
 *   badge arrive), and -> painted: to the end of the next Paint;
 * - main-thread JavaScript time, the longest main-thread task (wall and
 *   CPU time, and its JavaScript) and the number of tasks over 50 ms, over
 *   every task from idle to painted (see analyseTrace);
 * - the engine's analysis time in the background (WASM) and the WASM
 *   instantiation time (cold: first page after the browser started; warm:
 *   the worker already has it);
 * - memory: the page's JS heap (page + content script, CDP
 *   Performance.getMetrics) and the extension process's resident and
 *   proportional set size (/proc, the process Chrome runs the service
 *   worker in).
 * Then the same pages in Firefox ESR (benchFirefox; --no-firefox skips it).
 * --only typical,long,huge: a subset of the pages. WHOSAID_DIST=DIR: the
 * build in DIR/chrome and DIR/firefox instead of dist/ (two builds compared
 * in one period). BENCH_DEBUG=1: every task over 4 ms and our events.
 * Then the 1,500-word page in fresh browsers with nothing attached to the
 * page (benchUnattached): the first page after the browser starts, a page
 * 45 s later (BENCH_LATER_MS; 0 skips it: the worker kept awake), and a
 * page that wakes the stopped worker, its server at once and 100 ms away
 * (BENCH_NET_DELAY_MS; 0 skips it). BENCH_FIRST_RUNS (default 5) browsers;
 * 0 skips them. Then real published pages (../shared/data/pages, scripts
 * blocked) with the worker awake and stopped (benchRealPages;
 * BENCH_REAL_PAGES, default 16 pages, 0 skips them). Experiments:
 * BENCH_FIRST_AFTER_MS, BENCH_SERVER_DELAY_MS, BENCH_CATS (extra trace
 * categories), BENCH_DUMP_FIRST=PREFIX (their traces).
 * Plus sizes: WASM (raw, gzipped), content script (both parts; raw, gzipped).
 */

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ROOT, launchChromium, launchChromiumPipe, launchFirefox, stopWorkers, tabRecord } from './helpers.mjs';
import { CONTENT_SCRIPT_BUDGET, WASM_GZ_BUDGET } from '../../scripts/build-extension.mjs';

/** Sizes in bytes (the build's budgets: "KB" as 1,000 bytes). */
const TARGETS = { idleToBadgesMs: 50, longestTaskMs: 50, wasmGzBytes: WASM_GZ_BUDGET, contentBytes: CONTENT_SCRIPT_BUDGET };
/** benchUnattached: the first page opens this long after the extension's worker starts. */
const FIRST_AFTER_MS = Number(process.env.BENCH_FIRST_AFTER_MS || 500);
/** benchUnattached: the next page follows the first this long after (past Chrome's 30 s idle timeout); 0 skips it. */
const LATER_MS = Number(process.env.BENCH_LATER_MS ?? 45000);
/** A stopped worker's page again, its server this much later to answer (a news site across the network; Chrome wakes the worker at the request, webRequest); 0 skips it. */
const NET_DELAY_MS = Number(process.env.BENCH_NET_DELAY_MS ?? 100);

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const median = (/** @type {number[]} */ xs) => { const a = [...xs].sort((x, y) => x - y); return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2; };

const PEOPLE = [
  ['Lindsey Graham', 'Graham', 'Sen.', 'he'],
  ['Elizabeth Warren', 'Warren', 'Sen.', 'she'],
  ['Chuck Schumer', 'Schumer', 'Sen.', 'he'],
  ['Mike Johnson', 'Johnson', 'Speaker', 'he'],
  ['Amy Klobuchar', 'Klobuchar', 'Sen.', 'she'],
  ['John Thune', 'Thune', 'Sen.', 'he'],
];
const FILLER = [
  'The negotiations over the spending package stretched late into the evening on Tuesday, with aides shuttling between offices on both sides of the Capitol and staff members revising the text of the bill several times before it was sent to the floor for a procedural vote.',
  'Under the proposal, federal agencies would receive funding at roughly the levels of the previous fiscal year, with modest increases for veterans\u2019 health care and road repairs and cuts to a handful of programs that lawmakers in both parties have long described as wasteful.',
  'Budget analysts said the measure would add several billion dollars to the deficit over the next decade, although the precise figure depends on assumptions about interest rates and economic growth that the two parties dispute in nearly every negotiation of this kind.',
  'Outside the chamber, a small group of protesters held signs calling for more money for child care, while tourists on a guided tour of the building stopped to watch the reporters gathered at the bottom of the stairs waiting for senators to emerge from a closed meeting.',
  'The last time Congress failed to pass a spending bill before the deadline, the resulting shutdown lasted more than a month, closing national parks, delaying tax refunds and leaving hundreds of thousands of federal workers without pay for several weeks in the middle of winter.',
  'Several governors have written to the congressional leadership in recent weeks asking for more flexibility in how states can spend federal transportation grants, arguing that the current rules favor large cities over rural counties with long stretches of aging highway.',
];

/**
 * The paragraphs of one typical article (about 1,500 words, 12
 * quotations), the same as examples/bench.rs generates.
 * @param {number} seed
 * @returns {string[]}
 */
function typicalParagraphs(seed) {
  const p = (/** @type {number} */ i) => PEOPLE[(seed + i) % PEOPLE.length];
  const [a, b, c, d] = [p(0), p(1), p(2), p(3)];
  const quotes = [
    `WASHINGTON \u2014 ${a[2]} ${a[0]} said on Tuesday that the Senate would stay in session through the weekend if needed. \u201cWe are not leaving this building until the government is funded,\u201d ${a[1]} said.`,
    `\u201cNobody wants a shutdown, and nobody is going to get one on my watch,\u201d said ${b[2]} ${b[0]}, who has led talks for weeks.`,
    `${b[1]} struck a more cautious note: \u201cWe have a framework, but a framework is not a bill, and the details still matter enormously.\u201d`,
    `According to ${c[2]} ${c[0]}, \u201cthe numbers simply do not add up yet for the members of my caucus.\u201d`,
    `\u201cI have seen this movie before,\u201d ${c[1]} told reporters. \u201cIt ends with a deal at two in the morning.\u201d`,
    `${d[2]} ${d[0]} said the plan \u201cmoves in the right direction\u201d but \u201cleaves far too much to chance\u201d for families.`,
    `Speaking on NBC\u2019s \u201cMeet the Press\u201d on Sunday, ${a[1]} said ${a[3]} would not support any stopgap measure. \u201cA stopgap is just a delay with a new name,\u201d ${a[3]} said.`,
    `\u201cWe will keep talking, because that is the job,\u201d ${a[1]} added.`,
    `${d[1]} later wrote on social media: \u201cProgress tonight. More to do tomorrow.\u201d`,
    'A senior aide said the leadership expected a vote by Thursday. \u201cThe votes are there if the text is right,\u201d the aide said.',
  ];
  const out = [];
  let q = 0;
  let f = 0;
  let words = 0;
  while (q < quotes.length || words < 1450) {
    let para;
    if (q < quotes.length && (words > 60 * q || f >= FILLER.length * 4)) para = quotes[q++];
    else para = FILLER[(++f + seed) % FILLER.length];
    words += para.split(/\s+/).length;
    out.push(para);
  }
  return out;
}

const esc = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The bench pages' own script: marks each badge arrival (user timing) for the trace. */
const BENCH_OBSERVER = `  // The page's own observer: marks each badge arrival for the trace.
  window.__bench = { count: 0, first: 0, last: 0 };
  new MutationObserver((recs) => {
    let n = 0;
    for (const r of recs) for (const a of r.addedNodes) if (a.nodeName === 'WHOSAID-BADGE') n++;
    if (n) { window.__bench.count += n; window.__bench.last = performance.now(); window.__bench.first ||= window.__bench.last; performance.mark('bench-badges'); }
  }).observe(document, { childList: true, subtree: true });
  // ?gaps: the longest gap between two animation frames after the load
  // event (how long the main thread was blocked; Firefox, which has no trace here).
  if (location.search.includes('gaps')) addEventListener('load', () => {
    window.__bench.gap = 0;
    let prev = 0;
    const f = (t) => { if (prev) window.__bench.gap = Math.max(window.__bench.gap, t - prev); prev = t; requestAnimationFrame(f); };
    requestAnimationFrame(f);
  });
`;

/**
 * A news page with `words` words (or `bytes` bytes) of article text.
 * The page's own script marks each badge arrival (user timing) so the
 * trace shows when the badges were drawn.
 * @param {{words?: number, bytes?: number}} size
 */
export function articlePage(size) {
  const paras = [];
  let words = 0;
  let bytes = 0;
  for (let seed = 0; ; seed++) {
    for (const p of typicalParagraphs(seed)) {
      if ((size.words && words >= size.words) || (size.bytes && bytes >= size.bytes)) break;
      paras.push(p);
      words += p.split(/\s+/).length;
      bytes += Buffer.byteLength(p) + 1;
    }
    if ((size.words && words >= size.words) || (size.bytes && bytes >= size.bytes)) break;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Senate leaders race to avoid a shutdown</title>
<meta property="article:published_time" content="2025-09-15T09:00:00Z">
<script>
${BENCH_OBSERVER}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
<main><article><h1>Senate leaders race to avoid a shutdown as deadline nears</h1>
<p class="byline">By a staff reporter \u00b7 <time datetime="2025-09-15">September 15, 2025</time></p>
${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></main><footer><p>\u00a9 The Example Times</p></footer></body></html>`;
  return { html, words, bytes };
}

/** A server for the generated pages that refuses (and records) anything else, like helpers.startServer. */
async function pageServer(/** @type {Map<string, string | {body: string | Buffer, headers: Record<string, string>}>} */ pages) {
  /** @type {string[]} */
  const escaped = [];
  let port = 0;
  const server = http.createServer((req, res) => {
    const u = new URL(req.url || '/', `http://127.0.0.1:${port}`);
    if (!(u.hostname === '127.0.0.1' && Number(u.port) === port)) {
      escaped.push(`${req.method} ${req.url}`);
      res.writeHead(403).end();
      return;
    }
    const page = pages.get(u.pathname);
    if (!page) { res.writeHead(404).end(); return; }
    // BENCH_SERVER_DELAY_MS: answer the cold-worker page (?cold) that much
    // later, like a news site across the network (the worker starts when
    // the page starts loading).
    // And the pages marked "net" that much later (NET_DELAY_MS).
    const delay = u.search.includes('net') ? NET_DELAY_MS : u.search.includes('cold') ? Number(process.env.BENCH_SERVER_DELAY_MS || 0) : 0;
    const { body, headers } = typeof page === 'string' ? { body: page, headers: {} } : page;
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(body), delay);
  });
  server.on('connect', (req, socket) => { escaped.push(`CONNECT ${req.url}`); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return { port, url: (/** @type {string} */ p) => `http://127.0.0.1:${port}${p}`, escaped, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }) };
}

/** The trace categories of every measured page (experiments: BENCH_LIGHT, BENCH_WASM). */
function traceCategories() {
  return [...(process.env.BENCH_CATS ? process.env.BENCH_CATS.split(',') : []), ...(process.env.BENCH_LIGHT ? ['devtools.timeline', 'toplevel'] : ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'v8']), 'blink.user_timing', '__metadata', ...(process.env.BENCH_WASM ? ['v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'disabled-by-default-v8.compile'] : [])];
}

/**
 * Records a Chrome trace around `fn`.
 * @param {any} cdp
 * @param {() => Promise<void>} fn
 * @returns {Promise<any[]>}
 */
async function traced(cdp, fn) {
  if (process.env.BENCH_NOTRACE) { await fn(); return []; }
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (/** @type {any} */ e) => { for (const v of e.value) events.push(v); });
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: traceCategories() },
  });
  await fn();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/**
 * Reads our numbers out of a trace.
 *
 * Our work is measured as everything the page's main thread does from the
 * content script's first event (document idle) to the paint that shows the
 * last badge: the bench page runs no script of its own then (only the
 * MutationObserver that marks badge arrivals), and the browser's style,
 * layout and paint work in that window is caused by our writes. (Attributing
 * by script URL alone misses our async functions' continuations, which run
 * as microtasks with no URL: the snapshot slices and the reply handling.)
 * @param {any[]} ev
 * @param {string} extId
 */
export function analyseTrace(ev, extId) {
  if (process.env.BENCH_DUMP && !fs.existsSync(process.env.BENCH_DUMP)) fs.writeFileSync(process.env.BENCH_DUMP, JSON.stringify(ev));
  const ours = (/** @type {any} */ e) => {
    const d = e.args && (e.args.data || e.args.beginData);
    const url = (d && (d.url || d.scriptName)) || (e.args && e.args.fileName) || '';
    return typeof url === 'string' && url.startsWith(`chrome-extension://${extId}/`);
  };
  // Idle: the evaluation of content.js (document_idle; content-early.js runs
  // at document_start), on the renderer main thread whose tasks are ours to
  // measure (not the service worker's, whose events come first in a trace
  // started with the browser). A trace that lost it gives no numbers.
  const first = ev.find((e) => e.ph === 'X' && e.name === 'EvaluateScript' && ours(e) && /\/content\.js$/.test(String(((e.args && e.args.data) || {}).url || '')));
  if (!first) return null;
  const { pid, tid } = first;
  const main = ev.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number');
  // Top-level tasks (the scheduler nests RunTask events; keep the outer ones).
  const tasks = [];
  for (const t of main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((x, y) => x.ts - y.ts || y.dur - x.dur)) {
    const prev = tasks[tasks.length - 1];
    if (!prev || t.ts >= prev.ts + prev.dur) tasks.push(t);
  }
  const idle = first.ts;
  // The page's commit (the renderer's CommitLoad): when Chromium starts a stopped worker.
  const commits = ev.filter((e) => e.pid === pid && e.name === 'CommitLoad' && e.ts <= idle).map((e) => e.ts);
  const commit = commits.length ? Math.max(...commits) : NaN;
  const marks = ev.filter((e) => e.name === 'bench-badges' && e.pid === pid);
  const lastMark = marks.length ? Math.max(...marks.map((m) => m.ts)) : NaN;
  const firstMark = marks.length ? Math.min(...marks.map((m) => m.ts)) : NaN;
  // Drawn: the end of the first Paint on the page's main thread after the
  // last badge insertion (the frame that shows it).
  const paint = main.filter((e) => e.name === 'Paint' && e.ts >= lastMark).sort((x, y) => x.ts - y.ts)[0];
  const end = paint ? paint.ts + paint.dur : lastMark;
  const inside = (/** @type {any} */ t) => main.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur);
  // JavaScript time: the union of script events (nested ones overlap).
  const jsUs = (/** @type {any[]} */ evs) => {
    let us = 0;
    let to = -1;
    for (const e of evs.filter((x) => /^(FunctionCall|RunMicrotasks|EvaluateScript|v8\.callFunction|TimerFire|FireAnimationFrame)$/.test(x.name)).sort((x, y) => x.ts - y.ts)) {
      if (e.ts >= to) { us += e.dur; to = e.ts + e.dur; } else if (e.ts + e.dur > to) { us += e.ts + e.dur - to; to = e.ts + e.dur; }
    }
    return us;
  };
  const during = tasks.filter((t) => t.ts + t.dur >= idle && t.ts <= end && !inside(t).some((e) => e.name === 'ParseHTML'));
  let longestTask = during[0];
  for (const t of during) if (t.dur > longestTask.dur) longestTask = t;
  /** @type {Record<string, number>} */
  const parts = {};
  for (const e of inside(longestTask)) parts[e.name + (ours(e) ? '*' : '')] = (parts[e.name + (ours(e) ? '*' : '')] || 0) + e.dur / 1000;
  if (process.env.BENCH_DEBUG) {
    console.error('  tasks > 4 ms from idle to painted: +start wall/CPU ms (top events; * = ours by URL)');
    for (const t of during.filter((x) => x.dur > 4000)) {
      /** @type {Record<string, number>} */
      const c = {};
      for (const e of inside(t)) if (!/RunTask/.test(e.name)) c[e.name + (ours(e) ? '*' : '')] = (c[e.name + (ours(e) ? '*' : '')] || 0) + e.dur / 1000;
      console.error(`   +${((t.ts - idle) / 1000).toFixed(0)} ${(t.dur / 1000).toFixed(0)}/${((t.tdur ?? NaN) / 1000).toFixed(0)} ${Object.entries(c).sort((x, y) => y[1] - x[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    }
    // Timeline of every extension event in any process (content script,
    // service worker), relative to idle: where the time to badges goes.
    const all = ev.filter((e) => e.ph === 'X' && ours(e) && e.dur > 200).sort((x, y) => x.ts - y.ts);
    for (const e of all) {
      const d = e.args && (e.args.data || e.args.beginData);
      const url = String((d && (d.url || d.scriptName)) || '').replace(/^chrome-extension:\/\/[a-z]+/, '');
      console.error(`  +${((e.ts - idle) / 1000).toFixed(1).padStart(7)} ms  ${(e.dur / 1000).toFixed(1).padStart(6)} ms  ${e.pid === pid ? 'page  ' : 'ext   '} ${e.name} ${url}`);
    }
  }
  if (process.env.BENCH_DEBUG) {
    for (const m of ev.filter((e) => e.cat && e.cat.includes('user_timing') && !/^bench/.test(e.name)).sort((x, y) => x.ts - y.ts)) console.error(`  mark +${((m.ts - idle) / 1000).toFixed(1).padStart(7)} ms  ${m.pid === pid ? 'page' : 'ext '} ${m.name}`);
  }
  if (process.env.BENCH_WASM) {
    const m = (n) => ev.find((e) => e.name === n);
    const a = m('bg-ready'), b = m('bg-done');
    if (a && b) {
      const win = ev.filter((e) => e.pid === a.pid && e.ts + (e.dur || 0) >= a.ts && e.ts <= b.ts && e.ph === 'X');
      const byName = {};
      for (const e of win) { const k = `${e.tid === a.tid ? 'main' : 'bg'}:${e.name}`; byName[k] = byName[k] || [0, 0]; byName[k][0]++; byName[k][1] += (e.dur || 0) / 1000; }
      console.error(`  analysis ${((b.ts - a.ts) / 1000).toFixed(1)} ms; events in the ext process meanwhile:`);
      for (const e of win.filter((x) => x.tid === a.tid && /RunTask|RunMicrotasks/.test(x.name))) console.error(`    task ${e.name} +${((e.ts - a.ts) / 1000).toFixed(1)} wall ${((e.dur || 0) / 1000).toFixed(1)} cpu ${((e.tdur || 0) / 1000).toFixed(1)}`);
      for (const e of win.filter((x) => x.tid === a.tid && /^wasm\./.test(x.name))) console.error(`    + ${((e.ts - a.ts) / 1000).toFixed(1)} ${e.name} ${((e.dur || 0) / 1000).toFixed(1)} ms ${JSON.stringify(e.args)}`);
      for (const [k, [n, ms]] of Object.entries(byName).sort((x, y) => y[1][1] - x[1][1]).slice(0, 25)) console.error(`    ${k.padEnd(60)} ${String(n).padStart(5)} ${ms.toFixed(1).padStart(8)} ms`);
    }
  }
  // For scale: the page's own longest task before idle (its parse and first layout).
  let pageLongest = 0;
  for (const t of tasks) if (t.ts + t.dur < idle) pageLongest = Math.max(pageLongest, t.dur);
  return {
    commitToIdleMs: (idle - commit) / 1000,
    idleToFirstBadgesMs: (firstMark - idle) / 1000,
    idleToBadgesMs: (lastMark - idle) / 1000,
    idleToPaintedMs: (end - idle) / 1000,
    contentScriptMs: during.reduce((a, t) => a + jsUs(inside(t)), 0) / 1000,
    longestTaskMs: longestTask.dur / 1000,
    longestTaskThreadMs: typeof longestTask.tdur === 'number' ? longestTask.tdur / 1000 : NaN,
    longestTaskOurJsMs: jsUs(inside(longestTask)) / 1000,
    longestTaskRenderingMs: ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint'].reduce((a, k) => a + (parts[k] || 0), 0),
    longestTaskParts: Object.fromEntries(Object.entries(parts).filter(([k]) => !/RunTask/.test(k)).sort((x, y) => y[1] - x[1]).slice(0, 8)),
    pageLongestTaskMs: pageLongest / 1000,
    tasksOver50Ms: during.filter((t) => t.dur > 50000).length,
    tasksOver50MsCpu: during.filter((t) => (t.tdur ?? 0) > 50000).length,
    ourTasks: during.length,
  };
}

/** Resident and proportional set size (KB) of this Chromium's extension processes. */
export function extensionProcessMemory(/** @type {string} */ userDataDir) {
  const procs = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Chromium rewrites its children's argv into one space-separated string.
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split(/[\0 ]/);
      const ppid = Number(/PPid:\s*(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      procs.set(Number(d), { cmd, ppid });
    } catch { /* gone */ }
  }
  const browser = [...procs].find(([, p]) => p.cmd.some((/** @type {string} */ a) => a === `--user-data-dir=${userDataDir}`) && !p.cmd.some((/** @type {string} */ a) => a.startsWith('--type=')));
  if (!browser) return null;
  const under = (/** @type {number} */ pid) => { for (let p = pid, i = 0; p > 1 && i < 10; p = procs.get(p)?.ppid ?? 0, i++) if (p === browser[0]) return true; return false; };
  let rss = 0;
  let pss = 0;
  let n = 0;
  for (const [pid, p] of procs) {
    if (!p.cmd.includes('--extension-process') || !under(pid)) continue;
    try {
      const roll = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)?.[1] || 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] || 0);
      n++;
    } catch { /* gone */ }
  }
  return n ? { rssKb: rss, pssKb: pss, processes: n } : null;
}

function sizes() {
  const f = (/** @type {string} */ p) => fs.readFileSync(path.join(process.env.WHOSAID_DIST || path.join(ROOT, 'dist'), 'chrome', p));
  const gz = (/** @type {Buffer} */ b) => zlib.gzipSync(b, { level: 9 }).length;
  const wasm = f('wasm/whosaid_bg.wasm');
  const glue = f('wasm/whosaid.js');
  const cs = Buffer.concat([f('content.js'), f('content-early.js')]); // both parts
  return {
    wasmBytes: wasm.length, wasmGzBytes: gz(wasm), wasmGlueGzBytes: gz(glue),
    contentScriptBytes: cs.length, contentScriptGzBytes: gz(cs),
  };
}

/**
 * The background's WASM instantiation counter (storage.session `engine`:
 * {instantiations, lastMs, kbMs, warmMs}: kbMs = the first use of the
 * knowledge base, warmMs = the warm-up's first round, both at worker start).
 * @param {import('./helpers.mjs').TestPage} ext
 * @returns {Promise<{instantiations: number, lastMs: number}>}
 */
async function engineStats(ext) {
  const e = await ext.evaluate(async () => {
    const api = /** @type {any} */ (globalThis).browser || /** @type {any} */ (globalThis).chrome;
    return (await api.storage.session.get('engine')).engine || null;
  });
  return e || { instantiations: 0, lastMs: NaN };
}

/** WASM instantiation time if the analysis between two counter reads instantiated it, else 0. */
const initBetween = (/** @type {{instantiations: number, lastMs: number}} */ a, /** @type {{instantiations: number, lastMs: number}} */ b) => (b.instantiations > a.instantiations ? b.lastMs : 0);

/**
 * Waits until the page's badge count (its own observer's) has been stable
 * for 1.5 s.
 * @param {(fn: () => number) => Promise<number>} evaluate
 * @param {string} name
 */
async function badgesSettled(evaluate, name) {
  let last = -1;
  let since = Date.now();
  const until = Date.now() + 120000;
  for (;;) {
    const n = await evaluate(() => /** @type {any} */ (window).__bench.count);
    if (n !== last) { last = n; since = Date.now(); }
    if (n > 0 && Date.now() - since > 1500) return;
    if (Date.now() > until) throw new Error(`${name}: no stable badges within 120 s (${n})`);
    await sleep(100);
  }
}

/**
 * The same pages in Firefox ESR (dist/firefox; puppeteer-core over
 * WebDriver BiDi, as in the tests). Firefox has no trace here: times come
 * from the page itself, from its load event (Firefox runs document_idle
 * content scripts once the document is complete) to the first and the
 * last badge its observer saw; the engine's time from the tab record.
 * @param {{name: string, path: string}[]} info
 * @param {any} server
 */
async function benchFirefox(info, server) {
  const driver = await launchFirefox(server);
  const results = [];
  try {
    const ext = await driver.newPage();
    await ext.goto(`${driver.extBase}options/options.html`);
    if (process.env.BENCH_SETTLE) await sleep(Number(process.env.BENCH_SETTLE));
    for (const s of info) {
      const page = await driver.newPage();
      const url = `${server.url(s.path)}?firefox&gaps`;
      await page.goto(url);
      await badgesSettled((fn) => page.evaluate(fn), `firefox ${s.name}`);
      const t = await page.evaluate(() => {
        const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
        const b = /** @type {any} */ (window).__bench;
        return { load: nav.loadEventStart, first: b.first, last: b.last, count: b.count, gap: b.gap };
      });
      const { rec } = await tabRecord(ext, url);
      results.push({ page: s.name, quotes: rec.report.counts.quotes, badges: t.count, loadToFirstBadgesMs: t.first - t.load, loadToBadgesMs: t.last - t.load, longestFrameGapMs: t.gap, engineMs: rec.ms });
      await page.close();
    }
  } finally {
    await driver.close();
  }
  return { pages: results, errors: driver.errors };
}

/**
 * Measures a page in a browser driven through a bare DevTools pipe: opens
 * it under a browser-wide trace, in a new tab or in the open tab `inTab`,
 * and attaches to it only once the trace has ended, to count its badges.
 * @param {import('./helpers.mjs').PipeCdp} cdp
 * @param {string} extId
 */
function unattachedMeasure(cdp, extId) {
  /** @type {any[] | null} */
  let events = null;
  /** @type {(() => void) | null} */
  let complete = null;
  cdp.listeners.push((m) => {
    if (m.method === 'Tracing.dataCollected' && events) events.push(...m.params.value);
    if (m.method === 'Tracing.tracingComplete' && complete) complete();
  });
  /**
   * @param {string} url
   * @param {string} [inTab]  a tab's target id
   * @returns {Promise<{idleToBadgesMs: number, idleToPaintedMs: number, commitToIdleMs: number, badges: number, workerStarted: boolean, targetId: string}>}
   */
  return async (url, inTab = undefined) => {
    events = [];
    const done = new Promise((r) => { complete = () => r(undefined); });
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: traceCategories() } });
    let targetId = inTab;
    if (inTab) {
      // Navigate an open tab, as a reader following a link does: attach
      // just long enough to ask for the navigation (no domain enabled).
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: inTab, flatten: true });
      await cdp.send('Page.navigate', { url }, sessionId);
      await cdp.send('Target.detachFromTarget', { sessionId });
    } else ({ targetId } = await cdp.send('Target.createTarget', { url }));
    await sleep(2500); // badges come within a few hundred ms
    await cdp.send('Tracing.end');
    await done;
    const ev = /** @type {any[]} */ (events);
    if (process.env.BENCH_DUMP_FIRST) fs.writeFileSync(`${process.env.BENCH_DUMP_FIRST}.${new URL(url).search.slice(1) || 'first'}.json`, JSON.stringify(ev));
    const t = analyseTrace(ev, extId);
    const count = await cdp.evaluate(/** @type {string} */ (targetId), 'window.__bench && window.__bench.count');
    // Did the service worker start during this trace (its module compiled)?
    const workerStarted = ev.some((e) => e.name === 'v8.compileModule' && /\/background\/background\.js$/.test(String(((e.args && e.args.data) || {}).url || '')));
    // A run without numbers is kept and reported, not dropped: the trace
    // lost our content script's evaluation, or the page got no badges.
    return { idleToBadgesMs: t ? t.idleToBadgesMs : NaN, idleToPaintedMs: t ? t.idleToPaintedMs : NaN, commitToIdleMs: t ? t.commitToIdleMs : NaN, badges: Number(count), workerStarted, targetId: /** @type {string} */ (targetId) };
  };
}

/**
 * The first page after the browser starts, measured with no automation
 * attached to the page. Playwright attaches to every page it can see and
 * turns on its Page, Runtime and Network domains, which the browser and the
 * page's renderer then serve on the same two cores our work runs on (every
 * request, every script context, ours included, is reported to it): on
 * the first page that is a large part of the time. A user's browser has
 * none of that. Here Chromium is driven through a bare DevTools pipe: a
 * browser-wide trace, the page opened as a new tab with nothing attached,
 * and only after the trace has ended is the page attached to count its
 * badges. One fresh browser (and profile) per run; the page is opened
 * BENCH_FIRST_AFTER_MS (default 500) after the extension's service worker
 * starts, while its warm-up and Chromium's own start-up work still run.
 * Then the same tab follows a link to the page BENCH_LATER_MS (45 s) later,
 * past Chrome's 30 s idle timeout (the worker keeps itself awake).
 * Then, in the same browser, the worker is stopped (as MV3 does once it
 * sleeps) and a tab navigates to the page again: Chromium starts
 * the worker when the page commits (tabs.onUpdated), so this page waits
 * for the worker's start, the WASM instantiation and the first analysis
 * in unoptimised code. BENCH_SERVER_DELAY_MS delays that page's response
 * (a server across the network). Then the same with the server
 * NET_DELAY_MS (100 ms) away: Chrome starts the worker at the page's
 * request (webRequest.onBeforeRequest), and it warms up meanwhile.
 * @param {{url: (p: string) => string, port: number}} server
 * @param {string} pagePath
 * @param {number} runs
 * @returns {Promise<{idleToBadgesMs: number, idleToPaintedMs: number, badges: number, workerStarted: boolean, later: any, coldWorker: {idleToBadgesMs: number, idleToPaintedMs: number, badges: number, workerStarted: boolean}, coldWorkerNet: any}[]>}
 *   per browser: its first page, the page 45 s later (null if skipped), then a page that starts the stopped worker again (NaN: no numbers in that run's trace), and one whose server is NET_DELAY_MS away (null if skipped)
 */
async function benchUnattached(server, pagePath, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const { cdp, extId, close } = await launchChromiumPipe(server);
    try {
      const measure = unattachedMeasure(cdp, extId);
      await sleep(FIRST_AFTER_MS);
      const first = await measure(server.url(pagePath));
      const pick = (/** @type {any} */ m) => ({ idleToBadgesMs: m.idleToBadgesMs, idleToPaintedMs: m.idleToPaintedMs, badges: m.badges, workerStarted: m.workerStarted });
      // A reader who reads the page for longer than Chrome's 30 s idle
      // timeout, then follows a link: the worker has kept itself awake
      // (keepWarm, background/keep-warm.js).
      /** @type {any} */
      let later = null;
      if (LATER_MS > 0) {
        await sleep(LATER_MS);
        later = pick(await measure(server.url(`${pagePath}?later`), first.targetId));
      }
      // Then a stopped worker (the keep-warm window is over, or the user
      // turned it off): Chromium starts it when the page commits, for the
      // background's tabs.onUpdated listener. Close the tab first (its
      // tabs.onRemoved would wake the worker), then stop the worker from
      // the browser's start page.
      await cdp.send('Target.closeTarget', { targetId: first.targetId });
      const { targetId: tab } = await cdp.send('Target.createTarget', { url: 'about:blank' });
      await sleep(500);
      await stopWorkers(cdp, tab);
      const cold = await measure(server.url(`${pagePath}?cold`), tab);
      // The same, its server NET_DELAY_MS away: Chrome starts the worker
      // when the request starts (webRequest), not when the page commits.
      /** @type {any} */
      let coldNet = null;
      if (NET_DELAY_MS > 0) {
        await stopWorkers(cdp, tab);
        coldNet = pick(await measure(server.url(`${pagePath}?coldnet`), tab));
      }
      out.push({ ...pick(first), later, coldWorker: pick(cold), coldWorkerNet: coldNet });
    } finally {
      await close();
    }
  }
  return out;
}

/**
 * Real published pages (../shared/data/pages, read beside the repository,
 * never copied in), a stopped worker against an awake one: most real pages
 * are idle later after their commit than the bench page (a bigger parse),
 * and the worker's start runs meanwhile. Each page is served with its
 * scripts blocked (CSP) but for the bench's observer (a nonce), and loaded in
 * one tab of one browser driven through a bare DevTools pipe: all pages in
 * turn with one worker awake (as the keep-warm gives a reader), then each
 * again after stopping the worker, then each again after stopping it with
 * the server NET_DELAY_MS away (0: skipped).
 * @param {{url: (p: string) => string, port: number}} server
 * @param {string[]} names  page directories
 */
async function benchRealPages(server, names) {
  const { cdp, extId, close } = await launchChromiumPipe(server);
  const out = [];
  try {
    const measure = unattachedMeasure(cdp, extId);
    const { targetId: tab } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    // The worker's start-up work (warm-up, V8's optimising compiles) is over.
    await sleep(3000);
    const pick = (/** @type {any} */ m) => ({ idleToBadgesMs: m.idleToBadgesMs, badges: m.badges, workerStarted: m.workerStarted, commitToIdleMs: m.commitToIdleMs });
    // All pages with the one worker awake (as a reader's, kept awake between pages), then each after stopping it.
    const awake = [];
    for (const name of names) awake.push(pick(await measure(server.url(`/real/${name}?awake`), tab)));
    for (const [i, name] of names.entries()) {
      await stopWorkers(cdp, tab);
      out.push({ page: name, awake: awake[i], stopped: pick(await measure(server.url(`/real/${name}?stopped`), tab)), stoppedNet: null });
    }
    if (NET_DELAY_MS > 0) {
      for (const r of out) {
        await stopWorkers(cdp, tab);
        r.stoppedNet = pick(await measure(server.url(`/real/${r.page}?stoppednet`), tab));
      }
    }
  } finally {
    await close();
  }
  return out;
}

/** @type {any} the engine record at the end of the run */
let lastEngine = null;
/** @type {any} */
const out0 = {};

async function main() {
  const args = process.argv.slice(2);
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
  const specs = [
    { name: '1,500 words', path: '/bench/typical.html', size: { words: 1500 } },
    { name: '10,000 words', path: '/bench/long.html', size: { words: 10000 } },
    { name: '1 MB text', path: '/bench/huge.html', size: { bytes: 1 << 20 } },
  ];
  /** @type {Map<string, string>} */
  const pages = new Map();
  // --only huge,typical: a subset of the pages (by path name), for quick comparisons.
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
  if (only) specs.splice(0, specs.length, ...specs.filter((s) => only.some((o) => s.path.includes(o))));
  const info = specs.map((s) => { const p = articlePage(s.size); pages.set(s.path, p.html); return { ...s, words: p.words, bytes: p.bytes }; });
  const server = await pageServer(pages);
  const driver = await launchChromium(/** @type {any} */ (server));
  const extId = new URL(driver.extBase).host;
  const results = [];
  let userDataDir = '';
  try {
    const ext = await driver.newPage();
    await ext.goto(`${driver.extBase}options/options.html`);
    // The 1,500-word page again at the end: a reader's usual case, the
    // engine warmed up and optimised by the pages before.
    const typical = info.find((s) => s.path === '/bench/typical.html');
    const runs = typical && info.length > 1 ? [...info, { ...typical, name: '1,500 words (again, warm)', path: `${typical.path}?warm` }] : info;
    for (const [i, s] of runs.entries()) {
      const page = await driver.newPage();
      const raw = page.raw;
      if (!userDataDir) {
        await raw.goto('chrome://version');
        userDataDir = path.dirname(String(await raw.evaluate(() => document.querySelector('#profile_path')?.textContent || '')));
        if (process.env.BENCH_DEBUG) console.error('user data dir', userDataDir);
      }
      const cdp = await raw.context().newCDPSession(raw);
      const url = server.url(s.path);
      const before = await engineStats(ext);
      const ev = await traced(cdp, async () => {
        await raw.goto(url, { waitUntil: 'load' });
        await badgesSettled((fn) => raw.evaluate(fn), s.name);
      });
      const t = analyseTrace(ev, extId);
      if (process.env.BENCH_NOTRACE) {
        const r = await raw.evaluate(() => { const n = /** @type {any} */ (performance.getEntriesByType('navigation')[0]); return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, first: /** @type {any} */ (window).__bench.first, last: /** @type {any} */ (window).__bench.last }; });
        console.error(`notrace ${s.name}: DCL->badges ${(r.last - r.dcl).toFixed(1)} ms, load->badges ${(r.last - r.load).toFixed(1)} ms`);
      }
      await cdp.send('Performance.enable');
      const metrics = /** @type {{metrics: {name: string, value: number}[]}} */ (await cdp.send('Performance.getMetrics')).metrics;
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value || 0;
      const { rec } = await tabRecord(ext, url);
      const badges = await raw.evaluate(() => document.querySelectorAll('whosaid-badge').length);
      results.push({
        page: s.name, words: s.words, bytes: s.bytes, quotes: rec.report.counts.quotes, badges,
        ...(t || {}),
        engineMs: rec.ms,
        wasmInitMs: initBetween(before, await engineStats(ext)),
        worker: i === 0 ? 'cold' : 'warm',
        pageJsHeapMb: heap / 1048576,
        extensionProcess: extensionProcessMemory(userDataDir),
      });
      await cdp.detach();
      await page.close();
    }
    // A cold worker again: stop the service worker, load the first page anew.
    if (pages.has('/bench/typical.html')) try {
      const page = await driver.newPage();
      const cdp = await page.raw.context().newCDPSession(page.raw);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const before = await engineStats(ext);
      await page.raw.goto(server.url('/bench/typical.html') + '?again', { waitUntil: 'load' });
      const { rec } = await tabRecord(ext, server.url('/bench/typical.html') + '?again');
      const after = await engineStats(ext);
      results.push({ page: '1,500 words (worker restarted)', worker: after.instantiations > before.instantiations ? 'cold' : 'warm (restart failed)', wasmInitMs: initBetween(before, after), engineMs: rec.ms, quotes: rec.report.counts.quotes });
      await page.close();
    } catch (e) {
      console.error(`bench: could not restart the service worker: ${e}`);
    }
    lastEngine = await engineStats(ext).catch(() => null);
  } finally {
    await driver.close();
  }
  // The first page after the browser starts, nothing attached to the page (benchUnattached).
  /** @type {any} */
  let unattached = null;
  const firstRuns = Number(process.env.BENCH_FIRST_RUNS ?? 5);
  if (pages.has('/bench/typical.html') && firstRuns > 0) {
    try {
      const runs = await benchUnattached(server, '/bench/typical.html', firstRuns);
      const attached = results.find((r) => r.page === '1,500 words');
      /** @param {{idleToBadgesMs: number, idleToPaintedMs: number, badges: number, workerStarted: boolean}[]} rs */
      const sum = (rs) => {
        const ok = rs.filter((r) => Number.isFinite(r.idleToBadgesMs));
        return {
          runs: rs, runsWithoutNumbers: rs.length - ok.length,
          medianIdleToBadgesMs: median(ok.map((r) => r.idleToBadgesMs)), medianIdleToPaintedMs: median(ok.map((r) => r.idleToPaintedMs)),
          under50: ok.filter((r) => r.idleToBadgesMs < TARGETS.idleToBadgesMs).length,
          badgesAsAttached: !attached || rs.every((r) => r.badges === attached.badges),
          workerStarted: rs.filter((r) => r.workerStarted).length,
        };
      };
      unattached = {
        page: '1,500 words', afterWorkerStartMs: FIRST_AFTER_MS,
        firstPage: sum(runs.map(({ coldWorker, coldWorkerNet, later, ...r }) => r)),
        laterMs: LATER_MS,
        later: LATER_MS > 0 ? sum(runs.map((r) => r.later)) : null,
        coldWorker: sum(runs.map((r) => r.coldWorker)),
        netDelayMs: NET_DELAY_MS,
        coldWorkerNet: NET_DELAY_MS > 0 ? sum(runs.map((r) => r.coldWorkerNet)) : null,
      };
    } catch (e) {
      console.error(`bench: the unattached runs failed: ${e}`);
    }
  }
  // Real pages, the worker awake and stopped (BENCH_REAL_PAGES=N: N of them,
  // spread over the sorted list, default 16, 0 skips them; or =name,name:
  // those page directories). WHOSAID_SHARED: where ../shared is.
  /** @type {any} */
  let real = null;
  const realArg = process.env.BENCH_REAL_PAGES ?? '16';
  const realDir = path.join(process.env.WHOSAID_SHARED || path.join(ROOT, '../shared'), 'data/pages');
  if (realArg && realArg !== '0' && fs.existsSync(realDir)) {
    try {
      const all = fs.readdirSync(realDir).filter((d) => fs.existsSync(path.join(realDir, d, 'source.html'))).sort();
      const realN = Number(realArg);
      const names = Number.isFinite(realN)
        ? all.filter((_, i) => i % Math.max(1, Math.floor(all.length / realN)) === 0).slice(0, realN)
        : realArg.split(',').filter((n) => all.includes(n));
      for (const n of names) {
        // The observer goes in first thing in the head (bytes kept as they are: latin1 in, latin1 out).
        const html = fs.readFileSync(path.join(realDir, n, 'source.html'), 'latin1');
        const tag = /<head\b[^>]*>/i.exec(html);
        const at = tag ? tag.index + tag[0].length : 0;
        const body = Buffer.from(`${html.slice(0, at)}<script nonce="bench">${BENCH_OBSERVER}</script>${html.slice(at)}`, 'latin1');
        pages.set(`/real/${n}`, { body, headers: { 'content-security-policy': "script-src 'nonce-bench'" } });
      }
      const escapedBefore = server.escaped.length;
      const runs = await benchRealPages(server, names);
      // Their own requests for other hosts (refused by the proxy) are theirs, not ours.
      const refused = server.escaped.splice(escapedBefore).length;
      const withBadges = runs.filter((r) => r.awake.badges > 0 && Number.isFinite(r.awake.idleToBadgesMs) && Number.isFinite(r.stopped.idleToBadgesMs));
      real = {
        runs,
        refusedRequests: refused,
        pagesWithBadges: withBadges.length,
        medianAwakeMs: median(withBadges.map((r) => r.awake.idleToBadgesMs)),
        medianStoppedMs: median(withBadges.map((r) => r.stopped.idleToBadgesMs)),
        stoppedUnder50: withBadges.filter((r) => r.stopped.idleToBadgesMs < TARGETS.idleToBadgesMs).length,
        awakeUnder50: withBadges.filter((r) => r.awake.idleToBadgesMs < TARGETS.idleToBadgesMs).length,
        workerStarted: withBadges.filter((r) => r.stopped.workerStarted).length,
        netDelayMs: NET_DELAY_MS,
        medianStoppedNetMs: NET_DELAY_MS > 0 ? median(withBadges.map((r) => r.stoppedNet.idleToBadgesMs).filter(Number.isFinite)) : null,
        stoppedNetUnder50: NET_DELAY_MS > 0 ? withBadges.filter((r) => r.stoppedNet.idleToBadgesMs < TARGETS.idleToBadgesMs).length : null,
      };
    } catch (e) {
      console.error(`bench: the real pages failed: ${e}`);
    }
  }
  /** @type {any} */
  let firefox = null;
  try {
    if (!args.includes('--no-firefox')) firefox = await benchFirefox(info, server);
  } catch (e) {
    console.error(`bench: Firefox run failed: ${e}`);
  } finally {
    await server.close();
  }
  const sz = sizes();
  out0.engine = lastEngine;
  const out = { ...out0, browser: 'chromium (headless=new)', targets: TARGETS, sizes: sz, pages: results, firstPageUnattached: unattached, realPages: real, firefox, errors: driver.errors, escaped: server.escaped };
  const f = (/** @type {any} */ v, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '-');
  console.log(`\n${'page'.padEnd(32)} ${'quotes'.padStart(6)} ${'badges'.padStart(6)} ${'idle->first'.padStart(11)} ${'idle->badges ms'.padStart(15)} ${'->painted'.padStart(9)} ${'main JS ms'.padStart(10)} ${'longest ms'.padStart(10)} ${'(CPU)'.padStart(6)} ${'(JS)'.padStart(5)} ${'>50ms'.padStart(5)} ${'page own'.padStart(8)} ${'engine ms'.padStart(9)} ${'wasm init ms'.padStart(12)} ${'page heap MB'.padStart(12)} ${'ext RSS MB'.padStart(10)}`);
  for (const r of /** @type {any[]} */ (results)) {
    console.log(`${String(r.page).padEnd(32)} ${String(r.quotes ?? '-').padStart(6)} ${String(r.badges ?? '-').padStart(6)} ${f(r.idleToFirstBadgesMs).padStart(11)} ${f(r.idleToBadgesMs).padStart(15)} ${f(r.idleToPaintedMs).padStart(9)} ${f(r.contentScriptMs).padStart(10)} ${f(r.longestTaskMs).padStart(10)} ${f(r.longestTaskThreadMs).padStart(6)} ${f(r.longestTaskOurJsMs).padStart(5)} ${String(r.tasksOver50Ms ?? '-').padStart(5)} ${f(r.pageLongestTaskMs).padStart(8)} ${f(r.engineMs).padStart(9)} ${f(r.wasmInitMs).padStart(12)} ${f(r.pageJsHeapMb).padStart(12)} ${f(r.extensionProcess ? r.extensionProcess.rssKb / 1024 : NaN).padStart(10)}`);
  }
  if (unattached) {
    const line = (/** @type {string} */ what, /** @type {any} */ u) => console.log(`  ${what}: idle->badges ms ${u.runs.map((/** @type {any} */ r) => f(r.idleToBadgesMs)).join(' ')} (median ${f(u.medianIdleToBadgesMs)}; ${u.under50} of ${u.runs.length} under ${TARGETS.idleToBadgesMs}); ->painted median ${f(u.medianIdleToPaintedMs)}; badges ${u.runs.map((/** @type {any} */ r) => r.badges).join(' ')}${u.badgesAsAttached ? '' : ' (NOT the same as with Playwright attached)'}${u.runsWithoutNumbers ? `; ${u.runsWithoutNumbers} run(s) without numbers (-)` : ''}`);
    console.log(`\n1,500 words with nothing attached to the page (${unattached.firstPage.runs.length} fresh browsers):`);
    line(`first page, opened ${unattached.afterWorkerStartMs} ms after the worker started`, unattached.firstPage);
    if (unattached.later) {
      line(`then a page ${(unattached.laterMs / 1000).toFixed(0)} s later, same tab (worker kept awake)`, unattached.later);
      console.log(`  (the worker started anew during ${unattached.later.workerStarted} of ${unattached.later.runs.length} of these pages)`);
    }
    line('then a page that wakes the stopped worker', unattached.coldWorker);
    console.log(`  (the worker started anew during ${unattached.coldWorker.workerStarted} of ${unattached.coldWorker.runs.length} of these pages)`);
    if (unattached.coldWorkerNet) {
      line(`the same, its server ${unattached.netDelayMs} ms away`, unattached.coldWorkerNet);
      console.log(`  (the worker started anew during ${unattached.coldWorkerNet.workerStarted} of ${unattached.coldWorkerNet.runs.length} of these pages)`);
    }
  }
  if (real) {
    console.log(`\nReal pages (../shared/data/pages, scripts blocked), nothing attached: idle->badges ms with the worker awake / stopped / stopped with the server ${real.netDelayMs} ms away (commit->idle ms awake / stopped)`);
    for (const r of real.runs) console.log(`  ${r.page.slice(0, 60).padEnd(60)} ${String(r.awake.badges).padStart(4)} badges ${f(r.awake.idleToBadgesMs).padStart(7)} / ${f(r.stopped.idleToBadgesMs).padStart(7)} / ${f(r.stoppedNet ? r.stoppedNet.idleToBadgesMs : NaN).padStart(7)}  (${f(r.awake.commitToIdleMs)} / ${f(r.stopped.commitToIdleMs)})`);
    console.log(`  (their ${real.refusedRequests} requests for other hosts were refused by the proxy)`);
    console.log(`  ${real.pagesWithBadges} pages with badges: awake median ${f(real.medianAwakeMs)} ms (${real.awakeUnder50} under ${TARGETS.idleToBadgesMs}); stopped median ${f(real.medianStoppedMs)} ms (${real.stoppedUnder50} under ${TARGETS.idleToBadgesMs}; the worker started anew during ${real.workerStarted})${real.medianStoppedNetMs !== null ? `; stopped, server ${real.netDelayMs} ms away: median ${f(real.medianStoppedNetMs)} ms (${real.stoppedNetUnder50} under ${TARGETS.idleToBadgesMs})` : ''}`);
  }
  if (firefox) {
    console.log(`\nFirefox ESR\n${'page'.padEnd(32)} ${'quotes'.padStart(6)} ${'badges'.padStart(6)} ${'load->first ms'.padStart(14)} ${'load->badges ms'.padStart(15)} ${'longest frame gap'.padStart(17)} ${'engine ms'.padStart(9)}`);
    for (const r of firefox.pages) console.log(`${String(r.page).padEnd(32)} ${String(r.quotes).padStart(6)} ${String(r.badges).padStart(6)} ${f(r.loadToFirstBadgesMs).padStart(14)} ${f(r.loadToBadgesMs).padStart(15)} ${f(r.longestFrameGapMs).padStart(17)} ${f(r.engineMs).padStart(9)}`);
    if (firefox.errors.length) console.log(`Firefox page errors: ${firefox.errors.join('; ')}`);
  }
  const n = (/** @type {number} */ x) => x.toLocaleString('en-US');
  console.log(`\nWASM ${n(sz.wasmBytes)} bytes, ${n(sz.wasmGzBytes)} gzipped (includes the knowledge base), with its JS glue ${n(sz.wasmGzBytes + sz.wasmGlueGzBytes)} gzipped (target < ${n(TARGETS.wasmGzBytes)}); content script ${n(sz.contentScriptBytes)} bytes (${n(sz.contentScriptGzBytes)} gzipped; target < ${n(TARGETS.contentBytes)})`);
  if (lastEngine) console.log(`worker warm-up (last worker start, before any page asks): instantiate ${f(lastEngine.lastMs)} ms, knowledge base parse + index ${f(lastEngine.kbMs)} ms, first warm-up round ${f(lastEngine.warmMs)} ms`);
  if (driver.errors.length) console.log(`page errors: ${driver.errors.join('; ')}`);
  if (server.escaped.length) console.log(`requests that tried to leave 127.0.0.1: ${server.escaped.join(', ')}`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(out, null, 1) + '\n');
}

// Run as a script (not when imported for its page generator).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main().catch((e) => { console.error(e); process.exit(1); });
