//! Stage 4: attribution (quote → speaker mention), then resolution and
//! party through [`crate::resolve`].
//!
//! Rules, tried in order of precision; the first that fires wins, and its
//! confidence says which one it was:
//!
//! | rule | pattern | confidence |
//! |------|---------|-----------|
//! | embed | a post's author line | 0.95 |
//! | adjacent after | `"…," X said` / `"…," said X` / `"…," X, the …, said` | 0.9 |
//! | dash author | `"…" ― Name` / next line `- Name.` | 0.85 |
//! | unknown verb after | `"…," Trump barked.` | 0.8 |
//! | according to | `According to X, "…"` / `"…," according to X` | 0.85 |
//! | adjacent before | `X said: "…"` / `X said that "…"` / `said X: "…"` | 0.9 |
//! | same sentence | `X said … "…"`, `X, who …, said …"…"` | 0.75 |
//! | sentence end | `… "…" …, X said.` | 0.7 |
//! | colon intro | `Trump changed his tune: "…"` (same or previous paragraph) | 0.65 |
//! | continuation | an uncued quotation right after X's, same paragraph / next | 0.55 / 0.5 |
//! | forward | a paragraph of quotation only, before a paragraph opening with X's cued quotation | 0.45 |
//! | indirect | a paragraph opening with a quotation after a paragraph of X's indirect speech | 0.45 |
//! | possessor | no cue: the possessor of a noun of saying ("her remark that "…"") | 0.4 |
//! | subject | no cue in the sentence: its subject ("Trump blamed it on "sickos"") | 0.4 |
//! | opening phrase | no cue: a sentence opening "The ad hits X for "…"" / "Several said …" | 0.35 |
//!
//! Otherwise the quotation is unattributed. A mention that is "I" or "we"
//! is never reported as the speaker of a reporter's quotation.
//!
//! All work per quotation looks at a bounded window around it, so the
//! stage is linear in the text.

use crate::article::Article;
use crate::kb::{Date, Kb};
use crate::mentions::{self, is_cap, lower, np_left, np_left_with, np_right, Doc, Np, NpKind, BETWEEN, DETERMINERS};
use crate::quotes::QuoteSpan;
use crate::report::{PartyLabel, QuoteKind, SpeakerKind};
use crate::resolve::{parse_tokens, Entities};
use crate::words::{CueClass, Words};
// Fx hashing: the keys are our own short words, no attacker controls them
// and SipHash was ~5% of the WASM profile (docs/perf.md, perfwasm).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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

/// Confidence of each rule (see the module docs).
pub mod confidence {
    /// An embedded post's author line.
    pub const EMBED: f32 = 0.95;
    /// Cue and speaker right next to the quotation.
    pub const ADJACENT: f32 = 0.9;
    /// `"…," Trump barked.`: a verb the table does not know.
    pub const ADJACENT_UNKNOWN_VERB: f32 = 0.8;
    /// "according to X".
    pub const ACCORDING: f32 = 0.85;
    /// Cue earlier in the same sentence.
    pub const SENTENCE: f32 = 0.75;
    /// Cue at the end of the sentence, after other words.
    pub const SENTENCE_END: f32 = 0.7;
    /// A colon introduction.
    pub const COLON: f32 = 0.65;
    /// Continuation in the same paragraph.
    pub const CONTINUATION: f32 = 0.55;
    /// Continuation in the next paragraph.
    pub const CONTINUATION_NEXT: f32 = 0.5;
    /// A paragraph of quotation only, followed by the same speaker's cued
    /// quotation.
    pub const FORWARD: f32 = 0.45;
    /// A quotation after a paragraph of X's indirect speech.
    pub const INDIRECT: f32 = 0.45;
    /// No cue: the subject of the quotation's sentence.
    pub const SUBJECT: f32 = 0.4;
    /// `"…" ― Name`: an author line after the quotation.
    pub const DASH: f32 = 0.85;
    /// No cue: a sentence opening with any noun phrase and a verb ("The
    /// ad hits Clinton for "…"").
    pub const SUBJECT_LOOSE: f32 = 0.35;
}

/// Auxiliaries and adverbs that follow a subject.
const AUXILIARIES: &[&str] = &["has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "then", "can", "could", "may", "might", "should", "did", "does", "do", "still", "later", "now"];

/// Time words that may stand between a subject and its cue.
const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "week", "month",
    "year", "night", "morning", "afternoon", "evening", "today", "tonight", "yesterday", "earlier", "weekend",
];

/// Words opening a subordinate clause.
const SUBORDINATORS: &[&str] = &["when", "after", "as", "if", "because", "while", "although", "though", "since", "before", "once", "until", "whereas"];

/// Words after which a new clause (and its subject) starts.
const CLAUSE_OPENERS: &[&str] = &[
    "when", "after", "as", "if", "because", "while", "although", "though", "since", "before", "once", "until",
    "whereas", "and", "but", "that", "so", "yet", "where",
];

/// Prepositions (a phrase after one is no verb's object).
const STOP_PREPOSITIONS: &[&str] = &["in", "on", "at", "of", "for", "with", "by", "from", "to", "about", "into", "over", "under", "through", "against", "via"];

/// Prepositions opening a fronted phrase ("In a statement posted Friday,
/// …").
const FRONT_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "with", "under", "from", "following", "through", "despite", "amid", "like", "unlike",
    "for", "over", "within", "without", "upon", "among", "throughout", "via", "into", "to",
];

/// Cue forms that are also nouns ("Republican claims", "a Trump tweet").
const NOUN_CUES: &[&str] = &[
    "claim", "claims", "comment", "comments", "remark", "remarks", "tweet", "tweets", "post", "posts", "note", "notes",
    "report", "reports", "promise", "promises", "praise", "retort", "reply", "echo", "calls", "charges", "answers",
];

/// Words that may open a chunk before its subject ("But Trump, ...").
const LEADERS: &[&str] = &["but", "and", "yet", "so", "then", "still", "meanwhile", "instead", "however", "also", "now", "later"];

/// Most tokens looked at on either side of a quotation.
const WINDOW: usize = 60;

/// A found attribution before resolution.
#[derive(Debug, Clone)]
struct Found {
    np: Np,
    cue: String,
    conf: f32,
    /// For a relative pronoun mention ("Beck, who said …"): the phrase it
    /// stands for.
    antecedent: Option<Np>,
    /// The mention a following quotation of the same speaker takes instead
    /// of `np` (the adjacent pronoun when `np` is the name heading the
    /// sentence: `Lindqvist said … "…," she said. "…"` marks "she" for the
    /// second quotation).
    carry: Option<Np>,
}

impl Found {
    fn new(np: Np, cue: String, conf: f32) -> Found {
        Found { np, cue, conf, antecedent: None, carry: None }
    }

    /// This attribution as a following quotation inherits it.
    fn carried(&self, conf: f32) -> Found {
        match &self.carry {
            Some(np) => Found { np: np.clone(), antecedent: None, carry: None, cue: self.cue.clone(), conf },
            None => Found { conf, ..self.clone() },
        }
    }
}

struct Ctx<'a> {
    text: &'a str,
    doc: Doc,
    cues: &'a HashMap<String, CueClass>,
    cue_max: usize,
    /// Sorted outer ranges of all quotations.
    qranges: Vec<Range<usize>>,
    /// Words the article writes in lower case somewhere: a capitalised
    /// sentence opener among them ("Hours later") is no name. Built on
    /// first use ([`Ctx::common`]): many pages never ask.
    common: std::cell::OnceCell<HashSet<&'a str>>,
    /// The page language, when not English ("de", "es", "fr").
    foreign: Option<&'a str>,
}

impl<'a> Ctx<'a> {
    /// [`Ctx::common`], built on first use.
    fn common(&self) -> &HashSet<&'a str> {
        self.common.get_or_init(|| {
            let text: &'a str = self.text;
            let mut common = HashSet::with_capacity_and_hasher((self.doc.toks.len() / 2).min(8192), Default::default());
            for t in &self.doc.toks {
                let w = &text[t.range.clone()];
                if t.word && w.chars().next().is_some_and(char::is_lowercase) {
                    common.insert(w);
                }
            }
            common
        })
    }
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
        &self.text[self.doc.toks[i].range.clone()]
    }

    /// A dateline's city: a name followed by a news agency in parentheses
    /// and a dash ("Boise (AP) –", "DENVER (CNN) —"). It places the story;
    /// it says nothing.
    fn dateline_city(&self, np: &Np) -> bool {
        let w = |i: usize| if i < self.doc.toks.len() { self.w(i) } else { "" };
        // "GREEN BAY, Wis. —", "WASHINGTON —": in capitals at a line's
        // start.
        if mentions::caps_dateline(self.text, &self.doc.toks, &np.toks) {
            return true;
        }
        // (Also "KABUL, Afghanistan (AP) —": a region or state between.)
        let mut t = np.toks.end;
        while t < np.toks.end + 4 && (w(t) == "," || (is_cap(w(t)) && w(t) != "(")) {
            t += 1;
        }
        w(t) == "(" && w(t + 2) == ")" && w(t + 1).chars().next().is_some_and(char::is_uppercase) && matches!(w(t + 3), "–" | "—" | "-")
    }

    /// A headline in title case: a block whose words of four letters or
    /// more, at least five, are all capitalised (a sentence, even in
    /// German, has a lower-case verb among them).
    #[inline(never)]
    fn headline(&self, block: &Range<usize>) -> bool {
        let mut long = 0;
        for t in self.doc.toks[self.doc.tok_at(block.start)..].iter().take_while(|t| t.range.end <= block.end).filter(|t| t.word && t.range.len() >= 4) {
            if !is_cap(&self.text[t.range.clone()]) {
                return false;
            }
            long += 1;
        }
        long >= 5
    }

    /// A cue starting at token `i`: (one-past-last token, class).
    fn cue_at(&self, i: usize, ceil: usize) -> Option<(usize, CueClass)> {
        let toks = &self.doc.toks;
        if !toks.get(i)?.word {
            return None;
        }
        // The candidate, lower-cased word by word into one buffer (it was
        // a String per word, a Vec and a join per length: issue #6,
        // enginefast).
        let mut key = String::new();
        for n in (1..=self.cue_max).rev() {
            if i + n > ceil.min(toks.len()) || !toks[i..i + n].iter().all(|t| t.word) {
                continue;
            }
            key.clear();
            for k in i..i + n {
                if k > i {
                    key.push(' ');
                }
                let w = self.w(k);
                if w.is_ascii() {
                    key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    key.push_str(&lower(w));
                }
            }
            if let Some(&class) = self.cues.get(key.as_str()) {
                // A noun use ("the report said", "a statement") is not a cue.
                if class == CueClass::Speech && i > 0 {
                    let prev = lower(self.w(i - 1));
                    if ["a", "an", "the", "his", "her", "their", "its", "this", "that", "our", "my", "your", "in", "of", "whose"].contains(&prev.as_str())
                        || prev.ends_with("'s")
                        || prev.ends_with("’s")
                    {
                        return None;
                    }
                    if n == 1 && NOUN_CUES.contains(&key.as_str()) && self.noun_before(i) {
                        return None;
                    }
                }
                // "continue to", "promised to", "urged to": not speech.
                // ("insisted to reporters", "proclaimed to a crowd" are.)
                let to_someone = toks.get(i + n + 1).is_some_and(|t| {
                    let nw = &self.text[t.range.clone()];
                    let nl = lower(nw);
                    t.word && (is_cap(nw) || DETERMINERS.contains(&nl.as_str()) || matches!(nl.as_str(), "reporters" | "journalists" | "supporters" | "voters" | "lawmakers" | "me" | "him" | "them" | "us" | "this" | "my" | "your"))
                });
                if i + n < toks.len() && self.w(i + n) == "to" && !to_someone && !["said", "say", "says", "saying", "told", "tell", "tells", "wrote", "write", "writes", "tweeted", "added", "explained", "complained", "admitted", "confessed", "replied", "responded", "according"].contains(&key.as_str()) {
                    return None;
                }
                // A cue with a capital in mid-sentence is a name ("Post").
                if is_cap(self.w(i)) && i > 0 && self.doc.toks[i - 1].word && is_cap(self.w(i - 1)) {
                    return None;
                }
                return Some((i + n, class));
            }
        }
        None
    }

    /// True if the words before a cue that is also a noun (`claims`,
    /// `tweet`, `comments`) make it the head of a noun phrase: a
    /// possessive (`Sanders’ comments`), or capitalised modifiers after a
    /// determiner or preposition (`40% of Democratic claims`, `a Donald
    /// Trump tweet`).
    fn noun_before(&self, i: usize) -> bool {
        let mut k = i;
        let mut caps = 0;
        while k > 0 && caps < 4 {
            let w = self.w(k - 1);
            if !self.doc.toks[k - 1].word || !is_cap(w) {
                break;
            }
            if w.ends_with("s’") || w.ends_with("s'") || w.ends_with("'s") || w.ends_with("’s") {
                return true;
            }
            caps += 1;
            k -= 1;
        }
        if k == i {
            let p = self.w(i - 1);
            return self.doc.toks[i - 1].word && (p.ends_with("s’") || p.ends_with("s'"));
        }
        // "…, the Daily Caller reports.": a verb ending its clause.
        let ends = self.doc.toks.get(i + 1).is_none_or(|t| matches!(&self.text[t.range.clone()], "." | "," | ";" | "!" | "?"));
        k > 0 && !ends && {
            let p = lower(self.w(k - 1));
            DETERMINERS.contains(&p.as_str()) || matches!(p.as_str(), "of" | "in" | "on" | "at" | "for" | "with" | "by" | "from" | "about" | "over" | "against" | "to")
        }
    }

    /// Token indices of the reporter's text in byte range `r` (other
    /// quotations skipped), at most `cap`, nearest `r.end` if `from_end`.
    fn reporter_toks(&self, r: Range<usize>, cap: usize, from_end: bool) -> Vec<usize> {
        let a = self.doc.tok_at(r.start);
        let b = self.doc.tok_at(r.end);
        let mut out = Vec::new();
        let inside = |i: usize| {
            let s = self.doc.toks[i].range.start;
            let k = self.qranges.partition_point(|q| q.end <= s);
            k < self.qranges.len() && self.qranges[k].start <= s
        };
        if from_end {
            let mut i = b;
            while i > a && out.len() < cap {
                i -= 1;
                if !inside(i) {
                    out.push(i);
                }
            }
            out.reverse();
        } else {
            let mut i = a;
            while i < b && out.len() < cap {
                if !inside(i) {
                    out.push(i);
                }
                i += 1;
            }
        }
        out
    }

    /// Skips adverbs, auxiliaries, time expressions ("last week", "on
    /// Tuesday") and a parenthesis ("(D-Calif.)") left of token `c`, not
    /// below `floor`.
    fn skip_between(&self, mut c: usize, floor: usize) -> usize {
        let mut n = 0;
        while c > floor && n < 8 {
            let w = self.w(c - 1);
            let l = lower(w);
            let skip = (BETWEEN.contains(&w) && !is_cap(w))
                || TIME_WORDS.contains(&l.as_str())
                || (w.len() > 4 && l.ends_with("ly") && !is_cap(w));
            if skip {
                c -= 1;
                n += 1;
                continue;
            }
            // "who in 2010 said": a year after "in".
            if c >= floor + 2 && w.len() == 4 && w.chars().all(|ch| ch.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20")) && lower(self.w(c - 2)) == "in" {
                c -= 2;
                n += 2;
                continue;
            }
            if w == ")" {
                // A parenthesis of a few tokens.
                let mut k = c - 1;
                let mut m = 0;
                while k > floor && m < 8 && self.w(k) != "(" {
                    k -= 1;
                    m += 1;
                }
                if self.w(k) == "(" && k > floor {
                    n += c - k;
                    c = k;
                    continue;
                }
            }
            break;
        }
        c
    }

    /// The subject of cue token `c` (whose reporter text starts at token
    /// `floor`): "X said", "X, who ..., said", "X, 22, of Flint, Mich.,
    /// said".
    fn subject(&self, c: usize, floor: usize) -> Option<Np> {
        let mut e = self.skip_between(c, floor);
        // "Gov. John Kasich (R-Ohio), said": a parenthesis before the comma.
        if e >= floor + 2 && self.w(e - 1) == "," && self.w(e - 2) == ")" {
            let p = self.skip_between(e - 1, floor);
            if p < e - 1 && np_left(self.text, &self.doc.toks, p, floor).is_some() {
                e = p;
            }
        }
        let mut best = None;
        if let Some(np) = self.subject_before_pp(e, floor) {
            return Some(np);
        }
        if let Some(np) = np_left(self.text, &self.doc.toks, e, floor).or_else(|| self.det_subject(e, floor)) {
            // "The US Embassy in New Delhi maintains …", "Officials in
            // Kabul said": a name right after "in", "at" or "near" is the
            // place; the phrase before the preposition is the subject.
            let s = np.toks.start;
            if np.kind == NpKind::Name && s > floor + 1 && matches!(self.w(s - 1), "in" | "at" | "near") {
                if let Some(head) = np_left(self.text, &self.doc.toks, s - 1, floor).filter(|h| h.kind != NpKind::Pronoun) {
                    return Some(head);
                }
            }
            // A description right after a comma may be an appositive ("Di
            // Li, chief scientist of FAST (…), said"): look further back
            // for a name.
            let s = np.toks.start;
            if np.kind == NpKind::Description && s > floor && self.w(s - 1) == "," {
                e = s;
                best = Some(np);
            } else {
                return Some(np);
            }
        }
        // "a county official who asked not to be named because the
        // talks are private said": a relative clause without commas between the
        // subject and its cue.
        if best.is_none() {
            let mut k = e;
            let mut n = 0;
            while k > floor + 1 && n < 12 && self.doc.toks[k - 1].word && !is_cap(self.w(k - 1)) {
                k -= 1;
                n += 1;
                if lower(self.w(k)) == "who" && k < e - 1 {
                    if let Some(np) = np_left(self.text, &self.doc.toks, k, floor).filter(|np| np.kind != NpKind::Pronoun) {
                        return Some(np);
                    }
                    break;
                }
            }
        }
        if !(e > floor && matches!(self.w(e - 1), "," | "—" | "–")) {
            return best;
        }
        // Walk back over comma-separated chunks; the farthest chunk that is
        // all noun phrase is the subject (an appositive or a relative
        // clause sits between it and the cue).
        let mut end = e - 1;
        for _ in 0..5 {
            let mut k = end;
            let mut steps = 0;
            while k > floor && steps < 30 && !matches!(self.w(k - 1), "," | "(" | "—" | "–" | ";") {
                k -= 1;
                steps += 1;
            }
            if steps >= 30 {
                break;
            }
            let chunk_start = k;
            // ("Sadly, the board said": the adverb is no name.)
            if let Some(np) = np_left(self.text, &self.doc.toks, end, chunk_start).filter(|np| !(np.kind == NpKind::Name && np.toks.len() == 1 && np.toks.start == chunk_start && sentence_adverb(self.w(np.toks.start)))) {
                let lead_ok = (chunk_start..np.toks.start).all(|i| LEADERS.contains(&lower(self.w(i)).as_str()));
                // The farthest wins, but a name beats a description ("The
                // shadow chancellor, Mel Stride, said").
                let keep_name = best.as_ref().is_some_and(|b: &Np| b.kind == NpKind::Name && np.kind == NpKind::Description);
                if lead_ok && !keep_name {
                    best = Some(np);
                }
            }
            if chunk_start <= floor + 1 {
                break;
            }
            end = chunk_start - 1;
        }
        best
    }

    /// "Ortiz in her budget address called …", "Lindqvist during a
    /// Tuesday town hall thanked …": a name or pronoun, a short prepositional
    /// phrase of lower-case words, then the cue at `e`.
    fn subject_before_pp(&self, e: usize, floor: usize) -> Option<Np> {
        let mut p = e;
        let mut n = 0;
        while p > floor && n < 6 {
            p -= 1;
            n += 1;
            let w = self.w(p);
            let l = lower(w);
            if matches!(l.as_str(), "in" | "during" | "at" | "on") && n > 1 {
                let np = np_left(self.text, &self.doc.toks, p, floor)?;
                let s = np.toks.start;
                let opens = s == floor || matches!(lower(self.w(s - 1)).as_str(), "," | ";" | "and" | "but" | "when" | "while" | "after" | "as");
                return (matches!(np.kind, NpKind::Name | NpKind::Pronoun) && opens && np.toks.end == p).then_some(np);
            }
            if !self.doc.toks[p].word || (is_cap(w) && !TIME_WORDS.contains(&l.as_str())) {
                return None;
            }
        }
        None
    }

    /// A determiner and lower-case words right before a cue, opening a
    /// clause ("As the lights dimmed, the host said", "In April, the
    /// duchess called"): the cue's subject whatever its head noun, which the
    /// role-noun table may not know.
    fn det_subject(&self, e: usize, floor: usize) -> Option<Np> {
        let np = np_left_with(self.text, &self.doc.toks, e, floor, true)?;
        let s = np.toks.start;
        let first = lower(self.w(s));
        let head = lower(self.w(e - 1));
        let det = matches!(first.as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that");
        let boundary = s == floor || {
            let p = lower(self.w(s - 1));
            matches!(p.as_str(), "," | ";" | ":" | "—" | "–") || LEADERS.contains(&p.as_str())
        };
        let nounish = !is_cap(self.w(e - 1)) && !head.ends_with("ly") && !TIME_WORDS.contains(&head.as_str()) && np.toks.len() <= 5;
        (np.kind == NpKind::Description && det && boundary && nounish).then_some(np)
    }

    /// Like [`Ctx::subject`], also reading a relative pronoun ("Beck, who
    /// said …": mention "who", standing for "Beck") and a participle after a
    /// comma ("Trump went after Bush, calling him …": the sentence's
    /// subject). `sent` are the sentence's reporter tokens before the
    /// quotation.
    fn subject_of(&self, c: usize, floor: usize, sent: &[usize]) -> Option<(Np, Option<Np>)> {
        let e = self.skip_between(c, floor);
        if e > floor && matches!(lower(self.w(e - 1)).as_str(), "who" | "which") {
            let who = Np { range: self.doc.toks[e - 1].range.clone(), toks: e - 1..e, kind: NpKind::Pronoun };
            let mut a = e - 1;
            if a > floor && self.w(a - 1) == "," {
                a -= 1;
            }
            let ante = np_left(self.text, &self.doc.toks, a, floor);
            return Some((who, ante));
        }
        let cue = lower(self.w(c));
        let main_subject = |upto: usize| {
            let before: Vec<usize> = sent.iter().copied().filter(|&i| i < upto).collect();
            self.sentence_subject(&before)
        };
        if cue.ends_with("ing") && e > 0 && (self.w(e - 1) == "," || self.w(e - 1).chars().all(is_mark_char)) {
            // "Spicer said, adding, "…"": the cue before the comma.
            if e >= 2 && self.w(e - 1) == "," {
                let pc = self.skip_between(e - 1, floor);
                if pc > floor {
                    let c0 = pc - 1;
                    if self.cue_at(c0, e).is_some() {
                        if let Some(np) = self.subject(c0, floor) {
                            return Some((np, None));
                        }
                    }
                }
            }
            // "Ortiz waves as a delivery truck rolls past the stage,
            // saying …": the participle follows the nearest clause, when a
            // clause opener introduced it.
            let before: Vec<usize> = sent.iter().copied().filter(|&i| i < e - 1).collect();
            if let Some((np, ante)) = self.clause_subject(&before) {
                let s = np.toks.start;
                if s > 0 && before.contains(&(s - 1)) && matches!(lower(self.w(s - 1)).as_str(), "as" | "while") {
                    return Some((np, ante));
                }
            }
            if let Some(np) = main_subject(e - 1) {
                return Some((np, None));
            }
        }
        // "Harlan lamented the delay and said he believed …": a cue
        // coordinated with the sentence's first verb shares its subject.
        // (An earlier cue's subject speaks for both: "Suu Kyi said … but
        // added".)
        if e > floor + 1 && matches!(lower(self.w(e - 1)).as_str(), "and" | "but") && self.doc.toks[e - 2].word {
            let ceil = e - 1;
            if sent.iter().any(|&t| t < ceil && self.cue_at(t, ceil).is_some_and(|(_, c)| c == CueClass::Speech)) {
                return None;
            }
            let before: Vec<usize> = sent.iter().copied().filter(|&i| i < e - 1).collect();
            if let Some(found) = self.clause_subject(&before).or_else(|| main_subject(e - 1).map(|np| (np, None))) {
                return Some(found);
            }
        }
        // "a headline that said": the phrase before "that".
        if e > floor && lower(self.w(e - 1)) == "that" {
            return np_left(self.text, &self.doc.toks, e - 1, floor).map(|np| (np, None));
        }
        let np = self.subject(c, floor)?;
        // "A second aide speaking to Channel 4 said", "Ortiz replied
        // on Twitter writing": a phrase after a preposition is no
        // subject; the clause's subject is further left.
        let s0 = np.toks.start;
        if s0 > floor && matches!(lower(self.w(s0 - 1)).as_str(), "to" | "on" | "in" | "at" | "from" | "for" | "about" | "into" | "over" | "under" | "through" | "against" | "toward" | "towards" | "via" | "across") {
            let before: Vec<usize> = sent.iter().copied().filter(|&i| i < s0 - 1).collect();
            if let Some(found) = self.clause_subject(&before) {
                return Some(found);
            }
        }
        let first = lower(self.w(np.toks.start));
        let head = lower(self.w(np.toks.end - 1));
        // "The town released a statement saying …": the releaser speaks.
        // ("she amended her letter explaining …": a possessed document
        // after a verb too.)
        let object_doc = matches!(first.as_str(), "his" | "her" | "their" | "its") && np.toks.start > floor && {
            let p = self.w(np.toks.start - 1);
            self.doc.toks[np.toks.start - 1].word && !is_cap(p) && !STOP_PREPOSITIONS.contains(&lower(p).as_str())
        };
        if (first == "a" || first == "an" || object_doc) && Words::get().documents.contains(&head) {
            let before: Vec<usize> = sent.iter().copied().filter(|&i| i < np.toks.start).collect();
            // (The releaser may be a phrase of any head: "The town".)
            // The sentence opens with a determiner phrase, then the first
            // past-tense verb.
            let opening = before
                .iter()
                .position(|&t| !is_cap(self.w(t)) && lower(self.w(t)).ends_with("ed"))
                .filter(|&k| k > 0 && before[..k].iter().enumerate().all(|(n, &t)| t == before[0] + n && self.doc.toks[t].word))
                .and_then(|k| self.det_subject(before[k], before[0]))
                .filter(|d| d.toks.start == before[0]);
            if let Some(m) = main_subject(np.toks.start).or(opening) {
                return Some((m, None));
            }
        }
        // "Limbaugh discussed what he described as …": the main clause's
        // subject.
        if np.toks.start > 0 && lower(self.w(np.toks.start - 1)) == "what" {
            if let Some(m) = main_subject(np.toks.start - 1) {
                return Some((m, None));
            }
        }
        Some((np, None))
    }

    fn cue_text(&self, a: usize, b: usize) -> String {
        self.text[self.doc.toks[a].range.start..self.doc.toks[b - 1].range.end].to_string()
    }

    /// The subject of the clause holding the quotation: the nearest noun
    /// phrase before it that opens a clause (after the sentence start, a
    /// comma, a conjunction or a subordinator) and is followed by a verb
    /// ("… even though he found "evidence"", "Beck, who has described
    /// Trump as "…""). Returns the phrase and, for a relative pronoun, its
    /// antecedent.
    fn clause_subject(&self, toks: &[usize]) -> Option<(Np, Option<Np>)> {
        let w = Words::get();
        let ceil = toks.last().map_or(0, |l| l + 1);
        for (k, &j) in toks.iter().enumerate().rev() {
            // A complement clause ("expressed confidence that the server
            // would not be "…"") is the subject's message, not a speaker:
            // its subject is passed over.
            let boundary = k == 0 || {
                let p = lower(self.w(toks[k - 1]));
                matches!(p.as_str(), "," | ";" | "—" | "–" | "(" | ":")
                    || (CLAUSE_OPENERS.contains(&p.as_str()) && p != "that")
                    || toks[k - 1] + 1 != j
            };
            // "with Ortiz lately vowing to "…"": an absolute clause.
            // (After a comma: "clashed with Johnson during" is no clause.)
            let with_clause = k > 1 && lower(self.w(toks[k - 1])) == "with" && self.w(toks[k - 2]) == ",";
            // "On March 3 they released …": a fronted date or time
            // without a comma before a subject pronoun.
            let after_time = k > 0 && {
                let p = lower(self.w(toks[k - 1]));
                (p.chars().all(|c| c.is_ascii_digit()) || TIME_WORDS.contains(&p.as_str())) && matches!(lower(self.w(j)).as_str(), "he" | "she" | "they")
            };
            let boundary = boundary || with_clause || after_time;
            if !boundary {
                continue;
            }
            let first = self.w(j);
            let fl = lower(first);
            let verbish = |v: usize| -> bool {
                if v >= ceil {
                    return false;
                }
                let vw = self.w(v);
                let vl = lower(vw);
                self.doc.toks[v].word
                    && !is_cap(vw)
                    && !DETERMINERS.contains(&vl.as_str())
                    && !matches!(vl.as_str(), "of" | "in" | "on" | "at" | "for" | "with" | "by" | "from" | "to" | "and" | "or" | "but" | "who" | "which" | "that" | "as" | "into" | "about" | "over" | "against" | "than" | "like")
            };
            if matches!(fl.as_str(), "who" | "which") {
                if verbish(j + 1) {
                    let mut a = j;
                    if a > 0 && matches!(self.w(a - 1), "," | "(") {
                        a -= 1;
                    }
                    let ante = np_left(self.text, &self.doc.toks, a, toks[0]);
                    // "Beck, who has called Trump "…", …": a relative on
                    // the sentence's opening name; the name is the mention.
                    if let Some(an) = ante.as_ref().filter(|an| an.toks.start == toks[0] && a < j && an.kind == NpKind::Name && toks.get(1) == Some(&(toks[0] + 1)) && toks[k + 1..].iter().any(|&t| matches!(self.w(t), "," | ")"))) {
                        return Some((an.clone(), None));
                    }
                    let np = Np { range: self.doc.toks[j].range.clone(), toks: j..j + 1, kind: NpKind::Pronoun };
                    return Some((np, ante));
                }
                continue;
            }
            let starts_np = is_cap(first) || w.pronouns.contains_key(&fl) || DETERMINERS.contains(&fl.as_str());
            if !starts_np || (is_cap(first) && w.not_names.contains(first) && !w.titles.contains_key(first) && !w.pronouns.contains_key(&fl) && !DETERMINERS.contains(&fl.as_str())) {
                continue;
            }
            let Some(np) = np_right(self.text, &self.doc.toks, j, ceil) else { continue };
            if let Some(p) = w.pronouns.get(&fl) {
                if p.gender == 'n' {
                    continue;
                }
            }
            if np.kind == NpKind::Name && np.toks.len() == 1 && self.common().contains(fl.as_str()) {
                continue;
            }
            // A dateline's state ("Keene, N.H., 15-year-old …") is no
            // subject, nor its city before an agency ("Boise (AP) –").
            if np.kind == NpKind::Name && ((np.toks.len() == 1 && w.states.contains_key(first)) || self.dateline_city(&np)) {
                continue;
            }
            // "Ortiz went back to her feed — as she tends to do — and
            // reposted …": an aside closed before the quotation.
            let aside_open = k > 0 && {
                let mut a = k - 1;
                if CLAUSE_OPENERS.contains(&lower(self.w(toks[a])).as_str()) && a > 0 {
                    a -= 1;
                }
                matches!(self.w(toks[a]), "—" | "–" | "(")
            };
            if aside_open && toks[k + 1..].iter().any(|&t| matches!(self.w(t), "—" | "–" | ")")) {
                continue;
            }
            if np.kind == NpKind::Description {
                let head = lower(self.w(np.toks.end - 1));
                let ok = w.role_nouns.contains_key(&head) || w.anonymous.contains(&head) || w.documents.contains(&head) || w.org_heads.contains(self.w(np.toks.end - 1)) || w.org_heads.contains(&head) || (np.toks.start..np.toks.end).any(|t| is_cap(self.w(t)) && (w.org_heads.contains(self.w(t)) || w.org_heads.contains(&lower(self.w(t)))));
                if !ok {
                    continue;
                }
            }
            if with_clause {
                let mut v = np.toks.end;
                while v < ceil && lower(self.w(v)).ends_with("ly") {
                    v += 1;
                }
                let vl = if v < ceil { lower(self.w(v)) } else { String::new() };
                if !(vl.len() > 5 && vl.ends_with("ing") && !matches!(vl.as_str(), "during" | "according" | "including" | "regarding" | "concerning" | "following")) {
                    continue;
                }
            }
            if verbish(np.toks.end) {
                return Some((np, None));
            }
            // "Judge Ada M. Okafor early Monday morning issued …": a time
            // expression between a name and its verb.
            if np.kind == NpKind::Name {
                let mut v = np.toks.end;
                while v < ceil && (TIME_WORDS.contains(&lower(self.w(v)).as_str()) || matches!(lower(self.w(v)).as_str(), "late" | "early" | "on")) {
                    v += 1;
                }
                if v > np.toks.end && v < ceil && toks.contains(&v) && verbish(v) && (np.toks.end..v).any(|t| TIME_WORDS.contains(&lower(self.w(t)).as_str())) {
                    return Some((np, None));
                }
            }
            // "Gov. Dana Pruitt (R) faulted …", "Ellen Voss, the former
            // Idaho governor, suggested …": a name, a parenthesis or an
            // appositive description, then the verb.
            if np.kind == NpKind::Name {
                let v = np.toks.end;
                let close = match self.doc.toks.get(v).map(|t| &self.text[t.range.clone()]) {
                    Some("(") => (v + 1..(v + 8).min(ceil)).find(|&t| self.w(t) == ")"),
                    Some(",") if v + 1 < ceil && DETERMINERS.contains(&lower(self.w(v + 1)).as_str()) => (v + 2..(v + 12).min(ceil)).find(|&t| self.w(t) == ",").filter(|&c| (v + 1..c).all(|t| self.doc.toks[t].word)),
                    _ => None,
                };
                if let Some(c) = close {
                    // (Also "(D-Ore.) on Monday dismissed".)
                    let mut v = c + 1;
                    while v < ceil && (TIME_WORDS.contains(&lower(self.w(v)).as_str()) || lower(self.w(v)) == "on") {
                        v += 1;
                    }
                    if verbish(v) && toks.contains(&v) {
                        return Some((np, None));
                    }
                }
            }
        }
        None
    }

    /// A sentence opening with a noun phrase of any head, or a lone
    /// quantifier, and a verb ("The results also showed …", "Several said
    /// …", "Researchers hope …").
    fn opening_subject(&self, toks: &[usize]) -> Option<Np> {
        let &j = toks.first()?;
        // The sentence must start here (not after a quotation).
        if toks.len() < 3 || toks[1] != j + 1 {
            return None;
        }
        let ceil = toks.last().map_or(j, |l| l + 1);
        let fl = lower(self.w(j));
        let np = if matches!(fl.as_str(), "another" | "several" | "others" | "some" | "many" | "most" | "one") {
            Np { range: self.doc.toks[j].range.clone(), toks: j..j + 1, kind: NpKind::Description }
        } else if DETERMINERS.contains(&fl.as_str()) {
            // Determiner, then words up to the first verb-ish one (an
            // auxiliary, or a word in -ed or -s after the head).
            let mut e = j + 1;
            let verbish = |t: usize| {
                let w = self.w(t);
                let l = lower(w);
                !is_cap(w) && (AUXILIARIES.contains(&l.as_str()) || (l.len() > 3 && (l.ends_with("ed") || (l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("'s") && !l.ends_with("’s")))))
            };
            while e < ceil && e - j <= 5 && self.doc.toks[e].word && !(e > j + 1 && verbish(e)) {
                if matches!(lower(self.w(e)).as_str(), "of" | "in" | "on" | "at" | "for" | "with" | "by" | "from" | "to" | "and" | "or" | "but" | "who" | "which" | "that") {
                    return None;
                }
                e += 1;
            }
            if e <= j + 1 || e >= ceil || !self.doc.toks[e].word || !verbish(e) {
                return None;
            }
            Np { range: self.doc.toks[j].range.start..self.doc.toks[e - 1].range.end, toks: j..e, kind: NpKind::Description }
        } else {
            return None;
        };
        let v = np.toks.end;
        if v >= ceil || !self.doc.toks[v].word || is_cap(self.w(v)) {
            return None;
        }
        Some(np)
    }

    /// The subject of a sentence given as reporter tokens: the first
    /// comma-separated chunk that starts with a noun phrase.
    fn sentence_subject(&self, toks: &[usize]) -> Option<Np> {
        let mut chunk_start = true;
        // The first chunk when it is all noun phrase ("Trump, who leads,
        // mocked Rubio"): used if no chunk reads "NP verb".
        let mut tentative: Option<Np> = None;
        for (k, &i) in toks.iter().enumerate() {
            let w = self.w(i);
            if matches!(w, "," | "—" | "–" | "(" | ")" | ";") {
                chunk_start = true;
                continue;
            }
            if chunk_start {
                chunk_start = false;
                // German word order after a clause or an adverb: ", denkt
                // er an früher:", "erinnerte er sich": the verb, then the
                // subject pronoun (badge audit 5).
                if k > 0 && self.foreign.is_some_and(|l| l.starts_with("de")) && !is_cap(w) && self.doc.toks[i].word && !DE_CLAUSE_OPENERS.contains(&w) && !DETERMINERS.contains(&w) {
                    if let Some(&p) = toks.get(k + 1).filter(|&&p| matches!(self.w(p), "er" | "sie")) {
                        return Some(Np { range: self.doc.toks[p].range.clone(), toks: p..p + 1, kind: NpKind::Pronoun });
                    }
                }
                let mut j = i;
                let lw = lower(w);
                if ["but", "and", "yet", "so", "then", "still", "meanwhile", "instead"].contains(&lw.as_str()) {
                    j = toks.get(k + 1).copied().unwrap_or(i);
                }
                let ceil = toks.last().map_or(j, |l| l + 1);
                if let Some(np) = np_right(self.text, &self.doc.toks, j, ceil) {
                    if np.kind == NpKind::Name && np.toks.len() == 1 {
                        let l = lower(self.w(np.toks.start));
                        // (Nor a dateline's state: "Keene, N.H., …".)
                        // (Nor a place before a clause's conjunction:
                        // "Kehlheim Wenn Markus Brandl …".)
                        // (Not English: a title-case headline's "Trump
                        // Just Announced …".)
                        let conj = self.foreign.is_some() && self.doc.toks.get(np.toks.end).is_some_and(|t| t.word && is_cap(self.w(np.toks.end)) && Words::get().not_names.contains(self.w(np.toks.end)));
                        if conj || self.common().contains(l.as_str()) || l.ends_with("ing") || l.ends_with("ly") || Words::get().states.contains_key(self.w(np.toks.start)) {
                            continue;
                        }
                    }
                    if np.kind == NpKind::Name && self.dateline_city(&np) {
                        continue;
                    }
                    // Needs a verb-ish continuation: not followed by ","
                    // within two tokens ("Hours later, …" is no subject).
                    let nx = np.toks.end;
                    let short_chunk = (nx..(nx + 2).min(ceil)).any(|t| matches!(self.w(t), "," | "—" | "–" | ")"));
                    // "Her deputy, Raj Patel, was more cautious": a name
                    // between commas, followed by a verb.
                    if np.kind == NpKind::Name && nx + 1 < ceil && self.w(nx) == "," {
                        let v = self.w(nx + 1);
                        if self.doc.toks[nx + 1].word && !is_cap(v) && !DETERMINERS.contains(&lower(v).as_str()) && !matches!(lower(v).as_str(), "who" | "which" | "and" | "or" | "but") {
                            return Some(np);
                        }
                    }
                    if k == 0 && nx < ceil && self.w(nx) == "," && np.kind != NpKind::Description && tentative.is_none() {
                        let head = lower(self.w(np.toks.end - 1));
                        if !Words::get().pronouns.get(&head).is_some_and(|p| p.first || p.gender == 'n') {
                            tentative = Some(np.clone());
                        }
                    }
                    if nx < ceil && !short_chunk {
                        let head = lower(self.w(np.toks.end - 1));
                        let w2 = Words::get();
                        let ok = match np.kind {
                            NpKind::Pronoun => !w2.pronouns.get(&head).is_some_and(|p| p.first || p.gender == 'n'),
                            NpKind::Name => true,
                            NpKind::Description => {
                                w2.role_nouns.contains_key(&head) || w2.anonymous.contains(&head) || w2.documents.contains(&head) || w2.org_heads.contains(self.w(np.toks.end - 1)) || w2.org_heads.contains(&head)
                                    // "Einige Nachbarn hätten ihm gesagt:": a
                                    // German quantifier and a noun, a group.
                                    || (np.toks.len() == 2 && is_cap(self.w(np.toks.end - 1)) && crate::words::quantifier(&lower(self.w(np.toks.start))))
                                    // "the Marion County Board of Elections": a
                                    // capitalised organisation head inside.
                                    || (np.toks.start..np.toks.end).any(|t| is_cap(self.w(t)) && (w2.org_heads.contains(self.w(t)) || w2.org_heads.contains(&lower(self.w(t)))))
                            }
                        };
                        if ok {
                            return Some(np);
                        }
                    }
                }
            }
        }
        tentative
    }
}

/// German words opening a subordinate clause ("ob er …", "dass sie …";
/// relatives are the articles of `DETERMINERS`): the pronoun after one
/// is that clause's subject, not the speaker's.
const DE_CLAUSE_OPENERS: &[&str] = &["ob", "dass", "wenn", "als", "weil", "da", "wie", "obwohl", "nachdem", "während", "und", "aber", "oder", "denn"];

/// Attributes each quotation to a speaker, using the article's own date.
pub fn attribute(art: &Article, quotes: &[QuoteSpan], kb: &Kb) -> Vec<SpeakerDraft> {
    attribute_at(art, quotes, kb, art.date)
}

/// Attributes each quotation to a speaker; `date` is the article's date
/// (for party and office look-ups).
pub fn attribute_at(art: &Article, quotes: &[QuoteSpan], kb: &Kb, date: Option<Date>) -> Vec<SpeakerDraft> {
    let text = art.text.as_str();
    let words = Words::get();
    let (cues, cue_max) = words.cues_for(art.lang.as_deref());
    crate::resolve::set_language(art.lang.as_deref());
    let mut qranges: Vec<Range<usize>> = quotes.iter().map(|q| q.outer.clone()).collect();
    qranges.sort_by_key(|r| r.start);
    let blocks: Vec<Range<usize>> = art.blocks.iter().map(|b| b.range.clone()).collect();
    let doc = mentions::analyse(text, &blocks, &qranges);
    let mut ents = Entities::build(text, &doc, &qranges, kb, date);
    let foreign = art.lang.as_deref().filter(|l| !l.starts_with("en"));
    let ctx = Ctx { text, doc, cues, cue_max, qranges, common: std::cell::OnceCell::new(), foreign };
    let mut out: Vec<SpeakerDraft> = Vec::with_capacity(quotes.len());
    // (quote index, entity) of the last attributed quotation.
    let mut last: Option<(usize, Option<usize>)> = None;
    let mut founds: Vec<Option<Found>> = Vec::with_capacity(quotes.len());
    // A transcript ("PENCE: Thank you, …" / "WALLACE: Then, …"): each quotation
    // opening with a speaker label in capitals, when there are several.
    let labels: Vec<Option<Np>> = quotes.iter().map(|q| mentions::transcript_label(text, &ctx.doc.toks, &q.inner)).collect();
    let transcript = labels.iter().flatten().count() >= 2;
    for (qi, q) in quotes.iter().enumerate() {
        let mut found = None;
        if transcript {
            found = labels[qi].clone().map(|np| Found::new(np, ":".into(), confidence::ADJACENT));
        }
        if q.kind == QuoteKind::Embed {
            if let Some(a) = &q.author {
                let ti = ctx.doc.tok_at(a.start);
                let te = ctx.doc.tok_at(a.end);
                found = Some(Found::new(Np { range: a.clone(), toks: ti..te.max(ti + 1), kind: NpKind::Name }, "posted".into(), confidence::EMBED));
            }
        }
        if found.is_none() {
            found = find_attribution(&ctx, art, quotes, qi, &founds, &out);
        }
        let current = last.and_then(|(li, e)| {
            let near = art.block_at(quotes[li].outer.end).zip(art.block_at(q.outer.start)).is_some_and(|(a, b)| b <= a + 2);
            if near { e } else { None }
        });
        let draft = match &found {
            Some(f) => resolve_found(&ctx, &mut ents, f, kb, date, current, &out),
            None => SpeakerDraft::unknown(),
        };
        let ent = found.as_ref().and_then(|f| ents_entity_for(&ents, f, &draft));
        if draft.kind != SpeakerKind::Unknown {
            last = Some((qi, ent));
        }
        founds.push(found);
        out.push(draft);
    }
    // Forward: a paragraph that is only a quotation, right before a
    // paragraph opening with a cued quotation, is usually the same
    // speaker's (the cue comes once, after the second paragraph).
    for qi in (0..quotes.len().saturating_sub(1)).rev() {
        if out[qi].kind != SpeakerKind::Unknown || out[qi + 1].kind == SpeakerKind::Unknown || out[qi + 1].confidence < confidence::ADJACENT {
            continue;
        }
        let (q, n) = (&quotes[qi], &quotes[qi + 1]);
        let (Some(qb), Some(nb)) = (art.block_at(q.outer.start), art.block_at(n.outer.start)) else { continue };
        let qr = art.blocks[qb].range.clone();
        let qend = art.block_at(q.outer.end.saturating_sub(1)).map_or(qr.end, |i| art.blocks[i].range.end).max(q.outer.end);
        let alone = text[qr.start..q.outer.start].trim().is_empty() && text[q.outer.end..qend].trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).is_empty();
        let next_opens = nb > qb && n.outer.start >= q.outer.end && (qb + 1..nb).all(|i| text[art.blocks[i].range.clone()].trim().is_empty()) && text[art.blocks[nb].range.start..n.outer.start].trim().is_empty();
        if alone && next_opens {
            out[qi] = SpeakerDraft { confidence: confidence::FORWARD, ..out[qi + 1].clone() };
        }
    }
    out
}

/// The entity a resolved draft refers to (for the current-speaker rule).
fn ents_entity_for(ents: &Entities, f: &Found, d: &SpeakerDraft) -> Option<usize> {
    if d.kind != SpeakerKind::Person {
        return None;
    }
    let i = ents.resolved.partition_point(|m| m.at < f.np.range.start);
    ents.resolved.get(i).filter(|m| m.at == f.np.range.start).map(|m| m.entity).or_else(|| ents.at(&f.np.range))
}

/// Finds the mention and cue for quotation `qi`.
fn find_attribution(ctx: &Ctx, art: &Article, quotes: &[QuoteSpan], qi: usize, founds: &[Option<Found>], drafts: &[SpeakerDraft]) -> Option<Found> {
    let f = find_attribution_in(ctx, art, quotes, qi, founds, drafts)?;
    (!f.cue.is_empty() || !unnamed_headline(ctx, art, &quotes[qi], &f)).then_some(f)
}

/// A headline in title case ("Harbor Hawks Rally Past Lakers As Fans
/// Call Late Penalty 'Absurd'", "Russia's Nuclear Help to …") holding the
/// quotation, whose cue-less subject `f` is no name the article repeats
/// outside it (not "Russia's Nuclear Help"): no speaker.
#[inline(never)]
fn unnamed_headline(ctx: &Ctx, art: &Article, q: &QuoteSpan, f: &Found) -> bool {
    let block = art.block_at(q.outer.start).map(|b| art.blocks[b].range.clone()).unwrap_or(0..ctx.text.len());
    if !ctx.headline(&block) {
        return false;
    }
    let np = f.antecedent.as_ref().unwrap_or(&f.np);
    if np.kind != NpKind::Name {
        return true;
    }
    // (Its first two words: "Gina Ortiz Asked Why …" is repeated as
    // "Gina Ortiz"; not "Russia's Nuclear Help".)
    let (a, e) = (np.toks.start, np.toks.end - 1);
    let b = (a + 1).min(e);
    !(1..ctx.doc.toks.len()).any(|t| !block.contains(&ctx.doc.toks[t].range.start) && (a == b || ctx.w(t - 1) == ctx.w(a)) && ctx.w(t) == ctx.w(b))
}

fn find_attribution_in(ctx: &Ctx, art: &Article, quotes: &[QuoteSpan], qi: usize, founds: &[Option<Found>], drafts: &[SpeakerDraft]) -> Option<Found> {
    let q = &quotes[qi];
    let text = ctx.text;
    let si = ctx.doc.sentence_at(q.outer.start)?;
    let sent = ctx.doc.sentences[si].clone();
    let block = art.block_at(q.outer.start).map(|b| art.blocks[b].range.clone()).unwrap_or(0..text.len());
    // A quotation over several paragraphs: its right side is in the last.
    let end_block = art.block_at(q.outer.end.saturating_sub(1)).map(|b| art.blocks[b].range.clone()).unwrap_or(block.clone());
    let end_sent = ctx.doc.sentence_at(q.outer.end.saturating_sub(1)).map(|i| ctx.doc.sentences[i].clone()).unwrap_or(sent.clone());
    // The reporter's text after the quotation up to the next quotation or
    // the sentence end.
    let next_q = {
        let i = ctx.qranges.partition_point(|r| r.start < q.outer.end);
        ctx.qranges.get(i).map_or(usize::MAX, |r| r.start)
    };
    let sent_end = end_sent.end.max(q.outer.end).min(end_block.end.max(q.outer.end));
    // A quotation ending with "?" or "!" may be followed by its cue after
    // a capital ("Is that all?" Trump said.), which the sentence splitter
    // took for a new sentence; one ending with "." may not ("…found." He
    // added, "…").
    // A nested quotation may close with it ("…?’”").
    let inner_t = text[q.inner.clone()].trim_end().trim_end_matches(is_mark_char);
    let mut adj_end = if inner_t.ends_with(['?', '!']) { end_block.end.max(q.outer.end) } else { sent_end };
    // `"… missing." Trump said.`: after a full stop, a sentence of nothing
    // but a name and a cue speaks (audit 7; it went to the previous
    // quotation's speaker). Not "Clinton said she disagreed."
    let mut extended = false;
    if inner_t.ends_with('.') && adj_end <= q.outer.end + 3 {
        let ei = ctx.doc.sentence_at(q.outer.end.saturating_sub(1)).map_or(usize::MAX - 1, |i| i + 1);
        if let Some(ns) = ctx.doc.sentences.get(ei).filter(|s| s.start >= sent_end && s.end <= next_q.min(end_block.end)) {
            let t = ctx.reporter_toks(ns.clone(), 8, false);
            extended = t.len() >= 3 && t.len() <= 5 && ctx.w(t[t.len() - 1]) == "." && ctx.cue_at(t[t.len() - 2], t[t.len() - 1]).is_some();
            if extended {
                adj_end = ns.end;
            }
        }
    }
    let right_adj = ctx.reporter_toks(q.outer.end..adj_end.min(next_q), 30, false);
    // A: adjacent after.
    let left = ctx.reporter_toks(sent.start.min(q.outer.start)..q.outer.start, WINDOW, true);
    // "When a guest near the stage yelled, "Pasta," Lind joked": the
    // quotation closes a leading subordinate clause whose own cue stands
    // right before it; the cue after belongs to the main clause.
    let leading_sub = left.first().is_some_and(|&t| matches!(lower(ctx.w(t)).as_str(), "when" | "as" | "after" | "while" | "before" | "once"));
    if leading_sub && ctx.w(*left.last()?) == "," && inner_t.ends_with(',') {
        if let Some(f) = cue_before(ctx, &left, q).filter(|f| f.conf >= confidence::ADJACENT && f.antecedent.is_none()) {
            return Some(f);
        }
    }
    if let Some(f) = adjacent_after(ctx, &right_adj).filter(|f| !extended || f.np.kind != NpKind::Description) {
        // `Lindqvist said she hoped … because "…," she said.`: the sentence
        // already named the speaker as the subject of a cue; PolNeAR marks
        // that name, not the pronoun repeating it.
        if f.np.kind == NpKind::Pronoun && f.antecedent.is_none() {
            if let Some(n) = named_before(ctx, &left, q, block.start) {
                return Some(Found { cue: f.cue, conf: f.conf, carry: Some(f.np), ..n });
            }
        }
        return Some(f);
    }
    // `labeled as a "witch hunt" by Democrats`, `called "…" by Joshua
    // Hendrick`: a past participle right before the quotation, its agent
    // right after (audit 7).
    if let (Some(&b), Some(&l)) = (right_adj.first(), left.last()) {
        // (`called the "…"`, `labeled as a "…"`; not `reported in a "…"`.)
        let c = (l.saturating_sub(2)..=l).rev().find(|&c| ctx.w(c).ends_with("ed")).unwrap_or(l);
        if left.contains(&c) && (c + 1..=l).all(|t| ctx.w(t) == "as" || DETERMINERS.contains(&ctx.w(t))) && (ctx.cue_at(c, c + 1).is_some() || matches!(ctx.w(c), "labeled" | "dubbed")) {
            // (The whole phrase: not "American" of "by American servicemen".)
            if let Some(np) = passive_by(ctx, b, b + 12).filter(|n| ctx.doc.toks.get(n.toks.end).is_none_or(|t| !t.word)) {
                return Some(Found::new(np, ctx.cue_text(c, c + 1), confidence::ADJACENT));
            }
        }
    }
    // A dash and a name after a sentence quoted whole, on the same line or
    // the next: `"…" ― Sonya Herridge`, `"…"¶- Sanders.`
    if let Some(f) = dash_author(ctx, q, inner_t) {
        return Some(f);
    }
    let right = ctx.reporter_toks(q.outer.end..sent_end, WINDOW, false);
    // B: according to.
    for toks in [&right, &left] {
        for (k, &i) in toks.iter().enumerate() {
            if let Some((e, CueClass::According)) = ctx.cue_at(i, toks.last().map_or(i, |l| l + 1)) {
                let _ = k;
                if let Some(np) = np_right(text, &ctx.doc.toks, e, toks.last().map_or(e, |l| l + 1)) {
                    return Some(Found::new(np, ctx.cue_text(i, e), confidence::ACCORDING));
                }
            }
        }
    }
    // C: a cue earlier in the sentence.
    if let Some(f) = cue_before(ctx, &left, q) {
        return Some(f);
    }
    // D: a cue at the end of the sentence: "…, X said."
    if let Some(f) = cue_after(ctx, &right) {
        return Some(f);
    }
    // Partial quotations sharing a sentence with an attributed one.
    // Not when a clause with its own subject comes between ("X likes
    // "…", while Y loves "…"").
    let own_clause = qi > 0 && {
        let pe = quotes[qi - 1].outer.end;
        let between: Vec<usize> = left.iter().copied().filter(|&t| ctx.doc.toks[t].range.start >= pe).collect();
        between.len() >= 2
            && !has_cue(ctx, &between)
            && ctx.clause_subject(&between).is_some_and(|(np, _)| {
                let st = np.toks.start;
                // After a clause opener or comma, not after a verb (an
                // inverted cue: "…, a déclaré le président").
                let opener = st > 0 && between.contains(&(st - 1)) && {
                    let p = lower(ctx.w(st - 1));
                    matches!(p.as_str(), "," | ";") || (CLAUSE_OPENERS.contains(&p.as_str()) && p != "that")
                };
                // (Or right after the previous quotation closing with a
                // comma: `… called "petty," Marlow added …`.)
                let after_comma_quote = between.first() == Some(&st) && text[quotes[qi - 1].inner.clone()].trim_end().trim_end_matches(is_mark_char).ends_with(',');
                let opener = opener || after_comma_quote;
                opener && !matches!(lower(&text[np.range]).as_str(), "who" | "which")
            })
    };
    if qi > 0 && !own_clause && ctx.doc.sentence_at(quotes[qi - 1].outer.start) == Some(si) {
        if let Some(Some(f)) = founds.get(qi - 1) {
            if drafts[qi - 1].kind != SpeakerKind::Unknown {
                return Some(f.carried(f.conf.min(confidence::SENTENCE)));
            }
        }
    }
    // E: colon introduction.
    let before = text[block.start..q.outer.start].trim_end();
    if before.ends_with(':') && !left.is_empty() {
        // "HuffPollster: "…"" — a name and a colon.
        let last = *left.last()?;
        if ctx.w(last) == ":" && left.len() >= 2 {
            if let Some(np) = np_left(text, &ctx.doc.toks, last, left[0]) {
                let boundary = np.toks.start == left[0] || matches!(ctx.w(np.toks.start - 1), "-" | "—" | "–" | ":" | "." | ";");
                // "Republican pollster Daron Shaw: "…"", "Mark Blumenthal
                // and Jon Cohen: "…"": a short verbless label before the
                // name.
                let label = np.kind == NpKind::Name && {
                    let mut a = np.toks.start;
                    let mut n = 0;
                    while a > left[0] && n < 4 && !matches!(ctx.w(a - 1), "-" | "—" | "–" | ":" | "." | ";" | "," | "!" | "?") {
                        a -= 1;
                        n += 1;
                    }
                    let at_boundary = a == left[0] || matches!(ctx.w(a - 1), "-" | "—" | "–" | ":" | "." | ";" | "!" | "?");
                    at_boundary && left.contains(&a) && (a..np.toks.start).all(|t| {
                        let w = ctx.w(t);
                        let l = lower(w);
                        ctx.doc.toks[t].word && !l.ends_with("ed") && ctx.cue_at(t, np.toks.start).is_none() && !matches!(l.as_str(), "is" | "was" | "are" | "were" | "has" | "had" | "from" | "more")
                    })
                };
                if (boundary || label) && np.kind != NpKind::Pronoun {
                    return Some(Found::new(np, ":".into(), confidence::COLON));
                }
            }
        }
        if let Some(np) = ctx.sentence_subject(&left) {
            let cue = colon_cue(&text[np.range.end..before.len() + block.start]);
            return Some(Found::new(np, cue, confidence::COLON));
        }
    }
    if before.is_empty() {
        // First thing in its paragraph: the previous paragraph may end
        // with a colon.
        let bi = art.block_at(q.outer.start)?;
        let prev = (0..bi).rev().find(|&i| !text[art.blocks[i].range.clone()].trim().is_empty());
        if let Some(pi) = prev {
            let pb = art.blocks[pi].range.clone();
            let pt = text[pb.clone()].trim_end();
            if pt.ends_with(':') && bi - pi <= 2 {
                let psi = ctx.doc.sentence_at(pb.start + pt.len() - 1)?;
                let ps = ctx.doc.sentences[psi].clone();
                let ptoks = ctx.reporter_toks(ps.start.max(pb.start)..pb.start + pt.len(), WINDOW, true);
                // A cue before the colon ("…, and Breitbart News
                // responded:") names the speaker, not the sentence's
                // first subject.
                let dummy = QuoteSpan { inner: q.outer.start..q.outer.start, outer: q.outer.start..q.outer.start, kind: QuoteKind::Direct, author: None };
                if let Some(f) = cue_before(ctx, &ptoks, &dummy) {
                    return Some(Found { conf: confidence::COLON, ..f });
                }
                if let Some(np) = ctx.sentence_subject(&ptoks) {
                    let cue = colon_cue(&text[np.range.end..pb.start + pt.len()]);
                    return Some(Found::new(np, cue, confidence::COLON));
                }
            }
        }
    }
    // G: no cue at all, but the quotation sits inside a sentence: its
    // subject ("Trump blamed the shootings on "sickos"").
    // "Minister told 'the numbers…'" (passive): no speaker here.
    let passive_told = left.last().is_some_and(|&t| matches!(lower(ctx.w(t)).as_str(), "told" | "tell" | "tells"));
    // "her remark that "…"", "Trump's pledge to be "neutral"": the
    // possessor of a noun of saying.
    if let Some(np) = opinion_holder(ctx, &left) {
        return Some(Found::new(np, String::new(), confidence::SUBJECT));
    }
    if let Some(np) = possessive_speaker(ctx, &left) {
        return Some(Found::new(np, String::new(), confidence::SUBJECT));
    }
    if !left.is_empty() && !passive_told {
        if let Some((np, ante)) = ctx.clause_subject(&left) {
            // "Ortiz pledged to reopen the clinic if the council did not act
            // "…"": a trailing adverbial clause belongs to the main
            // clause's message; the main clause's subject speaks.
            let s = np.toks.start;
            let trailing = s >= 2 && left.contains(&(s - 1)) && left.first() != Some(&(s - 1)) && {
                let p = lower(ctx.w(s - 1));
                matches!(p.as_str(), "if" | "because" | "after" | "before" | "since" | "until" | "unless")
            };
            if trailing {
                let before: Vec<usize> = left.iter().copied().filter(|&t| t < s - 1).collect();
                if let Some((m, mante)) = ctx.clause_subject(&before) {
                    return Some(Found { antecedent: mante, ..Found::new(m, String::new(), confidence::SUBJECT) });
                }
            }
            return Some(Found { antecedent: ante, ..Found::new(np, String::new(), confidence::SUBJECT) });
        }
        if let Some(np) = ctx.sentence_subject(&left) {
            return Some(Found::new(np, String::new(), confidence::SUBJECT));
        }
        if let Some(np) = ctx.opening_subject(&left) {
            return Some(Found::new(np, String::new(), confidence::SUBJECT_LOOSE));
        }
    }
    let uncued = left.is_empty() && !has_cue(ctx, &right);
    // F: continuation of the previous quotation.
    if qi > 0 && uncued {
        if let Some(f) = continuation(ctx, art, quotes, qi, si, founds, drafts) {
            return Some(f);
        }
    }
    // P: a quotation opening a sentence after the paragraph's first
    // sentence, which names its subject ("Clinton touted her record. "We
    // need …"").
    if uncued {
        let bi = art.block_at(q.outer.start)?;
        let bstart = art.blocks[bi].range.start;
        if si > 0 && !text[bstart..q.outer.start].trim().is_empty() {
            let ps = ctx.doc.sentences[si - 1].clone();
            let quoted = {
                let i = ctx.qranges.partition_point(|r| r.end <= ps.start);
                ctx.qranges.get(i).is_some_and(|r| r.start < ps.end)
            };
            if ps.start >= bstart && !quoted {
                let ptoks = ctx.reporter_toks(ps.clone(), WINDOW, false);
                let dummy = QuoteSpan { inner: ps.end..ps.end, outer: ps.end..ps.end, kind: QuoteKind::Direct, author: None };
                if let Some(f) = cue_before(ctx, &ptoks, &dummy) {
                    return Some(Found { conf: confidence::INDIRECT, ..f });
                }
                if let Some(np) = ctx.sentence_subject(&ptoks) {
                    return Some(Found::new(np, String::new(), confidence::INDIRECT));
                }
            }
        }
    }
    // I: a quotation opening its paragraph, after a paragraph of indirect
    // speech ("Carter said that …") with no quotation of its own.
    if uncued {
        let bi = art.block_at(q.outer.start)?;
        let pi = (0..bi).rev().find(|&i| !text[art.blocks[i].range.clone()].trim().is_empty())?;
        let pb = art.blocks[pi].range.clone();
        let quoted = {
            // Quotations are sorted and do not overlap: look at the first
            // one ending after the paragraph starts.
            let i = ctx.qranges.partition_point(|r| r.end <= pb.start);
            ctx.qranges.get(i).is_some_and(|r| r.start < pb.end)
        };
        if !quoted && bi - pi <= 2 {
            let ptoks = ctx.reporter_toks(pb.clone(), WINDOW, false);
            let dummy = QuoteSpan { inner: pb.end..pb.end, outer: pb.end..pb.end, kind: QuoteKind::Direct, author: None };
            if let Some(f) = cue_before(ctx, &ptoks, &dummy) {
                return Some(Found { conf: confidence::INDIRECT, ..f });
            }
        }
    }
    None
}

/// The name heading the quotation's own sentence as the subject of a cue
/// (`Lindqvist said she hoped … because "…"`), the quotation continuing the
/// cue's clause.
fn named_before(ctx: &Ctx, left: &[usize], q: &QuoteSpan, block_start: usize) -> Option<Found> {
    let &last = left.last()?;
    // Same paragraph only.
    if ctx.doc.toks[*left.first()?].range.start < block_start {
        return None;
    }
    // The quotation must follow the reporter's words directly (no other
    // quotation between).
    if ctx.text[ctx.doc.toks[last].range.end..q.outer.start].trim().chars().any(|c| !is_mark_char(c)) {
        return None;
    }
    // The quotation continues the reporter's clause ("because "…"", "said
    // "…""); one set off by a comma, colon or dash after a named subject
    // ("Ortiz said at the hearing, "…," she said") is marked at the pronoun.
    if !ctx.doc.toks[last].word {
        return None;
    }
    let f = cue_before(ctx, left, q)?;
    // A name, or a description headed by one ("Board chairman Tom Ellery").
    let named = f.np.kind == NpKind::Name || (f.np.kind == NpKind::Description && is_cap(ctx.w(f.np.toks.end - 1)));
    (named && f.antecedent.is_none()).then_some(f)
}

/// `"…" ― Name` / `"…" — Name, Place` / a next line `- Name.`: an
/// author line after a quotation ending a sentence.
fn dash_author(ctx: &Ctx, q: &QuoteSpan, inner_t: &str) -> Option<Found> {
    if !inner_t.ends_with(['.', '!', '?', '…']) {
        return None;
    }
    let d = ctx.doc.tok_at(q.outer.end);
    let dash = ctx.doc.toks.get(d)?;
    if !ctx.text[q.outer.end..dash.range.start].trim().is_empty() || !matches!(&ctx.text[dash.range.clone()], "―" | "—" | "–" | "-") {
        return None;
    }
    // The name: up to the end of its line.
    // (Bounded: an author line is short, and a page on one line must not
    // make this a scan per quotation.)
    let rest = &ctx.text[dash.range.end..];
    let line_end = dash.range.end + rest.char_indices().take(200).find(|&(_, c)| c == '\n').map_or_else(|| rest.char_indices().nth(200).map_or(rest.len(), |(i, _)| i), |(i, _)| i);
    let ceil = ctx.doc.tok_at(line_end);
    let np = np_right(ctx.text, &ctx.doc.toks, d + 1, ceil)?;
    if np.kind != NpKind::Name {
        return None;
    }
    let after = ctx.doc.toks.get(np.toks.end).filter(|t| t.range.start < line_end).map(|t| &ctx.text[t.range.clone()]);
    if !matches!(after, None | Some("," | "." | "(")) {
        return None;
    }
    Some(Found::new(np, ctx.text[dash.range.clone()].to_string(), confidence::DASH))
}

/// Words that end a description read after an inverted cue ("said the
/// chief known as Bob").
const STOPS_AFTER_NP: &[&str] = &["known", "who", "which", "that", "of", "in", "on", "at", "for", "with", "from", "to", "and", "or", "but", "as", "after", "before", "during", "when", "while", "in", "about"];

/// Nouns of saying whose possessor is the speaker ("his warning that …").
const SPEECH_NOUNS: &[&str] = &[
    "remark", "remarks", "comment", "comments", "claim", "claims", "assertion", "assertions", "warning", "warnings", "pledge", "promise",
    "promises", "call", "calls", "answer", "statement", "statements", "words", "admission", "argument", "conclusion", "question", "message",
    "vow", "description", "criticism", "accusation", "accusations", "insistence", "suggestion", "response", "reply", "charge", "declaration",
    "contention", "prediction", "tweet", "tweets", "quip", "boast", "threat", "demand", "demands", "plea", "complaint", "complaints",
    "mispronunciation", "mispronunciations", "retort", "rhetoric", "slogan", "catchphrase", "characterization", "assessment", "denial",
    "post", "posts", "letter", "email",
];

/// `his warning that "…"` / `Trump's pledge to be "…"` / `in Forbes'
/// words, "…"`: the possessor of a noun of saying within the last few
/// reporter tokens before the quotation.
fn possessive_speaker(ctx: &Ctx, left: &[usize]) -> Option<Np> {
    let n = left.len();
    // The noun is at most 6 tokens before the quotation, contiguous, with
    // no sentence-level break after it.
    for back in 1..=n.min(7) {
        let ni = left[n - back];
        if back > 1 && left[n - back + 1] != ni + 1 {
            return None;
        }
        let nw = lower(ctx.w(ni));
        if back > 1 && matches!(nw.as_str(), ";" | "." | ":") {
            return None;
        }
        // "Trump's statement was "true"", "a statement about "…"": the
        // quotation is said of the words, not by their speaker.
        if matches!(nw.as_str(), "was" | "is" | "were" | "are" | "has" | "had" | "about") {
            return None;
        }
        if !SPEECH_NOUNS.contains(&nw.as_str()) {
            continue;
        }
        // Walk left over at most three modifiers to the possessive.
        let mut k = n - back;
        for _ in 0..4 {
            if k == 0 || left[k - 1] + 1 != left[k] {
                return None;
            }
            k -= 1;
            let t = left[k];
            let w = ctx.w(t);
            let l = lower(w);
            if matches!(l.as_str(), "his" | "her" | "their") {
                let np = Np { range: ctx.doc.toks[t].range.clone(), toks: t..t + 1, kind: NpKind::Pronoun };
                return (k == 0 || free_position(ctx, left[k - 1])).then_some(np);
            }
            if is_cap(w) && (l.ends_with("'s") || l.ends_with("’s") || l.ends_with('\'') || l.ends_with('’')) {
                let np = np_left(ctx.text, &ctx.doc.toks, t + 1, left[0])?;
                let s = np.toks.start;
                let free = s == left[0] || s == 0 || free_position(ctx, s - 1);
                return (np.kind == NpKind::Name && free).then_some(np);
            }
            if !ctx.doc.toks[t].word || DETERMINERS.contains(&l.as_str()) || CLAUSE_OPENERS.contains(&l.as_str()) {
                return None;
            }
        }
        return None;
    }
    None
}

/// `To Kessel, the mayor is the "…"` / `because to her, "…"`: a fronted "to X,"
/// names whose view the clause gives.
fn opinion_holder(ctx: &Ctx, left: &[usize]) -> Option<Np> {
    for (k, &t) in left.iter().enumerate() {
        if lower(ctx.w(t)) != "to" {
            continue;
        }
        let opens = k == 0 || matches!(lower(ctx.w(left[k - 1])).as_str(), "," | ";" | "—" | "because" | "that" | "and" | "but");
        if !opens || left.get(k + 1) != Some(&(t + 1)) {
            continue;
        }
        let ceil = left.last().map_or(t, |l| l + 1);
        let np = if matches!(lower(ctx.w(t + 1)).as_str(), "him" | "her" | "them") {
            Np { range: ctx.doc.toks[t + 1].range.clone(), toks: t + 1..t + 2, kind: NpKind::Pronoun }
        } else {
            match np_right(ctx.text, &ctx.doc.toks, t + 1, ceil) {
                Some(np) if np.kind == NpKind::Name => np,
                _ => continue,
            }
        };
        if np.toks.end < ceil && ctx.w(np.toks.end) == "," {
            return Some(np);
        }
    }
    None
}

/// True if the word at token `p` leaves the phrase after it outside a
/// verb's object ("over her remark", "and his call"; not "defended his
/// comments", whose subject speaks).
fn free_position(ctx: &Ctx, p: usize) -> bool {
    let l = lower(ctx.w(p));
    matches!(
        l.as_str(),
        "," | "(" | "—" | "–" | "in" | "over" | "of" | "with" | "including" | "and" | "between" | "after" | "about" | "from" | "for" | "on" | "despite" | "amid" | "to" | "at" | "under" | "given" | "like" | "than" | "as" | "since" | "against" | "into" | "during" | "that"
    ) || (l == "by" && p > 0 && !ctx.doc.toks[p - 1].word)
}

/// Rule F: an uncued quotation right after an attributed one.
fn continuation(ctx: &Ctx, art: &Article, quotes: &[QuoteSpan], qi: usize, si: usize, founds: &[Option<Found>], drafts: &[SpeakerDraft]) -> Option<Found> {
    let text = ctx.text;
    let q = &quotes[qi];
    let p = &quotes[qi - 1];
    let f = founds.get(qi - 1)?.as_ref()?;
    if drafts[qi - 1].kind == SpeakerKind::Unknown {
        return None;
    }
    let psi = ctx.doc.sentence_at(p.outer.start)?;
    let same_block = art.block_at(p.outer.start) == art.block_at(q.outer.start);
    if same_block && (psi == si || psi + 1 == si) {
        return Some(f.carried(confidence::CONTINUATION));
    }
    let pb = art.block_at(p.outer.end.saturating_sub(1))?;
    let qb = art.block_at(q.outer.start)?;
    // Next paragraph, which q opens: the previous one ended with p's
    // sentence.
    if !text[art.blocks[qb].range.start..q.outer.start].trim().is_empty() {
        return None;
    }
    let between_blocks = (pb + 1..qb).all(|i| text[art.blocks[i].range.clone()].trim().is_empty());
    let pend = ctx.doc.sentence_at(art.blocks[pb].range.end.saturating_sub(1));
    if between_blocks && qb > pb && pend == Some(psi) && (f.np.range.start >= art.blocks[pb].range.start) {
        return Some(f.carried(confidence::CONTINUATION_NEXT));
    }
    None
}

/// True if cue `k` of `left` sits in an opening participle clause ("Asked
/// whether he believed …, Carson said"): the sentence opens with a
/// capitalised -ed/-ing word and no comma has come yet.
fn in_opening_clause(ctx: &Ctx, left: &[usize], k: usize) -> bool {
    let Some(&first) = left.first() else { return false };
    let w0 = ctx.w(first);
    // The opener must itself be a verb ("Asked", "Speaking"), not a name
    // ("Downing Street").
    let verb = ctx.cue_at(first, first + 3).is_some() || matches!(lower(w0).as_str(), "speaking" | "responding" | "referring" | "pressed" | "questioned" | "interviewed");
    if !(is_cap(w0) && verb && (w0.ends_with("ed") || w0.ends_with("ing"))) {
        return false;
    }
    !left[..=k].iter().skip(1).any(|&t| ctx.w(t) == ",")
}

/// A passive cue's agent: "as described by FBI Director James Comey".
fn passive_by(ctx: &Ctx, e: usize, ceil: usize) -> Option<Np> {
    // "Asked by X, Carson said": X asks, someone else answers — but "was
    // asked by X" makes X the speaker of the question.
    let ask = lower(ctx.w(e - 1)).starts_with("ask");
    let passive = e >= 2 && matches!(lower(ctx.w(e - 2)).as_str(), "was" | "were" | "been" | "being" | "is");
    // "responded by saying": a gerund, not an agent.
    let gerund = ctx.doc.toks.get(e + 1).is_some_and(|t| {
        let w = &ctx.text[t.range.clone()];
        !is_cap(w) && w.ends_with("ing")
    });
    if e < ceil && ctx.w(e) == "by" && (!ask || passive) && !gerund {
        np_right(ctx.text, &ctx.doc.toks, e + 1, ceil)
    } else {
        None
    }
}

/// Cues whose object is the one spoken to ("told reporters", "asked
/// him"), never the speaker.
fn addressee_cue(w: &str) -> bool {
    matches!(lower(w).as_str(), "told" | "tell" | "tells" | "telling" | "asked" | "ask" | "asks" | "asking" | "urged" | "warned" | "thanked" | "praised" | "accused" | "criticized" | "blasted" | "slammed" | "called")
}

fn is_mark_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '’' | '\'' | '»' | '«' | '„')
}

fn has_cue(ctx: &Ctx, toks: &[usize]) -> bool {
    let ceil = toks.last().map_or(0, |l| l + 1);
    toks.iter().any(|&i| ctx.cue_at(i, ceil).is_some())
}

/// `"…," X said` / `"…," said X` / `"…," X, the …, said`.
fn adjacent_after(ctx: &Ctx, r: &[usize]) -> Option<Found> {
    let mut k = 0;
    while k < r.len() && matches!(ctx.w(r[k]), "," | "—" | "–" | "-" | "(") {
        k += 1;
    }
    // `"…," as Cruz said on the radio`.
    // (`"…," as a Treasury briefing note put it`.)
    if k + 1 < r.len() && lower(ctx.w(r[k])) == "as" && r[k + 1] == r[k] + 1 && (is_cap(ctx.w(r[k + 1])) || matches!(lower(ctx.w(r[k + 1])).as_str(), "a" | "an" | "the" | "one" | "his" | "her" | "their" | "its")) {
        k += 1;
    }
    if k >= r.len() {
        return None;
    }
    // `"… project." (Current models say …)`: a parenthesis opening a new
    // sentence after a quotation that closed its own is a remark of the
    // reporter's, not the quotation's attribution.
    if k > 0 && ctx.w(r[k - 1]) == "(" && is_cap(ctx.w(r[k])) && r[0] >= 2 && matches!(ctx.w(r[0] - 2), "." | "!" | "?") {
        return None;
    }
    let ceil = r.last().map_or(0, |l| l + 1);
    let start = r[k];
    // Contiguous tokens only (no quotation in between).
    let contiguous = |a: usize, b: usize| b - a == r.iter().filter(|&&i| i >= a && i < b).count();
    // "said X" (not "told X": X is who was told)
    // ("…?" asked the boy: the one asking speaks.)
    let inverted_ok = !addressee_cue(ctx.w(start)) || matches!(lower(ctx.w(start)).as_str(), "asked" | "asks");
    if let Some((e, CueClass::Speech)) = ctx.cue_at(start, ceil).filter(|_| inverted_ok && !lower(ctx.w(start)).ends_with("ing")) {
        if let Some(np) = np_right(ctx.text, &ctx.doc.toks, e, ceil) {
            // "said her deputy, Omar Reyes": the name in apposition.
            if np.kind == NpKind::Description && np.toks.end + 1 < ceil && ctx.w(np.toks.end) == "," {
                if let Some(name) = np_right(ctx.text, &ctx.doc.toks, np.toks.end + 1, ceil) {
                    let after = ctx.doc.toks.get(name.toks.end).map_or(".", |t| &ctx.text[t.range.clone()]);
                    if name.kind == NpKind::Name && matches!(after, "." | "," | ";") {
                        return Some(Found::new(name, ctx.cue_text(start, e), confidence::ADJACENT));
                    }
                }
            }
            return Some(Found::new(np, ctx.cue_text(start, e), confidence::ADJACENT));
        }
        // `"…," wrote one commenter` / `tweeted another` / `said the base
        // chief`: a determiner and the lower-case words after it, whatever
        // the head noun.
        if e < ceil && contiguous(start, e + 1) && DETERMINERS.contains(&lower(ctx.w(e)).as_str()) {
            let mut j = e + 1;
            // "said one of those aides", "said one of the stewards".
            if j + 1 < ceil && lower(ctx.w(j)) == "of" && matches!(lower(ctx.w(e)).as_str(), "one" | "some" | "many" | "several" | "two" | "three" | "most") {
                j += 1;
                if DETERMINERS.contains(&lower(ctx.w(j)).as_str()) || matches!(lower(ctx.w(j)).as_str(), "those" | "these" | "them") {
                    j += 1;
                }
            }
            // ("reads a Sunday editorial in …": capitalised words too.)
            while j < ceil && j - e < 7 && ctx.doc.toks[j].word && !STOPS_AFTER_NP.contains(&lower(ctx.w(j)).as_str()) {
                j += 1;
            }
            let alone = matches!(lower(ctx.w(e)).as_str(), "one" | "another" | "some" | "many" | "others" | "several");
            // Not a participle ("…," describing the team as …), and the
            // phrase ends the clause.
            let finite = !lower(ctx.w(start)).ends_with("ing");
            let ends = j >= ceil || !ctx.doc.toks[j].word || matches!(lower(ctx.w(j)).as_str(), "known" | "who" | "in" | "on" | "at" | "after" | "during");
            if (j > e + 1 || alone) && finite && ends {
                let np = Np { range: ctx.doc.toks[e].range.start..ctx.doc.toks[j - 1].range.end, toks: e..j, kind: NpKind::Description };
                return Some(Found::new(np, ctx.cue_text(start, e), confidence::ADJACENT));
            }
        }
        // `"…," said master of ceremonies Dev Malhotra`, `said Ohio widow
        // Ruth Kessel`: a lower-case label, then a name.
        if e < ceil && contiguous(start, e + 1) && ctx.doc.toks[e].word && !is_cap(ctx.w(e)) {
            let mut j = e;
            while j < ceil && j - e < 4 && ctx.doc.toks[j].word && !is_cap(ctx.w(j)) && !DETERMINERS.contains(&lower(ctx.w(j)).as_str()) && (lower(ctx.w(j)) == "of" || !STOPS_AFTER_NP.contains(&lower(ctx.w(j)).as_str())) {
                j += 1;
            }
            if j > e && lower(ctx.w(j - 1)) != "of" {
                if let Some(name) = np_right(ctx.text, &ctx.doc.toks, j, ceil).filter(|n| n.kind == NpKind::Name) {
                    let np = Np { range: ctx.doc.toks[e].range.start..name.range.end, toks: e..name.toks.end, kind: NpKind::Description };
                    return Some(Found::new(np, ctx.cue_text(start, e), confidence::ADJACENT));
                }
            }
        }
    }
    // "X said": the first cue within a few tokens.
    // (Not an infinitive in a `, who …` aside: `an official, who was not
    // authorized to speak …, told Fox News`; audit 7.)
    let mut aside = false;
    for &c in r.iter().skip(k + 1).take(28) {
        if matches!(ctx.w(c), "." | "!" | "?" | ";") {
            break;
        }
        if ctx.w(c) == "," {
            aside = c + 1 < ceil && lower(ctx.w(c + 1)) == "who";
        }
        if aside && lower(ctx.w(c - 1)) == "to" {
            continue;
        }
        if let Some((e, CueClass::Speech)) = ctx.cue_at(c, ceil) {
            if !contiguous(start, c) {
                return None;
            }
            // "…," Trump said: "…" — the cue introduces the next quotation.
            if e < ctx.doc.toks.len() && ctx.w(e) == ":" {
                return None;
            }
            let b = ctx.skip_between(c, start);
            if let Some(np) = np_left_with(ctx.text, &ctx.doc.toks, b, start, true) {
                if np.toks.start == start {
                    return Some(Found::new(np, ctx.cue_text(c, e), confidence::ADJACENT));
                }
            }
            // A longer description right after the quotation: `"…," the
            // owner of a bakery on Main Street told reporters`.
            let span_ok = b > start
                && b - start <= 12
                && (start..b).all(|t| ctx.doc.toks[t].word)
                && {
                    let f = lower(ctx.w(start));
                    DETERMINERS.contains(&f.as_str()) || is_cap(ctx.w(start))
                };
            if span_ok {
                let kind = if (start..b).all(|t| is_cap(ctx.w(t))) { NpKind::Name } else { NpKind::Description };
                let np = Np { range: ctx.doc.toks[start].range.start..ctx.doc.toks[b - 1].range.end, toks: start..b, kind };
                return Some(Found::new(np, ctx.cue_text(c, e), confidence::ADJACENT));
            }
            // "Corvane's chief executive, Dana Whitlock, told analysts".
            if b > start && ctx.w(b - 1) == "," {
                if let Some(np) = ctx.subject(c, start) {
                    if np.toks.start >= start {
                        return Some(Found::new(np, ctx.cue_text(c, e), confidence::ADJACENT));
                    }
                }
            }
            // Appositive: "X, the press secretary, said".
            if let Some(np) = np_right(ctx.text, &ctx.doc.toks, start, c) {
                if np.toks.end < c && ctx.w(np.toks.end) == "," && b > start && ctx.w(b - 1) == "," {
                    return Some(Found::new(np, ctx.cue_text(c, e), confidence::ADJACENT));
                }
                // Its closing comma left out: "X, who chairs the PAC said",
                // "X, the pollster who founded the site tweeted" (audit 7).
                let open = np.toks.end + 1;
                if np.kind == NpKind::Name && open < b && ctx.w(open - 1) == "," && matches!(lower(ctx.w(open)).as_str(), "who" | "the" | "a" | "an") && b - open <= 10 && (open..b).all(|t| ctx.doc.toks[t].word) && clause_end(ctx, e) {
                    return Some(Found::new(np, ctx.cue_text(c, e), confidence::ADJACENT));
                }
            }
            return None;
        }
    }
    // `"…!" beamed Donald Hartley.`: an unknown past-tense verb, then a
    // name.
    {
        let vw = ctx.w(start);
        if vw.len() > 3 && vw.ends_with("ed") && !is_cap(vw) && contiguous(start, start + 1) {
            if let Some(np) = np_right(ctx.text, &ctx.doc.toks, start + 1, ceil) {
                if np.kind == NpKind::Name {
                    return Some(Found::new(np, vw.to_string(), confidence::ADJACENT_UNKNOWN_VERB));
                }
            }
        }
    }
    // `"…," Trump barked.`: a name and a past-tense verb the cue table
    // does not know, ending the sentence.
    if let Some(np) = np_right(ctx.text, &ctx.doc.toks, start, ceil) {
        let v = np.toks.end;
        let head = lower(ctx.w(np.toks.end - 1));
        let person_desc = Words::get().role_nouns.contains_key(&head) || Words::get().anonymous.contains(&head);
        if (np.kind != NpKind::Description || person_desc) && v < ceil && contiguous(start, v + 1) {
            let vw = ctx.w(v);
            let after = ctx.doc.toks.get(v + 1).map(|t| &ctx.text[t.range.clone()]).unwrap_or(".");
            let past = vw.len() > 3 && vw.ends_with("ed");
            // "he mocks." — a present-tense verb ending the sentence.
            let present = vw.len() > 3 && vw.ends_with('s') && !vw.ends_with("ss") && !matches!(vw, "was" | "has" | "is" | "does") && matches!(after, "." | ",");
            if (past || present) && !is_cap(vw) && matches!(after, "." | "," | "and" | "as" | "at" | "in" | "on" | "to" | "from" | "during" | "while" | "after" | "before" | "when") {
                return Some(Found::new(np, vw.to_string(), confidence::ADJACENT_UNKNOWN_VERB));
            }
        }
    }
    None
}

/// True if the words from token `e` (right after a cue) end its clause
/// or add where or when ("said.", "tweeted on Monday", "told Fox News"),
/// not an object the cue of a relative clause takes ("accused him of").
fn clause_end(ctx: &Ctx, e: usize) -> bool {
    e >= ctx.doc.toks.len() || !ctx.doc.toks[e].word || {
        let w = ctx.w(e);
        is_cap(w) || matches!(w, "me" | "in" | "on" | "at" | "to")
    }
}

/// A cue earlier in the quotation's sentence. A cue right before the
/// quotation (`X said: "…"`, `X said that "…"`) wins; otherwise the
/// leftmost cue with a subject, which heads the sentence's main clause
/// (`Bolton said he would advise … "…"` is Bolton's).
fn cue_before(ctx: &Ctx, left: &[usize], q: &QuoteSpan) -> Option<Found> {
    let floor = *left.first()?;
    let ceil = left.last().map_or(0, |l| l + 1);
    let mut cands: Vec<Found> = Vec::new();
    let mut rel: Vec<Found> = Vec::new();
    // One past the cue of the first candidate (main clause's cue).
    let mut first_cue_end: Option<usize> = None;
    // The last participle clause "with X saying" (see below).
    let mut absolute: Option<Found> = None;
    // A later parenthetical cue (", he said,").
    let mut paren: Option<Found> = None;
    let mut k = 0;
    while k < left.len() {
        let i = left[k];
        let Some((e, CueClass::Speech)) = ctx.cue_at(i, ceil) else {
            k += 1;
            continue;
        };
        let cue_len = e - i;
        let near = left[k + cue_len..].iter().all(|&t| matches!(ctx.w(t), ":" | "," | "that" | "—"));
        // "Chancellor told 'the money is there'": "told" with no one told
        // is passive (a headline's "was told"); its subject did not speak.
        let told = matches!(lower(ctx.w(i)).as_str(), "told" | "tell" | "tells");
        if told && (left[k + cue_len..].is_empty() || (k > 0 && matches!(lower(ctx.w(left[k - 1])).as_str(), "was" | "were" | "been" | "being" | "is" | "are"))) {
            k += cue_len;
            continue;
        }
        // "after the vote was counted": a passive without an agent
        // reports no one's words.
        let cw = lower(ctx.w(i));
        let passive = cue_len == 1
            && k > 0
            && matches!(lower(ctx.w(left[k - 1])).as_str(), "was" | "were" | "been" | "being" | "be")
            && (cw.ends_with("ed") || matches!(cw.as_str(), "said" | "written"))
            && !(e < ceil && matches!(ctx.w(e), "by" | "that" | ":"));
        if passive {
            k += cue_len;
            continue;
        }
        let conf = if near { confidence::ADJACENT } else { confidence::SENTENCE };
        // Contiguous run of reporter tokens ending at the cue.
        let mut lo = k;
        while lo > 0 && left[lo - 1] + 1 == left[lo] {
            lo -= 1;
        }
        let mut got = passive_by(ctx, e, ceil).map(|np| Found::new(np, ctx.cue_text(i, e + 1), conf));
        if got.is_none() {
            got = ctx.subject_of(i, left[lo].max(floor), left).map(|(np, ante)| Found { antecedent: ante, ..Found::new(np, ctx.cue_text(i, e), conf) });
        }
        if got.is_none() {
            // "said X: "…"" — the speaker right after the cue, when the
            // quotation follows it.
            if let Some(np) = np_right(ctx.text, &ctx.doc.toks, e, ceil) {
                let rest = ctx.text[np.range.end..q.outer.start].trim();
                if (rest == ":" || rest == ",") && np.kind != NpKind::Pronoun {
                    got = Some(Found::new(np, ctx.cue_text(i, e), conf));
                }
            }
        }
        if let Some(f) = got {
            // "… with a clip of Ortiz saying at the forum "…"", "with
            // Lind calling it a "…"": a participle whose subject is the
            // object of "with"/"of" right before it is a clause of its own,
            // nearer the quotation than the main verb.
            // ("a clip of Ortiz saying": the name after "of" is the
            // mention.)
            let mut inner = f.clone();
            if let Some(o) = (f.np.toks.start + 1..f.np.toks.end.saturating_sub(1)).rev().find(|&t| lower(ctx.w(t)) == "of") {
                if let Some(name) = np_right(ctx.text, &ctx.doc.toks, o + 1, f.np.toks.end).filter(|n| n.kind == NpKind::Name && n.toks.end == f.np.toks.end) {
                    inner.np = name;
                }
            }
            let st = inner.np.toks.start;
            let absolute_clause = lower(ctx.w(i)).ends_with("ing")
                && f.antecedent.is_none()
                && f.np.toks.end <= i
                && (f.np.toks.end..i).all(|t| lower(ctx.w(t)).ends_with("ly"))
                && st > 0
                && left.contains(&(st - 1))
                && (matches!(lower(ctx.w(st - 1)).as_str(), "with" | "of") || (f.np.toks.start > 0 && lower(ctx.w(f.np.toks.start - 1)) == "with"));
            if absolute_clause && !near {
                absolute = Some(inner);
            }
            if near {
                // `X said he believes "…"`: a pronoun subject of the cue
                // next to the quotation stands for the main clause's
                // speaker, who is named.
                // Only inside the main cue's reported clause: no comma or
                // conjunction between ("Ryan said …, though he said, "…"" is
                // a new clause).
                let main = cands.iter().find(|c| {
                    c.np.kind != NpKind::Pronoun && c.antecedent.is_none() && {
                        let from = ctx.doc.tok_at(c.np.range.end);
                        let to = f.np.toks.start;
                        // (", before adding that he believes", ", saying
                        // she believes": a participle continues the clause.)
                        let ing = |t: usize| t + 1 < to && lower(ctx.w(t + 1)).ends_with("ing") && ctx.w(t + 1).len() > 4;
                        (from..to).all(|t| {
                            let w = lower(ctx.w(t));
                            let participle = (w == "," && (ing(t) || (t + 1 < to && matches!(lower(ctx.w(t + 1)).as_str(), "before" | "after") && ing(t + 1)))) || (matches!(w.as_str(), "before" | "after") && ing(t));
                            participle || (w != "," && w != ";" && (w == "that" || !CLAUSE_OPENERS.contains(&w.as_str())))
                        })
                    }
                });
                // (Also a hypothetical speaker inside the main report:
                // "Ortiz said she hoped that voters will say "yes"".)
                let modal = i > 0 && matches!(lower(ctx.w(i - 1)).as_str(), "will" | "would" | "could" | "should" | "might" | "may" | "can" | "must");
                if (f.np.kind == NpKind::Pronoun || modal) && f.antecedent.is_none() {
                    if let Some(m) = main {
                        return Some(m.clone());
                    }
                }
                return Some(f);
            }
            // `meddling the congressman said is designed to "…"`, `what
            // State now says are "…"`: a cue whose object is a verb heads a
            // relative clause that holds the quotation, with no comma
            // before it (audit 7).
            // (Not a pronoun or the main subject again: "Trump said …, who
            // he speculates are "…"" is Trump's.)
            let again = |c: &Found| ctx.w(c.np.toks.end - 1) == ctx.w(f.np.toks.end - 1);
            if e < ceil && f.antecedent.is_none() && f.np.kind != NpKind::Pronoun && !cands.iter().any(again) && matches!(ctx.w(e), "is" | "are" | "was" | "were" | "would" | "will") && !left[k + cue_len..].iter().any(|&t| matches!(ctx.w(t), "," | ";" | ":" | "—")) && !has_cue(ctx, &left[k + cue_len..]) {
                return Some(f);
            }
            // A cue inside a leading subordinate clause ("When Brown
            // criticized Clinton, Hillary shot back, "…"") is not the
            // quotation's.
            // ("As Ryan has pointed out, …" is an attribution, though.)
            let opener = lower(ctx.w(left[0]));
            // (Only while the clause is open: "When a guest yelled, "Pasta,"
            // Lind joked" — "joked" is the main clause's.)
            // (Counted from the last subordinator before the cue: "Back in
            // college, when my roommate asked …" is still open.)
            let sub_at = left[..k].iter().rposition(|&t| SUBORDINATORS.contains(&lower(ctx.w(t)).as_str())).unwrap_or(0);
            let closed_before = left[sub_at..k].iter().any(|&t| ctx.w(t) == ",") || {
                let (a, b) = (ctx.doc.toks[left[sub_at]].range.start, ctx.doc.toks[i].range.start);
                let from = ctx.qranges.partition_point(|r| r.start < a);
                ctx.qranges[from..].iter().take_while(|r| r.end <= b).any(|r| ctx.text[r.clone()].trim_end_matches(is_mark_char).ends_with(','))
            };
            let sub_clause = opener != "as" && SUBORDINATORS.contains(&opener.as_str()) && !closed_before && left[k + cue_len..].iter().any(|&t| ctx.w(t) == ",");
            // A cue inside a fronted prepositional phrase ("In a radio
            // interview taped Monday, Harlan said …", "In a letter
            // naming the nominee, the guild called …") describes the
            // phrase's noun; the clause after the comma holds the speaker.
            // (The comma may close a quotation: `In a letter that the mayor
            // called "petty," Marlow …`.)
            let comma_after = left[k + cue_len..].iter().any(|&t| ctx.w(t) == ",") || {
                let from = ctx.doc.toks[i].range.end;
                let a = ctx.qranges.partition_point(|r| r.start < from);
                ctx.qranges[a..].iter().take_while(|r| r.end <= q.outer.start).any(|r| ctx.text[r.clone()].trim_end_matches(is_mark_char).ends_with(','))
            };
            // ("And, in a letter that …": past a leading conjunction.)
            let o = left[..k].iter().position(|&t| !LEADERS.contains(&lower(ctx.w(t)).as_str()) && ctx.w(t) != ",").unwrap_or(0);
            let fronted_pp = FRONT_PREPOSITIONS.contains(&lower(ctx.w(left[o])).as_str()) && !left[o..k].iter().any(|&t| ctx.w(t) == ",") && comma_after;
            // "If the bill fails, he said, Congress can …": a parenthetical
            // cue set off by commas attributes the whole sentence.
            let parenthetical = f.np.toks.start > 0 && ctx.w(f.np.toks.start - 1) == "," && e < ceil && ctx.w(e) == ",";
            let sub_clause = (sub_clause || fronted_pp) && !parenthetical;
            // "Asked by Starnes whether …, Carson said": an opening
            // participle clause.
            let opening_participle = in_opening_clause(ctx, left, k);
            let relative = f.antecedent.is_some();
            if !sub_clause && !opening_participle {
                // "… — much like, she said, the mayor calling it "…"": a
                // later parenthetical cue owns the rest of the sentence.
                if parenthetical && !cands.is_empty() && f.antecedent.is_none() {
                    paren = Some(f.clone());
                }
                if first_cue_end.is_none() {
                    first_cue_end = Some(e);
                }
                if relative {
                    rel.push(f);
                } else {
                    cands.push(f);
                }
            }
        }
        k += cue_len;
    }
    if let Some(a) = absolute.or(paren) {
        return Some(a);
    }
    // "Marlow thanked Jane Lind, who has pledged … "…"", "Ortiz,
    // who called the plan "…"": a relative clause still open at the
    // quotation, after the main cue, holds it; PolNeAR marks its "who".
    let open_rel = rel.last().filter(|r| {
        let w = r.np.toks.start;
        // (Not inside the main cue's reported clause: "recalled that …
        // listeners, who wondered if "…"" is the main speaker's.)
        // ("told a student who asked whether … that "…"": the one
        // told is no speaker of what she is told.)
        cands.first().is_some_and(|c| c.np.toks.end <= w && !c.cue.split_whitespace().next().is_some_and(|v| matches!(lower(v).as_str(), "told" | "tell" | "tells" | "telling" | "asked" | "asks" | "ask" | "asking")) && !left.iter().any(|&t| t > c.np.toks.end && t < w && lower(ctx.w(t)) == "that"))
            && !left.iter().any(|&t| t > w && matches!(ctx.w(t), "," | "—" | "–" | "(" | ")" | ";" | ":"))
    });
    if let Some(r) = open_rel {
        return Some(r.clone());
    }
    let chosen = pick(cands, rel)?;
    // A later coordinate or adverbial clause with a subject of its own
    // holds the quotation ("Trump said …, and Cruz vowed to "…"", "…
    // Stevens says, but she cautions that "…""): its subject speaks.
    if let (Some(ce), Some((np, None))) = (first_cue_end, ctx.clause_subject(left)) {
        let s = np.toks.start;
        // Not inside the first cue's "that" clause ("The Journal notes
        // that …, and Trump called Haley "…"" is the Journal's), nor a
        // first-person aside ("and I quote").
        // ("…, but he said that "…"" has a cue of its own after a
        // contrasting "but": a new report.)
        let joiner = if s >= 1 { lower(ctx.w(s - 1)) } else { String::new() };
        let own_cue = (s > ce && s >= 2)
            .then(|| {
                let mut v = np.toks.end;
                while v < ceil && (BETWEEN.contains(&ctx.w(v)) || TIME_WORDS.contains(&lower(ctx.w(v)).as_str())) {
                    v += 1;
                }
                ctx.cue_at(v, ceil).filter(|&(_, c)| c == CueClass::Speech).map(|(e, _)| (v, e))
            })
            .flatten();
        let reported = !(own_cue.is_some() && joiner == "but") && (ce..s).any(|t| lower(ctx.w(t)) == "that");
        // "Ortiz posted after Lind insisted that "…"", "Marlow asked
        // …, when she claimed the mayor was "…"", "…, while Lind said that
        // "…"": an adverbial clause with a cue of its own holds the
        // quotation, comma or not.
        // ("before she spoke at the hearing" reports nothing.)
        let speaks = own_cue.is_some_and(|(v, _)| lower(ctx.w(v)).starts_with("spoke") || lower(ctx.w(v)).starts_with("speak"));
        // ("Ortiz faults the mayor for "…" and Lind says she is "…"": a
        // coordinate clause with its own named subject and cue.)
        let coordinate_report = own_cue.is_some() && !reported && joiner == "and" && np.kind == NpKind::Name;
        let adverbial_report = coordinate_report || (own_cue.is_some() && !speaks && (matches!(joiner.as_str(), "while" | "whereas") || (SUBORDINATORS.contains(&joiner.as_str()) && joiner != "if")));
        let first_person = Words::get().pronouns.get(&lower(ctx.w(s))).is_some_and(|p| p.first);
        // "Clinton says she hopes …, but she knows "…"": a pronoun
        // repeating the reported clause's subject continues the report.
        let sw = lower(ctx.w(s));
        let parallel = np.kind == NpKind::Pronoun && (ce..s).any(|t| lower(ctx.w(t)) == sw);
        // "…, when the story broke, "…"": a closed adverbial clause.
        let closed = s >= 1 && SUBORDINATORS.contains(&lower(ctx.w(s - 1)).as_str()) && left.iter().any(|&t| t > s && ctx.w(t) == ",");
        if s > ce && s >= 2 && !first_person && !parallel && !closed && ((!reported && later_clause(ctx, s)) || adverbial_report) {
            let cue = own_cue.map_or(String::new(), |(v, e)| ctx.cue_text(v, e));
            return Some(Found::new(np, cue, confidence::SENTENCE));
        }
    }
    Some(chosen)
}

/// True if token `s` opens a coordinate clause (", and" / ", but" / ";")
/// or an adverbial one (", when" …), not a clause reported by a cue.
fn later_clause(ctx: &Ctx, s: usize) -> bool {
    let p = lower(ctx.w(s - 1));
    // A comma, or a quotation closing with one (`"…," but he noted`).
    let comma = ctx.w(s - 2) == "," || (s >= 3 && ctx.w(s - 2).chars().all(is_mark_char) && ctx.w(s - 3) == ",");
    p == ";" || (matches!(p.as_str(), "and" | "but" | "yet") && comma) || (SUBORDINATORS.contains(&p.as_str()) && p != "if" && comma)
}

/// Chooses among the cues of a sentence (in text order): the first
/// (main clause), else a relative clause's.
fn pick(cands: Vec<Found>, rel: Vec<Found>) -> Option<Found> {
    cands.into_iter().next().or_else(|| rel.into_iter().next())
}

/// A cue later in the sentence: "…, X said." / "…, said X."
fn cue_after(ctx: &Ctx, right: &[usize]) -> Option<Found> {
    let ceil = right.last().map_or(0, |l| l + 1);
    for (k, &i) in right.iter().enumerate() {
        let Some((e, CueClass::Speech)) = ctx.cue_at(i, ceil) else { continue };
        if let Some(np) = passive_by(ctx, e, ceil) {
            return Some(Found::new(np, ctx.cue_text(i, e + 1), confidence::SENTENCE_END));
        }
        let b = ctx.skip_between(i, right[0]);
        if let Some(np) = np_left(ctx.text, &ctx.doc.toks, b, right[0]) {
            let st = np.toks.start;
            if st > 0 && (matches!(ctx.w(st - 1), "," | "—" | "–") || ctx.w(st - 1).chars().all(is_mark_char)) {
                return Some(Found::new(np, ctx.cue_text(i, e), confidence::SENTENCE_END));
            }
        }
        if k > 0 && ctx.w(right[k - 1]) == "," && !addressee_cue(ctx.w(i)) {
            if let Some(np) = np_right(ctx.text, &ctx.doc.toks, e, ceil) {
                return Some(Found::new(np, ctx.cue_text(i, e), confidence::SENTENCE_END));
            }
        }
    }
    None
}

/// Turns a mention into a speaker: resolution, kind, party, role.
fn resolve_found(ctx: &Ctx, ents: &mut Entities, f: &Found, kb: &Kb, date: Option<Date>, current: Option<usize>, prev: &[SpeakerDraft]) -> SpeakerDraft {
    let w = Words::get();
    let text = ctx.text;
    let np = f.antecedent.as_ref().unwrap_or(&f.np);
    let mut d = SpeakerDraft { mention: Some(f.np.range.clone()), cue: Some(f.cue.clone()).filter(|c| !c.is_empty()), confidence: f.conf, ..SpeakerDraft::unknown() };
    let toks = &ctx.doc.toks[np.toks.clone()];
    let person = |ents: &mut Entities, d: &mut SpeakerDraft, id: usize, gender: char| {
        ents.note(np.range.start, np.range.end, id, gender);
        let e = &ents.list[id];
        d.name = e.name.clone();
        if e.org {
            d.kind = SpeakerKind::Organization;
        } else {
            d.kind = SpeakerKind::Person;
            let (party, role) = ents.party_and_role(id, kb);
            d.party = party;
            d.role = role;
        }
    };
    match np.kind {
        NpKind::Pronoun => {
            let pw = match lower(&text[np.range.clone()]).as_str() {
                // A possessor ("his warning"): the subject form.
                "his" => "he".to_string(),
                "her" => "she".to_string(),
                "their" | "them" => "they".to_string(),
                "him" => "he".to_string(),
                other => other.to_string(),
            };
            let p = w.pronouns.get(&pw).copied();
            match p {
                Some(p) if p.first => {}
                Some(p) if p.plural || p.neuter => {
                    // "they": the previous speaker if it was a group.
                    if let Some(last) = prev.iter().rev().take(10).find(|s| s.kind != SpeakerKind::Unknown) {
                        if matches!(last.kind, SpeakerKind::Organization | SpeakerKind::Anonymous) {
                            d.name = last.name.clone();
                            d.kind = last.kind;
                        }
                    }
                }
                Some(p) => {
                    if let Some(id) = ents.pronoun(&ctx.doc, np.range.start, p.gender, current) {
                        person(ents, &mut d, id, p.gender);
                    }
                }
                None => {}
            }
        }
        // "Sometimes the “weather” …", "Use the code “…”": a lone
        // capitalised word opening its sentence, no name the article knows,
        // is an adverb or verb when a determiner follows it: no speaker.
        NpKind::Name if common_opener(ctx, ents, np, kb) => {}
        NpKind::Name | NpKind::Description => {
            let mut parsed = parse_tokens(text, toks, kb);
            // "le juge en chef a déclaré": the phrase read is "chef", but
            // "en chef" qualifies the noun before it (chief justice); it
            // is no head of state.
            if np.toks.start > 0 && lower(ctx.w(np.toks.start - 1)) == "en" {
                parsed.classes.clear();
            }
            let first = lower(&text[toks[0].range.clone()]);
            let last = &text[toks[toks.len() - 1].range.clone()];
            let last_l = lower(last);
            let indefinite = ["a", "an", "one", "another", "two", "three", "four", "several", "some", "many", "most", "other", "few"].contains(&first.as_str());
            // A name inside a description must not follow a preposition
            // ("the owner of a bakery on Main Street" names no one).
            let after_prep = parsed.name_range.as_ref().is_some_and(|r| {
                let ti = ctx.doc.tok_at(r.start);
                ti > np.toks.start && matches!(lower(ctx.w(ti - 1)).as_str(), "on" | "in" | "at" | "of" | "from" | "for" | "with" | "by" | "to" | "near")
            });
            let name_first = parsed.name_range.as_ref().is_some_and(|r| r.start == np.range.start);
            // "Current models say …", "Rising prices mean …": one
            // capitalised word before a lower-case plural head that names no
            // person is its modifier, not a name, unless the text or the
            // knowledge base knows it as a name (the phrase stays the
            // source, unnamed).
            let modifier_only = name_first
                && np.toks.len() == 2
                && parsed.name.len() == 1
                && parsed.role.is_none()
                && parsed.classes.is_empty()
                && parsed.party.is_none()
                && !parsed.org
                && last_l.len() > 3
                && last_l.ends_with('s')
                && !last_l.ends_with("ss")
                && !is_cap(last)
                && !w.documents.contains(&last_l)
                && ents.at(&np.range).is_none()
                && !w.first_names.contains_key(parsed.name[0].as_str())
                && matches!(kb.find(&parsed.name[0], &crate::kb::LookupContext::default()), crate::kb::Lookup::NotFound);
            // "von der Leyen said": a name opening with a lower-case
            // particle is a name only if the knowledge base or a person
            // of the text has it ("von der Opposition" is German prose).
            let particle_ok = !matches!(parsed.name.first().map(String::as_str), Some("von" | "van"))
                || !matches!(kb.find(&parsed.name.join(" "), &crate::kb::LookupContext::default()), crate::kb::Lookup::NotFound)
                || parsed.name_range.as_ref().and_then(|r| ents.at(r)).is_some_and(|id| parsed.name.last().is_some_and(|s| ents.list[id].name.ends_with(s.as_str())));
            let has_name = particle_ok && !parsed.name.is_empty() && (is_cap(last) || name_first) && !w.anonymous.contains(&last_l) && !w.role_nouns.contains_key(&last_l) && !after_prep && !modifier_only;
            let np_text = text[np.range.clone()].to_string();
            // "Palestinian criticism", "German rule", "the Germans said",
            // "2% of Americans": a nationality word alone (no entity of the
            // text, such as a Mark Cuban, at this mention) names no person;
            // with a determiner or in the plural it is an unnamed source
            // ("a German", "the British", "Americans").
            let demonym_only = !parsed.org
                && !parsed.name.is_empty()
                && w.demonym(last.trim_end_matches("'s").trim_end_matches("’s")).is_some()
                && parsed.role.is_none()
                && parsed.classes.is_empty()
                && ents.at(&np.range).is_none()
                && parsed.name.iter().all(|x| w.demonym(x).is_some());
            // "Calif.", "Mass.": a state abbreviation alone is a place.
            // "CEO of Oregon Grocers Association", "a spokeswoman for the
            // House Armed Services Committee": a role (or title) and a
            // preposition before the organisation describe a person who
            // works there, unnamed; the organisation is not the speaker.
            let role_at_org = (np.toks.start..np.toks.end.saturating_sub(2)).any(|t| {
                let x = ctx.w(t);
                let xl = lower(x);
                matches!(ctx.w(t + 1), "of" | "for" | "at")
                    && (w.role_nouns.contains_key(&xl) || w.anonymous.contains(&xl) || w.titles.contains_key(x))
                    && !(np.toks.start..t).any(|k| w.org_heads.contains(ctx.w(k)))
            });
            let state_only = np.kind == NpKind::Name && parsed.name.is_empty() && parsed.role.is_none() && parsed.classes.is_empty() && !parsed.org && toks.iter().all(|t| w.states.contains_key(&text[t.range.clone()]));
            if state_only || !particle_ok {
            } else if demonym_only {
                let alone = np.toks.len() == parsed.name.len() && parsed.name.iter().all(|x| w.demonym(x) == Some(false));
                if !alone {
                    d.kind = SpeakerKind::Anonymous;
                    d.name = np_text;
                }
            } else if role_at_org && (parsed.org || w.org_heads.contains(&last_l)) {
                d.kind = SpeakerKind::Anonymous;
                d.name = np_text;
            } else if parsed.org && !indefinite {
                d.kind = SpeakerKind::Organization;
                d.name = np_text.trim_end_matches("'s").trim_end_matches("’s").to_string();
            } else if (has_name && !indefinite && np.kind == NpKind::Name)
                || (has_name && !mentions::determiner(&first))
                || (has_name && !indefinite && (parsed.name.len() >= 2 || parsed.role.is_some() || !parsed.classes.is_empty()))
            {
                // The entity named by the name the description ends in
                // ("Romney voter Dana Kell": Kell, not Romney).
                let id = parsed.name_range.as_ref().and_then(|r| ents.at(r)).or_else(|| ents.at(&np.range)).or_else(|| ents.link(&parsed, kb, true));
                match id {
                    Some(id) => {
                        ents.list[id].person = true;
                        if parsed.party.is_some() {
                            ents.add_party(id, parsed.party);
                        }
                        person(ents, &mut d, id, parsed.gender);
                    }
                    None if ents.genitive(&parsed) => {}
                    None => {
                        d.kind = SpeakerKind::Person;
                        d.name = parsed.name.join(" ");
                    }
                }
            } else if w.org_heads.contains(&last_l) || w.org_heads.contains(last) || w.org_phrases.contains(np_text.to_lowercase().trim_start_matches("the ")) {
                d.kind = SpeakerKind::Organization;
                d.name = np_text;
            } else if let Some(prev_anon) = (first == "the" && w.anonymous.contains(&last_l))
                .then(|| prev.iter().rev().take(10).find(|s| s.kind == SpeakerKind::Anonymous && lower(&s.name).ends_with(&last_l)))
                .flatten()
            {
                // "the source" after "a Treasury source".
                d.kind = SpeakerKind::Anonymous;
                d.name = prev_anon.name.clone();
            } else if indefinite || (last_l.ends_with('s') && w.anonymous.contains(&last_l) && !DETERMINERS.contains(&first.as_str())) {
                d.kind = SpeakerKind::Anonymous;
                d.name = np_text;
            } else {
                // "Democrats", "the Republicans": a party's members, a group
                // (it badged a person of that party; audit 7).
                let group = parsed.classes.is_empty() && last_l.ends_with('s') && crate::resolve::party_word(kb, last).is_some();
                let id = ents.description(&parsed, np.range.start, kb).filter(|_| !group).or_else(|| {
                    if parsed.classes.last().map(String::as_str) == Some("president") && !np_text.to_lowercase().contains("vice") {
                        let holder = *ents.president.get_or_insert_with(|| kb.office_holder("President", Some("US"), date));
                        holder.and_then(|k| {
                            let name = kb.person(k).name.clone();
                            let p = crate::resolve::Parsed { name: name.split(' ').map(str::to_string).collect(), gender: '-', ..Default::default() };
                            ents.link(&p, kb, true)
                        })
                    } else {
                        None
                    }
                });
                match id {
                    Some(id) => {
                        ents.add_party(id, parsed.party);
                        person(ents, &mut d, id, parsed.gender);
                    }
                    None => {
                        d.kind = SpeakerKind::Anonymous;
                        d.name = np_text;
                    }
                }
            }
        }
    }
    if d.kind == SpeakerKind::Unknown {
        d.name.clear();
        d.party = None;
        d.role = None;
    }
    d
}

/// A one-word name phrase that is really a common word capitalised at the
/// start of its sentence (see `resolve_found`): followed by a determiner.
fn common_opener(ctx: &Ctx, ents: &Entities, np: &Np, kb: &Kb) -> bool {
    if np.toks.len() != 1 || ents.at(&np.range).is_some() {
        return false;
    }
    let opens = ctx.doc.sentence_at(np.range.start).is_some_and(|s| ctx.doc.sentences[s].start == np.range.start);
    // In a German, French or Spanish article a lone capitalised word that
    // no name in the text or the knowledge base explains is a common word
    // ("Manche so sehr, dass …", "Consultado por la prensa, …", "Sin
    // embargo", and in German any noun: "am Montag gesagt"), or a place in
    // a list ("Cusco, Puno y Tacna"): no speaker (a wrong badge is worse
    // than none).
    let listed = || {
        let t = np.toks.start;
        let w = |i: usize| ctx.doc.toks.get(i).map(|x| &ctx.text[x.range.clone()]).unwrap_or("");
        (t >= 2 && w(t - 1) == "," && is_cap(w(t - 2))) || (matches!(w(t + 1), "y" | "e" | "et" | "und" | "o" | "ou" | "oder") && is_cap(w(t + 2)))
    };
    // In any article, a lone word the article also writes in lower case
    // ("Safety" in "the Board of Parks and Safety warned") or a short
    // acronym in capitals ("TV", "US") is no person's name.
    let word = &ctx.text[np.range.clone()];
    // (Also a plural: "ATMs".)
    let core = word.strip_suffix('s').filter(|c| c.chars().count() >= 2).unwrap_or(word);
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = (2..=4).contains(&letters) && !core.chars().any(char::is_lowercase);
    let adverb = opens && sentence_adverb(word) && ctx.doc.toks.get(np.toks.end).is_some_and(|t| &ctx.text[t.range.clone()] == ",");
    let not_a_name = ctx.foreign.is_some_and(|l| opens || l.starts_with("de") || listed()) || acronym || adverb || ctx.common().contains(lower(word).as_str());
    if !opens && !not_a_name {
        return false;
    }
    let parsed = parse_tokens(ctx.text, &ctx.doc.toks[np.toks.clone()], kb);
    if !(parsed.name.len() == 1 && parsed.role.is_none() && parsed.classes.is_empty() && parsed.party.is_none() && parsed.gender == '-') {
        return false;
    }
    if not_a_name {
        let ctx0 = crate::kb::LookupContext::default();
        return matches!(kb.find(&parsed.name[0], &ctx0), crate::kb::Lookup::NotFound);
    }
    // Followed by a determiner ("Sometimes the …", "Nonetheless, the
    // board's …"): an adverb or verb opening the sentence, not its subject.
    let next = |k: usize| ctx.doc.toks.get(np.toks.end + k).map(|t| lower(&ctx.text[t.range.clone()])).unwrap_or_default();
    let det = |w: &str| DETERMINERS.contains(&w);
    det(&next(0)) || (next(0) == "," && det(&next(1)))
}

/// "Sadly", "Ultimately": a capitalised adverb in -ly, which before a
/// comma opening its sentence is no name (not "Kelly", "Sally",
/// "Kimberly", "Healy": -lly only as -ally, no -erly or -aly, and no known
/// first name).
fn sentence_adverb(word: &str) -> bool {
    word.chars().count() >= 5
        && word.ends_with("ly")
        && !word.ends_with("erly")
        && !word.ends_with("aly")
        && (!word.ends_with("lly") || word.ends_with("ally") && word.chars().count() >= 7)
        && !Words::get().first_names.contains_key(word)
}

/// The cue of a colon introduction: the words between the subject and the
/// colon, without an aside set off by commas right after the subject
/// ("Grassley, who has farmed for six decades, was blunt:" → "was blunt:"),
/// which would make a tooltip read ", who has farmed …".
fn colon_cue(between: &str) -> String {
    let t = between.trim();
    match t.strip_prefix(',') {
        Some(rest) => match rest.find(',') {
            Some(i) if !rest[i + 1..].trim().is_empty() => rest[i + 1..].trim().to_string(),
            _ => rest.trim().to_string(),
        },
        None => t.to_string(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn colon_cue_drops_the_aside_after_the_subject() {
        assert_eq!(colon_cue(" changed his tune:"), "changed his tune:");
        assert_eq!(colon_cue(", who has farmed for six decades, was blunt:"), "was blunt:");
        assert_eq!(colon_cue(", 71, said:"), "said:");
        assert_eq!(colon_cue(", however:"), "however:");
    }

    use super::*;
    use crate::report::SpeakerKind;

    fn speakers(s: &str) -> Vec<(String, String, SpeakerKind)> {
        let r = crate::analyze_text(s, Kb::embedded(), &crate::Options::default());
        r.quotes.iter().map(|q| (q.text.clone(), q.speaker.name.clone(), q.speaker.kind)).collect()
    }

    #[test]
    fn adjacent_both_orders() {
        let r = speakers("Jane Doe runs the firm.\n\n\"We are ready,\" Doe said. \"Are you?\" asked Jane Doe.");
        assert_eq!(r[0].1, "Jane Doe");
        assert_eq!(r[1].1, "Jane Doe");
    }

    #[test]
    fn first_person_is_never_the_speaker() {
        let r = speakers("\"That was hard,\" I said.");
        assert_eq!(r[0].2, SpeakerKind::Unknown);
        assert_eq!(r[0].1, "");
    }
}
