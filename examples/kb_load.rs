//! Measures how long the embedded knowledge base takes to parse and index
//! (what the first look-up pays), and how long look-ups take.
//!
//! ```text
//! cargo run --release --example kb_load
//! ```

use std::time::Instant;
use whosaid::kb::{Date, Kb, LookupContext};

fn main() {
    // The machine may be busy: report the fastest of several runs.
    let text = include_str!("../data/kb/kb.tsv");
    let (mut parse_min, mut total_min) = (f64::MAX, f64::MAX);
    for _ in 0..15 {
        let t = Instant::now();
        let kb = Kb::parse(text).expect("parses");
        let p = t.elapsed().as_secs_f64() * 1e3;
        let _ = kb.find("Graham", &LookupContext::default());
        let all = t.elapsed().as_secs_f64() * 1e3;
        parse_min = parse_min.min(p);
        total_min = total_min.min(all);
    }
    println!("fastest of 15 (wall clock): parse {parse_min:.2} ms, parse + index {total_min:.2} ms");
    // On a busy machine wall-clock time overstates the work: also report
    // the CPU time this thread spent on a core (Linux schedstat, ns).
    if let Some(t0) = cpu_ns() {
        let n = 20;
        for _ in 0..n {
            let kb = Kb::parse(text).expect("parses");
            let _ = kb.find("Graham", &LookupContext::default());
        }
        if let Some(t1) = cpu_ns() {
            println!("CPU time per parse + index: {:.2} ms (mean of {n})", (t1 - t0) as f64 / 1e6 / n as f64);
        }
    }
    let t = Instant::now();
    let kb = Kb::embedded();
    let load = t.elapsed();
    println!("parse + index: {:.2} ms ({} people, {} parties)", load.as_secs_f64() * 1e3, kb.people.len(), kb.parties.len());
    let names = ["Lindsey Graham", "Graham", "Sen. Chuck Schumer", "Paul", "Theresa May", "Nobody Atall"];
    let ctx = LookupContext { date: Date::parse("2016-06-01"), ..Default::default() };
    let n = 20_000;
    let t = Instant::now();
    let mut found = 0;
    for i in 0..n {
        if matches!(kb.find(names[i % names.len()], &ctx), whosaid::kb::Lookup::Found(_)) {
            found += 1;
        }
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("find: {per:.2} µs per look-up ({found} of {n} found)");
}

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
