//! whosaid: finds every quotation in a news article, works out who said it,
//! and the speaker's party.
//!
//! The engine is a pipeline of pure stages, each a function from the
//! previous stage's output to the next:
//!
//! ```text
//! Snapshot ──article::extract──► Article (text, blocks, map back to nodes)
//!          ──quotes::find──────► [QuoteSpan]
//!          ──attribution::attribute (mentions → cue → speaker → entity → party)
//!          ──report::build─────► Report (serde; the JSON every front end reads)
//! ```
//!
//! Front ends: the CLI (`src/bin/whosaid.rs`, reads HTML through
//! `html::snapshot_from_html`), the browser extension and `www/` (through
//! `wasm.rs`, compiled only for `wasm32`). The core knows nothing of either.
#![warn(missing_docs)]

pub mod article;
pub mod attribution;
pub mod kb;
pub mod mentions;
pub mod quotes;
pub mod report;
pub mod resolve;
pub mod snapshot;
pub mod words;

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use kb::Kb;
pub use report::Report;
pub use snapshot::{Node, Snapshot};

/// Options for one analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep the analysed text in the report (`Report::text`).
    pub keep_text: bool,
    /// The article's date, used when the page gives none (party and office
    /// look-ups are made at this date).
    pub date: Option<kb::Date>,
}

/// Why an analysis could not run at all. ("No speaker found" is a result,
/// not an error.)
#[derive(Debug)]
pub enum Error {
    /// The snapshot is malformed.
    Snapshot(snapshot::SnapshotError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Snapshot(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<snapshot::SnapshotError> for Error {
    fn from(e: snapshot::SnapshotError) -> Self {
        Error::Snapshot(e)
    }
}

/// Analyses a page snapshot with a knowledge base.
pub fn analyze(snap: &Snapshot, kb: &Kb, opts: &Options) -> Result<Report, Error> {
    snap.validate()?;
    let mut art = article::extract(snap);
    if art.date.is_none() {
        art.date = opts.date;
    }
    let quotes = quotes::find(&art);
    let speakers = attribution::attribute(&art, &quotes, kb);
    let mut report = report::build(&art, snap, &quotes, speakers);
    if !opts.keep_text {
        report.text.clear();
    }
    Ok(report)
}

/// Analyses plain text (the analysed text is the input exactly).
pub fn analyze_text(text: &str, kb: &Kb, opts: &Options) -> Report {
    // OK because: a snapshot built by from_text is valid by construction.
    analyze(&Snapshot::from_text(text), kb, opts).unwrap_or_default()
}
