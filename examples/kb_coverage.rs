//! Party coverage on a corpus: reads the CLI's JSON Lines report
//! (`whosaid --json DIR`) on stdin; for every quotation whose speaker is a
//! person that the knowledge base resolves to one politician (a party
//! politician at the article's date, or at DATE when the report has none),
//! counts whether the report shows a party.
//!
//! ```text
//! whosaid --json ../shared/data/polnear/dev/text | cargo run --example kb_coverage -- 2016-06-01
//! ```

use std::io::Read;
use whosaid::kb::{Date, Kb, Lookup, LookupContext};

fn main() {
    let fallback = std::env::args().nth(1).and_then(|d| Date::parse(&d));
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let kb = Kb::embedded();
    let (mut quotes, mut persons, mut politicians, mut with_party, mut lone) = (0, 0, 0, 0, 0);
    let mut speakers = std::collections::BTreeMap::<String, (usize, bool)>::new();
    let mut misses = Vec::new();
    let mut other = std::collections::BTreeMap::<String, usize>::new();
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("skipping a line that is not JSON: {e}");
                continue;
            }
        };
        let report = v.get("report").unwrap_or(&v);
        let date = report.get("date").and_then(|d| d.as_str()).and_then(Date::parse).or(fallback);
        let ctx = LookupContext { date, ..Default::default() };
        for q in report.get("quotes").and_then(|q| q.as_array()).into_iter().flatten() {
            quotes += 1;
            let sp = &q["speaker"];
            if sp["kind"] != "person" {
                continue;
            }
            persons += 1;
            let Some(name) = sp["name"].as_str() else { continue };
            // Only full names ("Paul Ryan"): a lone surname the engine could
            // not resolve ("O'Neill", the NYPD commissioner) may find a
            // namesake in the table that is not the speaker.
            if !name.trim().contains(' ') {
                lone += 1;
                continue;
            }
            let id = match kb.find(name, &ctx) {
                Lookup::Found(id) => id,
                Lookup::Ambiguous(_) => {
                    *other.entry(format!("ambiguous: {name}")).or_default() += 1;
                    continue;
                }
                Lookup::NotFound => {
                    *other.entry(format!("not in the table: {name}")).or_default() += 1;
                    continue;
                }
            };
            if !kb.is_politician(id, date) {
                continue;
            }
            politicians += 1;
            let has = !sp["party"].is_null();
            if has {
                with_party += 1;
            } else {
                misses.push(format!("{name} ({})", kb.person(id).name));
            }
            let e = speakers.entry(kb.person(id).name.clone()).or_default();
            e.0 += 1;
            e.1 |= has;
        }
    }
    println!("quotations: {quotes}; speaker a person: {persons} ({lone} named by a surname only, not counted); full name resolved to one KB politician: {politicians}");
    println!("of those, with a party: {with_party} ({:.1}%)", 100.0 * with_party as f64 / politicians.max(1) as f64);
    println!("distinct politicians: {}; with a party on every quote: {}", speakers.len(), speakers.values().filter(|v| v.1).count());
    for m in &misses {
        println!("  no party: {m}");
    }
    if std::env::var_os("KB_COVERAGE_VERBOSE").is_some() {
        for (k, n) in &other {
            println!("  {k} (x{n})");
        }
    }
}
