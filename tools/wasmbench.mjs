// @ts-check
/**
 * WASM bench (issue #6, perfwasm): the browser build of the engine
 * (dist/wasm, `bash scripts/build-wasm.sh`) in Node, on the snapshots the
 * browser would send, without a browser. Not a test.
 *
 *   node tools/wasmbench.mjs [--wasm DIR] [--snapshots DIR] [--cold N] [--runs N] [--page NAME]
 *                            [--modes LIST] [--gap MS] [--browser [--sw]] [--json FILE]
 *                            [--liftoff] [--only NAME,...]
 *
 * - cold: N fresh Node processes per mode, each doing what the extension's
 *   background does: instantiate, `set_overlay` (the knowledge base's
 *   first use), the warm-up (mode `warmup-rich3`: `warm_up(3)`, what the
 *   background does now; `warmup`: the tiny one-quotation analysis it did
 *   before; `none`: nothing), `--gap` ms idle (default 200: the page loads
 *   meanwhile), then the first analysis of `--page` (default the
 *   1,500-word page) as the background calls it, the second, and eight
 *   more. Wall-clock ms and, in Node, the process's CPU ms (steadier on a
 *   busy machine). V8 compiles WebAssembly lazily (each function on its
 *   first call, baseline code first, optimised code only after a function
 *   has done a certain amount of work, and only from its next call), so
 *   first calls pay compilation and run slower code.
 * - warm: in this process, every snapshot analysed repeatedly: fastest and
 *   median of `--runs` calls of `analyze`, and `analyze_timed`'s three
 *   phases (snapshot in / analysis / report out, timed inside WASM).
 *
 * `--browser`: the cold runs in headless Chromium (/usr/bin/chromium, a
 * fresh browser per run, the engine in a dedicated worker, with `--sw` in
 * a module service worker like the extension's, of a page served from
 * 127.0.0.1; the browser's own traffic is refused) instead of Node; no
 * warm runs.
 *
 * `--liftoff`: everything in V8's baseline WebAssembly code only (node
 * `--liftoff-only --no-wasm-tier-up`), which is what a page analysed
 * soon after the engine starts mostly runs (enginefast, docs/perf.md).
 * `--cold 0`: warm runs only; `--only a,b`: only these snapshots in the
 * warm runs.
 *
 * Snapshots: `--snapshots DIR` (default artifacts/wasmbench-snapshots),
 * written by `cargo run --release --example bench -- --snapshots DIR` (run
 * here when the directory is missing): the browser bench's 1,500-word,
 * 10,000-word and 1 MB pages and the bundled samples through the HTML
 * reader, as the content script would send them.
 */

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (/** @type {string} */ name, /** @type {string} */ dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const wasmDir = path.resolve(opt('--wasm', path.join(ROOT, 'dist/wasm')));
const snapDir = path.resolve(opt('--snapshots', path.join(ROOT, 'artifacts/wasmbench-snapshots')));
const coldN = Number(opt('--cold', '5'));
const runs = Number(opt('--runs', '30'));
const jsonOut = opt('--json', '');
const coldPage = opt('--page', 'page-1500-words');
const browser = args.includes('--browser');
const serviceWorker = args.includes('--sw');
/** `--gap MS`: idle time between the warm-up and the first page (default 200: the page loads meanwhile). */
const gap = Number(opt('--gap', '200'));
/** Experiments: `--warm-snap NAME --warm-rounds N` replace the tiny warm-up by N analyses of that snapshot. */
const warmArg = opt('--warm-snap', '') ? { snap: JSON.parse(fs.readFileSync(path.join(snapDir, `${opt('--warm-snap', '')}.json`), 'utf8')), rounds: Number(opt('--warm-rounds', '1')) } : null;
/** `--modes a,b`: warmup-richN (warm_up(N), what the background does now), warmup (the old tiny analysis), none; "+json" suffix: see coldSequence. */
const modesArg = opt('--modes', 'warmup-rich3,warmup,none').split(',');

/** The background's warm-up article (extension/src/background/background.js WARM_SNAPSHOT). */
const WARM_SNAPSHOT = { nodes: [{ p: -1, tag: 'body' }, { p: 0, tag: 'p' }, { p: 1, text: '\u201cWe will keep talking, because that is the job,\u201d Senator Chuck Schumer of New York told reporters on Tuesday.' }] };
const OPTS = { keep_text: false };

async function loadEngine() {
  const mod = await import(pathToFileURL(path.join(wasmDir, 'whosaid.js')).href);
  const bytes = fs.readFileSync(path.join(wasmDir, 'whosaid_bg.wasm'));
  return { mod, bytes };
}

/** @param {string} name */
function readSnapshot(name) {
  return JSON.parse(fs.readFileSync(path.join(snapDir, `${name}.json`), 'utf8'));
}

/** One cold process: prints one JSON line. */
async function child(/** @type {string} */ mode) {
  const { mod, bytes } = await loadEngine();
  const r = await coldSequence(mod, bytes, readSnapshot(coldPage), mode, warmArg || WARM_SNAPSHOT, OPTS, gap);
  process.stdout.write(JSON.stringify(r) + '\n');
}

/**
 * What a fresh extension background does, timed: instantiate, (with
 * `mode` "warmup": set_overlay and the tiny warm-up analysis), the first
 * analysis of `snap`, then ten more. Self-contained: it also runs in a
 * browser worker (its source is sent there).
 * @param {any} mod the wasm-bindgen module
 * @param {BufferSource} bytes the .wasm
 * @param {any} snap
 * @param {string} mode
 * @param {any} warmSnap
 * @param {any} opts
 * @param {number} gapMs idle time between the warm-up and the first page
 *   (the page loads meanwhile; V8 finishes optimising in the background)
 */
async function coldSequence(mod, bytes, snap, mode, warmSnap, opts, gapMs) {
  /** @type {Record<string, any>} */
  const r = {};
  // Wall-clock ms, and in Node also the process's CPU ms (all threads, so
  // V8's background compilation and GC count too): on a busy shared
  // machine wall-clock time is mostly other people's work. (Per-thread CPU
  // time from /proc/thread-self/schedstat only moves at scheduler ticks:
  // useless for calls of a few ms.)
  const cpu = typeof process === 'object' && process.cpuUsage ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : null;
  const step = (/** @type {string} */ name, /** @type {() => any} */ fn) => {
    const c0 = cpu ? cpu() : 0;
    const t0 = performance.now();
    const v = fn();
    r[name + 'Ms'] = performance.now() - t0;
    if (cpu) r[name + 'CpuMs'] = cpu() - c0;
    return v;
  };
  step('instantiate', () => mod.initSync({ module: bytes }));
  if (mode.startsWith('warmup')) {
    step('kb', () => mod.set_overlay([]));
    step('warm', () => {
      // mode "warmup-richN": the engine's own warm_up(N); else the given warm-up snapshot.
      if (mode.startsWith('warmup-rich')) r.warmQuotes = mod.warm_up(parseInt(mode.slice(11), 10) || 3);
      // "+json": then the tiny article as objects from JSON.parse, as
      // extension messaging delivers the content script's snapshot.
      if (mode.endsWith('+json')) mod.analyze(JSON.parse(JSON.stringify(warmSnap.rounds ? warmSnap.snap : warmSnap)), opts);
      else if (warmSnap.rounds) for (let i = 0; i < warmSnap.rounds; i++) mod.analyze(warmSnap.snap, opts);
      else mod.analyze(warmSnap, opts);
    });
  }
  if (gapMs > 0) await new Promise((ok) => setTimeout(ok, gapMs));
  r.quotes = step('first', () => mod.analyze(snap, opts)).quotes.length;
  step('second', () => mod.analyze(snap, opts));
  const later = [];
  const laterCpu = [];
  for (let i = 0; i < 8; i++) {
    const c0 = cpu ? cpu() : 0;
    const t0 = performance.now();
    mod.analyze(snap, opts);
    later.push(performance.now() - t0);
    if (cpu) laterCpu.push(cpu() - c0);
  }
  r.thirdToTenthMs = later;
  if (cpu) r.thirdToTenthCpuMs = laterCpu;
  return r;
}

/**
 * The cold sequence in headless Chromium: a fresh browser per run, the
 * sequence in a dedicated worker of a page served from 127.0.0.1 (the
 * extension runs the engine in a service worker: same V8, same tiering).
 * @param {string} mode
 * @param {number} n
 */
async function browserCold(mode, n) {
  const http = await import('node:http');
  const { chromium } = await import('playwright-core');
  const workerSrc = `import * as mod from '/wasm/whosaid.js';
${coldSequence.toString()}
const [bytes, snap] = await Promise.all([fetch('/wasm/whosaid_bg.wasm').then((r) => r.arrayBuffer()), fetch('/snap.json').then((r) => r.json())]);
postMessage(await coldSequence(mod, bytes, snap, ${JSON.stringify(mode)}, ${JSON.stringify(warmArg || WARM_SNAPSHOT)}, ${JSON.stringify(OPTS)}, ${gap}));`;
  // `--sw`: in a module service worker (like the extension's background)
  // instead of a dedicated worker.
  const swSrc = `import * as mod from '/wasm/whosaid.js';
${coldSequence.toString()}
self.addEventListener('message', (e) => e.waitUntil((async () => {
  const [bytes, snap] = await Promise.all([fetch('/wasm/whosaid_bg.wasm').then((r) => r.arrayBuffer()), fetch('/snap.json').then((r) => r.json())]);
  e.ports[0].postMessage(await coldSequence(mod, bytes, snap, ${JSON.stringify(mode)}, ${JSON.stringify(warmArg || WARM_SNAPSHOT)}, ${JSON.stringify(OPTS)}, ${gap}));
})()));`;
  const page = serviceWorker
    ? `<!doctype html><meta charset="utf-8"><title>wasmbench</title><script type="module">
const reg = await navigator.serviceWorker.register('/sw.js', { type: 'module' });
await navigator.serviceWorker.ready;
const ch = new MessageChannel();
window.result = new Promise((ok) => { ch.port1.onmessage = (e) => ok(e.data); });
(reg.active || reg.waiting || reg.installing).postMessage('go', [ch.port2]);
</script>`
    : `<!doctype html><meta charset="utf-8"><title>wasmbench</title><script type="module">
const w = new Worker('/worker.js', { type: 'module' });
window.result = new Promise((ok, fail) => { w.onmessage = (e) => ok(e.data); w.onerror = (e) => fail(new Error(e.message)); });
</script>`;
  const files = {
    '/': ['text/html', page],
    '/worker.js': ['text/javascript', workerSrc],
    '/sw.js': ['text/javascript', swSrc],
    '/wasm/whosaid.js': ['text/javascript', fs.readFileSync(path.join(wasmDir, 'whosaid.js'))],
    '/wasm/whosaid_bg.wasm': ['application/wasm', fs.readFileSync(path.join(wasmDir, 'whosaid_bg.wasm'))],
    '/snap.json': ['application/json', fs.readFileSync(path.join(snapDir, `${coldPage}.json`))],
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url || '/', 'http://x');
    const f = /** @type {any} */ (files)[u.pathname];
    // Anything for another host (the browser's own traffic, via the proxy setting) is refused.
    if (!f || (req.headers.host && !/^127\.0\.0\.1:/.test(req.headers.host))) { res.writeHead(403); res.end(); return; }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' });
    res.end(f[1]);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(null)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const rows = [];
  try {
    for (let i = 0; i < n; i++) {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run',
          '--disable-sync', '--disable-default-apps', '--disable-field-trial-config', `--proxy-server=http://127.0.0.1:${port}`, '--proxy-bypass-list=<-loopback>'],
      });
      try {
        const p = await browser.newPage();
        await p.goto(`http://127.0.0.1:${port}/`);
        await p.waitForFunction(() => /** @type {any} */ (window).result);
        rows.push(await p.evaluate(() => /** @type {any} */ (window).result));
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.close();
  }
  return rows;
}

/** The process's CPU time in ms (all threads). */
function threadCpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const stats = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], med: s[s.length >> 1], max: s[s.length - 1] };
};
const f = (/** @type {number} */ v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '-');
const range = (/** @type {number[]} */ xs, d = 1) => { const s = stats(xs); return `${f(s.min, d)}-${f(s.max, d)} (med ${f(s.med, d)})`; };

async function main() {
  if (args[0] === '--child') return child(args[1]);
  if (args.includes('--liftoff') && !process.execArgv.includes('--liftoff-only')) {
    // Run again with V8's baseline compiler only (children inherit the flags).
    const out = spawnSync(process.execPath, ['--liftoff-only', '--no-wasm-tier-up', ...process.execArgv, fileURLToPath(import.meta.url), ...args.filter((a) => a !== '--liftoff')], { stdio: 'inherit' });
    process.exit(out.status ?? 1);
  }
  if (!fs.existsSync(path.join(snapDir, `${coldPage}.json`))) {
    console.error(`[wasmbench] writing snapshots to ${snapDir}`);
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench', '--', '--snapshots', snapDir], { cwd: ROOT, stdio: 'inherit' });
  }
  const wasmBytes = fs.statSync(path.join(wasmDir, 'whosaid_bg.wasm')).size;
  console.log(`whosaid WASM bench: ${wasmDir} (${(wasmBytes / 1024).toFixed(0)} KB), node ${process.version}`);

  // Cold: fresh processes (or fresh browsers).
  const modes = coldN > 0 ? modesArg : [];
  const cold = {};
  for (const mode of modes) {
    if (browser) {
      cold[mode] = await browserCold(mode, coldN);
      continue;
    }
    const rows = [];
    for (let i = 0; i < coldN; i++) {
      const out = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', mode, '--wasm', wasmDir, '--snapshots', snapDir, '--page', coldPage, '--gap', String(gap), ...(warmArg ? ['--warm-snap', opt('--warm-snap', ''), '--warm-rounds', String(warmArg.rounds)] : [])], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
      rows.push(JSON.parse(out.stdout.trim().split('\n').pop() || '{}'));
    }
    cold[mode] = rows;
  }
  const where = browser ? `Chromium browsers (${serviceWorker ? 'a service worker' : 'a dedicated worker'})` : 'processes';
  for (const mode of modes) {
    const w = cold[mode];
    const what = { 'warmup': 'tiny warm-up analysis (the background before perfwasm)', 'none': 'no warm-up at all' }[mode] || (mode.startsWith('warmup-rich') ? `warm_up(${parseInt(mode.slice(11), 10) || 3}) (the background now)` : mode);
    console.log(`\ncold, ${what}: ${coldN} fresh ${where}; ${coldPage}, ${w[0].quotes} quotes; ${gap} ms idle before the first page; ms, range (median):`);
    const both = (/** @type {string} */ k, d = 1) => range(w.map((r) => r[k + 'Ms']), d) + (w[0][k + 'CpuMs'] !== undefined ? `  cpu ${range(w.map((r) => r[k + 'CpuMs']), d)}` : '');
    console.log(`  instantiate                          ${both('instantiate')}`);
    if (mode !== 'none') {
      console.log(`  set_overlay (KB parse + index)       ${both('kb')}`);
      console.log(`  warm-up analysis                     ${both('warm')}`);
    }
    console.log(`  first page analysis                  ${both('first')}   <- the extension's "engine ms"${mode === 'none' ? ' (incl. the KB\'s first use)' : ''}`);
    console.log(`  second call                          ${both('second')}`);
    console.log(`  calls 3-10 (fastest per run)         ${range(w.map((r) => Math.min(...r.thirdToTenthMs)), 2)}${w[0].thirdToTenthCpuMs ? `  cpu ${range(w.map((r) => Math.min(...r.thirdToTenthCpuMs)), 2)}` : ''}`);
  }
  if (browser) {
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ wasm: wasmDir, wasmBytes, browser: 'chromium', coldPage, cold }, null, 1) + '\n');
    return;
  }

  // Warm: this process.
  const { mod, bytes } = await loadEngine();
  mod.initSync({ module: bytes });
  mod.set_overlay([]);
  const only = opt('--only', '').split(',').filter(Boolean);
  const names = fs.readdirSync(snapDir).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter((n) => !only.length || only.includes(n)).sort();
  const warm = [];
  const hasJson = typeof mod.analyze_json === 'function';
  const hasTimed = typeof mod.analyze_timed === 'function';
  console.log(`\nwarm (this process, ${runs} calls after 5 warm-up calls), ms: fastest / median; analyze wall-clock and the process's CPU, then the three phases timed inside WASM (wall-clock)`);
  console.log(`${'snapshot'.padEnd(24)} ${'nodes'.padStart(5)} ${'quotes'.padStart(6)} ${'analyze'.padStart(13)} ${'(cpu)'.padStart(13)} ${'in'.padStart(11)} ${'engine'.padStart(13)} ${'out'.padStart(11)}${hasJson ? ` ${'JSON iface'.padStart(13)}` : ''}`);
  for (const name of names) {
    const snap = readSnapshot(name);
    const json = JSON.stringify(snap);
    const row = { name, nodes: snap.nodes.length, quotes: mod.analyze(snap, OPTS).quotes.length };
    for (let i = 0; i < 5; i++) {
      mod.analyze(snap, OPTS);
      if (hasTimed) mod.analyze_timed(JSON.stringify(snap), OPTS);
      if (hasJson) JSON.parse(mod.analyze_json(JSON.stringify(snap), OPTS));
    }
    const plain = [];
    const plainCpu = [];
    const phases = [[], [], []];
    const viaJson = [];
    for (let i = 0; i < runs; i++) {
      const c0 = threadCpu();
      let t = performance.now();
      mod.analyze(snap, OPTS);
      plain.push(performance.now() - t);
      plainCpu.push(threadCpu() - c0);
      if (hasTimed) mod.analyze_timed(JSON.stringify(snap), OPTS).forEach((/** @type {number} */ v, /** @type {number} */ k) => phases[k].push(v));
      if (hasJson) {
        t = performance.now();
        // What a caller would do: stringify the snapshot, parse the report.
        JSON.parse(mod.analyze_json(JSON.stringify(snap), OPTS));
        viaJson.push(performance.now() - t);
      }
    }
    Object.assign(row, { analyze: stats(plain), analyzeCpu: stats(plainCpu), in: hasTimed ? stats(phases[0]) : null, engine: hasTimed ? stats(phases[1]) : null, out: hasTimed ? stats(phases[2]) : null, json: hasJson ? stats(viaJson) : null, jsonBytes: json.length });
    warm.push(row);
    const c = (/** @type {any} */ s, d = 3) => (s ? `${f(s.min, d)} / ${f(s.med, d)}` : '-');
    console.log(`${name.padEnd(24)} ${String(row.nodes).padStart(5)} ${String(row.quotes).padStart(6)} ${c(row.analyze).padStart(13)} ${c(row.analyzeCpu).padStart(13)} ${c(row.in).padStart(11)} ${c(row.engine).padStart(13)} ${c(row.out).padStart(11)}${hasJson ? ` ${c(row.json).padStart(13)}` : ''}`);
  }
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ wasm: wasmDir, wasmBytes, node: process.version, coldPage, cold, warm }, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
