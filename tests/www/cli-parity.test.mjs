// @ts-check
// One engine, three front ends: the web page must report exactly what the
// CLI reports for the same file. For each sample, the .txt (pasted, snapshot
// built in the page as Snapshot::from_text does) and the .html (opened as a
// file, parsed with DOMParser) are analysed in headless Chromium and compared
// with `whosaid --json` on the same file: every quotation's text, offsets,
// kind, snapshot anchors and speaker (name, kind, party).
//
// The CLI: $WHOSAID_BIN when set, else `cargo run --release --bin whosaid`
// (never a stale binary: cargo rebuilds it when the source changed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, pasteAndWait, sampleText, start } from './harness.mjs';
import { EXPECTED } from './expected.mjs';
import { reportEssence as essence } from '../browser/helpers.mjs';

const BIN = process.env.WHOSAID_BIN;

/** @type {Awaited<ReturnType<typeof start>>} */
let env;
before(async () => {
  if (BIN) assert.ok(existsSync(BIN), `WHOSAID_BIN=${BIN} does not exist`);
  env = await start();
});
after(async () => { await env?.close(); });

/** @param {string} file */
function cli(file) {
  const args = ['--json', join(ROOT, 'samples', file)];
  const out = BIN
    ? execFileSync(BIN, args, { encoding: 'utf8' })
    : execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'whosaid', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}


for (const name of Object.keys(EXPECTED)) {
  test(`sample "${name}": the page and the CLI give the same report (.txt and .html)`, async () => {
    const page = await env.newPage();
    await page.goto(env.url);
    await page.waitForSelector('#sample-buttons[data-ready="true"]');

    await pasteAndWait(page, sampleText(name));
    const fromText = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
    assert.deepEqual(essence(fromText), essence(cli(`${name}.txt`)), `${name}.txt`);

    await page.evaluate(() => { delete document.getElementById('result')?.dataset.state; });
    await page.setInputFiles('#file-input', join(ROOT, 'samples', `${name}.html`));
    await page.waitForSelector('#result[data-state="done"]');
    const fromHtml = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
    assert.deepEqual(essence(fromHtml), essence(cli(`${name}.html`)), `${name}.html`);
  });
}
