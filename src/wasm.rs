//! The WebAssembly binding: the only module that knows wasm-bindgen.
//!
//! Exports (ES module built by `scripts/build-wasm.sh`, `--target web`):
//!
//! - `analyze(snapshot, options?)` → the report, as the same plain JS
//!   object the CLI prints as JSON (`null` for absent values, no `Map`s).
//!   `snapshot` is the serde form of [`crate::Snapshot`]; `options` is
//!   `{keep_text?: boolean, date?: "YYYY-MM-DD"}` (`date`: the article's
//!   date when the page gives none).
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
use serde::{Deserialize, Serialize};
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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

/// Analyses a snapshot (the JS object the content script built) and returns
/// the report as a JS object.
#[wasm_bindgen]
pub fn analyze(snapshot: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let snap = snapshot_in(snapshot)?;
    let report = run(&snap, options)?;
    to_js(&report)
}

/// The snapshot crossing into Rust.
fn snapshot_in(snapshot: JsValue) -> Result<crate::Snapshot, JsValue> {
    match snapshot_fast(&snapshot) {
        Some(snap) => Ok(snap),
        None => serde_wasm_bindgen::from_value(snapshot).map_err(js_error),
    }
}

#[wasm_bindgen]
extern "C" {
    /// A JS object read by key.
    type Fields;
    /// `this[key]`.
    #[wasm_bindgen(method, indexing_getter)]
    fn field(this: &Fields, key: &JsValue) -> JsValue;
}

/// The snapshot read field by field, when it has the plain shape the
/// content script sends (`{nodes: [{p, tag?, attrs?, text?}]}`, strings
/// and integers); `None` for anything else, which the serde path then
/// reads (or rejects) exactly as before. The same result as serde's, with
/// about half the calls into JS: serde looks each field name up in a
/// cache, asks `in` for every absent field and `== null` for every present
/// one (issue #6, enginefast: the crossing was a tenth of a typical page's
/// analysis in the browser's baseline code).
fn snapshot_fast(v: &JsValue) -> Option<crate::Snapshot> {
    /// `Some(None)` for null or undefined, `Some(Some(s))` for a string.
    fn opt_string(v: JsValue) -> Option<Option<String>> {
        if v.is_undefined() || v.is_null() {
            return Some(None);
        }
        v.as_string().map(Some)
    }
    if !v.is_object() {
        return None;
    }
    let [k_nodes, k_p, k_tag, k_attrs, k_text] = ["nodes", "p", "tag", "attrs", "text"].map(JsValue::from_str);
    let nodes = v.unchecked_ref::<Fields>().field(&k_nodes);
    let arr = nodes.dyn_ref::<js_sys::Array>()?;
    let n = arr.length();
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let node = arr.get(i);
        if !node.is_object() {
            return None;
        }
        let f = node.unchecked_ref::<Fields>();
        let p = f.field(&k_p).as_f64()?;
        if p.fract() != 0.0 || p < f64::from(i32::MIN) || p > f64::from(i32::MAX) {
            return None;
        }
        let tag = opt_string(f.field(&k_tag))?;
        let text = opt_string(f.field(&k_text))?;
        let a = f.field(&k_attrs);
        let mut attrs = std::collections::BTreeMap::new();
        if a.is_undefined() {
            // Absent is empty; present but undefined is serde's error.
            if js_sys::Reflect::has(&node, &k_attrs).ok()? {
                return None;
            }
        } else {
            // A plain object (serde would iterate an iterable one).
            if !a.is_object() || js_sys::try_iter(&a).ok()?.is_some() {
                return None;
            }
            for pair in js_sys::Object::entries(a.unchecked_ref()).iter() {
                let pair = pair.unchecked_into::<js_sys::Array>();
                attrs.insert(pair.get(0).as_string()?, pair.get(1).as_string()?);
            }
        }
        out.push(crate::Node { parent: p as i32, tag, attrs, text });
    }
    Some(crate::Snapshot { nodes: out })
}

/// The analysis proper: options, the engine, the user's corrections.
fn run(snap: &crate::Snapshot, options: JsValue) -> Result<Report, JsValue> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(js_error)?
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
pub fn analyze_timed(snapshot: JsValue, options: JsValue) -> Result<Vec<f64>, JsValue> {
    let t0 = performance_now();
    let snap = snapshot_in(snapshot)?;
    let t1 = performance_now();
    let report = run(&snap, options)?;
    let t2 = performance_now();
    let js = to_js(&report)?;
    let t3 = performance_now();
    drop(js);
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
/// least once) through the same JS crossing as [`analyze`]. WebAssembly
/// is compiled lazily, function by function on first call, and optimised
/// only once a function has run a while, so a page analysed right after
/// instantiation runs mostly unoptimised code that is compiled as it goes
/// (docs/perf.md, "perfwasm": 3 rounds take the first page from ~15 ms to
/// ~2 ms in Chromium). Also the first use of the knowledge base (parse
/// and index) unless [`set_overlay`] came first. Returns the number of
/// quotations found in the last round.
#[wasm_bindgen]
pub fn warm_up(rounds: u32) -> Result<u32, JsValue> {
    let snap = to_js(&warmup_snapshot())?;
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &JsValue::from_str("keep_text"), &JsValue::FALSE)?;
    let mut found = 0;
    for _ in 0..rounds.max(1) {
        let report = analyze(snap.clone(), opts.clone().into())?;
        let quotes = js_sys::Reflect::get(&report, &JsValue::from_str("quotes"))?;
        found = js_sys::Array::from(&quotes).length();
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
        serde_wasm_bindgen::from_value(entries).map_err(js_error)?
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
