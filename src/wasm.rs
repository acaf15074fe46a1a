//! The WebAssembly binding: the only module that knows wasm-bindgen.
//!
//! Exports (ES module built by `scripts/build-wasm.sh`, `--target web`):
//!
//! - `analyze(snapshot, options?)` → the report, as the same plain JS
//!   object the CLI prints as JSON (`null` for absent values, no `Map`s).
//!   `snapshot` is the serde form of [`crate::Snapshot`]; `options` is
//!   `{keep_text?: boolean, date?: "YYYY-MM-DD"}` (`date`: the article's
//!   date when the page gives none).
//! - `analyze_json(snapshotJson, options?)` → the report as JSON text, from
//!   the snapshot as JSON text: the same analysis with one string each way
//!   (what the extension uses; `analyze` is this plus `JSON.stringify` and
//!   `JSON.parse`).
//! - `set_overlay(entries)` → the number of entries kept: the user's
//!   person → party corrections, `[{name, party}]` (`party` a party name or
//!   nickname such as "Democratic", "GOP", "Labour"; `""` = no party).
//!   They win over the knowledge base and the article's words: the engine
//!   resolves with `Kb::with_overlay` (so it knows people the table lacks),
//!   and the report's matching speakers get the entry's party, marked
//!   `source: "user"`.
//! - `warm_up(rounds)` → analyses a built-in article `rounds` times so
//!   that the browser compiles the engine before the first page asks (call
//!   it once after `set_overlay`, when the worker starts).
//! - `version()` → the crate version.
//!
//! Report anchors are already UTF-16 offsets (see `report.rs`), which is
//! what the DOM's `Range` takes, so no conversion is needed here.
//!
//! Nothing may panic across the boundary: every failure is a JS error
//! value (`Error` with a message), hence `deny(unwrap_used)`.
#![deny(clippy::unwrap_used)]

use crate::kb::{normalize_name, Kb, OverlayEntry as KbOverlayEntry};
use crate::report::{PartyLabel, PartySource, Report, SpeakerKind};
use serde::Deserialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Options from JS; every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct JsOptions {
    keep_text: bool,
    /// `YYYY-MM-DD`: the article's date when the page gives none.
    date: Option<String>,
}

/// One user correction, as the options page stores it.
#[derive(Debug, Clone, Deserialize)]
struct Correction {
    name: String,
    #[serde(default)]
    party: String,
}

/// A correction ready to apply: normalised name → party label (or none).
#[derive(Debug, Clone)]
struct OverlayEntry {
    key: String,
    party: Option<PartyLabel>,
}

thread_local! {
    /// The corrections, applied to the report (they win over the article's
    /// own words, and show as "your correction").
    static OVERLAY: RefCell<Vec<OverlayEntry>> = const { RefCell::new(Vec::new()) };
    /// The knowledge base with the corrections on top (`Kb::with_overlay`),
    /// so that resolution knows people the table lacks; `None` = embedded.
    static OVERLAY_KB: RefCell<Option<Kb>> = const { RefCell::new(None) };
}

fn js_error(msg: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&msg.to_string()).into()
}


/// Analyses a snapshot (the JS object the content script built) and returns
/// the report as a JS object. The crossing goes through JSON text
/// (`JSON.stringify` / `JSON.parse` on the JS side, serde_json here), as
/// [`analyze_json`]: see there why.
#[wasm_bindgen]
pub fn analyze(snapshot: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = js_sys::JSON::stringify(&snapshot)?;
    let text = text.as_string().ok_or_else(|| js_error("snapshot: not JSON-serialisable"))?;
    let report = analyze_json(&text, options)?;
    js_sys::JSON::parse(&report)
}

/// Analyses a snapshot given as JSON text (the serde form of
/// [`crate::Snapshot`]) and returns the report as JSON text: what the
/// extension's background does (the content script sends the snapshot as
/// text, the background hands the report text back; neither side builds
/// the objects). One string each way instead of a walk over JS objects,
/// which costs two JS <-> WASM calls per field: warm, the two take the same
/// time, but on the first pages after the engine starts, when V8 still
/// runs the glue and the engine in baseline code, the text crossing takes
/// half as long (docs/perf2.md, "JSON seam").
#[wasm_bindgen]
pub fn analyze_json(snapshot: &str, options: JsValue) -> Result<String, JsValue> {
    let snap = snapshot_in(snapshot)?;
    let report = run(&snap, options)?;
    report_out(&report)
}

/// The snapshot crossing into Rust.
fn snapshot_in(snapshot: &str) -> Result<crate::Snapshot, JsValue> {
    serde_json::from_str(snapshot).map_err(|e| js_error(format!("snapshot: {e}")))
}

/// A small JS value (options, corrections) read through its JSON text:
/// serde_json is in the module anyway for the snapshot and the report, so
/// serde-wasm-bindgen's deserializer need not be (it was ~2 KB gzipped;
/// the WASM is over its 400 KB budget, issue #6).
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    let text = js_sys::JSON::stringify(value)?.as_string().ok_or_else(|| js_error("not JSON-serialisable"))?;
    serde_json::from_str(&text).map_err(js_error)
}

/// The report crossing out of Rust.
fn report_out(report: &Report) -> Result<String, JsValue> {
    serde_json::to_string(report).map_err(js_error)
}

/// The analysis proper: options, the engine, the user's corrections.
fn run(snap: &crate::Snapshot, options: JsValue) -> Result<Report, JsValue> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        from_js(&options)?
    };
    let core_opts = crate::Options {
        keep_text: opts.keep_text,
        date: opts.date.as_deref().and_then(crate::kb::Date::parse),
    };
    let mut report = OVERLAY_KB
        .with(|k| match k.borrow().as_ref() {
            Some(kb) => crate::analyze(snap, kb, &core_opts),
            None => crate::analyze(snap, Kb::embedded(), &core_opts),
        })
        .map_err(js_error)?;
    OVERLAY.with(|o| apply_overlay(&mut report, &o.borrow()));
    Ok(report)
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` (window, worker and Node alike), for
    /// [`analyze_timed`].
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// For benchmarks (tools/wasmbench.mjs): [`analyze`] in its three phases,
/// timed with `performance.now()`; returns `[snapshot in, analysis,
/// report out]` in ms. The report is built and dropped.
#[wasm_bindgen]
pub fn analyze_timed(snapshot: &str, options: JsValue) -> Result<Vec<f64>, JsValue> {
    let t0 = performance_now();
    let snap = snapshot_in(snapshot)?;
    let t1 = performance_now();
    let report = run(&snap, options)?;
    let t2 = performance_now();
    let out = report_out(&report)?;
    let t3 = performance_now();
    drop(out);
    Ok(vec![t1 - t0, t2 - t1, t3 - t2])
}

/// The warm-up article (ours; `tests/warmup_article.rs` checks what it
/// exercises): the usual quotation patterns, speakers the knowledge base
/// knows, a title, a partial quotation, a quotation over two paragraphs.
const WARMUP_ARTICLE: &str = include_str!("warmup_article.txt");

/// The warm-up article as a page snapshot like the content script's: page
/// chrome (head, meta, nav, byline with a date, footer) and attributes
/// around one `<p>` per paragraph, with whitespace text between them.
fn warmup_snapshot() -> crate::Snapshot {
    use crate::Node;
    fn el(nodes: &mut Vec<Node>, parent: i32, tag: &str, attrs: &[(&str, &str)]) -> i32 {
        let mut n = Node::element(parent, tag);
        n.attrs = attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        nodes.push(n);
        nodes.len() as i32 - 1
    }
    fn text(nodes: &mut Vec<Node>, parent: i32, t: &str) {
        nodes.push(Node::text(parent, t));
    }
    let mut paras = WARMUP_ARTICLE.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let headline = paras.next().unwrap_or_default();
    let mut n = Vec::new();
    let html = el(&mut n, -1, "html", &[("lang", "en")]);
    let head = el(&mut n, html, "head", &[]);
    el(&mut n, head, "meta", &[("property", "article:published_time"), ("content", "2025-09-15T09:00:00Z")]);
    let title = el(&mut n, head, "title", &[]);
    text(&mut n, title, headline);
    let body = el(&mut n, html, "body", &[("class", "story")]);
    let header = el(&mut n, body, "header", &[("role", "banner")]);
    let a = el(&mut n, header, "a", &[]);
    text(&mut n, a, "Home");
    let main = el(&mut n, body, "main", &[("id", "content")]);
    let article = el(&mut n, main, "article", &[("itemtype", "https://schema.org/NewsArticle")]);
    let h1 = el(&mut n, article, "h1", &[("itemprop", "headline")]);
    text(&mut n, h1, headline);
    let byline = el(&mut n, article, "p", &[("class", "byline")]);
    text(&mut n, byline, "By a staff reporter · ");
    let time = el(&mut n, byline, "time", &[("datetime", "2025-09-15")]);
    text(&mut n, time, "September 15, 2025");
    for p in paras {
        text(&mut n, article, "\n");
        let pe = el(&mut n, article, "p", &[]);
        text(&mut n, pe, p);
    }
    let footer = el(&mut n, body, "footer", &[]);
    text(&mut n, footer, "© The Example Times");
    crate::Snapshot { nodes: n }
}

/// Warms the engine up so that the first real page is fast: analyses a
/// built-in article (about 400 words, 17 quotations) `rounds` times (at
/// least once) through the same crossing as [`analyze_json`]. WebAssembly
/// is compiled lazily, function by function on first call, and optimised
/// only once a function has run a while, so a page analysed right after
/// instantiation runs mostly unoptimised code that is compiled as it goes
/// (docs/perf.md, "perfwasm": 3 rounds take the first page from ~15 ms to
/// ~2 ms in Chromium). Also the first use of the knowledge base (parse
/// and index) unless [`set_overlay`] came first. Returns the number of
/// quotations found in the last round.
#[wasm_bindgen]
pub fn warm_up(rounds: u32) -> Result<u32, JsValue> {
    let snap = serde_json::to_string(&warmup_snapshot()).map_err(js_error)?;
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &JsValue::from_str("keep_text"), &JsValue::FALSE)?;
    let mut found = 0;
    for _ in 0..rounds.max(1) {
        // What analyze_json does, keeping the report to count its quotations.
        let report = run(&snapshot_in(&snap)?, opts.clone().into())?;
        report_out(&report)?;
        found = report.quotes.len() as u32;
    }
    Ok(found)
}

/// Sets the user's person → party corrections; returns how many were kept
/// (entries with an empty name are dropped).
#[wasm_bindgen]
pub fn set_overlay(entries: JsValue) -> Result<usize, JsValue> {
    let list: Vec<Correction> = if entries.is_undefined() || entries.is_null() {
        Vec::new()
    } else {
        from_js(&entries)?
    };
    let kb = Kb::embedded();
    let kept: Vec<OverlayEntry> = list
        .iter()
        .filter_map(|c| {
            let key = normalize_name(&c.name);
            (!key.is_empty()).then(|| OverlayEntry { key, party: overlay_party(kb, &c.party) })
        })
        .collect();
    let n = kept.len();
    let kb_entries: Vec<KbOverlayEntry> = list
        .iter()
        .filter(|c| !c.name.trim().is_empty())
        .map(|c| KbOverlayEntry { name: c.name.clone(), party: c.party.clone(), country: String::new() })
        .collect();
    let overlay_kb = (!kb_entries.is_empty()).then(|| kb.with_overlay(&kb_entries));
    OVERLAY_KB.with(|k| *k.borrow_mut() = overlay_kb);
    OVERLAY.with(|o| *o.borrow_mut() = kept);
    Ok(n)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The label for a party the user typed: the knowledge base's party when it
/// knows the word, else a neutral label with the user's words.
fn overlay_party(kb: &Kb, word: &str) -> Option<PartyLabel> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    Some(match kb.party_by_word(word, None) {
        Some(id) => {
            let p = kb.party(id);
            PartyLabel { short: p.short.clone(), name: p.name.clone(), color: p.color.clone(), source: PartySource::User }
        }
        None => PartyLabel {
            short: word.chars().take(3).collect(),
            name: word.to_string(),
            color: "#6b6b6b".to_string(),
            source: PartySource::User,
        },
    })
}

/// The user's corrections win: every person quote whose speaker matches an
/// entry (by normalised full name) gets the entry's party. The speaker
/// summary is rebuilt from the corrected quotes.
fn apply_overlay(report: &mut Report, overlay: &[OverlayEntry]) {
    if overlay.is_empty() {
        return;
    }
    let mut changed = false;
    for q in &mut report.quotes {
        if q.speaker.kind != SpeakerKind::Person {
            continue;
        }
        let key = normalize_name(&q.speaker.name);
        if let Some(e) = overlay.iter().find(|e| e.key == key) {
            q.speaker.party = e.party.clone();
            changed = true;
        }
    }
    if changed {
        report.speakers = crate::report::summarize(&report.quotes);
    }
}
