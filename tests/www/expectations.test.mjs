// @ts-check
// The attribution quality the finished engine must reach on the bundled
// samples, as a reader of the web page sees it: each sample is pasted into
// the demo, and every expected quotation (tests/www/expected.mjs) must carry
// a badge with the right speaker, kind and party; titles must get none; the
// summary must count the expected anonymous quotations and speakers.
// All mismatches of a sample are listed together before the test fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, ROOT, badgeAccessibleNames, badges, pasteAndWait, sampleText, start } from './harness.mjs';
import { EXPECTED, checkReport } from './expected.mjs';

/** @type {Awaited<ReturnType<typeof start>>} */
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`sample "${name}": speakers, parties and counts`, async () => {
    const page = await env.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(env.url);
    await page.waitForSelector('#sample-buttons[data-ready="true"]');
    if (want.input === 'html') {
      await page.setInputFiles('#file-input', join(ROOT, 'samples', `${name}.html`));
      await page.waitForSelector('#result[data-state="done"]');
    } else {
      // The article's date, as the reader would enter it: parties are
      // looked up as of that day.
      await page.fill('#article-date', want.date);
      await pasteAndWait(page, sampleText(name));
    }
    const report = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
    const drawn = await badges(page);
    const a11y = await badgeAccessibleNames(page);
    await page.screenshot({ path: join(ARTIFACTS, `www-expect-${name}.png`), fullPage: true });
    const { problems, found } = checkReport(report, want);
    let right = 0;
    for (const [e, i] of found) {
      const s = report.quotes[i].speaker;
      // What the reader sees: the badge after the quotation, and its name.
      const b = drawn.find((d) => d.quote === i);
      if (!b || b.speaker !== s.name) {
        problems.push(`"${e.quote}": no badge for ${s.name}`);
        continue;
      }
      if (s.kind === 'person') {
        const label = s.party ? `Quote by ${s.name}, ${s.party.name}` : `Quote by ${s.name}`;
        if (!a11y.some((n) => n.startsWith(label))) {
          problems.push(`"${e.quote}": no badge named "${label}"`);
          continue;
        }
      }
      right++;
    }
    console.log(`# ${name}: ${right}/${want.quotes.length} expected quotations attributed right; ${problems.length} problems`);
    assert.deepEqual(problems, [], `${name}: ${problems.length} problems:\n  ${problems.join('\n  ')}`);
  });
}

test('the article date decides the party: Mark Kelly in 2016 (none) and 2021 (Democratic)', async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await page.waitForSelector('#sample-buttons[data-ready="true"]');
  const text = 'Mark Kelly, the former astronaut, spoke in Tucson.\n\n"We have to take care of each other," Kelly said.\n';
  /** @param {string} date */
  const partyOn = async (date) => {
    await page.fill('#article-date', date);
    await pasteAndWait(page, text);
    const r = await page.evaluate(() => /** @type {any} */ (window).whosaidDemo.report());
    assert.equal(r.quotes.length, 1);
    assert.equal(r.quotes[0].speaker.name, 'Mark Kelly');
    return r.quotes[0].speaker.party ? r.quotes[0].speaker.party.name : null;
  };
  assert.equal(await partyOn('2016-06-01'), null, 'no party before he ran for office');
  assert.match(String(await partyOn('2021-06-01')), /^Democrat/);
});
