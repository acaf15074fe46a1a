//! Stage 2: find the quotations in an article.
//!
//! One left-to-right pass over the marks of each block pairs opening and
//! closing quote marks of the same family:
//!
//! | family  | marks                                              |
//! |---------|----------------------------------------------------|
//! | double  | `"` (by context), `“ ”`, `„ “` / `„ ”` (German)    |
//! | single  | `'` (by context), `‘ ’`, `‚ ‘` (British, headlines) |
//! | angle   | `« »`, `» «` (German), with or without spaces      |
//! | sangle  | `‹ ›`, `› ‹`                                       |
//! | corner  | `「 」`, `『 』`                                     |
//!
//! A quotation of one family may contain one nested quotation of another
//! family (‘…’ inside “…”), which stays part of the outer one. Apostrophes
//! (it’s, ’90s, rock ’n’ roll, the voters’ choice) are never quote marks. A
//! quotation left open at the end of a paragraph continues when the next
//! paragraph opens with a mark of the same family (the convention for
//! quotations running over several paragraphs); otherwise the writer most
//! likely forgot the closing mark, and the quotation ends with its
//! paragraph. A stray closing mark is ignored. Every mark is looked at once
//! and the state is two slots (outer, nested), so the pass is linear in the
//! text and needs no recursion.
//!
//! Titles (`on NBC's "Meet the Press"`) and scare quotes (so-called
//! "experts") are recognised and dropped. Blockquotes become `block`
//! quotations, and a blockquote with an author line (`— Name (@handle)
//! date`) becomes an `embed`.
//!
//! All spans are byte offsets into [`Article::text`].

use crate::article::{Article, BlockKind};
use crate::report::QuoteKind;
use crate::words::Words;
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
    /// For embedded posts: the author's name in the author line.
    pub author: Option<Range<usize>>,
}

/// Families of quote marks: a mark only closes a quotation opened by a mark
/// of its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Angle,
    SAngle,
    Corner,
    WCorner,
}

/// What a mark can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Either (straight quotes; `“` which closes German `„`; guillemets
    /// whose direction depends on the language).
    Both,
}

fn mark(c: char) -> Option<(Family, Role)> {
    Some(match c {
        '"' | '＂' => (Family::Double, Role::Both),
        '“' => (Family::Double, Role::Both),
        '”' => (Family::Double, Role::Close),
        '„' => (Family::Double, Role::Open),
        '\'' => (Family::Single, Role::Both),
        '‘' => (Family::Single, Role::Both),
        '’' => (Family::Single, Role::Close),
        '‚' => (Family::Single, Role::Open),
        '«' | '»' => (Family::Angle, Role::Both),
        '‹' | '›' => (Family::SAngle, Role::Both),
        '「' => (Family::Corner, Role::Open),
        '」' => (Family::Corner, Role::Close),
        '『' => (Family::WCorner, Role::Open),
        '』' => (Family::WCorner, Role::Close),
        _ => return None,
    })
}

/// An open quotation: where its opening mark is.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Byte offset of the opening mark.
    at: usize,
    /// Its length in bytes.
    len: usize,
    fam: Family,
    ch: char,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

/// True if a single mark at a word start is an elision, not an opening
/// mark: ’90s, '16, ’n’, 'em, 'til, 'cause.
fn is_elision(after: &str) -> bool {
    let lower: String = after.chars().take(6).flat_map(char::to_lowercase).collect();
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    if digits == 2 {
        return true;
    }
    for w in ["n'", "n’", "n ", "em ", "em,", "em.", "til ", "cause ", "bout ", "tis ", "twas "] {
        if lower.starts_with(w) {
            return true;
        }
    }
    false
}

/// Decides what a mark does here, from its neighbours and the open state.
/// Returns `None` for an apostrophe (or anything that is not a quote mark
/// in this position).
fn role_here(text: &str, i: usize, c: char, fam: Family, role: Role) -> Option<Role> {
    let before = text[..i].chars().next_back();
    let after_str = &text[i + c.len_utf8()..];
    let after = after_str.chars().next();
    if fam == Family::Single {
        // Letters on both sides: an apostrophe (it’s, don't, O'Brien).
        if is_word(before) && is_word(after) {
            return None;
        }
        match c {
            '’' => {
                // Closing only after a word or punctuation, before a
                // non-word; a possessive plural (the voters’ choice) is an
                // apostrophe.
                if is_word(after) || is_space(before) {
                    return None;
                }
                // "the voters’ choice": after a plural s, before a space
                // and a lower-case word, it is a possessive.
                if before == Some('s') && after == Some(' ') && after_str[1..].chars().next().is_some_and(char::is_lowercase) {
                    return None;
                }
                return Some(Role::Close);
            }
            '\'' | '‘' => {
                let can_open = !is_word(before) && !is_space(after) && !is_elision(after_str);
                let can_close = !is_space(before) && !is_word(after);
                return match (can_open, can_close) {
                    (true, false) => Some(Role::Open),
                    (false, true) => Some(Role::Close),
                    (true, true) => Some(Role::Both),
                    (false, false) => None,
                };
            }
            _ => return Some(role),
        }
    }
    if role != Role::Both {
        return Some(role);
    }
    // Straight or ambiguous double marks, guillemets: look at the sides.
    let open_ctx = is_space(before) || before.is_some_and(|b| "([{—–-/…:;".contains(b) || mark(b).is_some());
    let close_ctx = is_space(after) || after.is_some_and(|a| ".,;:!?)]}—–-…".contains(a) || mark(a).is_some());
    // Inch marks: 6'5", 12" pipe.
    if c == '"' && before.is_some_and(|b| b.is_ascii_digit()) && !close_ctx {
        return None;
    }
    Some(match (open_ctx, close_ctx) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Both,
    })
}

/// Does `close` (a mark of the same family) close a quotation opened by
/// `open`?
fn closes(open: char, close: char) -> bool {
    match open {
        '«' => close == '»',
        '»' => close == '«',
        '‹' => close == '›',
        '›' => close == '‹',
        '‘' | '\'' | '‚' => matches!(close, '’' | '\'' | '‘'),
        // Straight and curly marks close each other (typography is often
        // mixed), but a curly opening mark inside a straight quotation
        // opens a nested one.
        '"' => matches!(close, '"' | '”'),
        '“' => matches!(close, '”' | '"'),
        _ => true,
    }
}

/// Can `c` open a quotation nested in one of the same family opened by
/// `open` (`"… “…” …"`)?
fn nests(open: char, c: char, role: Role) -> bool {
    (open == '"' && c == '“') || (open == '“' && c == '"' && role == Role::Open)
}

/// Pairs the marks of the whole article. Returns (outer ranges, whether the
/// quotation was recovered at a paragraph end).
fn pair(art: &Article) -> Vec<Range<usize>> {
    let text = art.text.as_str();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut outer: Option<Open> = None;
    let mut nested: Option<Open> = None;
    let blocks = &art.blocks;
    let mut bi = 0;
    while bi < blocks.len() {
        let b = &blocks[bi];
        let btext = &text[b.range.clone()];
        let base = b.range.start;
        // When continuing a multi-paragraph quotation, the opening mark of
        // this paragraph is consumed by the continuation.
        let mut skip_first: Option<usize> = None;
        if let Some(o) = outer {
            let first = btext.char_indices().find(|(_, c)| !c.is_whitespace());
            if let Some((j, c)) = first {
                if mark(c).map(|m| m.0) == Some(o.fam) {
                    skip_first = Some(j);
                }
            }
        }
        // Only '"', '\'' and non-ASCII characters can be marks: the other
        // bytes are skipped without decoding (issue #6, enginefast).
        let bytes = btext.as_bytes();
        for (j, &x) in bytes.iter().enumerate() {
            if (x < 0x80 && x != b'"' && x != b'\'') || (0x80..0xc0).contains(&x) {
                continue;
            }
            let Some(c) = btext[j..].chars().next() else { continue };
            let Some((fam, role0)) = mark(c) else { continue };
            if skip_first == Some(j) {
                continue;
            }
            let at = base + j;
            let Some(role) = role_here(text, at, c, fam, role0) else { continue };
            match outer {
                None => {
                    if role != Role::Close {
                        outer = Some(Open { at, len: c.len_utf8(), fam, ch: c });
                    }
                }
                Some(o) if fam == o.fam => {
                    if let Some(n) = nested {
                        if n.fam == fam && role != Role::Open && closes(n.ch, c) {
                            nested = None;
                            continue;
                        }
                    }
                    if nested.is_none() && nests(o.ch, c, role) {
                        nested = Some(Open { at, len: c.len_utf8(), fam, ch: c });
                    } else if role != Role::Open && closes(o.ch, c) {
                        out.push(o.at..at + c.len_utf8());
                        outer = None;
                        nested = None;
                    } else if role == Role::Open || (role == Role::Both && !closes(o.ch, c)) {
                        // A second opening mark of the same family: the
                        // first was never closed. Recover locally: restart
                        // here.
                        outer = Some(Open { at, len: c.len_utf8(), fam, ch: c });
                        nested = None;
                    }
                }
                Some(_) => match nested {
                    Some(n) if n.fam == fam && role != Role::Open && closes(n.ch, c) => nested = None,
                    None if role != Role::Close => nested = Some(Open { at, len: c.len_utf8(), fam, ch: c }),
                    _ => {}
                },
            }
        }
        // End of the paragraph with a quotation open.
        if let Some(o) = outer {
            let next = blocks.get(bi + 1);
            let continues = next.is_some_and(|n| {
                n.kind != BlockKind::Heading
                    && b.kind != BlockKind::Heading
                    && text[n.range.clone()]
                        .trim_start()
                        .chars()
                        .next()
                        .and_then(mark)
                        .is_some_and(|(f, r)| f == o.fam && r != Role::Close)
                    // A transcript: each paragraph opening with a new
                    // speaker's label ("PENCE: …") is a quotation of its own.
                    && !opens_with_label(&text[n.range.clone()])
            });
            if !continues {
                if o.fam != Family::Single && plausible_start(text, o.at, art.block_at(o.at).map_or(base, |i| blocks[i].range.start)) && b.range.end > o.at + o.len {
                    // The closing mark is missing: the quotation ends
                    // with its paragraph.
                    out.push(o.at..b.range.end);
                }
                outer = None;
                nested = None;
            }
        }
        bi += 1;
    }
    out
}

/// True if a paragraph opens with a mark and a transcript speaker label:
/// `"PENCE: Thank you, …"`, `"SEN. GRAHAM: …"`.
fn opens_with_label(p: &str) -> bool {
    let t = p.trim_start();
    let Some(c) = t.chars().next() else { return false };
    let rest = &t[c.len_utf8()..];
    let label: String = rest.chars().take(30).take_while(|&x| x.is_ascii_uppercase() || matches!(x, ' ' | '.' | '-' | '\'')).collect();
    label.chars().filter(char::is_ascii_uppercase).count() >= 2 && rest[label.len()..].starts_with(':')
}

/// True if an unclosed opening mark sits where quotations start: the
/// paragraph start, or after a colon or comma.
fn plausible_start(text: &str, at: usize, block_start: usize) -> bool {
    let before = text[block_start..at].trim_end();
    before.is_empty() || before.ends_with(':') || before.ends_with(',')
}

const MINOR: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "but", "nor", "as",
    "vs", "vs.", "&", "is", "de", "la", "le", "du", "des", "der", "die", "das", "y", "el",
];

/// True if the quoted words are in title case ("Meet the Press", "This Week").
fn title_case(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let trimmed = inner.trim_end();
    if trimmed.ends_with(',') || trimmed.ends_with('?') || trimmed.ends_with('!') {
        return false;
    }
    // A full stop inside (not at the end) means a sentence, not a title.
    if trimmed.trim_end_matches('.').contains(". ") {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            return true;
        }
        if i > 0 && MINOR.contains(&w.to_lowercase().as_str()) {
            return true;
        }
        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// The last word before `at` (lower case) and whether it is a possessive.
fn word_before(text: &str, at: usize, floor: usize) -> (String, bool) {
    let s = text[floor..at].trim_end();
    let start = s.rfind(|c: char| c.is_whitespace() || c == '(').map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let w = &s[start..];
    let poss = w.ends_with("'s") || w.ends_with("’s") || (w.len() > 1 && (w.ends_with('\'') || w.ends_with('’')));
    (w.to_lowercase(), poss)
}

/// True if the quotation is a title of a work, show or bill.
fn is_title(text: &str, outer: &Range<usize>, inner: &str, block: &Range<usize>) -> bool {
    if !title_case(inner) {
        return false;
    }
    let w = Words::get();
    let (before, poss) = word_before(text, outer.start, block.start);
    if poss || w.title_before.contains(before.as_str()) {
        return true;
    }
    let after = text[outer.end..block.end].trim_start();
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .flat_map(char::to_lowercase)
        .collect();
    w.title_after.contains(next.as_str())
}

/// True if a short title-case quotation sits inside a noun phrase: a
/// nickname between a first name and a surname (`Dolores "Lola" Vance`) or a
/// name before the noun it modifies (`the "Hearts Of Oak" actress`,
/// `"Ted Cruz" campaign pins`). It belongs to the words around it (often a
/// speaker's mention), not a quotation (issue #2).
fn inside_noun_phrase(text: &str, outer: &Range<usize>, inner: &str, block: &Range<usize>) -> bool {
    let n = inner.split_whitespace().count();
    if n > 5 || !title_case(inner) || inner.trim_end().ends_with(['.', ',', '!', '?', ':', ';']) {
        return false;
    }
    let after = &text[outer.end..block.end];
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let next: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
    let Some(first) = next.chars().next() else { return false };
    let w = Words::get();
    if first.is_uppercase() {
        // A nickname: a capitalised word right before, one or two words
        // inside.
        let before = text[block.start..outer.start].strip_suffix(' ').unwrap_or("");
        let prev = before.rsplit(' ').next().unwrap_or("");
        // (Or an initial: Robert C. "Bobby" Scott.)
        let initial = prev.len() == 2 && prev.ends_with('.');
        let prev_name = prev.chars().next().is_some_and(char::is_uppercase) && (initial || prev.chars().all(char::is_alphabetic)) && !w.not_names.contains(prev);
        n <= 2 && prev_name && !w.not_names.contains(next.as_str())
    } else {
        let l = next.to_lowercase();
        w.role_nouns.contains_key(&l) || w.documents.contains(&l) || w.org_heads.contains(&l)
    }
}

/// True if the quotation is a scare quote or a mentioned word.
fn is_scare(text: &str, outer: &Range<usize>, inner: &str, block: &Range<usize>) -> bool {
    let words = inner.split_whitespace().count();
    if words == 0 || words > 3 || inner.trim_end().ends_with(['.', '!', '?', ',']) {
        return false;
    }
    let floor = outer.start.saturating_sub(40).max(block.start);
    let mut floor = floor;
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let before = text[floor..outer.start].trim_end().to_lowercase();
    Words::get().scare.iter().any(|s| {
        before.ends_with(s) && {
            let cut = before.len() - s.len();
            cut == 0 || !before[..cut].chars().next_back().is_some_and(char::is_alphanumeric)
        }
    })
}

/// A tweet's author line: "— Name (@handle) date". Returns (byte offset of
/// the dash, range of the name), relative to `s`.
fn author_line(s: &str) -> Option<(usize, Range<usize>)> {
    let at = s.rfind("(@")?;
    let close = s[at..].find(')')? + at;
    if !s[at + 2..close].chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let dash = s[..at].rfind(['—', '–', '-'])?;
    let dlen = s[dash..].chars().next().map_or(1, char::len_utf8);
    let name = &s[dash + dlen..at];
    let lead = name.len() - name.trim_start().len();
    let name_t = name.trim();
    if name_t.is_empty() || name_t.len() > 80 || name_t.contains('\n') {
        return None;
    }
    let ns = dash + dlen + lead;
    Some((dash, ns..ns + name_t.len()))
}

/// Trims whitespace (incl. no-break spaces) inside a range.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// Finds quotations.
pub fn find(art: &Article) -> Vec<QuoteSpan> {
    let text = art.text.as_str();
    let pairs = pair(art);
    let mut out: Vec<QuoteSpan> = Vec::with_capacity(pairs.len());
    // Blockquotes: embeds and whole-block quotations.
    let mut block_quotes: Vec<QuoteSpan> = Vec::new();
    for b in &art.blocks {
        if b.kind != BlockKind::Blockquote && !b.embed {
            continue;
        }
        let s = &text[b.range.clone()];
        if let Some((dash, name)) = author_line(s) {
            let inner = trim_range(text, b.range.start..b.range.start + dash);
            if !inner.is_empty() {
                block_quotes.push(QuoteSpan {
                    inner: strip_marks(text, inner.clone()),
                    outer: inner,
                    kind: QuoteKind::Embed,
                    author: Some(b.range.start + name.start..b.range.start + name.end),
                });
            }
        } else if !{
            // Pairs are in order and do not overlap.
            let i = pairs.partition_point(|p| p.end <= b.range.start);
            pairs.get(i).is_some_and(|p| p.start < b.range.end)
        } {
            let inner = trim_range(text, b.range.clone());
            if !inner.is_empty() {
                block_quotes.push(QuoteSpan { inner: inner.clone(), outer: inner, kind: QuoteKind::Block, author: None });
            }
        }
    }
    for p in pairs {
        let bq = block_quotes.partition_point(|q| q.outer.end < p.end);
        if block_quotes.get(bq).is_some_and(|q| q.outer.start <= p.start && p.end <= q.outer.end) {
            continue;
        }
        let open_len = text[p.start..].chars().next().map_or(1, char::len_utf8);
        let close_len = text[..p.end].chars().next_back().map_or(1, char::len_utf8);
        let closed = text[..p.end].chars().next_back().and_then(mark).is_some() && p.end - p.start > open_len;
        let inner_end = if closed { p.end - close_len } else { p.end };
        let inner = trim_range(text, p.start + open_len..inner_end);
        if inner.is_empty() {
            continue;
        }
        let itext = &text[inner.clone()];
        // A lone letter between marks ('n') is not a quotation.
        if itext.chars().filter(|c| c.is_alphanumeric()).take(2).count() < 2 {
            continue;
        }
        let bi = art.block_at(p.start);
        // A quotation running over several paragraphs ends past its first
        // block: stretch the range so slices after the quote stay in bounds
        // (panicked on junk input, tests/pathological.rs binary_junk).
        let brange = bi.map_or(0..text.len(), |i| art.blocks[i].range.start..art.blocks[i].range.end.max(p.end));
        let bkind = bi.map(|i| art.blocks[i].kind);
        if is_title(text, &p, itext, &brange) || is_scare(text, &p, itext, &brange) || inside_noun_phrase(text, &p, itext, &brange) {
            continue;
        }
        let kind = if bkind == Some(BlockKind::Blockquote) {
            QuoteKind::Block
        } else {
            direct_or_partial(text, &p, itext, &brange)
        };
        out.push(QuoteSpan { inner, outer: p, kind, author: None });
    }
    out.extend(block_quotes);
    out.sort_by_key(|q| q.outer.start);
    out
}

/// Removes enclosing quote marks from a block's text, if it has them.
fn strip_marks(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let first = s.chars().next();
    let last = s.chars().next_back();
    if let (Some(f), Some(l)) = (first, last) {
        if mark(f).is_some() && mark(l).is_some() && s.len() > f.len_utf8() + l.len_utf8() {
            return trim_range(text, r.start + f.len_utf8()..r.end - l.len_utf8());
        }
    }
    r
}

/// A quoted sentence or clause (direct) or a few quoted words inside the
/// reporter's sentence (partial).
fn direct_or_partial(text: &str, outer: &Range<usize>, inner: &str, block: &Range<usize>) -> QuoteKind {
    let before = text[block.start..outer.start].trim_end();
    let at_sentence_start = before.is_empty() || before.ends_with([':', '.', '!', '?', '—']);
    let first_upper = inner.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let words = inner.split_whitespace().count();
    let punct_end = inner.trim_end().ends_with(['.', '!', '?', ',', '…']);
    if (first_upper && (punct_end || words >= 4)) || (at_sentence_start && words >= 2) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Snapshot;

    fn quotes(s: &str) -> Vec<String> {
        let art = crate::article::extract(&Snapshot::from_text(s));
        find(&art).iter().map(|q| art.text[q.inner.clone()].to_string()).collect()
    }

    #[test]
    fn marks_pair() {
        assert_eq!(quotes("\"Hi there,\" she said."), vec!["Hi there,"]);
        assert_eq!(quotes("“Hi there,” she said. “Bye now.”"), vec!["Hi there,", "Bye now."]);
        assert_eq!(quotes("Er sagte: „Das ist gut.“"), vec!["Das ist gut."]);
        assert_eq!(quotes("Il a dit : « C’est fini. »"), vec!["C’est fini."]);
        assert_eq!(quotes("Il a dit «C’est fini.»"), vec!["C’est fini."]);
        assert_eq!(quotes("Er sagte: »Das ist gut.«"), vec!["Das ist gut."]);
        assert_eq!(quotes("彼は「ありがとう」と言った。"), vec!["ありがとう"]);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(quotes("It’s the ’90s and rock ’n’ roll, the voters’ choice."), Vec::<String>::new());
        assert_eq!(quotes("It's rock 'n' roll in the '90s."), Vec::<String>::new());
        assert_eq!(quotes("‘It’s over,’ she said of the ’90s."), vec!["It’s over,"]);
    }

    #[test]
    fn nested_stay_inside() {
        assert_eq!(quotes("“He told me ‘no way’ today,” she said."), vec!["He told me ‘no way’ today,"]);
    }

    #[test]
    fn multi_paragraph() {
        let q = quotes("“First part.\n\n“Second part.\n\n“Last part,” he said.");
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("First part.") && q[0].ends_with("Last part,"));
    }

    #[test]
    fn unbalanced_recovers_locally() {
        assert_eq!(quotes("\"Never closed, he said.\n\nShe said \"fine\" later."), vec!["Never closed, he said.", "fine"]);
        assert_eq!(quotes("Stray” mark. “Good,” she said."), vec!["Good,"]);
    }

    #[test]
    fn titles_and_scare_quotes_dropped() {
        assert_eq!(quotes("He said on NBC's \"Meet the Press.\""), Vec::<String>::new());
        assert_eq!(quotes("The so-called \"experts\" disagree."), Vec::<String>::new());
    }

    #[test]
    fn transcript_paragraphs_are_separate_quotations() {
        let q = quotes("\"WALLACE: Will she be there?\n\n\"PENCE: She will not.\n\nHe said.");
        assert_eq!(q, vec!["WALLACE: Will she be there?".to_string(), "PENCE: She will not.".to_string()]);
    }

    #[test]
    fn nicknames_and_name_modifiers_dropped() {
        assert_eq!(quotes("State Del. Dolores \"Lola\" Vance shouted."), Vec::<String>::new());
        assert_eq!(quotes("The \"Hearts Of Oak\" actress spoke."), Vec::<String>::new());
        // A partial quotation in title case before a verb stays.
        assert_eq!(quotes("He called her \"Crooked Hillary\" again."), vec!["Crooked Hillary".to_string()]);
    }

    #[test]
    fn many_marks_are_linear() {
        let s = "\"a ".repeat(100_000);
        let t = std::time::Instant::now();
        let _ = quotes(&s);
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }
}
