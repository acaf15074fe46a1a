//! Stage 2: find the quotations in an article.
//!
//! (Starter version: pairs straight and curly double quotes inside one
//! block. The full stage — every mark, multi-paragraph quotes, nesting,
//! titles, scare quotes — replaces it.)

use crate::article::Article;
use crate::report::QuoteKind;
use std::ops::Range;

/// A quotation found in the text. Byte offsets into [`Article::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// The quoted text, without the marks.
    pub inner: Range<usize>,
    /// The quotation including its marks.
    pub outer: Range<usize>,
    /// Direct, partial, block or embed.
    pub kind: QuoteKind,
}

/// Finds quotations.
pub fn find(art: &Article) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    for b in &art.blocks {
        let text = &art.text[b.range.clone()];
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('“', _) | ('"', None) => open = Some(i),
                ('”', Some(s)) | ('"', Some(s)) => {
                    let start = b.range.start + s;
                    let end = b.range.start + i;
                    out.push(QuoteSpan {
                        inner: start + 1.max(text[s..].chars().next().map_or(1, char::len_utf8))..end,
                        outer: start..end + c.len_utf8(),
                        kind: QuoteKind::Direct,
                    });
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}
