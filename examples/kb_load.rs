//! Measures what loading the embedded knowledge base costs (checking the
//! index's header and decoding the parties: `Kb::embedded`'s first call),
//! what the first look-ups cost (their rows are decoded then), and how long
//! look-ups take once warm. For comparison, also parsing the whole table
//! into memory (`Kb::parse`, what loading did before the index).
//!
//! ```text
//! cargo run --release --example kb_load
//! ```

use std::time::Instant;
use whosaid::kb::{Date, Kb, Lookup, LookupContext};

const NAMES: [&str; 6] = ["Lindsey Graham", "Graham", "Sen. Chuck Schumer", "Paul", "Theresa May", "Nobody Atall"];

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let ctx = LookupContext { date: Date::parse("2016-06-01"), ..Default::default() };
    // The machine may be busy: report the fastest of several runs.
    let (mut load, mut first, mut parse) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..15 {
        let t = Instant::now();
        let kb = Kb::load_embedded();
        load = load.min(ms(t));
        let t = Instant::now();
        for n in NAMES {
            let _ = kb.find(n, &ctx);
        }
        first = first.min(ms(t));
        let t = Instant::now();
        let kb = Kb::parse(include_str!("../data/kb/kb.tsv")).expect("parses");
        let _ = kb.find("Graham", &ctx);
        parse = parse.min(ms(t));
    }
    println!("fastest of 15 (wall clock): load {load:.3} ms; first {} look-ups (cold rows) {first:.3} ms", NAMES.len());
    println!("  for comparison, parsing the whole table into memory + first look-up: {parse:.2} ms");
    // On a busy machine wall-clock time overstates the work: also report
    // the CPU time this thread spent on a core (Linux schedstat, ns).
    if let Some(t0) = cpu_ns() {
        let n = 200;
        for _ in 0..n {
            let kb = Kb::load_embedded();
            let _ = kb.find("Graham", &ctx);
        }
        if let Some(t1) = cpu_ns() {
            println!("CPU time per load + first look-up: {:.3} ms (mean of {n})", (t1 - t0) as f64 / 1e6 / n as f64);
        }
    }
    let t = Instant::now();
    let kb = Kb::embedded();
    println!("Kb::embedded() first call: {:.3} ms ({} people, {} parties)", ms(t), kb.person_count(), kb.parties.len());
    let n = 60_000;
    let t = Instant::now();
    let mut found = 0;
    for i in 0..n {
        if matches!(kb.find(NAMES[i % NAMES.len()], &ctx), Lookup::Found(_)) {
            found += 1;
        }
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("find (warm): {per:.2} µs per look-up ({found} of {n} found)");
}

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
