//! The report: what the engine returns to every front end (CLI, extension,
//! www). Its serde form is the JSON schema documented in the README.
//!
//! Offsets in the report are **Unicode character offsets** into the analysed
//! text (`Report::text`), as the issue asks; anchors into the snapshot are
//! `(node index, UTF-16 offset)` pairs, which is what the DOM's `Range` API
//! takes.

use serde::{Deserialize, Serialize};

/// The analysis of one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The page's title (headline), if found.
    pub title: Option<String>,
    /// The publication date, `YYYY-MM-DD`, if found.
    pub date: Option<String>,
    /// The page's language (`en`, `fr`, `de`, `es`, ...), if declared.
    pub lang: Option<String>,
    /// True when an article region was found. Pages without one (home
    /// pages, search results, apps) get no badges.
    pub is_article: bool,
    /// Every quotation found, in document order.
    pub quotes: Vec<Quote>,
    /// One row per speaker, most quoted first.
    pub speakers: Vec<SpeakerSummary>,
    /// Counts for the popup's summary.
    pub counts: Counts,
    /// The analysed text (the article's text as the engine read it). Left
    /// out of the JSON when empty; the CLI drops it unless asked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// Aggregate counts over a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Number of quotations.
    pub quotes: usize,
    /// Number of distinct named speakers (people and organisations).
    pub speakers: usize,
    /// Quotations from anonymous sources ("officials said").
    pub anonymous: usize,
    /// Quotations no speaker was found for.
    pub unattributed: usize,
}

/// How a quotation appears in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A quoted sentence or clause.
    Direct,
    /// A few quoted words inside the reporter's sentence.
    Partial,
    /// A `<blockquote>` (or a quotation set off as its own block).
    Block,
    /// An embedded social-media post whose author line names the speaker.
    Embed,
}

/// A position in the snapshot: text node index and UTF-16 offset in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Index of a text node in the snapshot.
    pub node: usize,
    /// Offset in UTF-16 code units within that text node.
    pub offset: usize,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted text, without the enclosing quote marks.
    pub text: String,
    /// Character offset of the first quoted character in the analysed text.
    pub start: usize,
    /// Character offset just past the last quoted character.
    pub end: usize,
    /// Direct, partial, block or embed.
    pub kind: QuoteKind,
    /// Where the quotation (including its marks) starts in the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_start: Option<Anchor>,
    /// Where the quotation (including its closing mark) ends in the
    /// snapshot: the badge is drawn here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_end: Option<Anchor>,
    /// Who said it.
    pub speaker: Speaker,
}

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named (or resolved) person.
    Person,
    /// An organisation: "the White House", "the Pentagon".
    Organization,
    /// An anonymous source: "a senior official", "aides".
    Anonymous,
    /// No speaker found: the quote is unattributed.
    Unknown,
}

/// A span of the analysed text (character offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The text of the span.
    pub text: String,
    /// Character offset of the start.
    pub start: usize,
    /// Character offset just past the end.
    pub end: usize,
}

/// Where a party label came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartySource {
    /// The article's own words ("Republican Sen. ...", "(D-Va.)").
    Text,
    /// The knowledge base, at the article's date.
    Kb,
    /// The user's own correction (extension overlay).
    User,
}

/// A political party as shown on a badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyLabel {
    /// Short label: "R", "D", "Lab", "Con".
    pub short: String,
    /// Full name: "Republican", "Democratic", "Labour".
    pub name: String,
    /// CSS colour, `#rrggbb`.
    pub color: String,
    /// Where the label came from.
    pub source: PartySource,
}

/// Who said a quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Display name ("Lindsey Graham", "the White House", "a senior
    /// official"); empty for unknown speakers.
    pub name: String,
    /// Person, organisation, anonymous or unknown.
    pub kind: SpeakerKind,
    /// The words in the text the quote was attributed to ("he", "the
    /// Republican lawmaker of South Carolina"), if any.
    pub mention: Option<TextSpan>,
    /// The cue ("said", "tweeted", "changed his tune:"), if any.
    pub cue: Option<String>,
    /// The speaker's party, for party politicians only.
    pub party: Option<PartyLabel>,
    /// Role or office at the time ("Treasury Secretary"), if known.
    pub role: Option<String>,
    /// 0.0 to 1.0: how sure the engine is of this attribution.
    pub confidence: f32,
}

impl Speaker {
    /// The speaker of an unattributed quotation.
    pub fn unknown() -> Speaker {
        Speaker {
            name: String::new(),
            kind: SpeakerKind::Unknown,
            mention: None,
            cue: None,
            party: None,
            role: None,
            confidence: 0.0,
        }
    }
}

/// One speaker's line in the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSummary {
    /// Display name.
    pub name: String,
    /// Person, organisation or anonymous.
    pub kind: SpeakerKind,
    /// Party, if any.
    pub party: Option<PartyLabel>,
    /// Role, if known.
    pub role: Option<String>,
    /// Number of quotations.
    pub quotes: usize,
    /// Number of words quoted.
    pub words: usize,
}

use crate::article::Article;
use crate::attribution::SpeakerDraft;
use crate::quotes::QuoteSpan;

/// Converts byte offsets of one text into character and UTF-16 offsets in
/// O(1) amortised time per call, whatever the order of the calls.
///
/// Counting from the start of the text on every call made `build`
/// quadratic: a 5 MB paragraph with 100,000 quotations took minutes
/// (issue #6, tests/pathological.rs). It keeps a checkpoint every
/// [`OffsetIndex::STEP`] bytes and counts only the remainder.
pub struct OffsetIndex<'a> {
    text: &'a str,
    /// `(chars, utf16 units)` before byte `k * STEP` (floored to a char
    /// boundary), for each k.
    marks: Vec<(usize, usize, usize)>,
}

impl<'a> OffsetIndex<'a> {
    /// Bytes between checkpoints.
    pub const STEP: usize = 256;

    /// Indexes a text (one pass over it).
    pub fn new(text: &'a str) -> OffsetIndex<'a> {
        let mut marks = Vec::with_capacity(text.len() / Self::STEP + 1);
        let bytes = text.as_bytes();
        let (mut chars, mut units) = (0usize, 0usize);
        let mut pos = 0usize;
        let mut next = 0usize;
        while next <= text.len() {
            // The checkpoint for `next` sits at the first char boundary at
            // or after it (the end of the text counts as one).
            let mut b = next;
            while b < bytes.len() && (bytes[b] as i8) < -0x40 {
                b += 1;
            }
            // Counted from the bytes, without decoding: a char starts at
            // each byte that is not a continuation byte, and takes two
            // UTF-16 units when it is 4 bytes long (lead byte 0xF0+).
            for &x in &bytes[pos..b] {
                let lead = usize::from((x as i8) >= -0x40);
                chars += lead;
                units += lead + usize::from(x >= 0xf0);
            }
            pos = b;
            marks.push((b, chars, units));
            next += Self::STEP;
        }
        OffsetIndex { text, marks }
    }

    fn floor(&self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        // Offsets from the stages are always char boundaries; floor anyway.
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        b
    }

    fn mark_for(&self, b: usize) -> (usize, usize, usize) {
        let k = (b / Self::STEP).min(self.marks.len().saturating_sub(1));
        let mut m = self.marks.get(k).copied().unwrap_or((0, 0, 0));
        if m.0 > b {
            // The checkpoint was pushed forward to a char boundary past `b`.
            m = if k > 0 { self.marks[k - 1] } else { (0, 0, 0) };
        }
        m
    }

    /// Character offset of a byte offset (floored to a char boundary).
    pub fn chars(&self, byte: usize) -> usize {
        let b = self.floor(byte);
        let (mb, mc, _) = self.mark_for(b);
        mc + self.text[mb..b].chars().count()
    }

    /// UTF-16 offset of a byte offset (floored to a char boundary).
    pub fn utf16(&self, byte: usize) -> usize {
        let b = self.floor(byte);
        let (mb, _, mu) = self.mark_for(b);
        mu + self.text[mb..b].encode_utf16().count()
    }
}

/// Nodes shorter than this are counted directly; longer ones get an
/// [`OffsetIndex`] (built once per node per report).
const INDEX_NODES_LONGER_THAN: usize = 4096;

fn utf16_offset(s: &str, byte: usize) -> usize {
    let mut b = byte.min(s.len());
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    s[..b].encode_utf16().count()
}

/// Builds the report from the stages' results.
pub fn build(
    art: &Article,
    snap: &crate::snapshot::Snapshot,
    quotes: &[QuoteSpan],
    speakers: Vec<SpeakerDraft>,
) -> Report {
    let ci = OffsetIndex::new(&art.text);
    let mut node_index: std::collections::HashMap<usize, OffsetIndex> = std::collections::HashMap::new();
    let mut anchor = |byte: usize, at_end: bool| -> Option<Anchor> {
        // For an end anchor, locate the last byte before `byte` so the
        // badge lands after the closing mark in the same node.
        let (node, off) = if at_end && byte > 0 {
            let (n, o) = art.locate(byte - 1)?;
            let t = snap.nodes.get(n)?.text.as_deref()?;
            let mut e = o + 1;
            while e < t.len() && !t.is_char_boundary(e) {
                e += 1;
            }
            (n, e)
        } else {
            art.locate(byte)?
        };
        let t = snap.nodes.get(node)?.text.as_deref()?;
        let offset = if t.len() > INDEX_NODES_LONGER_THAN {
            node_index.entry(node).or_insert_with(|| OffsetIndex::new(t)).utf16(off)
        } else {
            utf16_offset(t, off)
        };
        Some(Anchor { node, offset })
    };
    let mut out = Vec::with_capacity(quotes.len());
    for (q, s) in quotes.iter().zip(speakers) {
        let mention = s.mention.map(|r| TextSpan {
            text: art.text.get(r.clone()).unwrap_or("").to_string(),
            start: ci.chars(r.start),
            end: ci.chars(r.end),
        });
        out.push(Quote {
            text: art.text.get(q.inner.clone()).unwrap_or("").to_string(),
            start: ci.chars(q.inner.start),
            end: ci.chars(q.inner.end),
            kind: q.kind,
            anchor_start: anchor(q.outer.start, false),
            anchor_end: anchor(q.outer.end, true),
            speaker: Speaker {
                name: s.name,
                kind: s.kind,
                mention,
                cue: s.cue,
                party: s.party,
                role: s.role,
                confidence: s.confidence,
            },
        });
    }
    let speakers = summarize(&out);
    let counts = Counts {
        quotes: out.len(),
        speakers: speakers.iter().filter(|s| matches!(s.kind, SpeakerKind::Person | SpeakerKind::Organization)).count(),
        anonymous: out.iter().filter(|q| q.speaker.kind == SpeakerKind::Anonymous).count(),
        unattributed: out.iter().filter(|q| q.speaker.kind == SpeakerKind::Unknown).count(),
    };
    Report {
        title: art.title.clone(),
        date: art.date.map(|d| d.to_string()),
        lang: art.lang.clone(),
        is_article: art.is_article,
        quotes: out,
        speakers,
        counts,
        text: art.text.clone(),
    }
}

/// One row per named speaker (and one per anonymous description), most
/// quoted first, then by words quoted, then by name.
pub fn summarize(quotes: &[Quote]) -> Vec<SpeakerSummary> {
    let mut rows: Vec<SpeakerSummary> = Vec::new();
    // Row index by (name, kind): a linear search per quote was quadratic on
    // pages with tens of thousands of distinct speakers.
    let mut index: std::collections::HashMap<(&str, SpeakerKind), usize> = std::collections::HashMap::new();
    for q in quotes {
        if q.speaker.kind == SpeakerKind::Unknown {
            continue;
        }
        let words = q.text.split_whitespace().count();
        let key = (q.speaker.name.as_str(), q.speaker.kind);
        let next = rows.len();
        let i = *index.entry(key).or_insert(next);
        match rows.get_mut(i) {
            Some(r) => {
                r.quotes += 1;
                r.words += words;
                if r.party.is_none() {
                    r.party = q.speaker.party.clone();
                }
                if r.role.is_none() {
                    r.role = q.speaker.role.clone();
                }
            }
            None => rows.push(SpeakerSummary {
                name: q.speaker.name.clone(),
                kind: q.speaker.kind,
                party: q.speaker.party.clone(),
                role: q.speaker.role.clone(),
                quotes: 1,
                words,
            }),
        }
    }
    rows.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(b.words.cmp(&a.words)).then(a.name.cmp(&b.name)));
    rows
}

#[cfg(test)]
mod offset_index_tests {
    use super::*;

    #[test]
    fn offset_index_matches_counting_from_the_start() {
        // Mixed widths: ASCII, 2-byte, 3-byte and 4-byte (surrogate pair) chars,
        // long enough to cross many checkpoints at odd positions.
        let text: String = (0..3000).map(|i| ["a", "é", "“", "😀", " "][i % 5 * (i % 7 + 1) % 5]).collect();
        let idx = OffsetIndex::new(&text);
        for b in 0..=text.len() + 3 {
            let mut f = b.min(text.len());
            while !text.is_char_boundary(f) {
                f -= 1;
            }
            assert_eq!(idx.chars(b), text[..f].chars().count(), "chars at {b}");
            assert_eq!(idx.utf16(b), text[..f].encode_utf16().count(), "utf16 at {b}");
        }
        let empty = OffsetIndex::new("");
        assert_eq!((empty.chars(0), empty.utf16(5)), (0, 0));
    }
}
