#!/usr/bin/env node
// @ts-check
// Assembles the static web page in dist/www/ from
//   www/                     the page (HTML, CSS, JS modules, images)
//   dist/wasm/               the engine (bash scripts/build-wasm.sh)
//   extension/src/ui/        the badge, summary and export modules, shared
//                            with the extension (not copied in the source)
//   extension/src/content/snapshot.js  the content script's page walk
//   samples/                 the bundled sample articles (.txt and .html),
//                            plus a generated samples/index.json
// The result is plain static files: serve it from any static host, or
// locally with `node scripts/serve.mjs dist/www`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'www');

/** @param {string} msg */
function die(msg) {
  console.error(`[build-www] ${msg}`);
  process.exit(1);
}

const wasmDir = join(root, 'dist', 'wasm');
for (const f of ['whosaid.js', 'whosaid_bg.wasm']) {
  if (!existsSync(join(wasmDir, f))) die(`dist/wasm/${f} is missing: run bash scripts/build-wasm.sh first`);
}
const uiDir = join(root, 'extension', 'src', 'ui');
if (!existsSync(join(uiDir, 'badge.js'))) die('extension/src/ui/badge.js is missing');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(root, 'www'), out, { recursive: true });

mkdirSync(join(out, 'wasm'));
for (const f of ['whosaid.js', 'whosaid_bg.wasm']) cpSync(join(wasmDir, f), join(out, 'wasm', f));

// The content script's page walk, for HTML files opened in the page.
const snapshotJs = join(root, 'extension', 'src', 'content', 'snapshot.js');
if (!existsSync(snapshotJs)) die('extension/src/content/snapshot.js is missing');
mkdirSync(join(out, 'content'));
cpSync(snapshotJs, join(out, 'content', 'snapshot.js'));

mkdirSync(join(out, 'ui'));
for (const f of readdirSync(uiDir)) {
  if (/\.(js|css)$/.test(f)) cpSync(join(uiDir, f), join(out, 'ui', f));
}

/** Button labels for the known samples; others get their file name. */
const LABELS = /** @type {Record<string, string>} */ ({ politics: 'US politics', business: 'Business', uk: 'UK politics', france: 'France (in French)' });
const ORDER = ['politics', 'business', 'uk', 'france'];
const sampleDir = join(root, 'samples');
mkdirSync(join(out, 'samples'));
const names = readdirSync(sampleDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .filter((n) => existsSync(join(sampleDir, `${n}.html`)))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
const index = names.map((name) => {
  for (const ext of ['txt', 'html']) cpSync(join(sampleDir, `${name}.${ext}`), join(out, 'samples', `${name}.${ext}`));
  const title = readFileSync(join(sampleDir, `${name}.txt`), 'utf8').split('\n', 1)[0].trim();
  const m = /<time[^>]*datetime="(\d{4}-\d{2}-\d{2})/.exec(readFileSync(join(sampleDir, `${name}.html`), 'utf8'));
  const date = m ? m[1] : null;
  const label = LABELS[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
  return { name, label, title, date, txt: `samples/${name}.txt`, html: `samples/${name}.html` };
});
writeFileSync(join(out, 'samples', 'index.json'), JSON.stringify(index, null, 2) + '\n');

/** @param {string} dir @returns {[number, number]} files, bytes */
function size(dir) {
  let files = 0;
  let bytes = 0;
  for (const f of readdirSync(dir, { recursive: true })) {
    const st = statSync(join(dir, String(f)));
    if (st.isFile()) {
      files++;
      bytes += st.size;
    }
  }
  return [files, bytes];
}
const [files, bytes] = size(out);
console.log(`[build-www] dist/www: ${files} files, ${(bytes / 1024).toFixed(0)} KB (${index.length} samples)`);
