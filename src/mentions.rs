//! Stage 3: tokens, sentences and mentions.
//!
//! The article's text is cut once into word and punctuation tokens (byte
//! ranges); sentences are found on the reporter's text with every quotation
//! treated as one opaque unit. On top of that, this module reads noun
//! phrases next to a cue word — a name ("Secretary of State Rex
//! Tillerson"), a pronoun ("he"), a description ("the Republican lawmaker
//! of South Carolina") — and finds every capitalised name in the text for
//! the resolution stage. All work is local: a noun phrase is at most
//! [`MAX_NP`] tokens, so the cost is linear in the text.
//!
//! All spans are byte offsets into the article text.

use crate::words::Words;
use std::ops::Range;

/// The longest noun phrase read, in tokens.
pub const MAX_NP: usize = 10;

/// A token: a word (letters, digits, inner apostrophes, hyphens and
/// abbreviation periods: "U.S.", "Sen.", "it’s") or one punctuation char.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// True for words.
    pub word: bool,
}

/// Abbreviations that keep their final period (so the period is not a
/// sentence end).
fn keeps_period(w: &str) -> bool {
    let words = Words::get();
    let with_dot = format!("{w}.");
    if words.titles.contains_key(&with_dot) || words.states.contains_key(&with_dot) || words.not_names.contains(with_dot.as_str()) {
        return true;
    }
    // A party-state tag: "R-Ky.", "D-Calif.".
    if let Some(st) = w.strip_prefix("R-").or_else(|| w.strip_prefix("D-")).or_else(|| w.strip_prefix("I-")) {
        if words.states.contains_key(&format!("{st}.")) {
            return true;
        }
    }
    let single_initial = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
    single_initial
        || w.contains('.')
        || matches!(
            w,
            "Jr" | "Sr" | "St" | "Mt" | "Ft" | "No" | "vs" | "etc" | "Inc" | "Corp" | "Co" | "Ltd" | "a.m" | "p.m" | "Gen"
                | "Lt" | "Col" | "Sgt" | "Capt" | "Maj" | "Adm" | "Gov" | "Rep" | "Sen" | "Atty" | "Mr" | "Mrs" | "Ms"
                | "Dr" | "Prof" | "Rev" | "Sept" | "Calif" | "approx"
        )
}

/// A character that mis-decoded text leaves inside a word: C1 controls and
/// Latin-1 symbols (U+0080–U+00BF, but not the guillemets, the
/// no-break space) and combining marks.
fn mojibake(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{bf}' | '\u{300}'..='\u{36f}') && !matches!(c, '«' | '»' | '\u{a0}')
}

/// Cuts text into tokens. Linear.
///
/// An index walk (no peekable iterator) that steps over ASCII letters and
/// digits without decoding them: the tokenizer runs over every page's
/// whole text (issue #6, enginefast).
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    // The character at byte `k` (a char boundary below the length).
    let char_at = |k: usize| if b[k] < 0x80 { b[k] as char } else { text[k..].chars().next().unwrap_or('\u{fffd}') };
    let mut pos = 0;
    while pos < b.len() {
        let i = pos;
        let c = char_at(i);
        pos += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = pos;
            while end < b.len() {
                let j = end;
                if b[j].is_ascii_alphanumeric() {
                    end += 1;
                    continue;
                }
                let d = char_at(j);
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    continue;
                }
                // Inner apostrophes, hyphens, periods and ampersands join
                // when a letter or digit follows ("it’s", "then-candidate",
                // "U.S.", "AT&T").
                // A possessive plural: "the builders' union".
                if matches!(d, '\'' | '’') && text[i..j].ends_with('s') && text[j + d.len_utf8()..].starts_with(' ') && text[j + d.len_utf8() + 1..].chars().next().is_some_and(char::is_lowercase) {
                    end = j + d.len_utf8();
                    break;
                }
                // Mis-decoded letters ("FranÃÂ§ois", "TrÃ©vidic": UTF-8
                // read as Latin-1 leaves symbols and control characters
                // inside a name) and combining marks stay in the word.
                if mojibake(d) && text[j..].chars().take(8).find(|&x| !mojibake(x)).is_some_and(char::is_alphanumeric) {
                    end = j + d.len_utf8();
                    continue;
                }
                // "9/11", "24/7": a slash between digits.
                if d == '/' && text[i..j].bytes().all(|x| x.is_ascii_digit()) && text[j + 1..].starts_with(|x: char| x.is_ascii_digit()) {
                    end = j + 1;
                    continue;
                }
                if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                    let k = j + d.len_utf8();
                    let next = text[k..].chars().next();
                    if next.is_some_and(|n| n.is_alphanumeric()) && !(d == '.' && next.is_some_and(|n| n.is_lowercase()) && !text[i..j].contains('.') && text[i..j].chars().count() > 1) {
                        end = k;
                        continue;
                    }
                }
                break;
            }
            // A final period stays with an abbreviation.
            if b.get(end) == Some(&b'.') && keeps_period(&text[i..end]) {
                end += 1;
            }
            pos = end;
            out.push(Tok { range: i..end, word: true });
        } else {
            out.push(Tok { range: i..i + c.len_utf8(), word: false });
        }
    }
    out
}

/// Words that end a noun phrase read leftwards from a cue, or that cannot
/// start one: prepositions, conjunctions, auxiliaries, relatives.
pub const STOP: &[&str] = &[
    "that", "and", "but", "or", "because", "when", "while", "if", "as", "after", "before", "since", "so", "to", "in",
    "on", "at", "with", "by", "from", "into", "about", "than", "then", "is", "was", "were", "are", "be", "been",
    "being", "has", "had", "have", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does",
    "do", "who", "whom", "which", "what", "where", "why", "how", "not", "also", "it", "this", "there", "here", "once",
    "yet", "though", "although", "whether", "during", "against", "over", "under", "until", "through", "per", "via",
    "told", "said", "says", "say", "asked", "just", "even", "only", "still", "again", "later", "earlier", "now",
    "recently", "previously", "further", "however", "repeatedly", "already", "never", "ever", "always", "often",
    "quickly", "finally", "simply", "publicly", "privately", "reportedly", "separately", "himself", "herself",
    "themselves", "today", "yesterday", "tonight", "last", "week", "like", "unlike", "for", "of", "without", "despite",
    "amid", "among", "upon", "toward", "towards", "across", "around", "behind", "beyond",
    // French, German, Spanish prepositions and conjunctions.
    "et", "mais", "dans", "sur", "pour", "avec", "par", "au", "aux", "en", "qui", "que", "und", "aber", "am", "im",
    "um", "auf", "bei", "mit", "nach", "vor", "für", "zum", "zur", "vom", "y", "pero", "con", "por", "para", "sobre",
];

/// Words that may stand between a subject and its cue: adverbs and
/// auxiliaries ("Trump has also said", "he later told").
pub const BETWEEN: &[&str] = &[
    "has", "had", "have", "will", "would", "could", "also", "later", "then", "once", "again", "previously",
    "recently", "earlier", "further", "now", "still", "even", "often", "repeatedly", "already", "never", "ever",
    "always", "had", "has", "was", "is", "were", "are", "did", "does", "do", "first", "only", "just", "subsequently",
    "reportedly", "publicly", "privately", "separately", "simply", "finally", "quickly", "flatly", "bluntly",
    "angrily", "on", "not",
];

/// Determiners and quantifiers that open a description.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "two", "three", "four", "five", "several", "some", "many", "most", "other",
    "his", "her", "their", "its", "our", "both", "few", "all", "these", "those", "each", "no", "this", "le", "la", "les",
    "un", "une", "der", "die", "das", "ein", "eine", "el", "los", "las", "una", "uno",
];

/// A determiner, or a German number word or quantifier
/// (`data/words/quantifiers.tsv`: "Zwei Kilometer", "Einige Landsleute"),
/// given in lower case: it opens a description, not a name.
#[inline(never)]
pub fn determiner(l: &str) -> bool {
    DETERMINERS.contains(&l) || crate::words::quantifier(l)
}

/// Quantifiers that stand alone as a group of speakers ("most said").
const LONE_QUANTIFIERS: &[&str] = &["most", "many", "some", "several", "both", "others", "another", "few", "all"];

/// Days and months, which may modify a noun ("a Sunday editorial").
const DAYS_MONTHS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June", "July",
    "August", "September", "October", "November", "December",
];

/// True for a count: digits or a small number word ("mother of three").
fn is_count(l: &str) -> bool {
    (!l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
        || matches!(l, "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "eleven" | "twelve")
}

/// True for a word starting with an upper-case letter (or a digit-led
/// proper name like "3M").
pub fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A surname with a lower-case Arabic article ("al-Shahristani",
/// "el-Sisi"): part of a name run after a first name, never its start.
pub fn particle_surname(w: &str) -> bool {
    (w.starts_with("al-") || w.starts_with("el-")) && w[3..].starts_with(|c: char| c.is_uppercase())
}

/// An all-capitals dateline opening a paragraph (`GREEN BAY, Wis. —`,
/// `WASHINGTON —`, `KABUL (AP) —`): the name tokens `r` (at least three
/// letters, none lower case) start a line and a dash or a parenthesis
/// follows, or a comma and a state or country (`Wis.`, `Afghanistan`; not
/// a heading's next words in capitals: `EBOLA SURVIVORS, THROUGH THE
/// LENS`). It places the story; it names no one.
#[inline(never)]
pub fn caps_dateline(text: &str, toks: &[Tok], r: &Range<usize>) -> bool {
    let (Some(first), Some(next), Some(then)) = (toks.get(r.start), toks.get(r.end), toks.get(r.end + 1)) else { return false };
    let b = text.as_bytes();
    let run = &b[first.range.start..next.range.start];
    // (A dash: "-", or "—" and "–", which start with byte E2.)
    (first.range.start == 0 || b[first.range.start - 1] == b'\n')
        && !run.iter().any(u8::is_ascii_lowercase)
        && run.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 3
        && match b[next.range.start] {
            b'-' | b'(' | 0xe2 => true,
            b',' => b[then.range.start].is_ascii_uppercase() && b[then.range.clone()].iter().any(u8::is_ascii_lowercase),
            _ => false,
        }
}

/// Lower-cased copy.
pub fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// The article's tokens and sentences.
#[derive(Debug, Default)]
pub struct Doc {
    /// Tokens in text order.
    pub toks: Vec<Tok>,
    /// Sentences (byte ranges, in order, not overlapping). Quotations are
    /// opaque: a sentence never ends inside one.
    pub sentences: Vec<Range<usize>>,
}

impl Doc {
    /// Index of the first token starting at or after `byte`.
    pub fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.range.start < byte)
    }
    /// Index of the sentence containing `byte` (or the last one before it).
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= byte);
        if i < self.sentences.len() && self.sentences[i].start <= byte {
            Some(i)
        } else {
            i.checked_sub(1)
        }
    }
}

/// Builds tokens and sentences. `blocks` are the article's block ranges,
/// `quotes` the quotations' outer ranges (sorted). Linear.
pub fn analyse(text: &str, blocks: &[Range<usize>], quotes: &[Range<usize>]) -> Doc {
    let toks = tokenize(text);
    let mut sentences = Vec::new();
    let mut qi = 0;
    let mut bi = 0;
    let mut start: Option<usize> = None;
    // End of the last quotation jumped over (a block ending inside it does
    // not end the sentence).
    let mut quote_end = 0;
    let mut ti = 0;
    while ti < toks.len() {
        let t = &toks[ti];
        // Skip to the block holding this token.
        while bi < blocks.len() && blocks[bi].end <= t.range.start {
            // Block end: a sentence ends unless a quotation runs on.
            if let Some(s) = start {
                let in_quote = (qi < quotes.len() && quotes[qi].start < blocks[bi].end && quotes[qi].end > blocks[bi].end) || quote_end > blocks[bi].end;
                if !in_quote {
                    sentences.push(s..blocks[bi].end);
                    start = None;
                }
            }
            bi += 1;
        }
        while qi < quotes.len() && quotes[qi].end <= t.range.start {
            qi += 1;
        }
        if start.is_none() {
            start = Some(t.range.start);
        }
        if qi < quotes.len() && quotes[qi].start <= t.range.start {
            // Inside a quotation: jump past it.
            let q = quotes[qi].clone();
            quote_end = q.end;
            ti = toks.partition_point(|x| x.range.start < q.end);
            // A quotation ending with . ! ? before a capital (or a new
            // quotation, or the block end) ends the sentence.
            // Only closing marks and spaces are stripped: "…go!!!," and
            // "…the U.S.," end with a comma, so the sentence goes on.
            let inner_end = text[..q.end].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | '»' | '«' | '“' | '」' | '』' | '›'));
            let ends = inner_end.ends_with(['.', '!', '?', '…']);
            let next = text[q.end..].chars().find(|c| !c.is_whitespace() || *c == '\n');
            if ends && next.is_none_or(|c| c.is_uppercase() || c == '\n' || c == '"' || c == '“' || c == '‘' || c == '«') {
                if let Some(s) = start.take() {
                    sentences.push(s..q.end);
                }
            }
            qi += 1;
            continue;
        }
        let w = &text[t.range.clone()];
        if !t.word && matches!(w, "." | "!" | "?") {
            let next = text[t.range.end..].chars().find(|c| !c.is_whitespace() || *c == '\n');
            if next.is_none_or(|c| c.is_uppercase() || c == '\n' || c == '"' || c == '“' || c == '‘' || c.is_numeric()) {
                if let Some(s) = start.take() {
                    sentences.push(s..t.range.end);
                }
            }
        }
        ti += 1;
    }
    if let Some(s) = start {
        sentences.push(s..text.len());
    }
    Doc { toks, sentences }
}

/// What a noun phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// A personal pronoun.
    Pronoun,
    /// Capitalised words: a name (or an organisation's name).
    Name,
    /// A description: "the senator", "a White House official".
    Description,
}

/// A noun phrase found next to a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Np {
    /// Byte range of the phrase.
    pub range: Range<usize>,
    /// First and one-past-last token index.
    pub toks: Range<usize>,
    /// Pronoun, name or description.
    pub kind: NpKind,
}

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.range.clone()]
}

/// True for a word that can be part of a name run.
fn name_word(w: &str) -> bool {
    // French elision before a name: "l'Elysée", "d'Artagnan".
    let w = if matches!(w.as_bytes().first(), Some(b'l' | b'd' | b'L' | b'D')) { ["l'", "l’", "d'", "d’", "L'", "L’", "D'", "D’"].iter().find_map(|p| w.strip_prefix(p)).unwrap_or(w) } else { w };
    is_cap(w) || w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.chars().any(|c| c.is_alphabetic())
}

// (Not "der": "von der Leyen" is read elsewhere, and "Überqueren der
// Grenze", "Betreten der Baustelle" are German nouns, no names; badge
// audit 5.)
const CONNECT: &[&str] = &["of", "de", "van", "von", "al", "bin", "la", "le", "du", "da", "dos", "del", "di", "for"];

/// "von der Leyen", "van der Bellen": a Dutch or German particle pair
/// and a capitalised word, a name that may open the mention in lower
/// case. True at the particle `von`/`van` (`pair_second` false) or at its
/// `der`/`den` (true).
#[inline(never)]
pub fn particle_pair(text: &str, toks: &[Tok], i: usize, pair_second: bool) -> bool {
    let at = |k: usize| toks.get(k).filter(|t| t.word).map(|t| word(text, t));
    let vo = |x: &str| x.eq_ignore_ascii_case("von") || x.eq_ignore_ascii_case("van");
    let de = |x: &str| matches!(x, "der" | "den");
    let first = if pair_second { i.checked_sub(1) } else { Some(i) };
    first.is_some_and(|f| at(f).is_some_and(vo) && at(f + 1).is_some_and(de) && at(f + 2).is_some_and(|x| name_word(x) && is_cap(x)))
}

/// The noun phrase ending just before token `end` (exclusive), not reaching
/// before token `floor`. Used for "X said", "X, who ..., said".
pub fn np_left(text: &str, toks: &[Tok], end: usize, floor: usize) -> Option<Np> {
    np_left_with(text, toks, end, floor, false)
}

/// [`np_left`]; with `lenient`, a lower-case description needs no known
/// head noun (for places where the pattern alone is strong evidence:
/// `"…," the gambling tycoon told Reuters`).
pub fn np_left_with(text: &str, toks: &[Tok], end: usize, floor: usize, lenient: bool) -> Option<Np> {
    let w = Words::get();
    let np = np_left_core(text, toks, end, floor, lenient);
    let person_head = |n: &Np| {
        let head = lower(word(text, &toks[n.toks.end - 1]));
        n.kind != NpKind::Pronoun && (w.anonymous.contains(&head) || w.role_nouns.contains_key(&head))
    };
    match &np {
        // "FactWatch rated 40% of Democratic claims": a party adjective
        // alone is no speaker.
        Some(n) if n.kind == NpKind::Name && n.toks.len() == 1 && matches!(word(text, &toks[n.toks.start]), "Republican" | "Democratic" | "Democrat") => None,
        // "Officials at the Bureau of Land Records said", "a
        // spokeswoman for the agency said": a person noun and a
        // prepositional phrase.
        Some(n) if n.kind != NpKind::Pronoun => {
            let s = n.toks.start;
            if s >= floor + 2 && toks[s - 1].word && matches!(lower(word(text, &toks[s - 1])).as_str(), "at" | "of" | "for" | "from" | "with" | "in") {
                if let Some(h) = np_left_core(text, toks, s - 1, floor, false).filter(|h| person_head(h)) {
                    return Some(Np { range: h.range.start..n.range.end, toks: h.toks.start..n.toks.end, kind: NpKind::Description });
                }
            }
            np
        }
        Some(_) => np,
        // "Protesters crossing the bridge chanted": a person noun
        // and a participle phrase.
        None => {
            let mut k = end;
            while k > floor + 1 && end - k < 8 && toks[k - 1].word {
                k -= 1;
                let l = word(text, &toks[k]);
                if l.len() > 4 && l.ends_with("ing") && !is_cap(l) {
                    return np_left_core(text, toks, k, floor, false).filter(|h| person_head(h));
                }
            }
            None
        }
    }
}

fn np_left_core(text: &str, toks: &[Tok], end: usize, floor: usize, lenient: bool) -> Option<Np> {
    let w = Words::get();
    if end == 0 || end <= floor {
        return None;
    }
    let last = &toks[end - 1];
    if !last.word {
        return None;
    }
    let lw = word(text, last);
    let ll = lower(lw);
    if let Some(p) = w.pronouns.get(&ll) {
        let _ = p;
        return Some(Np { range: last.range.clone(), toks: end - 1..end, kind: NpKind::Pronoun });
    }
    // "the 41-year-old father of two", "a father of two": a count after
    // "of" ends the phrase.
    if end >= floor + 3 && is_count(&ll) && lower(word(text, &toks[end - 2])) == "of" {
        let np = np_left_core(text, toks, end - 2, floor, lenient)?;
        if np.kind == NpKind::Pronoun {
            return None;
        }
        return Some(Np { range: np.range.start..last.range.end, toks: np.toks.start..end, kind: NpKind::Description });
    }
    // "About three in 10 said", "two in three": a share of those asked.
    if end >= floor + 3 && is_count(&ll) && lower(word(text, &toks[end - 2])) == "in" && is_count(&lower(word(text, &toks[end - 3]))) {
        let mut s = end - 3;
        if s > floor && matches!(lower(word(text, &toks[s - 1])).as_str(), "about" | "nearly" | "almost" | "roughly" | "some" | "only" | "just") {
            s -= 1;
        }
        return Some(Np { range: toks[s].range.start..last.range.end, toks: s..end, kind: NpKind::Description });
    }
    // A lone quantifier opening its clause: "most said", ", but many
    // argue".
    if LONE_QUANTIFIERS.contains(&ll.as_str()) {
        let boundary = end - 1 == floor || !toks[end - 2].word || matches!(lower(word(text, &toks[end - 2])).as_str(), "and" | "but" | "yet" | "while" | "though" | "although" | "whereas");
        return boundary.then(|| Np { range: last.range.clone(), toks: end - 1..end, kind: NpKind::Description });
    }
    if STOP.contains(&ll.as_str()) || determiner(&ll) {
        return None;
    }
    let mut i = end - 1;
    let mut caps = 0;
    let mut lowers = 0;
    let mut has_det = false;
    loop {
        let t = &toks[i];
        let tw = word(text, t);
        let tl = lower(tw);
        if !t.word {
            // Dolores "Lola" Vance: a nickname inside the name.
            if let Some(s) = nickname_start(text, toks, i).filter(|&s| s > floor && end - s < MAX_NP) {
                i = s - 1;
                continue;
            }
            i += 1;
            break;
        }
        if particle_pair(text, toks, i, true) && i > floor {
            i -= 1;
            continue;
        }
        if particle_pair(text, toks, i, false) && (i == floor || !toks[i - 1].word || !name_word(word(text, &toks[i - 1]))) {
            // "…, von der Leyen said": the particle opens the name.
            break;
        }
        if determiner(&tl) {
            // "Tom Harris of the builders' union": "of the" inside a phrase
            // headed by a name.
            let inner = i >= floor + 2 && i >= 2 && matches!(lower(word(text, &toks[i - 1])).as_str(), "of" | "at" | "for") && toks[i - 2].word && name_word(word(text, &toks[i - 2])) && !w.not_names.contains(word(text, &toks[i - 2]));
            if inner && end - i < MAX_NP {
                i -= 1;
                continue;
            }
            has_det = true;
            break;
        }
        // ("al-Shahristani said": a particle surname alone is a name too;
        // audit 7.)
        if name_word(tw) || particle_surname(tw) {
            if w.not_names.contains(tw) && !w.titles.contains_key(tw) {
                // "The" opens a name ("The Post"); other sentence words end
                // the run.
                if tl == "the" {
                    has_det = true;
                } else {
                    i += 1;
                }
                break;
            }
            caps += 1;
        } else if CONNECT.contains(&tl.as_str()) {
            // "of" inside a phrase: only between two parts of it.
            if i + 1 >= end || i == floor || !toks[i - 1].word {
                i += 1;
                break;
            }
        } else if STOP.contains(&tl.as_str()) || w.pronouns.contains_key(&tl) {
            i += 1;
            break;
        } else {
            lowers += 1;
        }
        if end - i >= MAX_NP || i == floor {
            break;
        }
        i -= 1;
    }
    if i > end - 1 {
        // The word next to the cue is itself no part of a phrase.
        return None;
    }
    let mut start = i;
    // Trim a leading connector.
    // (Only a lower-case one: "Di Li" keeps its "Di".)
    let particle = particle_pair(text, toks, start, false);
    while start < end && !has_det && !particle && CONNECT.contains(&word(text, &toks[start])) {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let first = word(text, &toks[start]);
    let kind = if has_det || lowers > 0 || !(name_word(first) || particle || particle_surname(first)) {
        NpKind::Description
    } else {
        NpKind::Name
    };
    if kind == NpKind::Description && caps == 0 && lowers == 0 {
        return None;
    }
    // A lower-case phrase needs a known head noun ("the senator",
    // "officials", "the campaign"); otherwise it is likely a clause.
    if kind == NpKind::Description && !is_cap(lw) && !lenient {
        let inner_role = toks[start..end].iter().any(|t| {
            let x = lower(word(text, t));
            w.role_nouns.contains_key(&x) || w.anonymous.contains(&x)
        });
        let head_ok = inner_role
            || w.role_nouns.contains_key(&ll)
            || w.documents.contains(&ll)
            || w.anonymous.contains(&ll)
            || w.org_heads.contains(lw)
            || w.org_heads.contains(&ll)
            || ll.ends_with("ers")
            || ll.ends_with("ists")
            || ll.ends_with("ans")
            || ll.ends_with("ants")
            // "those surveyed", "those polled".
            || (end - start == 2 && lower(word(text, &toks[start])) == "those" && ll.ends_with("ed"))
            || ll.ends_with("ents")
            // An agent noun after a determiner: "the announcer", "a
            // narrator", "the activist", "a historian".
            || (has_det && ll.len() > 5 && (ll.ends_with("er") || ll.ends_with("or") || ll.ends_with("ist") || ll.ends_with("ian")));
        if !head_ok {
            return None;
        }
    }
    Some(Np { range: toks[start].range.start..last.range.end, toks: start..end, kind })
}

/// The noun phrase starting at token `start`, not reaching token `ceil`.
/// Used for "said X", "according to X" and sentence subjects.
pub fn np_right(text: &str, toks: &[Tok], start: usize, ceil: usize) -> Option<Np> {
    let w = Words::get();
    if start >= ceil || start >= toks.len() || !toks[start].word {
        return None;
    }
    let fw = word(text, &toks[start]);
    let fl = lower(fw);
    if w.pronouns.contains_key(&fl) {
        return Some(Np { range: toks[start].range.clone(), toks: start..start + 1, kind: NpKind::Pronoun });
    }
    let has_det = determiner(&fl);
    // A lower-case start ("pollster Frank Luntz", "former congressman
    // Barney Frank") reads like a description without an article.
    let lower_start = !has_det && !name_word(fw) && !STOP.contains(&fl.as_str());
    if !has_det && !lower_start && (!name_word(fw) || (w.not_names.contains(fw) && !w.titles.contains_key(fw))) {
        return None;
    }
    let has_det = has_det || lower_start;
    let skip_first = usize::from(has_det && !lower_start);
    let mut i = start + skip_first;
    // "one of those aides", "some of the marchers": a quantifier,
    // "of" and an optional determiner before the head.
    if skip_first == 1 && (LONE_QUANTIFIERS.contains(&fl.as_str()) || is_count(&fl) || fl == "one") && i + 1 < ceil.min(toks.len()) && lower(word(text, &toks[i])) == "of" {
        i += 1;
        if DETERMINERS.contains(&lower(word(text, &toks[i])).as_str()) {
            i += 1;
        }
    }
    // "a Sunday editorial": a day or month after the determiner.
    let modifier_day = |k: usize| {
        k == start + 1 && skip_first == 1 && toks.get(k + 1).is_some_and(|n| n.word && !is_cap(word(text, n))) && DAYS_MONTHS.contains(&word(text, &toks[k]))
    };
    let mut last_good: Option<usize> = None;
    let mut lowers = 0;
    while i < ceil.min(toks.len()) && i - start < MAX_NP {
        let t = &toks[i];
        let tw = word(text, t);
        let tl = lower(tw);
        if !t.word {
            if let Some(k) = nickname_end(text, toks, i).filter(|&k| k < ceil) {
                i = k;
                continue;
            }
            // "Trump's" is one token; a lone period of an abbreviation too.
            break;
        }
        if name_word(tw) {
            if modifier_day(i) {
                i += 1;
                continue;
            }
            if w.not_names.contains(tw) && !w.titles.contains_key(tw) {
                break;
            }
            last_good = Some(i);
        } else if CONNECT.contains(&tl.as_str()) && last_good.is_some() {
            // Continue only if a capitalised word (or "the") follows.
            let nx = toks.get(i + 1).map(|t| word(text, t)).unwrap_or("");
            if !(name_word(nx) || nx == "the") {
                break;
            }
        } else if tl == "the" && i > start && CONNECT.contains(&lower(word(text, &toks[i - 1])).as_str()) {
        } else if STOP.contains(&tl.as_str()) || w.pronouns.contains_key(&tl) {
            break;
        } else {
            // Lower-case words belong to descriptions only, and only up to
            // a head noun — or before a name ("Campaign chair Paul
            // Manafort", "Band member Flea").
            if !has_det && last_good.is_some() {
                let next_cap = toks.get(i + 1).is_some_and(|n| n.word && name_word(word(text, n)) && !w.not_names.contains(word(text, n)));
                let role_like = w.role_nouns.contains_key(&tl)
                    || w.anonymous.contains(&tl)
                    || ["member", "host", "anchor", "star", "pollster", "activist", "delegate", "commentator", "columnist", "correspondent", "founder", "nominee", "chief", "coach"].contains(&tl.as_str())
                    || tl.ends_with("er")
                    || tl.ends_with("or")
                    || tl.ends_with("ist");
                // (Not a German article: "Betreten der Baustelle".)
                if next_cap && role_like && i - start < 4 && !DETERMINERS.contains(&tl.as_str()) {
                    i += 1;
                    continue;
                }
                // "Water policy experts", "Trump supporters",
                // "Democratic senators": one capitalised word modifying
                // a lower-case head that names people.
                if last_good == Some(start) && !fw.ends_with("ing") {
                    let lim = (i + 3).min(ceil.min(toks.len()));
                    let head = (i..lim)
                        .take_while(|&k| {
                            let l = lower(word(text, &toks[k]));
                            // Modifiers only: no verb ("Netanyahu rallied
                            // supporters"), no determiner.
                            toks[k].word && !is_cap(word(text, &toks[k])) && !STOP.contains(&l.as_str()) && !DETERMINERS.contains(&l.as_str()) && !l.ends_with("ed") && !w.is_cue_word(&l)
                        })
                        .find(|&k| {
                            let l = lower(word(text, &toks[k]));
                            w.anonymous.contains(&l) && (l.ends_with('s') || l == "people")
                        });
                    if let Some(k) = head {
                        last_good = Some(k);
                        lowers += 1;
                    }
                }
                break;
            }
            lowers += 1;
            if w.role_nouns.contains_key(&tl) || w.anonymous.contains(&tl) || w.org_heads.contains(&tl) || w.documents.contains(&tl) {
                last_good = Some(i);
            } else if lowers > 3 {
                break;
            } else if last_good.is_some_and(|g| !name_word(word(text, &toks[g]))) || (last_good.is_some() && tl.len() > 3 && tl.ends_with("ed")) {
                // A word after the head is the verb ("the groups granted
                // Mr. Clarke …"): the phrase ended at the head.
                lowers -= 1;
                break;
            }
        }
        i += 1;
    }
    let last = last_good?;
    // "The Courier's Anna Brook", "the Ledger's Tom Ruiz": a possessor
    // before a name; the phrase is the name.
    let possessed_name = skip_first == 1 && lowers == 0 && last > start + 2 && {
        let p = word(text, &toks[start + 1]);
        is_cap(p) && (p.ends_with("'s") || p.ends_with("’s")) && (start + 2..=last).all(|k| is_cap(word(text, &toks[k])))
    };
    let kind = if (has_det || lowers > 0) && !possessed_name { NpKind::Description } else { NpKind::Name };
    Some(Np { range: toks[start].range.start..toks[last].range.end, toks: start..last + 1, kind })
}

/// A transcript's speaker label opening a quotation (`"PENCE: Thank you, and
/// …"`): one or two words in capitals and a colon, at the start of the
/// byte range `inner`.
pub fn transcript_label(text: &str, toks: &[Tok], inner: &Range<usize>) -> Option<Np> {
    let i = toks.partition_point(|t| t.range.start < inner.start);
    let caps = |t: &Tok| {
        let w = word(text, t);
        t.word && w.trim_end_matches('.').len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.' || c == '-') && w.chars().filter(char::is_ascii_uppercase).count() >= 2
    };
    let mut e = i;
    while e < toks.len() && e - i < 3 && toks[e].range.end <= inner.end && caps(&toks[e]) {
        e += 1;
    }
    if e == i {
        return None;
    }
    toks.get(e).filter(|t| t.range.end <= inner.end && word(text, t) == ":")?;
    // Not a heading word ("UPDATE:", "BREAKING:").
    let label = &text[toks[i].range.start..toks[e - 1].range.end];
    if matches!(label, "UPDATE" | "UPDATED" | "BREAKING" | "NOTE" | "EDITOR'S NOTE" | "WATCH" | "VIDEO" | "CORRECTION" | "EXCLUSIVE" | "ALERT" | "WARNING" | "READ MORE" | "Q" | "A") {
        return None;
    }
    Some(Np { range: toks[i].range.start..toks[e - 1].range.end, toks: i..e, kind: NpKind::Name })
}

fn is_mark(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’")
}

/// If a nickname in quote marks opens at token `i` (`Dolores "Lola" Vance`,
/// `Robert C. "Bobby" Scott`): one past its closing mark. The nickname is
/// one or two capitalised words between a name word and a name word.
pub fn nickname_end(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    if t.word || i == 0 || !is_mark(word(text, t)) || !toks[i - 1].word || !is_cap(word(text, &toks[i - 1])) {
        return None;
    }
    let mut k = i + 1;
    while k < toks.len() && k - i <= 2 && toks[k].word && is_cap(word(text, &toks[k])) {
        k += 1;
    }
    let close = toks.get(k)?;
    if k == i + 1 || close.word || !is_mark(word(text, close)) {
        return None;
    }
    let next = toks.get(k + 1)?;
    (next.word && name_word(word(text, next)) && !Words::get().not_names.contains(word(text, next))).then_some(k + 1)
}

/// The opening mark of a nickname whose closing mark is token `j`.
pub fn nickname_start(text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    (1..=2).filter(|&n| j > n).map(|n| j - n - 1).find(|&i| nickname_end(text, toks, i) == Some(j + 1))
}

/// A capitalised name run in the reporter's text, for resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRun {
    /// First and one-past-last token.
    pub toks: Range<usize>,
    /// Byte range.
    pub range: Range<usize>,
}

/// Every run of capitalised words (with inner connectors) outside
/// quotations. Linear.
pub fn name_runs(text: &str, toks: &[Tok], quotes: &[Range<usize>]) -> Vec<NameRun> {
    let w = Words::get();
    let mut out = Vec::new();
    let mut i = 0;
    let mut qi = 0;
    while i < toks.len() {
        let t = &toks[i];
        while qi < quotes.len() && quotes[qi].end <= t.range.start {
            qi += 1;
        }
        if qi < quotes.len() && quotes[qi].start <= t.range.start {
            i = toks.partition_point(|x| x.range.start < quotes[qi].end);
            continue;
        }
        let tw = word(text, t);
        if !t.word || !name_word(tw) || (w.not_names.contains(tw) && !w.titles.contains_key(tw)) || w.is_cue_word(&lower(tw)) {
            i += 1;
            continue;
        }
        let s = i;
        let mut e = i + 1;
        while e < toks.len() && e - s < 12 {
            let x = &toks[e];
            if x.range.start > toks[e - 1].range.end + 1 || text[toks[e - 1].range.end..x.range.start].contains('\n') {
                break;
            }
            if qi < quotes.len() && quotes[qi].start <= x.range.start {
                break;
            }
            if let Some(k) = nickname_end(text, toks, e) {
                e = k;
                continue;
            }
            let xw = word(text, x);
            if x.word && (name_word(xw) && (w.titles.contains_key(xw) || !w.not_names.contains(xw)) || particle_surname(xw)) {
                e += 1;
            } else if x.word && CONNECT.contains(&xw) && toks.get(e + 1).is_some_and(|n| n.word && name_word(word(text, n))) {
                e += 2;
            } else if w.first_names.contains_key(word(text, &toks[e - 1])) && particle_pair(text, toks, e, false) {
                // "Ursula von der Leyen" (a first name before the particles:
                // not "Kritik von der Opposition").
                e += 3;
            } else {
                break;
            }
        }
        out.push(NameRun { toks: s..e, range: toks[s].range.start..toks[e - 1].range.end });
        i = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written (a peekable char iterator): the
    /// index walk must cut the same tokens.
    fn tokenize_reference(text: &str) -> Vec<Tok> {
        let mut out = Vec::with_capacity(text.len() / 5);
        let b = text.as_bytes();
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() {
                        end = j + d.len_utf8();
                        it.next();
                        continue;
                    }
                    // Inner apostrophes, hyphens, periods and ampersands join
                    // when a letter or digit follows ("it’s", "then-candidate",
                    // "U.S.", "AT&T").
                    // A possessive plural: "the builders' union".
                    if matches!(d, '\'' | '’') && text[i..j].ends_with('s') && text[j + d.len_utf8()..].starts_with(' ') && text[j + d.len_utf8() + 1..].chars().next().is_some_and(char::is_lowercase) {
                        it.next();
                        end = j + d.len_utf8();
                        break;
                    }
                    // Mis-decoded letters ("FranÃÂ§ois", "TrÃ©vidic": UTF-8
                    // read as Latin-1 leaves symbols and control characters
                    // inside a name) and combining marks stay in the word.
                    if mojibake(d) && text[j..].chars().take(8).find(|&x| !mojibake(x)).is_some_and(char::is_alphanumeric) {
                        it.next();
                        end = j + d.len_utf8();
                        continue;
                    }
                    // "9/11", "24/7": a slash between digits.
                    if d == '/' && text[i..j].bytes().all(|x| x.is_ascii_digit()) && text[j + 1..].starts_with(|x: char| x.is_ascii_digit()) {
                        it.next();
                        end = j + 1;
                        continue;
                    }
                    if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                        let k = j + d.len_utf8();
                        let next = text[k..].chars().next();
                        if next.is_some_and(|n| n.is_alphanumeric()) && !(d == '.' && next.is_some_and(|n| n.is_lowercase()) && !text[i..j].contains('.') && text[i..j].chars().count() > 1) {
                            it.next();
                            end = k;
                            continue;
                        }
                    }
                    break;
                }
                // A final period stays with an abbreviation.
                if b.get(end) == Some(&b'.') && keeps_period(&text[i..end]) {
                    end += 1;
                    it.next();
                }
                out.push(Tok { range: i..end, word: true });
            } else {
                out.push(Tok { range: i..i + c.len_utf8(), word: false });
            }
        }
        out
    }

    #[test]
    fn tokenize_matches_the_reference() {
        let pieces = [
            "Sen.", " ", "U.S.", "it’s", "builders' union", "builders' Union", "9/11", "24/7", "a/b", "AT&T", "then-candidate", "FranÃÂ§ois", "é", "e\u{301}",
            "Trump", "said", ",", ".", "\u{a0}", "\n", "“", "”", "'", "’s", "R-Ky.", "Mr", "Jr", "x.y", "a.b.c", "Gov.", "3M", "😀", "İ", "ǅ", "-", "&", "/",
            "\u{80}", "\u{bf}", "«", "»", "abc", "ABC", "s", "'", "etc", "ok.", "Calif.", "No.", "\t", "ß",
        ];
        let mut seed = 987654321u64;
        for round in 0..600 {
            let mut t = String::new();
            for _ in 0..(round % 40) + 1 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(tokenize(&t), tokenize_reference(&t), "{t:?}");
        }
    }

    fn left(s: &str, cue: &str) -> Option<String> {
        let toks = tokenize(s);
        let ci = toks.iter().position(|t| &s[t.range.clone()] == cue)?;
        let mut e = ci;
        while e > 0 && BETWEEN.contains(&&s[toks[e - 1].range.clone()]) {
            e -= 1;
        }
        np_left(s, &toks, e, 0).map(|n| s[n.range].to_string())
    }

    #[test]
    fn all_capitals_datelines() {
        let at = |s: &str, n: usize| {
            let toks = tokenize(s);
            let i = toks.iter().position(|t| t.word && s[t.range.clone()].len() > 1).unwrap();
            caps_dateline(s, &toks, &(i..i + n))
        };
        assert!(at("GREEN BAY, Wis. -- It was late.", 2) && at("x\nWASHINGTON — The bill", 1) && at("KABUL, Afghanistan (AP) —", 1));
        // A heading in capitals, a name in capitals mid-line, a transcript
        // label, a short acronym: no dateline.
        assert!(!at("EBOLA SURVIVORS, THROUGH THE LENS", 2) && !at("As WASHINGTON — the city", 1) && !at("PENCE: Thank you", 1) && !at("US — a deal", 1));
    }

    #[test]
    fn particle_surnames() {
        assert!(particle_surname("al-Shahristani") && particle_surname("el-Sisi"));
        assert!(!particle_surname("al-") && !particle_surname("also") && !particle_surname("el-niño"));
    }

    #[test]
    fn tokens_keep_abbreviations() {
        let s = "Sen. Lindsey Graham (R-S.C.) said it’s 9 p.m. in the U.S. Then.";
        let toks: Vec<&str> = tokenize(s).iter().map(|t| &s[t.range.clone()]).collect();
        assert!(toks.contains(&"Sen.") && toks.contains(&"R-S.C.") && toks.contains(&"it’s") && toks.contains(&"U.S."));
    }

    #[test]
    fn transcript_labels() {
        let s = "PENCE: Thank you. UPDATE: none. Pence: no.";
        let toks = tokenize(s);
        let np = transcript_label(s, &toks, &(0..s.len())).map(|n| s[n.range].to_string());
        assert_eq!(np.as_deref(), Some("PENCE"));
        assert_eq!(transcript_label(s, &toks, &(19..s.len())), None);
        assert_eq!(transcript_label(s, &toks, &(34..s.len())), None);
    }

    #[test]
    fn tokens_keep_misdecoded_names_and_digit_slashes() {
        let s = "French President Fran\u{c3}\u{83}\u{c2}\u{a7}ois Hollande, a 9/11 widow, said «non»";
        let toks: Vec<&str> = tokenize(s).iter().map(|t| &s[t.range.clone()]).collect();
        assert!(toks.contains(&"Fran\u{c3}\u{83}\u{c2}\u{a7}ois") && toks.contains(&"9/11"), "{toks:?}");
        assert!(toks.contains(&"«") && toks.contains(&"non") && toks.contains(&"»"), "{toks:?}");
        // A long run of stray symbols after a letter is not one word.
        let s = format!("a{}b", "\u{a7}".repeat(20));
        assert!(tokenize(&s).len() > 2);
    }

    #[test]
    fn noun_phrases_left_of_cue() {
        assert_eq!(left("Secretary of State Rex Tillerson later said that", "said").as_deref(), Some("Secretary of State Rex Tillerson"));
        assert_eq!(left("\"No,\" the Republican lawmaker of South Carolina said on TV", "said").as_deref(), Some("the Republican lawmaker of South Carolina"));
        assert_eq!(left("But a senior White House official said", "said").as_deref(), Some("a senior White House official"));
        assert_eq!(left("Then he said", "said").as_deref(), Some("he"));
        assert_eq!(left("The plan failed, officials said", "said").as_deref(), Some("officials"));
        assert_eq!(left("The Washington Post reported", "reported").as_deref(), Some("The Washington Post"));
        assert_eq!(left("Di Li said", "said").as_deref(), Some("Di Li"));
        assert_eq!(left("the plan was bad and said", "said"), None);
    }

    #[test]
    fn descriptions_of_ordinary_people_and_groups() {
        assert_eq!(left("Asked why, the 41-year-old father of two replied", "replied").as_deref(), Some("the 41-year-old father of two"));
        assert_eq!(left("At dinner, a friend commented", "commented").as_deref(), Some("a friend"));
        assert_eq!(left("As the lights dimmed, the announcer said", "said").as_deref(), Some("the announcer"));
        assert_eq!(left("Georgia voters worried; most said", "said").as_deref(), Some("most"));
        assert_eq!(left("However, 58 percent said", "said").as_deref(), Some("58 percent"));
        assert_eq!(left("This year, about three in 10 said", "said").as_deref(), Some("about three in 10"));
        assert_eq!(left("Officials at the Bureau of Land Records said", "said").as_deref(), Some("Officials at the Bureau of Land Records"));
        assert_eq!(left("Protesters crossing the bridge chanted", "chanted").as_deref(), Some("Protesters"));
        assert_eq!(left("FactWatch rated 40% of Democratic claims", "claims"), None);
        assert_eq!(left("Del. Dolores \"Lola\" Vance shouted", "shouted").as_deref(), Some("Del. Dolores \"Lola\" Vance"));
        assert_eq!(left("I could not thank a friend without saying", "saying"), None);
    }

    #[test]
    fn descriptions_right_of_cue() {
        let right = |s: &str, from: &str| {
            let toks = tokenize(s);
            let i = toks.iter().position(|t| &s[t.range.clone()] == from)?;
            np_right(s, &toks, i, toks.len()).map(|n| (s[n.range].to_string(), n.kind))
        };
        assert_eq!(right("said one of those aides, who spoke", "one"), Some(("one of those aides".into(), NpKind::Description)));
        assert_eq!(right("reads a Sunday editorial in the Courier", "a"), Some(("a Sunday editorial".into(), NpKind::Description)));
        assert_eq!(right("several farm groups sent Ms. Lind a letter", "several"), Some(("several farm groups".into(), NpKind::Description)));
        assert_eq!(right("Water policy experts have doubted it", "Water"), Some(("Water policy experts".into(), NpKind::Description)));
        assert_eq!(right("Netanyahu thanked volunteers", "Netanyahu"), Some(("Netanyahu".into(), NpKind::Name)));
        assert_eq!(right("The Courier's Anna Brook offered an explanation", "The"), Some(("The Courier's Anna Brook".into(), NpKind::Name)));
        assert_eq!(right("said 9/11 widow Ellen Marrow.", "9/11"), Some(("9/11 widow Ellen Marrow".into(), NpKind::Description)));
    }

    #[test]
    fn noun_phrases_right_of_cue() {
        let s = "said Sen. Lindsey Graham on Sunday";
        let toks = tokenize(s);
        let np = np_right(s, &toks, 1, toks.len()).map(|n| s[n.range].to_string());
        assert_eq!(np.as_deref(), Some("Sen. Lindsey Graham"));
        let s = "according to a senior official familiar with it";
        let toks = tokenize(s);
        let np = np_right(s, &toks, 2, toks.len()).map(|n| s[n.range].to_string());
        assert_eq!(np.as_deref(), Some("a senior official"));
    }
}
