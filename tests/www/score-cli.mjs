#!/usr/bin/env node
// @ts-check
// The sample expectations (tests/www/expected.mjs) scored on the CLI, no
// browser needed: a quick check for whoever works on the engine.
//
//   node tests/www/score-cli.mjs [path/to/whosaid]
//
// The CLI: the path given, else $WHOSAID_BIN, else `cargo run --release`.
// Exits 1 when any expectation is not met. The browser test
// (expectations.test.mjs) checks the same, plus the badges drawn.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECTED, checkReport } from './expected.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.argv[2] ?? process.env.WHOSAID_BIN;

/** @param {string[]} args */
function whosaid(args) {
  return bin
    ? execFileSync(bin, args, { encoding: 'utf8' })
    : execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'whosaid', '--', ...args], { cwd: root, encoding: 'utf8' });
}

let failed = 0;
for (const [name, want] of Object.entries(EXPECTED)) {
  const file = join(root, 'samples', `${name}.${want.input ?? 'txt'}`);
  const report = JSON.parse(whosaid(['--json', '--date', want.date, file]));
  const { right, problems } = checkReport(report, want);
  console.log(`${name}: ${right}/${want.quotes.length} quotations right, ${problems.length} problems`);
  for (const p of problems) console.log(`  ${p}`);
  if (problems.length) failed++;
}
process.exit(failed ? 1 : 0);
