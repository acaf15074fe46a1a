//! What the fuzz targets run, shared with the regression test
//! (`tests/fuzz_regressions.rs` includes this file): one `run_*` function per
//! target. A panic here is a crash; so is an inconsistent report.
#![allow(dead_code)]

use whosaid::report::Report;
use whosaid::{Kb, Node, Options, Snapshot};

fn opts() -> Options {
    Options { keep_text: true, ..Options::default() }
}

/// Target `text`: bytes -> plain-text article -> analyze.
pub fn run_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let snap = Snapshot::from_text(&text);
    let r = whosaid::analyze(&snap, Kb::embedded(), &opts()).expect("a text snapshot was refused");
    assert_eq!(r.text, text, "the analysed text of a .txt input must be the input exactly");
    check(&r, &snap);
}

/// Target `html`: bytes -> the native HTML reader -> analyze. The reader
/// must always build a valid snapshot.
pub fn run_html(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let snap = whosaid::html::snapshot_from_html(&html);
    snap.validate().expect("the HTML reader built an invalid snapshot");
    let r = whosaid::analyze(&snap, Kb::embedded(), &opts()).expect("a valid snapshot was refused");
    check(&r, &snap);
}

/// Target `snapshot_json`: snapshot JSON (what the content script sends)
/// -> analyze: a parse error, a snapshot error or a consistent report.
pub fn run_snapshot_json(data: &[u8]) {
    let Ok(snap) = serde_json::from_slice::<Snapshot>(data) else { return };
    if let Ok(r) = whosaid::analyze(&snap, Kb::embedded(), &opts()) {
        check(&r, &snap);
    }
}

/// Target `snapshot_nodes`: structure-aware. The bytes are read as a
/// program that builds a snapshot node by node (tags, attributes and
/// texts from small tables, parents anywhere before), so the fuzzer spends
/// its time in the engine instead of in the JSON parser. Invalid parents
/// are produced on purpose too: those must come back as errors.
pub fn run_snapshot_nodes(data: &[u8]) {
    let snap = build(data);
    let valid = snap.validate().is_ok();
    let r = whosaid::analyze(&snap, Kb::embedded(), &opts());
    assert_eq!(r.is_ok(), valid, "analyze and validate disagree");
    if let Ok(r) = r {
        check(&r, &snap);
    }
}

const TAGS: &[&str] = &[
    "html", "body", "article", "main", "div", "p", "span", "blockquote", "h1", "h2", "li", "ul", "a", "b", "i", "br",
    "figcaption", "aside", "nav", "header", "footer", "script", "style", "time", "meta", "section", "pre", "table", "td",
    "form", "q", "cite",
];
const ATTRS: &[(&str, &str)] = &[
    ("itemprop", "articleBody"), ("class", "twitter-tweet"), ("class", "related"), ("class", "comments"),
    ("hidden", ""), ("aria-hidden", "true"), ("role", "navigation"), ("lang", "en"), ("lang", "fr"),
    ("property", "article:published_time"), ("content", "2017-07-10"), ("datetime", "2016-11-08T09:00"),
    ("type", "application/ld+json"), ("id", "main"), ("class", "instagram-media"),
];
const WORDS: &[&str] = &[
    "“", "”", "\"", "‘", "’", "'", "«", "»", "„", "‹", "›", "「", "」", " said", " says", " told reporters", " according to ",
    "Sen. ", "Rep. ", "Mr. ", "President ", "Donald Trump", "Lindsey Graham", "Trump", "he", "she", "He", "They",
    " the Republican lawmaker", "(R-S.C.)", "Democrat ", ", ", ". ", ": ", "\n", "\n\n", " — ", "on NBC's ", "Meet the Press",
    "the White House", " a senior official", " tweeted", " added", "{\"datePublished\":\"2017-07-10\"}", "\u{200b}", "\u{202e}",
    "😀", "é", " ",
];

/// Builds the snapshot a `snapshot_nodes` input describes.
pub fn build(data: &[u8]) -> Snapshot {
    let mut nodes: Vec<Node> = Vec::new();
    let mut it = data.iter().copied();
    while let Some(op) = it.next() {
        let arg = it.next().unwrap_or(0) as usize;
        let n = nodes.len();
        // Parent: mostly the last element (nesting), sometimes any earlier
        // node, -1, or out of range (an invalid snapshot on purpose).
        let parent = match op >> 6 {
            0 => nodes.iter().rposition(|x| x.tag.is_some()).map_or(-1, |p| p as i32),
            1 => if n == 0 { -1 } else { (arg % n) as i32 },
            2 => -1,
            _ => if arg == 255 { n as i32 + 3 } else { nodes.iter().rposition(|x| x.tag.is_some()).map_or(-1, |p| p as i32) },
        };
        match op & 0x3f {
            0..=19 => {
                let mut e = Node::element(parent, TAGS[arg % TAGS.len()]);
                if op & 1 == 1 {
                    let (k, v) = ATTRS[(arg / 7) % ATTRS.len()];
                    e.attrs.insert(k.into(), v.into());
                }
                nodes.push(e);
            }
            20..=55 => {
                let len = 1 + arg % 12;
                let mut s = String::new();
                for _ in 0..len {
                    s.push_str(WORDS[it.next().unwrap_or(0) as usize % WORDS.len()]);
                }
                nodes.push(Node::text(parent, &s));
            }
            _ => {
                // Raw bytes as text.
                let len = arg % 32;
                let raw: Vec<u8> = it.by_ref().take(len).collect();
                nodes.push(Node::text(parent, &String::from_utf8_lossy(&raw)));
            }
        }
    }
    Snapshot { nodes }
}

/// Report consistency (the same checks as tests/pathological.rs).
pub fn check(r: &Report, snap: &Snapshot) {
    let n = r.text.chars().count();
    for q in &r.quotes {
        assert!(q.start <= q.end && q.end <= n, "quote offsets outside the text");
        let at: String = r.text.chars().skip(q.start).take(q.end - q.start).collect();
        assert_eq!(at, q.text, "quote text differs from the text at its offsets");
        if let Some(m) = &q.speaker.mention {
            assert!(m.start <= m.end && m.end <= n, "mention offsets outside the text");
        }
        for a in [q.anchor_start, q.anchor_end].into_iter().flatten() {
            let t = snap.nodes.get(a.node).and_then(|x| x.text.as_deref());
            let t = t.expect("anchor on a missing node or an element");
            assert!(a.offset <= t.encode_utf16().count(), "anchor past the end of its node");
        }
        assert!(q.speaker.confidence.is_finite() && (0.0..=1.0).contains(&q.speaker.confidence), "confidence out of range");
    }
    assert_eq!(r.counts.quotes, r.quotes.len());
    serde_json::to_string(r).expect("report serialises");
}
