// @ts-check
/**
 * Checks of the built extension that need no browser: the merged manifests
 * (permissions and their reasons, Firefox's gecko id and data-collection
 * declaration, the service worker vs. event page), the content script's
 * size budget and that it is one classic script, and the pure functions of
 * the shared UI modules.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from './helpers.mjs';
import { CONTENT_SCRIPT_BUDGET, WASM_GZ_BUDGET, engineGzBytes, dropUnused, stripComments } from '../../scripts/build-extension.mjs';
import { partyBalance, quoteWords } from '../../extension/src/ui/summary.js';
import { quoteAccessibleName, speakerShortName, tooltipContent } from '../../extension/src/ui/badge.js';
import { partyColor, textColorOn } from '../../extension/src/ui/palette.js';
import { reportToCsv, reportToJson } from '../../extension/src/ui/export.js';
import { siteEnabled, DEFAULT_SETTINGS } from '../../extension/src/settings.js';

const dist = (/** @type {string} */ b, /** @type {string} */ f) => path.join(ROOT, 'dist', b, f);
const manifest = (/** @type {string} */ b) => JSON.parse(fs.readFileSync(dist(b, 'manifest.json'), 'utf8'));

test('manifests: MV3; storage (and in Chrome webRequest, with host access to the pages the content script reads), reasons stripped', () => {
  for (const b of ['chrome', 'firefox']) {
    const m = manifest(b);
    assert.equal(m.manifest_version, 3);
    if (b === 'chrome') {
      // webRequest only wakes the worker when a page is requested (background.js).
      assert.deepEqual(m.permissions, ['storage', 'webRequest']);
      assert.deepEqual(m.host_permissions, m.content_scripts[0].matches);
    } else {
      assert.deepEqual(m.permissions, ['storage']);
      assert.equal(m.host_permissions, undefined);
    }
    assert.equal(m.$reasons, undefined);
    assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(m.content_security_policy.extension_pages, /'unsafe-eval'|'unsafe-inline'|https?:/, 'no eval, no remote code');
    assert.deepEqual(m.content_scripts[0].js, ['content.js']);
    assert.equal(m.content_scripts[0].run_at, 'document_idle');
    // The early part (reads the settings while the page loads) on the same pages.
    assert.deepEqual(m.content_scripts[1].js, ['content-early.js']);
    assert.equal(m.content_scripts[1].run_at, 'document_start');
    assert.deepEqual(m.content_scripts[1].matches, m.content_scripts[0].matches);
  }
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
  assert.ok(base.$reasons['permissions.storage'], 'the source manifest has the reasons');
});

test('manifests: Chrome service worker, Firefox event page with gecko id and no data collection', () => {
  const c = manifest('chrome');
  assert.equal(c.background.service_worker, 'background/background.js');
  assert.equal(c.background.type, 'module');
  assert.equal(c.browser_specific_settings, undefined);
  const f = manifest('firefox');
  assert.deepEqual(f.background.scripts, ['background/background.js']);
  assert.equal(f.background.service_worker, undefined);
  assert.equal(f.browser_specific_settings.gecko.id, 'whosaid@whosaid');
  assert.deepEqual(f.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
});

test('engine: the .wasm (knowledge base included) and its glue within the 400 KB gzipped budget, in both builds', () => {
  assert.equal(WASM_GZ_BUDGET, 400_000);
  for (const b of ['chrome', 'firefox']) {
    const n = engineGzBytes(dist(b, 'wasm'));
    assert.ok(n > 100_000, `${b}: ${n} bytes: not the engine`);
    assert.ok(n <= WASM_GZ_BUDGET, `${b}: the engine is ${n} bytes gzipped`);
  }
});

test('content-script build: unused pure declarations go, used or impure ones stay; `;` before `}` and trailing commas go only where the program stays the same', () => {
  const wrap = (/** @type {string} */ body) => `(function () {\n'use strict';\n${body}\n})();\n`;
  const out = dropUnused(wrap([
    'function unused() { return helper(); }',
    'function helper() { return 1; }', // used only by unused(): goes in the second round
    'function used() { return 2; }',
    'const NAMES = Object.freeze({ a: 1, b: [2, "x"] });',
    'const SIDE = sideEffect();', // not pure: stays although unused
    'let counter = 0;', // not const: stays
    'const KEPT = { used: 1 };',
    'used(); KEPT.used;',
  ].join('\n')));
  for (const gone of ['unused', 'helper()', 'NAMES']) assert.ok(!out.includes(gone), `${gone} should be gone: ${out}`);
  for (const kept of ['function used', 'const SIDE = sideEffect()', 'let counter', 'const KEPT']) assert.ok(out.includes(kept), `${kept} should stay: ${out}`);
  // A property name counts as a use: a doubt keeps the code.
  assert.ok(dropUnused(wrap('function f() {}\nconst o = { f: 1 }; o.f;')).includes('function f'));

  assert.equal(stripComments('function f(a, b,) {\n  const o = { x: 1, y: [1, 2,], };\n  return o; // done\n}\nf(1, 2,);\n'),
    'function f(a,b){const o={x:1,y:[1,2]};return o}\nf(1,2);\n');
  // An empty statement before `}` and an array hole keep their punctuation (the whole file falls back to whitespace only).
  assert.equal(stripComments('function g(x) { if (x) ; }\nconst h = [,];\n'), 'function g(x){if(x);}\nconst h=[,];\n');
});

test('content script: one classic script within the 20 KB budget, no imports, no network APIs', () => {
  for (const b of ['chrome', 'firefox']) {
    const src = fs.readFileSync(dist(b, 'content.js'), 'utf8');
    const early = fs.readFileSync(dist(b, 'content-early.js'), 'utf8');
    const bytes = Buffer.byteLength(src) + Buffer.byteLength(early);
    assert.ok(bytes <= CONTENT_SCRIPT_BUDGET, `content.js + content-early.js are ${bytes} bytes`);
    new vm.Script(early, { filename: 'content-early.js' }); // a classic script too
    assert.doesNotMatch(early, /^\s*(import|export)\s|\bfetch\(|XMLHttpRequest|WebSocket|innerHTML/m);
    new vm.Script(src, { filename: 'content.js' }); // parses as a classic script
    assert.doesNotMatch(src, /^\s*(import|export)\s/m);
    assert.doesNotMatch(src, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|innerHTML|insertAdjacentHTML|document\.write/);
  }
});

test('extension sources: no network APIs and no HTML insertion anywhere', () => {
  const files = [];
  const walk = (/** @type {string} */ d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.js')) files.push(p);
    }
  };
  walk(path.join(ROOT, 'extension/src'));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/, f);
    assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, f);
  }
});

/** @returns {import('../../extension/src/ui/summary.js').Report} */
function sampleReport() {
  /** @type {(name: string, kind: any, party: any, text: string) => any} */
  const q = (name, kind, party, text) => ({ text, start: 0, end: text.length, kind: 'direct', speaker: { name, kind, mention: null, cue: 'said', party, role: kind === 'person' && !party ? 'Treasury Secretary' : null, confidence: 0.8 } });
  const R = { short: 'R', name: 'Republican', color: '#c8102e', source: 'kb' };
  const D = { short: 'D', name: 'Democratic', color: '#1f5fbf', source: 'text' };
  return {
    is_article: true,
    quotes: [q('Lindsey Graham', 'person', R, 'one two three'), q('Don Beyer', 'person', D, 'four'), q('Steve Mnuchin', 'person', null, '=SUM(A1) five'), q('a senior official', 'anonymous', null, 'x'), q('', 'unknown', null, 'y z')],
    speakers: [],
    counts: { quotes: 5, speakers: 3, anonymous: 1, unattributed: 1 },
  };
}

test('ui: party balance by quotes and by words', () => {
  const r = sampleReport();
  const byQ = partyBalance(r, 'quotes');
  assert.deepEqual(byQ.map((s) => [s.label, s.value]), [['Democratic', 1], ['Republican', 1], ['Anonymous', 1], ['No party', 1], ['Unattributed', 1]]);
  const byW = partyBalance(r, 'words');
  assert.deepEqual(byW.map((s) => [s.label, s.value]), [['Republican', 3], ['Democratic', 1], ['No party', 2], ['Unattributed', 2], ['Anonymous', 1]]);
  assert.equal(byW.reduce((a, s) => a + s.share, 0).toFixed(6), '1.000000');
  assert.equal(quoteWords('  a  b\nc '), 3);
});

test('ui: badge names, accessible names and tooltips', () => {
  const r = sampleReport();
  assert.equal(quoteAccessibleName(r.quotes[0]), 'Quote by Lindsey Graham, Republican');
  assert.equal(quoteAccessibleName(r.quotes[2]), 'Quote by Steve Mnuchin, Treasury Secretary');
  assert.equal(quoteAccessibleName(r.quotes[3]), 'Quote by a senior official, anonymous source');
  assert.equal(quoteAccessibleName(r.quotes[4]), 'Unattributed quote');
  assert.equal(speakerShortName(r.quotes[0].speaker), 'Graham');
  assert.equal(speakerShortName({ name: 'Martin Luther King Jr.', kind: 'person', confidence: 1 }), 'King');
  assert.equal(speakerShortName({ name: 'the White House', kind: 'organization', confidence: 1 }), 'White House');
  const t = tooltipContent(r.quotes[1]);
  assert.equal(t.title, 'Don Beyer');
  assert.ok(t.lines.includes('Democratic (from the article)'));
  assert.ok(tooltipContent(r.quotes[0]).lines.includes('Republican (from knowledge base)'));
  assert.ok(t.lines.includes('Cue: “said”'));
});

test('ui: palettes and contrast', () => {
  const R = { short: 'R', name: 'Republican', color: '#c8102e', source: /** @type {'kb'} */ ('kb') };
  assert.equal(partyColor(R, 'party'), '#c8102e');
  assert.notEqual(partyColor(R, 'cb'), '#c8102e');
  assert.notEqual(partyColor(R, 'cb'), partyColor({ ...R, short: 'D', name: 'Democratic' }, 'cb'));
  assert.equal(textColorOn('#ffffff'), '#000000');
  assert.equal(textColorOn('#1f5fbf'), '#ffffff');
  assert.equal(partyColor({ ...R, color: 'red;background:url(x)' }), '#4A5568', 'only #rrggbb colours pass');
});

test('ui: CSV and JSON export', () => {
  const csv = reportToCsv(sampleReport());
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, 6);
  assert.equal(lines[0], 'index,quote,kind,speaker,speaker_kind,party,party_source,role,cue,mention,confidence');
  assert.equal(lines[1], '1,one two three,direct,Lindsey Graham,person,Republican,kb,,said,,0.80');
  assert.ok(lines[3].startsWith("3,'=SUM(A1) five,"), 'formula cells are defused');
  const j = JSON.parse(reportToJson(sampleReport(), { url: 'https://example.org/a', exported: '2026-01-01T00:00:00Z' }));
  assert.equal(j.url, 'https://example.org/a');
  assert.equal(j.report.quotes.length, 5);
});

test('settings: per-site switch over the run-everywhere / only-enabled mode', () => {
  const s = { ...DEFAULT_SETTINGS };
  assert.equal(siteEnabled(s, 'a.org'), true);
  assert.equal(siteEnabled({ ...s, sites: { 'a.org': false } }, 'a.org'), false);
  assert.equal(siteEnabled({ ...s, mode: 'enabled' }, 'a.org'), false);
  assert.equal(siteEnabled({ ...s, mode: 'enabled', sites: { 'a.org': true } }, 'a.org'), true);
});
