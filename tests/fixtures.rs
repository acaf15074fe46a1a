//! Runs every fixture in `tests/fixtures/<case>/` (see the README there):
//! the engine's report on `input.txt` or `input.html` must match
//! `expected.json`. Plain-text fixtures are also run as two HTML pages (one
//! `<p>` per paragraph; the same paragraphs wrapped in extra markup and cut
//! into several text nodes), which must give the same quotations and
//! speakers: an invariance check over every case.

use serde_json::Value;
use std::path::{Path, PathBuf};
use whosaid::kb::Date;
use whosaid::report::Report;
use whosaid::{Kb, Options};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

fn kind_name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The paragraphs of a plain-text fixture (non-blank lines).
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// A plain page: one `<p>` per paragraph.
fn plain_html(text: &str) -> String {
    let body: String = paragraphs(text).iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
    format!("<!doctype html><html><head><title>t</title></head><body><article>\n{body}</article></body></html>")
}

/// The same paragraphs in extra markup, each cut into two text nodes at a
/// space near its middle.
fn wrapped_html(text: &str) -> String {
    let mut body = String::new();
    for p in paragraphs(text) {
        let mut mid = p.len() / 2;
        while !p.is_char_boundary(mid) {
            mid -= 1;
        }
        let cut = p[..mid].rfind(' ').unwrap_or(0);
        let (a, b) = p.split_at(cut);
        body.push_str(&format!(
            "<div class=\"para-wrap\"><p><span class=\"x\">{}</span><em>{}</em></p></div>\n",
            escape(a),
            escape(b)
        ));
    }
    format!("<!doctype html><html><body><main><div class=\"story\">\n{body}</div></main><aside><p>Related: \"Nothing to see,\" he said.</p></aside></body></html>")
}

fn speakers(r: &Report) -> Vec<(String, String, String)> {
    r.quotes.iter().map(|q| (norm(&q.text), q.speaker.name.clone(), kind_name(q.speaker.kind))).collect()
}

/// Checks one report against the expectations; returns the problems.
fn check(report: &Report, exp: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let empty = vec![];
    let want = exp["quotes"].as_array().unwrap_or(&empty);
    let mut used = vec![false; report.quotes.len()];
    for w in want {
        let text = w["text"].as_str().unwrap_or("");
        let Some(i) = report.quotes.iter().enumerate().position(|(i, q)| !used[i] && norm(&q.text) == norm(text)) else {
            errs.push(format!("quotation not found: {text:?}"));
            continue;
        };
        used[i] = true;
        let q = &report.quotes[i];
        let s = &q.speaker;
        let mut field = |name: &str, got: Option<String>| {
            if let Some(v) = w.get(name) {
                let want = v.as_str().map(str::to_string);
                if want != got {
                    errs.push(format!("{text:?}: {name}: want {want:?}, got {got:?}"));
                }
            }
        };
        field("speaker", Some(s.name.clone()));
        field("kind", Some(kind_name(s.kind)));
        field("party", s.party.as_ref().map(|p| p.name.clone()));
        field("party_source", s.party.as_ref().map(|p| kind_name(p.source)));
        field("role", s.role.clone());
        field("mention", s.mention.as_ref().map(|m| m.text.clone()));
        field("quote_kind", Some(kind_name(q.kind)));
    }
    if exp["exact"].as_bool().unwrap_or(true) {
        for (i, q) in report.quotes.iter().enumerate() {
            if !used[i] {
                errs.push(format!("unexpected quotation: {:?} ({})", q.text, q.speaker.name));
            }
        }
    }
    for a in exp["absent"].as_array().unwrap_or(&empty) {
        let a = a.as_str().unwrap_or("");
        let bare = |s: &str| norm(s).trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        if report.quotes.iter().any(|q| bare(&q.text) == bare(a)) {
            errs.push(format!("must not be reported as a quotation: {a:?}"));
        }
    }
    errs
}

#[test]
fn fixtures() {
    let kb = Kb::embedded();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists") // OK because: test harness
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "expected at least 20 fixtures, found {}", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
        let exp: Value = match std::fs::read_to_string(dir.join("expected.json")).map(|s| serde_json::from_str(&s)) {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                failures.push(format!("{name}: expected.json: {e}"));
                continue;
            }
            Err(e) => {
                failures.push(format!("{name}: expected.json: {e}"));
                continue;
            }
        };
        let opts = Options { date: exp["date"].as_str().and_then(Date::parse), ..Options::default() };
        let txt = dir.join("input.txt");
        let html = dir.join("input.html");
        let report = if let Ok(t) = std::fs::read_to_string(&txt) {
            let r = whosaid::analyze_text(&t, kb, &opts);
            // Invariance: the same article as HTML, plain and wrapped.
            if exp["invariance"].as_bool().unwrap_or(true) {
                let base = speakers(&r);
                for (label, page) in [("plain HTML", plain_html(&t)), ("wrapped HTML", wrapped_html(&t))] {
                    let snap = whosaid::html::snapshot_from_html(&page);
                    let other = whosaid::analyze(&snap, kb, &opts).unwrap_or_default();
                    if speakers(&other) != base {
                        failures.push(format!("{name}: {label} gives other speakers:\n    text: {base:?}\n    html: {:?}", speakers(&other)));
                    }
                }
            }
            r
        } else if let Ok(h) = std::fs::read_to_string(&html) {
            let snap = whosaid::html::snapshot_from_html(&h);
            whosaid::analyze(&snap, kb, &opts).unwrap_or_default()
        } else {
            failures.push(format!("{name}: no input.txt or input.html"));
            continue;
        };
        for e in check(&report, &exp) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} fixture problem(s):\n  {}", failures.len(), failures.join("\n  "));
}

#[test]
fn harness_detects_a_wrong_speaker() {
    // The checker must be able to fail.
    let r = whosaid::analyze_text("\"Yes,\" Jane Roe said.", Kb::embedded(), &Options::default());
    let exp: Value = serde_json::from_str(r#"{"quotes":[{"text":"Yes,","speaker":"John Doe"}]}"#).unwrap_or(Value::Null);
    assert_eq!(check(&r, &exp).len(), 1);
    let exp: Value = serde_json::from_str(r#"{"quotes":[]}"#).unwrap_or(Value::Null);
    assert_eq!(check(&r, &exp).len(), 1, "an unexpected quotation must be reported");
}
