//! Pathological and hostile inputs (issue #6): each must come back with a
//! report (possibly empty) or a clean error, never a panic and never a hang.
//!
//! Every case runs in its own thread with a generous time bound (it detects
//! hangs and quadratic blow-ups, it is not a benchmark: timings live in
//! `examples/bench.rs`). Every report is checked for internal consistency:
//! offsets inside the text, quote text equal to the text at its offsets,
//! anchors on text nodes and inside them.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use whosaid::report::Report;
use whosaid::snapshot::SnapshotError;
use whosaid::{Kb, Node, Options, Snapshot};

/// Generous: the slowest case (5 MB paragraph) takes about a second in
/// release and about 15 s in a debug build on a busy 2-core machine.
/// Quadratic behaviour on these inputs takes many minutes or hours.
const BOUND: Duration = Duration::from_secs(if cfg!(debug_assertions) { 90 } else { 20 });

/// Runs `f` in a thread (with a small stack, as a browser worker would
/// have little) and fails if it panics or runs past [`BOUND`].
fn bounded<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let handle = thread::Builder::new()
        .name(name.to_string())
        .stack_size(1 << 20)
        .spawn(move || {
            let out = f();
            let _ = tx.send(out);
        })
        .expect("spawn"); // OK because: test harness
    match rx.recv_timeout(BOUND) {
        Ok(v) => {
            let _ = handle.join();
            eprintln!("[pathological] {name}: {:?}", started.elapsed());
            v
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let e = handle.join().err();
            let msg = e
                .as_ref()
                .and_then(|e| e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())))
                .unwrap_or_default();
            panic!("{name}: the analysis panicked: {msg}");
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no result within {BOUND:?} (hang or quadratic time)"),
    }
}

fn keep_text() -> Options {
    Options { keep_text: true, ..Options::default() }
}

/// Analyses a snapshot in a bounded thread, checks the report's
/// consistency against the snapshot, returns it.
fn analyze_bounded(name: &str, snap: Snapshot) -> Report {
    let (report, snap) = bounded(name, move || {
        let r = whosaid::analyze(&snap, Kb::embedded(), &keep_text());
        (r, snap)
    });
    let report = report.unwrap_or_else(|e| panic!("{name}: refused a valid snapshot: {e}"));
    check_report(name, &report, &snap);
    report
}

fn analyze_text_bounded(name: &str, text: String) -> Report {
    analyze_bounded(name, Snapshot::from_text(&text))
}

fn analyze_html_bounded(name: &str, html: String) -> (Report, Snapshot) {
    let snap = bounded(name, move || whosaid::html::snapshot_from_html(&html));
    snap.validate().unwrap_or_else(|e| panic!("{name}: the HTML reader built an invalid snapshot: {e}"));
    let report = analyze_bounded(name, snap.clone());
    (report, snap)
}

/// Offsets, texts and anchors of a report agree with its text and with the
/// snapshot it came from; the report serialises.
fn check_report(name: &str, r: &Report, snap: &Snapshot) {
    let chars: Vec<char> = r.text.chars().collect();
    let mut last_start = 0;
    let mut utf16_len: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, q) in r.quotes.iter().enumerate() {
        assert!(q.start <= q.end && q.end <= chars.len(), "{name}: quote {i} offsets {}..{} outside text of {} chars", q.start, q.end, chars.len());
        let at: String = chars[q.start..q.end].iter().collect();
        assert_eq!(at, q.text, "{name}: quote {i} text differs from the text at its offsets");
        assert!(q.start >= last_start, "{name}: quotes out of document order at {i}");
        last_start = q.start;
        if let Some(m) = &q.speaker.mention {
            assert!(m.start <= m.end && m.end <= chars.len(), "{name}: mention of quote {i} outside text");
            let at: String = chars[m.start..m.end].iter().collect();
            assert_eq!(at, m.text, "{name}: mention of quote {i} differs from the text at its offsets");
        }
        for a in [q.anchor_start, q.anchor_end].into_iter().flatten() {
            let node = snap.nodes.get(a.node).unwrap_or_else(|| panic!("{name}: quote {i} anchored to missing node {}", a.node));
            let t = node.text.as_deref().unwrap_or_else(|| panic!("{name}: quote {i} anchored to an element"));
            let len = *utf16_len.entry(a.node).or_insert_with(|| t.encode_utf16().count());
            assert!(a.offset <= len, "{name}: quote {i} anchor offset {} past node end", a.offset);
        }
    }
    assert_eq!(r.counts.quotes, r.quotes.len(), "{name}: counts.quotes");
    serde_json::to_string(r).unwrap_or_else(|e| panic!("{name}: report does not serialise: {e}"));
}

/// A tiny deterministic PRNG (xorshift), so junk is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn has_quote(r: &Report, needle: &str) -> bool {
    r.quotes.iter().any(|q| q.text.contains(needle))
}

#[test]
fn hundred_thousand_unmatched_quote_marks() {
    // Opening marks only, straight marks, closing marks only, and marks
    // glued to words, each in its own paragraph; then a well-formed quote
    // that must still be found (recover locally, never give up).
    let mut text = String::from("Noise:");
    for _ in 0..25_000 {
        text.push_str(" “");
    }
    text.push_str("\n\nMore noise:");
    for _ in 0..25_000 {
        text.push_str(" \"");
    }
    text.push_str(".\n\nAnd more:");
    for _ in 0..25_000 {
        text.push_str(" ”");
    }
    text.push_str("\n\nWords");
    for i in 0..25_000u32 {
        text.push_str(if i.is_multiple_of(2) { " a«b" } else { " c‘d" });
    }
    text.push_str("\n\n“We will fix the roads this year,” Mayor Ann Lee said on Tuesday.\n");
    let r = analyze_text_bounded("unmatched-marks", text);
    assert!(has_quote(&r, "We will fix the roads this year"), "the well-formed quote after the noise was lost: {:?}", r.quotes.iter().map(|q| &q.text).collect::<Vec<_>>());
}

#[test]
fn all_straight_marks_in_one_paragraph() {
    // 100,000 straight quotes in a row: any pairing is allowed, the report
    // just has to be consistent and come back in time.
    let text = "\"".repeat(100_000);
    let r = analyze_text_bounded("straight-marks-run", text);
    assert!(r.quotes.len() <= 50_000, "more quotations than pairs of marks: {}", r.quotes.len());
}

/// A paragraph of `n` sentences, one in four a quotation.
fn long_paragraph(target_bytes: usize) -> (String, usize) {
    let mut s = String::with_capacity(target_bytes + 200);
    let mut quotes = 0;
    let mut i = 0usize;
    while s.len() < target_bytes {
        if i.is_multiple_of(4) {
            s.push_str(&format!("“We will finish section {i} of the bridge before winter,” Senator Dana Ortiz said. "));
            quotes += 1;
        } else {
            s.push_str("The council met again on Tuesday evening to review the budget for the coming year. ");
        }
        i += 1;
    }
    (s, quotes)
}

#[test]
fn one_five_megabyte_paragraph() {
    let (text, quotes) = long_paragraph(5 << 20);
    let r = analyze_text_bounded("5MB-paragraph", text);
    // A real engine may be stricter than the starter, but a quotation this
    // plain must be found nearly always.
    assert!(r.quotes.len() * 10 >= quotes * 9, "found {} of {} quotations in the long paragraph", r.quotes.len(), quotes);
    assert!(r.quotes.len() <= quotes, "found {} quotations, only {} written", r.quotes.len(), quotes);
}

#[test]
fn fifty_thousand_tiny_paragraphs() {
    let mut text = String::new();
    let mut quotes = 0;
    for i in 0..50_000u32 {
        if i.is_multiple_of(10) {
            text.push_str("“Yes,” she said.\n");
            quotes += 1;
        } else {
            text.push_str("Ok.\n");
        }
    }
    let r = analyze_text_bounded("50k-paragraphs", text);
    assert!(r.quotes.len() * 10 >= quotes * 9, "found {} of {} one-word quotations", r.quotes.len(), quotes);
    assert!(r.quotes.len() <= quotes, "found {} quotations, only {} written", r.quotes.len(), quotes);
}

const DEPTH: usize = 10_000;

#[test]
fn ten_thousand_levels_of_markup_through_the_html_reader() {
    let mut html = String::from("<!doctype html><html lang=\"en\"><body><article>");
    for i in 0..DEPTH {
        html.push_str(if i.is_multiple_of(2) { "<div>" } else { "<section>" });
        if i.is_multiple_of(100) {
            html.push_str("Filler text at this level. ");
        }
    }
    html.push_str("<p>“The deepest quote is still a quote,” Gov. Mia Stone said.</p>");
    for i in (0..DEPTH).rev() {
        html.push_str(if i.is_multiple_of(2) { "</div>" } else { "</section>" });
    }
    html.push_str("</article></body></html>");
    let (r, snap) = analyze_html_bounded("deep-html", html);
    assert!(snap.nodes.len() > 1000, "the HTML reader dropped the nesting: {} nodes", snap.nodes.len());
    assert!(has_quote(&r, "The deepest quote is still a quote"), "quote at the bottom of deep markup lost");
}

#[test]
fn ten_thousand_levels_of_markup_as_a_snapshot() {
    // Built directly (the browser sends whatever the page has: no parser
    // limits), with text at every level.
    let mut nodes = vec![Node::element(-1, "html"), Node::element(0, "body"), Node::element(1, "article")];
    let mut parent = 2i32;
    for i in 0..DEPTH {
        let el = nodes.len() as i32;
        nodes.push(Node::element(parent, if i.is_multiple_of(3) { "div" } else { "span" }));
        nodes.push(Node::text(el, "word "));
        parent = el;
    }
    let p = nodes.len() as i32;
    nodes.push(Node::element(parent, "p"));
    nodes.push(Node::text(p, "“Nested all the way down,” the mayor said."));
    let r = analyze_bounded("deep-snapshot", Snapshot { nodes });
    assert!(has_quote(&r, "Nested all the way down"), "quote at the bottom of a deep snapshot lost");
}

/// Every quotation-mark character in Unicode (Pi/Pf, the CJK brackets used
/// as quotes, fullwidth and ornamental forms, low-9 marks, angle quotes).
const ALL_QUOTE_MARKS: &str = "\"'«»‘’‚‛“”„‟‹›❛❜❝❞❟❠❮❯⹂〝〞〟＂＇｢｣「」『』﹁﹂﹃﹄〈〉《》⸂⸃⸄⸅⸉⸊⸌⸍⸜⸝⸠⸡`´";

#[test]
fn every_unicode_quote_mark_in_a_row() {
    let marks: Vec<char> = ALL_QUOTE_MARKS.chars().collect();
    let mut text = String::new();
    // Every rotation, then reversed, each as a paragraph; then glued to
    // words; then every mark doubled.
    for k in 0..marks.len() {
        text.extend(marks[k..].iter().chain(&marks[..k]));
        text.push('\n');
    }
    text.extend(marks.iter().rev());
    text.push('\n');
    for &m in &marks {
        text.push_str(&format!("word{m}word {m}{m} "));
    }
    text.push_str("\n“A normal quote after all that,” Rep. Lee Park said.\n");
    let r = analyze_text_bounded("all-quote-marks", text);
    assert!(has_quote(&r, "A normal quote after all that"), "well-formed quote after the mark soup lost");
}

#[test]
fn zero_width_and_rtl_characters() {
    // Zero-width space/joiners, BOM, soft hyphen, bidi embeddings,
    // overrides and isolates, inside names, inside quotes, around marks;
    // plus Hebrew and Arabic text and astral-plane characters (surrogate
    // pairs in UTF-16 anchors).
    let specials = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{061C}"];
    let mut text = String::new();
    for s in specials {
        text.push_str(&format!("“We{s} will{s} vote{s} no,”{s} Sen.{s} Ro{s}sa Diaz said.{s}\n"));
        text.push_str(&format!("{s}“{s}Ok{s}”{s} he said.\n"));
    }
    text.push_str("“שלום עולם,” אמר השר. \u{202E}“,dias eh ”olleh\u{202C}\n");
    text.push_str("“مرحبا بالعالم،” قال الوزير.\n");
    text.push_str("“Emoji 😀🇺🇸👩‍👩‍👧 in a quote 𝒜𝒷𝒸,” said Rep. Kim Ng. 😀“Again,” she said.\n");
    let r = analyze_text_bounded("zero-width-rtl", text);
    assert!(has_quote(&r, "Emoji 😀🇺🇸👩‍👩‍👧 in a quote 𝒜𝒷𝒸"), "quote with astral characters lost");
    // The same through HTML, where each special sits in its own inline
    // element (several text nodes per quote: anchors must cross them).
    let mut html = String::from("<html><body><article>");
    for s in specials {
        html.push_str(&format!("<p><b>{s}</b>“We <i>will{s}</i> vote no,” <span>{s}</span>Sen. Rosa Diaz said.</p>"));
    }
    html.push_str("</article></body></html>");
    analyze_html_bounded("zero-width-rtl-html", html);
}

#[test]
fn binary_junk() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let bytes: Vec<u8> = (0..1 << 20).map(|_| rng.next() as u8).collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    analyze_text_bounded("binary-junk-text", text.clone());
    analyze_html_bounded("binary-junk-html", text);
    // Junk made of the characters that matter to the engine: marks,
    // brackets, punctuation, speech verbs, capitals, newlines, NULs.
    let pieces = ["“", "”", "\"", "'", "‘", "’", "«", "»", "„", "said", "Sen.", "Mr.", "he", "She", ",", ".", ":", "\n", "\n\n", " ", "\0", "<", ">", "&amp;", "(R-S.C.)", "according to", "Trump", "Republican", "\r", "\t"];
    let mut text = String::new();
    for _ in 0..200_000 {
        text.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
    }
    analyze_text_bounded("token-junk-text", text.clone());
    analyze_html_bounded("token-junk-html", format!("<html><body><article><p>{text}</p></article></body></html>"));
}

#[test]
fn malformed_snapshots_are_errors_not_panics() {
    let cases: Vec<(&str, Vec<Node>)> = vec![
        ("parent out of range", vec![Node::element(-1, "body"), Node::text(7, "x")]),
        ("parent is itself", vec![Node::element(0, "body")]),
        ("parent after child", vec![Node::element(1, "body"), Node::element(-1, "p")]),
        ("parent below -1", vec![Node::element(-2, "body")]),
        ("parent i32::MAX", vec![Node::element(-1, "body"), Node::text(i32::MAX, "x")]),
        ("parent i32::MIN", vec![Node::element(i32::MIN, "body")]),
        ("parent is a text node", vec![Node::element(-1, "body"), Node::text(0, "a"), Node::text(1, "b")]),
        ("neither element nor text", vec![Node::element(-1, "body"), Node { parent: 0, ..Node::default() }]),
        ("both element and text", vec![Node::element(-1, "body"), Node { parent: 0, tag: Some("p".into()), text: Some("x".into()), ..Node::default() }]),
    ];
    for (name, nodes) in cases {
        let snap = Snapshot { nodes };
        let r = bounded(name, move || whosaid::analyze(&snap, Kb::embedded(), &Options::default()).map(|_| ()));
        assert!(r.is_err(), "{name}: a malformed snapshot was accepted");
    }
    // The typed error says which node.
    let snap = Snapshot { nodes: vec![Node::element(-1, "body"), Node::text(5, "x")] };
    assert_eq!(snap.validate(), Err(SnapshotError::BadParent { node: 1 }));
}

#[test]
fn malformed_snapshot_json_is_an_error_not_a_panic() {
    // What a hostile or broken page could make the content script send.
    let cases = [
        "",
        "null",
        "[]",
        "{}",
        "{\"nodes\": null}",
        "{\"nodes\": [1, 2, 3]}",
        "{\"nodes\": [{\"p\": \"0\", \"tag\": \"p\"}]}",
        "{\"nodes\": [{\"p\": 1e99, \"tag\": \"p\"}]}",
        "{\"nodes\": [{\"p\": 4294967296, \"tag\": \"p\"}]}",
        "{\"nodes\": [{\"p\": -1, \"tag\": 5}]}",
        "{\"nodes\": [{\"p\": -1, \"tag\": \"p\", \"attrs\": {\"class\": [1]}}]}",
        "{\"nodes\": [{\"p\": -1, \"text\": \"\\ud800\"}]}",
        "{\"nodes\": [{\"p\": -1, \"tag\": \"p\"}, {\"p\": 5, \"text\": \"x\"}]}",
        "{\"nodes\": [{\"p\": -1, \"tag\": \"p\"}, {\"p\": 0}]}",
        "{\"nodes\": [{\"p\": -1, \"tag\": \"p\", \"text\": \"both\"}]}",
        "{\"nodes\": [{\"p\": -1, \"tag\": \"p\"}, {\"p\": 0, \"text\": \"unterminated",
    ];
    for (i, json) in cases.iter().enumerate() {
        let json = json.to_string();
        let outcome = bounded(&format!("json-{i}"), move || match serde_json::from_str::<Snapshot>(&json) {
            Err(_) => Err("parse"),
            Ok(snap) => whosaid::analyze(&snap, Kb::embedded(), &Options::default()).map(|_| ()).map_err(|_| "validate"),
        });
        assert!(outcome.is_err() || cases[i] == "{}", "case {i} ({}) was accepted", cases[i]);
    }
    // Deeply nested JSON must be refused by serde_json's recursion limit,
    // not overflow the stack.
    let deep = format!("{{\"nodes\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let outcome = bounded("json-deep", move || serde_json::from_str::<Snapshot>(&deep).is_err());
    assert!(outcome, "100,000 nested arrays were accepted as a snapshot");
}

#[test]
fn valid_but_odd_snapshots() {
    // Legal shapes that pages produce: text at the root, no elements at
    // all, empty texts, many roots, elements with no children, huge
    // attribute values, article inside hidden markup.
    let big = "x".repeat(1 << 20);
    let cases: Vec<(&str, Vec<Node>)> = vec![
        ("empty", vec![]),
        ("text root", vec![Node::text(-1, "“Hello,” she said.")]),
        ("many roots", (0..10_000).map(|_| Node::text(-1, "“Hi,” he said. ")).collect()),
        ("empty texts", (0..10_000).map(|i| if i == 0 { Node::element(-1, "p") } else { Node::text(0, "") }).collect()),
        ("childless elements", (0..10_000).map(|i| Node::element(if i == 0 { -1 } else { 0 }, "p")).collect()),
        ("huge attribute", {
            let mut el = Node::element(-1, "article");
            el.attrs.insert("class".into(), big.clone());
            el.attrs.insert("itemprop".into(), "articleBody".into());
            vec![el, Node::text(0, "“Still here,” she said.")]
        }),
        ("many h1 without text", {
            let mut v = vec![Node::element(-1, "body")];
            for _ in 0..20_000 {
                v.push(Node::element(0, "h1"));
            }
            v.push(Node::element(0, "p"));
            let p = v.len() as i32 - 1;
            v.push(Node::text(p, "“Hello,” she said."));
            v
        }),
    ];
    for (name, nodes) in cases {
        analyze_bounded(name, Snapshot { nodes });
    }
}
