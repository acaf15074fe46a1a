// @ts-check
/**
 * WASM bench (issue #6, perfwasm): the browser build of the engine
 * (dist/wasm, `bash scripts/build-wasm.sh`) in Node, on the snapshots the
 * browser would send, without a browser. Not a test.
 *
 *   node tools/wasmbench.mjs [--browser] [--wasm DIR] [--snapshots DIR] [--cold N] [--runs N] [--page NAME] [--json FILE]
 *
 * - cold: N fresh Node processes, each doing what the extension's
 *   background does (instantiate, `set_overlay` = knowledge-base parse and
 *   index, one tiny warm-up analysis), then the first analysis of the
 *   1,500-word page (`analyze`, as the background calls it), then the same
 *   page again (second call). Also the first analysis with no warm-up at
 *   all. V8 compiles WebAssembly lazily (each function on its first call,
 *   baseline code first, optimised later), so first calls pay compilation.
 * - warm: in this process, every snapshot analysed repeatedly; the fastest
 *   and the median of `--runs` calls of `analyze`, of `analyze_timed`'s
 *   three phases (snapshot in / analysis / report out, timed inside WASM),
 *   and of `analyze_json` (JSON strings at the boundary) if exported.
 *
 * `--browser`: the cold runs in headless Chromium (/usr/bin/chromium, a
 * fresh browser per run, the engine in a dedicated worker of a page served
 * from 127.0.0.1) instead of Node; no warm runs.
 *
 * Snapshots: `--snapshots DIR` (default artifacts/wasmbench-snapshots),
 * written by `cargo run --release --example bench -- --snapshots DIR` (run
 * here when the directory is missing): the browser bench's 1,500- and
 * 10,000-word pages and the bundled samples through the HTML reader, as
 * the content script would send them.
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
/** Experiments: `--warm-snap NAME --warm-rounds N` replace the tiny warm-up by N analyses of that snapshot. */
const warmArg = opt('--warm-snap', '') ? { snap: JSON.parse(fs.readFileSync(path.join(snapDir, `${opt('--warm-snap', '')}.json`), 'utf8')), rounds: Number(opt('--warm-rounds', '1')) } : null;
const modesArg = opt('--modes', 'warmup,none').split(',');

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
  const r = await coldSequence(mod, bytes, readSnapshot(coldPage), mode, warmArg || WARM_SNAPSHOT, OPTS);
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
 */
async function coldSequence(mod, bytes, snap, mode, warmSnap, opts) {
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
      if (mode.startsWith('warmup-rich')) r.warmQuotes = mod.warm_up(Number(mode.slice(11)) || 3);
      else if (warmSnap.rounds) for (let i = 0; i < warmSnap.rounds; i++) mod.analyze(warmSnap.snap, opts);
      else mod.analyze(warmSnap, opts);
    });
  }
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
postMessage(await coldSequence(mod, bytes, snap, ${JSON.stringify(mode)}, ${JSON.stringify(warmArg || WARM_SNAPSHOT)}, ${JSON.stringify(OPTS)}));`;
  const page = `<!doctype html><meta charset="utf-8"><title>wasmbench</title><script type="module">
const w = new Worker('/worker.js', { type: 'module' });
window.result = new Promise((ok, fail) => { w.onmessage = (e) => ok(e.data); w.onerror = (e) => fail(new Error(e.message)); });
</script>`;
  const files = {
    '/': ['text/html', page],
    '/worker.js': ['text/javascript', workerSrc],
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
  if (!fs.existsSync(path.join(snapDir, `${coldPage}.json`))) {
    console.error(`[wasmbench] writing snapshots to ${snapDir}`);
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench', '--', '--snapshots', snapDir], { cwd: ROOT, stdio: 'inherit' });
  }
  const wasmBytes = fs.statSync(path.join(wasmDir, 'whosaid_bg.wasm')).size;
  console.log(`whosaid WASM bench: ${wasmDir} (${(wasmBytes / 1024).toFixed(0)} KB), node ${process.version}`);

  // Cold: fresh processes (or fresh browsers).
  const modes = modesArg;
  const cold = {};
  for (const mode of modes) {
    if (browser) {
      cold[mode] = await browserCold(mode, coldN);
      continue;
    }
    const rows = [];
    for (let i = 0; i < coldN; i++) {
      const out = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', mode, '--wasm', wasmDir, '--snapshots', snapDir, '--page', coldPage, ...(warmArg ? ['--warm-snap', opt('--warm-snap', ''), '--warm-rounds', String(warmArg.rounds)] : [])], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
      rows.push(JSON.parse(out.stdout.trim().split('\n').pop() || '{}'));
    }
    cold[mode] = rows;
  }
  const w = cold[modes.find((m) => m.startsWith('warmup')) || 'warmup'];
  console.log(`\ncold (mode ${modes.join(', ')}; ${coldN} fresh ${browser ? 'Chromium browsers (a dedicated worker)' : 'processes'} each; ${coldPage}, ${w[0].quotes} quotes), ms, range (median):`);
  const both = (/** @type {string} */ k, d = 1) => range(w.map((r) => r[k + 'Ms']), d) + (w[0][k + 'CpuMs'] !== undefined ? `  cpu ${range(w.map((r) => r[k + 'CpuMs']), d)}` : '');
  console.log(`  instantiate                          ${both('instantiate')}`);
  console.log(`  set_overlay (KB parse + index)       ${both('kb')}`);
  console.log(`  warm-up analysis                     ${both('warm')}`);
  console.log(`  first page analysis after warm-up    ${both('first')}   <- the extension's "engine ms"`);
  console.log(`  second call                          ${both('second')}`);
  console.log(`  calls 3-10 (fastest per run)         ${range(w.map((r) => Math.min(...r.thirdToTenthMs)), 2)}${w[0].thirdToTenthCpuMs ? `  cpu ${range(w.map((r) => Math.min(...r.thirdToTenthCpuMs)), 2)}` : ''}`);
  if (cold.none) console.log(`  first analysis, no warm-up at all    ${range(cold.none.map((r) => r.firstMs))}  (includes the KB's first use)`);
  if (browser) {
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ wasm: wasmDir, wasmBytes, browser: 'chromium', coldPage, cold }, null, 1) + '\n');
    return;
  }

  // Warm: this process.
  const { mod, bytes } = await loadEngine();
  mod.initSync({ module: bytes });
  mod.set_overlay([]);
  const names = fs.readdirSync(snapDir).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
  const warm = [];
  const hasJson = typeof mod.analyze_json === 'function';
  const hasTimed = typeof mod.analyze_timed === 'function';
  console.log(`\nwarm (this process, ${runs} calls after 5 warm-up calls), ms: fastest / median; analyze wall-clock and the process's CPU, then the three phases timed inside WASM (wall-clock)`);
  console.log(`${'snapshot'.padEnd(24)} ${'nodes'.padStart(5)} ${'quotes'.padStart(6)} ${'analyze'.padStart(13)} ${'(cpu)'.padStart(13)} ${'in'.padStart(11)} ${'engine'.padStart(13)} ${'out'.padStart(11)} ${'JSON iface'.padStart(13)}`);
  for (const name of names) {
    const snap = readSnapshot(name);
    const json = JSON.stringify(snap);
    const row = { name, nodes: snap.nodes.length, quotes: mod.analyze(snap, OPTS).quotes.length };
    for (let i = 0; i < 5; i++) {
      mod.analyze(snap, OPTS);
      if (hasTimed) mod.analyze_timed(snap, OPTS);
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
      if (hasTimed) mod.analyze_timed(snap, OPTS).forEach((/** @type {number} */ v, /** @type {number} */ k) => phases[k].push(v));
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
    console.log(`${name.padEnd(24)} ${String(row.nodes).padStart(5)} ${String(row.quotes).padStart(6)} ${c(row.analyze).padStart(13)} ${c(row.analyzeCpu).padStart(13)} ${c(row.in).padStart(11)} ${c(row.engine).padStart(13)} ${c(row.out).padStart(11)} ${c(row.json).padStart(13)}`);
  }
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ wasm: wasmDir, wasmBytes, node: process.version, coldPage, cold, warm }, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
