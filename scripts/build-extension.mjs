#!/usr/bin/env node
// @ts-check
/**
 * Builds the browser extension from extension/ and dist/wasm/ (run
 * scripts/build-wasm.sh first) into:
 *
 *   dist/chrome/   dist/firefox/            unpacked, ready to load
 *   dist/whosaid-chrome.zip  dist/whosaid-firefox.zip   for the stores
 *
 * Steps: merge extension/manifest.json with the browser's patch
 * (manifest.<browser>.json); check that every permission, host match and
 * CSP relaxation has a reason in the base manifest's "$reasons" (then drop
 * that key); copy the ES modules; build content.js by concatenating the
 * content script's sources (content scripts cannot be ES modules: import
 * lines and `export` keywords are stripped, the whole wrapped in one
 * function scope) and its early part content-early.js (document_start:
 * starts the settings read); draw the PNG icons; zip.
 *
 * Usage: node scripts/build-extension.mjs [--no-zip]
 */

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// acorn (already installed as part of web-ext's tool chain) parses the
// content script so that comments can be dropped safely.
import * as acorn from 'acorn';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = path.join(ROOT, 'extension');
const SRC = path.join(EXT, 'src');
const DIST = path.join(ROOT, 'dist');
const WASM = path.join(DIST, 'wasm');
const BROWSERS = ['chrome', 'firefox'];
/**
 * Budgets (issue #6), in bytes, "KB" read as 1,000 bytes (the stricter
 * reading): the content script (both parts) under 20 KB; the engine (the
 * `.wasm`, knowledge base included, and its JS glue), gzipped, under 400 KB.
 */
export const CONTENT_SCRIPT_BUDGET = 20_000;
export const WASM_GZ_BUDGET = 400_000;

/** Content script sources, in dependency order. */
const CONTENT_SOURCES = [
  'settings.js', 'messages.js', 'ui/palette.js', 'ui/badge.js',
  'content/snapshot.js', 'content/badges.js', 'content/main.js',
];
/** Copied as ES modules (background, popup, options and what they import). */
const MODULE_DIRS = ['background', 'popup', 'options', 'ui'];
const MODULE_FILES = ['messages.js', 'settings.js'];

function fail(/** @type {string} */ msg) {
  console.error(`[build-extension] error: ${msg}`);
  process.exit(1);
}

/**
 * @param {string} file
 * @returns {any}
 */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Deep merge: objects merge key by key, anything else is replaced.
 * @param {any} base
 * @param {any} patch
 * @returns {any}
 */
function merge(base, patch) {
  if (typeof base !== 'object' || typeof patch !== 'object' || Array.isArray(base) || Array.isArray(patch) || !base || !patch) return patch;
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

/**
 * Every permission, host permission, content-script match set and CSP
 * relaxation must have its reason written in "$reasons".
 * @param {any} m
 * @param {Record<string, string>} reasons
 */
function checkReasons(m, reasons) {
  const need = [];
  for (const p of m.permissions || []) need.push(`permissions.${p}`);
  for (const p of m.optional_permissions || []) need.push(`optional_permissions.${p}`);
  for (const p of m.host_permissions || []) need.push(`host_permissions.${p}`);
  for (const cs of m.content_scripts || []) need.push(`content_scripts.matches ${cs.matches.join(' ')}`);
  const csp = m.content_security_policy && m.content_security_policy.extension_pages;
  if (csp && csp.includes("'wasm-unsafe-eval'")) need.push("content_security_policy 'wasm-unsafe-eval'");
  for (const c of Object.keys(m.commands || {})) need.push(`commands.${c}`);
  const missing = need.filter((k) => !reasons[k] || reasons[k].length < 10);
  if (missing.length) fail(`manifest: no reason written for ${missing.join(', ')} (add it to "$reasons" in extension/manifest.json)`);
  const extra = Object.keys(reasons).filter((k) => !need.includes(k));
  if (extra.length) fail(`manifest: "$reasons" names things the manifest does not ask for: ${extra.join(', ')}`);
}

/**
 * The content script: sources concatenated, `import` lines and `export`
 * keywords stripped, wrapped in one function scope.
 * @returns {string}
 */
export function buildContentScript() {
  const parts = CONTENT_SOURCES.map((rel) => {
    const src = fs.readFileSync(path.join(SRC, rel), 'utf8');
    if (/^\s*import\s[^;]*$/m.test(src.replace(/^\s*import\s.*;\s*$/gm, ''))) fail(`${rel}: multi-line import statements are not supported by the content-script build`);
    const body = src
      .replace(/^\/\/ @ts-check\s*$/m, '')
      .replace(/^\s*import\s.*;\s*$/gm, '')
      .replace(/^export (const|function|class|async function|let) /gm, '$1 ');
    if (/^export\s/m.test(body)) fail(`${rel}: unsupported export form for the content-script build`);
    return `// ---- ${rel}\n${body.trim()}\n`;
  });
  const full = `(function () {\n'use strict';\n${parts.join('\n')}})();\n`;
  return '// whosaid content script: built by scripts/build-extension.mjs, do not edit\n' + stripComments(dropUnused(full));
}

/**
 * Drops the content script's top-level functions and constants that
 * nothing in it uses (the shared modules also serve the popup and the
 * options page: `saveSettings`, the popup's message names). Only
 * declarations without side effects go: function declarations, and
 * `const` bindings whose value is a literal, a function, or an object or
 * array of those (also inside `Object.freeze`). A name counts as used if
 * it appears anywhere else as a word, a property name included, so a doubt
 * keeps the code. Repeated until nothing more goes.
 * @param {string} code  the wrapped content script, `(function () { ... })();`
 * @returns {string}
 */
export function dropUnused(code) {
  for (;;) {
    const ast = /** @type {any} */ (acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
    const body = ast.body[0].expression.callee.body.body;
    /** @type {Record<string, number>} */
    const uses = {};
    for (const tok of acorn.tokenizer(code, { ecmaVersion: 'latest', sourceType: 'script' })) {
      if (tok.type.label === 'name' || tok.type.keyword) uses[tok.value] = (uses[tok.value] || 0) + 1;
    }
    /** @param {any} n @returns {boolean} */
    const pure = (n) => !!n && (
      n.type === 'Literal' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression'
      || (n.type === 'TemplateLiteral' && n.expressions.length === 0)
      || (n.type === 'ArrayExpression' && n.elements.every(pure))
      || (n.type === 'ObjectExpression' && n.properties.every((/** @type {any} */ q) => q.type === 'Property' && !q.computed && pure(q.value)))
      || (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed
        && n.callee.object.name === 'Object' && n.callee.property.name === 'freeze' && n.arguments.length === 1 && pure(n.arguments[0])));
    const dead = body.filter((/** @type {any} */ st) =>
      (st.type === 'FunctionDeclaration' && uses[st.id.name] === 1)
      || (st.type === 'VariableDeclaration' && st.kind === 'const' && st.declarations.length === 1
        && st.declarations[0].id.type === 'Identifier' && uses[st.declarations[0].id.name] === 1 && pure(st.declarations[0].init)));
    if (!dead.length) return code;
    for (const st of dead.reverse()) code = code.slice(0, st.start) + code.slice(st.end);
  }
}

/**
 * The content script's early part (document_start): content/early.js, a
 * classic script on its own, without its comments.
 * @returns {string}
 */
export function buildEarlyScript() {
  const src = fs.readFileSync(path.join(SRC, 'content/early.js'), 'utf8');
  if (/^\s*(import|export)\s/m.test(src)) fail('content/early.js: no imports or exports (it is a classic script)');
  return '// whosaid content script (document_start): built by scripts/build-extension.mjs, do not edit\n' + stripComments(src).replace(/^\n/, '');
}

/**
 * Drops comments and the whitespace between tokens (a newline stays a
 * newline, for automatic semicolon insertion; a space stays where two
 * tokens would otherwise run together), a `;` just before `}` (automatic
 * semicolon insertion puts it back) and a trailing `,` before `}`, `]` or
 * `)`; the sources keep their JSDoc, the content script has a size budget.
 * Works on acorn's tokens, so strings, templates and regular expressions
 * are untouched. The result must parse to the same syntax tree as the
 * source; if dropping those `;` and `,` changes it (an empty statement
 * `if (x);` before a `}`, an array hole `[,]`), only the whitespace and
 * comments go. Throws on a syntax error.
 * @param {string} code
 * @returns {string}
 */
export function stripComments(code) {
  const tree = (/** @type {string} */ src) => JSON.stringify(acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'script' }), (k, v) => (k === 'start' || k === 'end' || k === 'raw' ? undefined : v));
  const want = tree(code);
  const same = (/** @type {string} */ out) => { try { return tree(out) === want; } catch { return false; } };
  const tight = strip(code, true);
  if (same(tight)) return tight + '\n';
  const loose = strip(code, false);
  // Still valid, and still the same program: the syntax trees match.
  if (!same(loose)) fail('content script: whitespace stripping changed the program');
  return loose + '\n';
}

/**
 * stripComments' token walk.
 * @param {string} code
 * @param {boolean} dropPunct  also drop `;` before `}` and `,` before a closer
 * @returns {string}
 */
function strip(code, dropPunct) {
  // After these tokens, or before "}", a line break is never needed (no
  // automatic semicolon insertion depends on it), so it is dropped.
  const OPENERS = new Set(['{', ';', ',', '(', '[']);
  let out = '';
  let at = 0;
  let prev = '';
  let prevText = '';
  for (const tok of acorn.tokenizer(code, { ecmaVersion: 'latest', sourceType: 'script' })) {
    const gap = code.slice(at, tok.start);
    const label = tok.type.label;
    const text = code.slice(tok.start, tok.end);
    if (dropPunct && ((prev === ';' && label === '}') || (prev === ',' && (label === '}' || label === ']' || label === ')')))) {
      out = out.slice(0, -1); // the `;` or `,` just written (nothing follows it: a line break after it is never kept)
    } else if (gap) {
      const newline = /\n/.test(gap.replace(/\/\*[\s\S]*?\*\//g, (c) => (c.includes('\n') ? '\n' : ' ')));
      if (newline) out += OPENERS.has(prev) || label === '}' ? '' : '\n';
      else out += needsSpace(prevText, text) ? ' ' : '';
    }
    out += text;
    at = tok.end;
    prev = label;
    prevText = text;
  }
  return out;
}

/**
 * Whether two tokens written side by side need a space between them: two
 * words (identifiers, keywords, numbers), "+ +" or "- -" (not "++"), and
 * "/" before "/" or "*" (not a comment).
 * @param {string} a  the first token's text
 * @param {string} b  the second token's text
 * @returns {boolean}
 */
function needsSpace(a, b) {
  const word = /[\w$\\\u0080-\uffff]/;
  const x = a.slice(-1);
  const y = b.charAt(0);
  return (word.test(x) && word.test(y)) || ((x === '+' || x === '-') && x === y) || (x === '/' && (y === '/' || y === '*')) || (x === '.' && /\d/.test(y));
}

// ---- Icons: a speech bubble with a quotation mark, drawn into PNGs.

/** @type {number[]} */
const CRC_TABLE = [];
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}
/** @param {Buffer} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/**
 * @param {string} type
 * @param {Buffer} data
 */
function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/**
 * An RGBA PNG of size×size from a coverage function (4×4 supersampling).
 * @param {number} size
 * @returns {Buffer}
 */
export function drawIcon(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  // Shapes in a 0..1 square.
  const inRoundRect = (/** @type {number} */ x, /** @type {number} */ y, /** @type {number} */ x0, /** @type {number} */ y0, /** @type {number} */ x1, /** @type {number} */ y1, /** @type {number} */ r) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const inTri = (/** @type {number[]} */ p, /** @type {number} */ x, /** @type {number} */ y) => {
    const [ax, ay, bx, by, cx, cy] = p;
    const s = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    const t = (cx - bx) * (y - by) - (cy - by) * (x - bx);
    const u = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
    return (s >= 0 && t >= 0 && u >= 0) || (s <= 0 && t <= 0 && u <= 0);
  };
  const bubble = (/** @type {number} */ x, /** @type {number} */ y) => inRoundRect(x, y, 0.06, 0.08, 0.94, 0.76, 0.16) || inTri([0.22, 0.7, 0.46, 0.7, 0.18, 0.95], x, y);
  const mark = (/** @type {number} */ x, /** @type {number} */ y) => {
    for (const ox of [0.33, 0.62]) {
      if ((x - ox) ** 2 + (y - 0.36) ** 2 <= 0.095 ** 2) return true;
      if (inTri([ox - 0.095, 0.38, ox + 0.085, 0.40, ox - 0.11, 0.6], x, y)) return true;
    }
    return false;
  };
  const S = 4;
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let white = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const x = (px + (sx + 0.5) / S) / size;
        const y = (py + (sy + 0.5) / S) / size;
        if (bubble(x, y)) { cover++; if (mark(x, y)) white++; }
      }
      const a = cover / (S * S);
      const w = cover ? white / cover : 0;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      // #1f5fbf blended towards white where the mark is.
      raw[o] = Math.round(0x1f + (255 - 0x1f) * w);
      raw[o + 1] = Math.round(0x5f + (255 - 0x5f) * w);
      raw[o + 2] = Math.round(0xbf + (255 - 0xbf) * w);
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * @param {string} from
 * @param {string} to
 */
function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

function main() {
  const zip = !process.argv.includes('--no-zip');
  for (const f of ['whosaid.js', 'whosaid_bg.wasm']) {
    if (!fs.existsSync(path.join(WASM, f))) fail(`dist/wasm/${f} is missing: run bash scripts/build-wasm.sh first`);
  }
  const base = readJson(path.join(EXT, 'manifest.json'));
  const content = buildContentScript();
  const early = buildEarlyScript();
  const icons = Object.fromEntries([16, 32, 48, 128].map((s) => [s, drawIcon(s)]));
  for (const browser of BROWSERS) {
    const out = path.join(DIST, browser);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const manifest = merge(base, readJson(path.join(EXT, `manifest.${browser}.json`)));
    const reasons = manifest.$reasons || {};
    delete manifest.$reasons;
    checkReasons(manifest, reasons);
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    for (const d of MODULE_DIRS) copyDir(path.join(SRC, d), path.join(out, d));
    for (const f of MODULE_FILES) fs.copyFileSync(path.join(SRC, f), path.join(out, f));
    fs.mkdirSync(path.join(out, 'wasm'));
    for (const f of ['whosaid.js', 'whosaid_bg.wasm']) fs.copyFileSync(path.join(WASM, f), path.join(out, 'wasm', f));
    fs.writeFileSync(path.join(out, 'content.js'), content);
    fs.writeFileSync(path.join(out, 'content-early.js'), early);
    fs.mkdirSync(path.join(out, 'icons'));
    for (const [s, png] of Object.entries(icons)) fs.writeFileSync(path.join(out, 'icons', `icon-${s}.png`), png);
    if (zip) {
      const z = path.join(DIST, `whosaid-${browser}.zip`);
      fs.rmSync(z, { force: true });
      execFileSync('zip', ['-q', '-r', '-X', z, '.'], { cwd: out });
    }
  }
  // The budget covers both parts of the content script.
  const bytes = Buffer.byteLength(content) + Buffer.byteLength(early);
  const gz = zlib.gzipSync(content, { level: 9 }).length + zlib.gzipSync(early, { level: 9 }).length;
  console.log(`[build-extension] dist/chrome, dist/firefox${zip ? ', dist/whosaid-chrome.zip, dist/whosaid-firefox.zip' : ''}`);
  console.log(`[build-extension] content.js + content-early.js: ${bytes} bytes (${gz} gzipped; budget ${CONTENT_SCRIPT_BUDGET})`);
  if (bytes > CONTENT_SCRIPT_BUDGET) fail(`content.js + content-early.js are ${bytes} bytes, over the ${CONTENT_SCRIPT_BUDGET}-byte budget`);
  const wasmGz = engineGzBytes();
  console.log(`[build-extension] wasm/whosaid_bg.wasm + wasm/whosaid.js: ${wasmGz} bytes gzipped (budget ${WASM_GZ_BUDGET})`);
  if (wasmGz > WASM_GZ_BUDGET) fail(`the engine (whosaid_bg.wasm + whosaid.js) is ${wasmGz} bytes gzipped, over the ${WASM_GZ_BUDGET}-byte budget`);
}

/**
 * The engine's size as the budget counts it: the `.wasm` (knowledge base
 * included) and its JS glue, each gzipped at level 9.
 * @param {string} [dir]  default dist/wasm
 * @returns {number}
 */
export function engineGzBytes(dir = WASM) {
  return ['whosaid_bg.wasm', 'whosaid.js'].reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
