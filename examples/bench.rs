//! Native benchmark of the engine (issue #6): run with
//! `cargo run --release --example bench -- [--quick] [--json FILE]`
//! (or `scripts/bench.sh`, which also runs the browser bench and the spaCy
//! comparison).
//!
//! Measures:
//! - a typical article (about 1,500 words, 12 quotations, generated here):
//!   time per article (target < 1 ms) and throughput;
//! - the bundled samples (`samples/*.txt` and `*.html`, through the HTML
//!   reader too);
//! - scaling from 10 KB to 10 MB of article text: time per byte at each
//!   size; the run fails (exit 1) if the time per byte at any size is more
//!   than 1.5x the time per byte at 10 KB, which is what quadratic code
//!   would do.
//!
//! Each figure is the fastest of several runs (the least disturbed by other
//! work on the machine), after one warm-up run, in CPU time of the running
//! thread (on Linux; wall-clock time elsewhere): on a shared 2-core machine
//! wall-clock time of a 1 s run is mostly other people's work, which made
//! the scaling check meaningless.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};
use whosaid::{Kb, Options, Snapshot};

/// The scaling limit the issue sets.
const MAX_SCALING: f64 = 1.5;
/// Target for the typical article.
const TYPICAL_TARGET_MS: f64 = 1.0;

/// A monotonic clock: the calling thread's CPU time on Linux (precise to
/// the nanosecond, unaffected by other processes), else wall-clock time.
struct Clock(Instant);

#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec (two longs on 64-bit Linux,
    // which is all this cfg builds for in practice) into valid memory.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0 && cfg!(target_pointer_width = "64")).then(|| Duration::new(ts.sec as u64, ts.nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

impl Clock {
    fn kind() -> &'static str {
        if thread_cpu_time().is_some() { "thread CPU time" } else { "wall-clock time" }
    }
    fn now() -> Clock {
        Clock(Instant::now())
    }
    fn stamp(&self) -> Duration {
        thread_cpu_time().unwrap_or_else(|| self.0.elapsed())
    }
}

/// Times `f`: one warm-up, then runs until `budget` is spent (at least
/// `min_runs`, at most 1,000); returns the fastest run.
fn time<T>(budget: Duration, min_runs: usize, mut f: impl FnMut() -> T) -> (Duration, usize) {
    std::hint::black_box(f());
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    let clock = Clock::now();
    while runs < min_runs || (start.elapsed() < budget && runs < 1000) {
        let t = clock.stamp();
        std::hint::black_box(f());
        best = best.min(clock.stamp().saturating_sub(t));
        runs += 1;
    }
    (best, runs)
}

/// People for the generated articles (real politicians; the words are ours).
const PEOPLE: &[(&str, &str, &str, &str)] = &[
    // (full name, surname, title, pronoun)
    ("Lindsey Graham", "Graham", "Sen.", "he"),
    ("Elizabeth Warren", "Warren", "Sen.", "she"),
    ("Chuck Schumer", "Schumer", "Sen.", "he"),
    ("Mike Johnson", "Johnson", "Speaker", "he"),
    ("Amy Klobuchar", "Klobuchar", "Sen.", "she"),
    ("John Thune", "Thune", "Sen.", "he"),
];

/// A typical news article: `paras` paragraphs of reporting, 12 quotations
/// in the common patterns (said X, X said, according to, colon
/// introductions, pronouns, continuation, partial quotes), a show title
/// that is not a quotation. About 1,500 words with the defaults.
fn typical_article(seed: usize) -> String {
    let p = |i: usize| PEOPLE[(seed + i) % PEOPLE.len()];
    let (a, b, c, d) = (p(0), p(1), p(2), p(3));
    let filler = [
        "The negotiations over the spending package stretched late into the evening on Tuesday, with aides shuttling between offices on both sides of the Capitol and staff members revising the text of the bill several times before it was sent to the floor for a procedural vote.",
        "Under the proposal, federal agencies would receive funding at roughly the levels of the previous fiscal year, with modest increases for veterans' health care and road repairs and cuts to a handful of programs that lawmakers in both parties have long described as wasteful.",
        "Budget analysts said the measure would add several billion dollars to the deficit over the next decade, although the precise figure depends on assumptions about interest rates and economic growth that the two parties dispute in nearly every negotiation of this kind.",
        "Outside the chamber, a small group of protesters held signs calling for more money for child care, while tourists on a guided tour of the building stopped to watch the reporters gathered at the bottom of the stairs waiting for senators to emerge from a closed meeting.",
        "The last time Congress failed to pass a spending bill before the deadline, the resulting shutdown lasted more than a month, closing national parks, delaying tax refunds and leaving hundreds of thousands of federal workers without pay for several weeks in the middle of winter.",
        "Several governors have written to the congressional leadership in recent weeks asking for more flexibility in how states can spend federal transportation grants, arguing that the current rules favor large cities over rural counties with long stretches of aging highway.",
    ];
    let mut s = String::new();
    let _ = writeln!(s, "Senate leaders race to avoid a shutdown as deadline nears\n");
    let _ = writeln!(s, "By a staff reporter\n");
    let paras: Vec<String> = vec![
        format!("WASHINGTON — {} {} said on Tuesday that the Senate would stay in session through the weekend if needed. “We are not leaving this building until the government is funded,” {} said.", a.2, a.0, a.1),
        format!("“Nobody wants a shutdown, and nobody is going to get one on my watch,” said {} {}, who has led talks for weeks.", b.2, b.0),
        format!("{} struck a more cautious note: “We have a framework, but a framework is not a bill, and the details still matter enormously.”", b.1),
        format!("According to {} {}, “the numbers simply do not add up yet for the members of my caucus.”", c.2, c.0),
        format!("“I have seen this movie before,” {} told reporters. “It ends with a deal at two in the morning.”", c.1),
        format!("{} {} said the plan “moves in the right direction” but “leaves far too much to chance” for families.", d.2, d.0),
        format!("Speaking on NBC's “Meet the Press” on Sunday, {} said {} would not support any stopgap measure. “A stopgap is just a delay with a new name,” {} said.", a.1, a.3, a.3),
        format!("“We will keep talking, because that is the job,” {} added.", a.1),
        format!("{} later wrote on social media: “Progress tonight. More to do tomorrow.”", d.1),
        format!("A senior aide said the leadership expected a vote by Thursday. “The votes are there if the text is right,” the aide said."),
    ];
    let mut q = 0;
    let mut f = 0;
    let mut words = 0;
    while q < paras.len() || words < 1450 {
        let para = if q < paras.len() && (words > 60 * q || f >= filler.len() * 4) {
            q += 1;
            paras[q - 1].clone()
        } else {
            f += 1;
            filler[(f + seed) % filler.len()].to_string()
        };
        words += para.split_whitespace().count();
        let _ = writeln!(s, "{para}\n");
    }
    s
}

/// An article text of at least `bytes` bytes: typical articles one after
/// another with their people rotated.
fn text_of_size(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 20_000);
    let mut seed = 0;
    while s.len() < bytes {
        s.push_str(&typical_article(seed));
        seed += 1;
    }
    // Cut at a paragraph boundary at or after `bytes`.
    if let Some(i) = s[bytes.min(s.len())..].find("\n\n") {
        s.truncate(bytes + i + 2);
    }
    s
}

/// A news page with at least `words` words of article text, like the
/// browser bench's pages (tests/browser/bench.mjs `articlePage`): typical
/// articles' paragraphs one after another inside the usual page chrome.
fn article_page(words: usize) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut paras = String::new();
    let mut n = 0;
    'outer: for seed in 0.. {
        // Skip the generated headline and byline: the page has its own.
        for p in typical_article(seed).split("\n\n").skip(2).map(str::trim).filter(|p| !p.is_empty()) {
            if n >= words {
                break 'outer;
            }
            n += p.split_whitespace().count();
            let _ = writeln!(paras, "<p>{}</p>", esc(p));
        }
    }
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Senate leaders race to avoid a shutdown</title>
<meta property="article:published_time" content="2025-09-15T09:00:00Z">
</head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
<main><article><h1>Senate leaders race to avoid a shutdown as deadline nears</h1>
<p class="byline">By a staff reporter · <time datetime="2025-09-15">September 15, 2025</time></p>
{paras}</article></main><footer><p>© The Example Times</p></footer></body></html>"#
    )
}

/// Writes the WASM bench's inputs as snapshot JSON (what the content
/// script sends): the browser bench's 1,500- and 10,000-word and 1 MB pages and
/// the samples (`.html` through the HTML reader, `.txt` as text).
/// Returns how many were written.
fn write_snapshots(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut inputs: Vec<(String, Snapshot)> = vec![
        ("page-1500-words".into(), whosaid::html::snapshot_from_html(&article_page(1500))),
        ("page-10000-words".into(), whosaid::html::snapshot_from_html(&article_page(10_000))),
        // About 1 MB of article text, like the browser bench's largest page.
        ("page-1mb".into(), whosaid::html::snapshot_from_html(&article_page(170_000))),
    ];
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<_> = std::fs::read_dir(&samples)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let (Some(stem), Some(ext)) = (p.file_stem().and_then(|s| s.to_str()), p.extension().and_then(|e| e.to_str())) else { continue };
        let src = std::fs::read_to_string(&p)?;
        match ext {
            "html" => inputs.push((format!("sample-{stem}-html"), whosaid::html::snapshot_from_html(&src))),
            "txt" => inputs.push((format!("sample-{stem}-txt"), Snapshot::from_text(&src))),
            _ => {}
        }
    }
    for (name, snap) in &inputs {
        let json = serde_json::to_string(snap).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(format!("{name}.json")), json)?;
    }
    Ok(inputs.len())
}

/// Stage names for the breakdown.
const STAGES: [&str; 5] = ["snapshot", "article", "quotes", "attribution", "report"];

/// Time of each pipeline stage on one text (fastest of `runs`).
fn stages(text: &str, runs: usize) -> [Duration; 5] {
    let kb = Kb::embedded();
    let mut best = [Duration::MAX; 5];
    let clock = Clock::now();
    for _ in 0..runs {
        let mut t = clock.stamp();
        let mut lap = |i: usize, best: &mut [Duration; 5]| {
            let now = clock.stamp();
            best[i] = best[i].min(now.saturating_sub(t));
            t = now;
        };
        let snap = Snapshot::from_text(text);
        lap(0, &mut best);
        let art = whosaid::article::extract(&snap);
        lap(1, &mut best);
        let quotes = whosaid::quotes::find(&art);
        lap(2, &mut best);
        let speakers = whosaid::attribution::attribute(&art, &quotes, kb);
        lap(3, &mut best);
        std::hint::black_box(whosaid::report::build(&art, &snap, &quotes, speakers));
        lap(4, &mut best);
    }
    best
}

struct Row {
    name: String,
    bytes: usize,
    words: usize,
    quotes: usize,
    best: Duration,
    runs: usize,
}

impl Row {
    fn ms(&self) -> f64 {
        self.best.as_secs_f64() * 1e3
    }
    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.best.as_secs_f64()
    }
    fn ns_per_byte(&self) -> f64 {
        self.best.as_secs_f64() * 1e9 / self.bytes as f64
    }
    fn json(&self) -> String {
        format!(
            "{{\"name\":{},\"bytes\":{},\"words\":{},\"quotes\":{},\"ms\":{:.4},\"mb_per_s\":{:.2},\"ns_per_byte\":{:.2},\"runs\":{}}}",
            serde_json::to_string(&self.name).unwrap_or_default(),
            self.bytes,
            self.words,
            self.quotes,
            self.ms(),
            self.mb_per_s(),
            self.ns_per_byte(),
            self.runs
        )
    }
}

fn bench_text(name: &str, text: &str, budget: Duration, min_runs: usize) -> Row {
    let kb = Kb::embedded();
    let opts = Options::default();
    let quotes = whosaid::analyze_text(text, kb, &opts).quotes.len();
    let (best, runs) = time(budget, min_runs, || whosaid::analyze_text(text, kb, &opts));
    Row { name: name.into(), bytes: text.len(), words: text.split_whitespace().count(), quotes, best, runs }
}

fn bench_html(name: &str, html: &str, budget: Duration) -> Row {
    let kb = Kb::embedded();
    let opts = Options::default();
    let run = || -> Option<usize> {
        let snap = whosaid::html::snapshot_from_html(html);
        whosaid::analyze(&snap, kb, &opts).ok().map(|r| r.quotes.len())
    };
    let quotes = run().unwrap_or(0);
    let (best, runs) = time(budget, 5, run);
    Row { name: name.into(), bytes: html.len(), words: 0, quotes, best, runs }
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let json_out = args.iter().position(|a| a == "--json").and_then(|i| args.get(i + 1)).cloned();
    let budget = Duration::from_millis(if quick { 200 } else { 1000 });
    // `--profile BYTES`: analyse a text of that size ten times and exit
    // (for `perf record`), nothing else.
    if let Some(size) = args.iter().position(|a| a == "--profile").and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()) {
        let text = text_of_size(size);
        let st = stages(&text, 10);
        println!("{size} bytes: {:?}", STAGES.iter().zip(st).collect::<Vec<_>>());
        return std::process::ExitCode::SUCCESS;
    }

    // `--snapshots DIR`: write the snapshots the WASM bench
    // (tools/wasmbench.mjs) feeds the browser build, and exit.
    if let Some(dir) = args.iter().position(|a| a == "--snapshots").and_then(|i| args.get(i + 1)) {
        return match write_snapshots(Path::new(dir)) {
            Ok(n) => {
                println!("bench: wrote {n} snapshots to {dir}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("bench: cannot write snapshots to {dir}: {e}");
                std::process::ExitCode::from(2)
            }
        };
    }

    println!(
        "whosaid native bench ({} build, {})",
        if cfg!(debug_assertions) { "DEBUG: numbers meaningless" } else { "release" },
        Clock::kind()
    );

    // The knowledge base is parsed and indexed on first use (once per
    // process; in the extension, once per service-worker lifetime).
    let kb_start = Clock::now();
    let kb_t0 = kb_start.stamp();
    std::hint::black_box(Kb::embedded());
    let kb_load = kb_start.stamp().saturating_sub(kb_t0);

    // The typical article.
    let typical = typical_article(0);
    let t = bench_text("typical article", &typical, budget, 20);
    // The snapshot-to-report path alone (what the extension's worker runs),
    // without building the snapshot from text.
    let snap = Snapshot::from_text(&typical);
    let (snap_best, snap_runs) = time(budget, 20, || whosaid::analyze(&snap, Kb::embedded(), &Options::default()));

    let mut samples: Vec<Row> = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = format!("samples/{}", p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default());
            let Ok(src) = std::fs::read_to_string(&p) else { continue };
            match p.extension().and_then(|e| e.to_str()) {
                Some("txt") => samples.push(bench_text(&name, &src, budget / 2, 10)),
                Some("html") => samples.push(bench_html(&format!("{name} (HTML reader + analysis)"), &src, budget / 2)),
                _ => {}
            }
        }
    }

    // Scaling.
    let sizes: &[usize] = if quick { &[10_000, 100_000, 1_000_000] } else { &[10_000, 100_000, 1_000_000, 10_000_000] };
    let mut scaling: Vec<Row> = Vec::new();
    for &size in sizes {
        let text = text_of_size(size);
        let min_runs = if size >= 10_000_000 { 3 } else { 5 };
        let row = bench_text(&format!("{} KB", size / 1000), &text, budget, min_runs);
        let st = stages(&text, if size >= 10_000_000 { 1 } else { 3 });
        let per: Vec<String> = STAGES.iter().zip(st).map(|(n, d)| format!("{n} {:.1}", d.as_secs_f64() * 1e9 / text.len() as f64)).collect();
        eprintln!("  scaling {:>6} KB: {:>9.3} ms  {:>7.2} ns/byte  (ns/byte by stage: {})", size / 1000, row.ms(), row.ns_per_byte(), per.join(", "));
        scaling.push(row);
    }
    let base = scaling[0].ns_per_byte();
    let ratio = scaling.iter().map(|r| r.ns_per_byte() / base).fold(0.0, f64::max);
    let largest = scaling.last().map(Row::mb_per_s).unwrap_or(0.0);

    // Table.
    println!();
    println!("{:<52} {:>9} {:>7} {:>10} {:>9} {:>9}", "input", "bytes", "quotes", "time ms", "MB/s", "ns/byte");
    let print = |r: &Row| println!("{:<52} {:>9} {:>7} {:>10.3} {:>9.2} {:>9.2}", r.name, r.bytes, r.quotes, r.ms(), r.mb_per_s(), r.ns_per_byte());
    print(&t);
    println!("{:<52} {:>9} {:>7} {:>10.3}", "typical article, snapshot -> report only", typical.len(), t.quotes, snap_best.as_secs_f64() * 1e3);
    samples.iter().for_each(print);
    scaling.iter().for_each(|r| print(&Row { name: format!("scaling: {}", r.name), ..*r }));
    println!();
    let typical_ok = t.ms() < TYPICAL_TARGET_MS;
    let scaling_ok = ratio <= MAX_SCALING;
    println!(
        "typical article ({} words, {} quotations): {:.3} ms  [target < {TYPICAL_TARGET_MS} ms: {}]",
        t.words,
        t.quotes,
        t.ms(),
        if typical_ok { "met" } else { "MISSED" }
    );
    println!("throughput at {} KB: {:.2} MB/s", sizes[sizes.len() - 1] / 1000, largest);
    println!("knowledge base parse + index (first use, once per process): {:.1} ms", kb_load.as_secs_f64() * 1e3);
    println!(
        "scaling 10 KB -> {} KB: worst time per byte is {:.2}x that at 10 KB  [limit {MAX_SCALING}x: {}]",
        sizes[sizes.len() - 1] / 1000,
        ratio,
        if scaling_ok { "ok" } else { "VIOLATED" }
    );

    if let Some(path) = json_out {
        let rows = |v: &[Row]| v.iter().map(Row::json).collect::<Vec<_>>().join(",");
        let json = format!(
            "{{\"typical\":{},\"typical_snapshot_ms\":{:.4},\"typical_snapshot_runs\":{},\"typical_target_ms\":{TYPICAL_TARGET_MS},\"typical_ok\":{typical_ok},\"samples\":[{}],\"scaling\":[{}],\"scaling_ratio\":{:.3},\"scaling_limit\":{MAX_SCALING},\"scaling_ok\":{scaling_ok},\"clock\":\"{}\",\"throughput_mb_per_s\":{:.2},\"kb_load_ms\":{:.3}}}",
            t.json(),
            snap_best.as_secs_f64() * 1e3,
            snap_runs,
            rows(&samples),
            rows(&scaling),
            ratio,
            Clock::kind(),
            largest,
            kb_load.as_secs_f64() * 1e3
        );
        if let Err(e) = std::fs::write(&path, json + "\n") {
            eprintln!("bench: cannot write {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    }
    if scaling_ok {
        std::process::ExitCode::SUCCESS
    } else {
        eprintln!("bench: time per byte grows {ratio:.2}x from 10 KB to the largest size (limit {MAX_SCALING}x): something is superlinear");
        std::process::ExitCode::FAILURE
    }
}
