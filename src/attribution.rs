//! Stages 3–5: mentions, attribution (quote → speaker mention), resolution
//! (mention → entity) and party.
//!
//! (Starter version: every quote unattributed. The full stages replace it.)

use crate::article::Article;
use crate::kb::Kb;
use crate::quotes::QuoteSpan;
use crate::report::{PartyLabel, SpeakerKind};
use std::ops::Range;

/// A speaker as the attribution stages produce it; byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerDraft {
    /// Display name (empty when unknown).
    pub name: String,
    /// Person, organisation, anonymous or unknown.
    pub kind: SpeakerKind,
    /// Byte range of the mention in the analysed text.
    pub mention: Option<Range<usize>>,
    /// The cue words.
    pub cue: Option<String>,
    /// Party, for party politicians only.
    pub party: Option<PartyLabel>,
    /// Role or office at the time.
    pub role: Option<String>,
    /// 0.0 to 1.0.
    pub confidence: f32,
}

impl SpeakerDraft {
    /// No speaker.
    pub fn unknown() -> SpeakerDraft {
        SpeakerDraft { name: String::new(), kind: SpeakerKind::Unknown, mention: None, cue: None, party: None, role: None, confidence: 0.0 }
    }
}

/// Attributes each quotation to a speaker.
pub fn attribute(_art: &Article, quotes: &[QuoteSpan], _kb: &Kb) -> Vec<SpeakerDraft> {
    quotes.iter().map(|_| SpeakerDraft::unknown()).collect()
}
