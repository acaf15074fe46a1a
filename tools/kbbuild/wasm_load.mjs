// Measures the first use of the embedded knowledge base in the built WASM
// (what `Kb::embedded` costs, paid once), then the first analysis (a tiny
// article, as the extension's warm-up runs) and an article naming 40
// politicians, cold (their rows decoded on first use) and again warm:
//   node tools/kbbuild/wasm_load.mjs "$PWD/dist/wasm"   (after scripts/build-wasm.sh)
// Node's defaults compile WASM functions lazily, as browsers do; add
// --no-wasm-lazy-compilation --no-liftoff to node to leave compilation out.
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const mod = await import(dir + '/whosaid.js');
const bytes = readFileSync(dir + '/whosaid_bg.wasm');
/** Runs f, returns [wall ms, CPU ms]. */
function time(f) {
  const t = performance.now();
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return [performance.now() - t, (c.user + c.system) / 1000];
}
const fmt = ([w, c]) => `${w.toFixed(1)} ms (CPU ${c.toFixed(1)} ms)`;
console.log('instantiate wasm:', fmt(time(() => mod.initSync({ module: bytes }))));
console.log('first KB use (set_overlay([]) loads it):', fmt(time(() => mod.set_overlay([])))); 
const snap = (text) => ({ nodes: [{ p: -1, tag: 'body' }, { p: 0, tag: 'p' }, { p: 1, text }] });
const tiny = snap('\u201cWe will keep talking, because that is the job,\u201d Senator Chuck Schumer of New York told reporters on Tuesday.');
console.log('first analysis (tiny article):', fmt(time(() => mod.analyze(tiny, { keep_text: false }))));
const names = ['Lindsey Graham', 'Elizabeth Warren', 'Mitch McConnell', 'Nancy Pelosi', 'Bernie Sanders', 'Ted Cruz', 'Marco Rubio',
  'Rand Paul', 'John McCain', 'Paul Ryan', 'Kevin McCarthy', 'Steven Mnuchin', 'Rex Tillerson', 'Theresa May', 'Boris Johnson',
  'Jeremy Corbyn', 'Angela Merkel', 'Emmanuel Macron', 'Justin Trudeau', 'Mike Pence', 'Tim Kaine', 'Hillary Clinton',
  'Amy Klobuchar', 'Cory Booker', 'Kamala Harris', 'Chuck Grassley', 'Orrin Hatch', 'Dianne Feinstein', 'Susan Collins',
  'Lisa Murkowski', 'Jeff Flake', 'Bob Corker', 'Mark Warner', 'Richard Burr', 'Adam Schiff', 'Devin Nunes', 'Jim Jordan',
  'Mark Meadows', 'Steny Hoyer', 'John Cornyn'];
const text = names.map((n, i) => `\u201cStatement number ${i} is about the budget,\u201d said ${n}. ${n.split(' ')[1]} added that talks would go on.`).join(' ');
const article = { ...snap(text), date: '2017-07-10' };
console.log('article naming 40 politicians, cold:', fmt(time(() => mod.analyze(article, { keep_text: false, date: '2017-07-10' }))));
console.log('same article again, warm:', fmt(time(() => mod.analyze(article, { keep_text: false, date: '2017-07-10' }))));
