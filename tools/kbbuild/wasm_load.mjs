// Measures the first use of the embedded knowledge base in the built WASM
// (parse + index, paid once): node tools/kbbuild/wasm_load.mjs "$PWD/dist/wasm"
// (after scripts/build-wasm.sh). Add --no-wasm-lazy-compilation --no-liftoff
// to node to leave V8's lazy compilation of the functions out of the figure.
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const mod = await import(dir + '/whosaid.js');
const bytes = readFileSync(dir + '/whosaid_bg.wasm');
let t = performance.now();
mod.initSync({ module: bytes });
console.log('instantiate wasm:', (performance.now() - t).toFixed(1), 'ms');
t = performance.now();
const c0 = process.cpuUsage();
mod.set_overlay([]);   // first call: parses and indexes the embedded KB
const c1 = process.cpuUsage(c0);
const first = performance.now() - t;
console.log('CPU time of first KB use:', ((c1.user + c1.system) / 1000).toFixed(1), 'ms');
t = performance.now();
mod.set_overlay([]);
const second = performance.now() - t;
console.log('first KB use (parse + index):', first.toFixed(1), 'ms; second call:', second.toFixed(2), 'ms');
