//! Every real news page in `../shared/data/pages` (97 published articles,
//! kept beside the repository, never copied into it) gives a report: no
//! panic, taken for an article, a non-trivial amount of text, no script or
//! style text leaked into it, a title, and the language INDEX.tsv names.
//!
//! When the data is not there (a checkout without `../shared`) the test
//! says so on stderr and checks nothing; CI has it.

use std::path::PathBuf;
use whosaid::{analyze, html, Kb, Options};

fn pages_dir() -> Option<PathBuf> {
    // `../shared` beside the repository (CI, /work/main); worktrees one
    // level deeper (/work/wt/NAME) find it two levels up.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../shared/data/pages", "../../shared/data/pages"]
        .iter()
        .map(|p| root.join(p))
        .find(|d| d.is_dir())
}

/// Text that only script, style or markup produce, never prose.
const LEAKS: &[&str] = &[
    "function(",
    "function (",
    "window.",
    "document.",
    "var _",
    "@media",
    "!important",
    "</",
    "<script",
    "<div",
    "googletag",
    "{\"",
    "]]>",
    "px;",
    "=>",
    "();",
    "dataLayer",
];

#[test]
fn every_real_page_reads_as_an_article() {
    let Some(dir) = pages_dir() else {
        eprintln!(
            "real_pages: {}/../shared/data/pages not found; nothing checked",
            env!("CARGO_MANIFEST_DIR")
        );
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("pages dir") // OK because: test
        .filter_map(|e| e.ok().map(|e| e.path().join("source.html")))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= 90,
        "expected the 97 pages, found {}",
        files.len()
    );
    // INDEX.tsv: dir, lang, topic, ... (the language a reader of the page
    // would name).
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap_or_default();
    let langs: std::collections::HashMap<&str, &str> = index
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some((c.next()?, c.next()?))
        })
        .collect();
    assert!(
        langs.len() >= 90,
        "INDEX.tsv lists the pages with their language"
    );
    let kb = Kb::embedded();
    let opts = Options {
        keep_text: true,
        ..Options::default()
    };
    let mut problems = Vec::new();
    for f in &files {
        let name = f
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(f).expect("read page"); // OK because: test
        let snap = match html::snapshot_from_bytes(&bytes) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{name}: not read: {e}"));
                continue;
            }
        };
        let r = match analyze(&snap, kb, &opts) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        if !r.is_article {
            problems.push(format!("{name}: not taken for an article"));
        }
        let chars = r.text.chars().count();
        if chars < 600 {
            problems.push(format!("{name}: only {chars} characters of text"));
        }
        for leak in LEAKS {
            if let Some(i) = r.text.find(leak) {
                let at = r.text[..i].chars().count();
                let ctx: String = r
                    .text
                    .chars()
                    .skip(at.saturating_sub(40))
                    .take(100)
                    .collect();
                problems.push(format!("{name}: {leak:?} leaked: {ctx:?}"));
            }
        }
        if r.lang.as_deref() != langs.get(name.as_str()).copied() {
            problems.push(format!(
                "{name}: language {:?}, INDEX.tsv says {:?}",
                r.lang,
                langs.get(name.as_str())
            ));
        }
        if r.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            problems.push(format!("{name}: no title"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} pages:\n{}",
        problems.len(),
        files.len(),
        problems.join("\n")
    );
}
