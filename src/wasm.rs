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
    let snap: crate::Snapshot = serde_wasm_bindgen::from_value(snapshot).map_err(js_error)?;
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
            Some(kb) => crate::analyze(&snap, kb, &core_opts),
            None => crate::analyze(&snap, Kb::embedded(), &core_opts),
        })
        .map_err(js_error)?;
    OVERLAY.with(|o| apply_overlay(&mut report, &o.borrow()));
    to_js(&report)
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
