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
//! | according to | `According to X, "…"` / `"…," according to X` | 0.85 |
//! | adjacent before | `X said: "…"` / `X said that "…"` / `said X: "…"` | 0.9 |
//! | same sentence | `X said … "…"`, `X, who …, said …"…"` | 0.75 |
//! | sentence end | `… "…" …, X said.` | 0.7 |
//! | colon intro | `Trump changed his tune: "…"` (same or previous paragraph) | 0.65 |
//! | continuation | an uncued quotation right after X's, same paragraph / next | 0.55 / 0.5 |
//!
//! Otherwise the quotation is unattributed. A mention that is "I" or "we"
//! is never reported as the speaker of a reporter's quotation.
//!
//! All work per quotation looks at a bounded window around it, so the
//! stage is linear in the text.

use crate::article::Article;
use crate::kb::{Date, Kb};
use crate::mentions::{self, is_cap, lower, np_left, np_right, Doc, Np, NpKind, BETWEEN, DETERMINERS};
use crate::quotes::QuoteSpan;
use crate::report::{PartyLabel, QuoteKind, SpeakerKind};
use crate::resolve::{parse_tokens, Entities};
use crate::words::{CueClass, Words};
use std::collections::HashMap;
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
}

/// Most tokens looked at on either side of a quotation.
const WINDOW: usize = 60;

/// A found attribution before resolution.
#[derive(Debug, Clone)]
struct Found {
    np: Np,
    cue: String,
    conf: f32,
}

struct Ctx<'a> {
    text: &'a str,
    doc: Doc,
    cues: &'a HashMap<String, CueClass>,
    cue_max: usize,
    /// Sorted outer ranges of all quotations.
    qranges: Vec<Range<usize>>,
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
        &self.text[self.doc.toks[i].range.clone()]
    }

    /// A cue starting at token `i`: (one-past-last token, class).
    fn cue_at(&self, i: usize, ceil: usize) -> Option<(usize, CueClass)> {
        let toks = &self.doc.toks;
        if !toks.get(i)?.word {
            return None;
        }
        for n in (1..=self.cue_max).rev() {
            if i + n > ceil.min(toks.len()) || !toks[i..i + n].iter().all(|t| t.word) {
                continue;
            }
            let key: String = (i..i + n).map(|k| lower(self.w(k))).collect::<Vec<_>>().join(" ");
            if let Some(&class) = self.cues.get(&key) {
                // A noun use ("the report said", "a statement") is not a cue.
                if class == CueClass::Speech && i > 0 {
                    let prev = lower(self.w(i - 1));
                    if ["a", "an", "the", "his", "her", "their", "its", "this", "that", "our", "my", "your", "in", "of", "whose"].contains(&prev.as_str())
                        || prev.ends_with("'s")
                        || prev.ends_with("’s")
                    {
                        return None;
                    }
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

    /// Skips adverbs and auxiliaries left of token `c`, not below `floor`.
    fn skip_between(&self, mut c: usize, floor: usize) -> usize {
        let mut n = 0;
        while c > floor && n < 3 && BETWEEN.contains(&lower(self.w(c - 1)).as_str()) {
            c -= 1;
            n += 1;
        }
        // "-ly" adverbs: "Trump angrily said".
        while c > floor && n < 4 && {
            let w = self.w(c - 1);
            w.len() > 4 && w.ends_with("ly") && !is_cap(w)
        } {
            c -= 1;
            n += 1;
        }
        c
    }

    /// The subject of cue token `c` (whose reporter text starts at token
    /// `floor`): "X said", "X, who ..., said".
    fn subject(&self, c: usize, floor: usize) -> Option<Np> {
        let e = self.skip_between(c, floor);
        if let Some(np) = np_left(self.text, &self.doc.toks, e, floor) {
            return Some(np);
        }
        // "X, who ..., said" / "X, the ..., said": jump over the clause.
        if e > floor && self.w(e - 1) == "," {
            let mut k = e - 1;
            let mut steps = 0;
            while k > floor && steps < 25 {
                k -= 1;
                steps += 1;
                if self.w(k) == "," || self.w(k) == "(" {
                    let inner = lower(self.w(k + 1));
                    let clause_ok = ["who", "whose", "which", "the", "a", "an", "also", "now", "then", "himself", "herself", "speaking", "asked", "when", "in", "after", "according", "like", "however", "though"].contains(&inner.as_str())
                        || Words::get().titles.contains_key(self.w(k + 1));
                    if clause_ok {
                        return np_left(self.text, &self.doc.toks, k, floor);
                    }
                    return None;
                }
            }
        }
        None
    }

    fn cue_text(&self, a: usize, b: usize) -> String {
        self.text[self.doc.toks[a].range.start..self.doc.toks[b - 1].range.end].to_string()
    }

    /// The subject of a sentence given as reporter tokens: the first
    /// comma-separated chunk that starts with a noun phrase.
    fn sentence_subject(&self, toks: &[usize]) -> Option<Np> {
        let mut chunk_start = true;
        for (k, &i) in toks.iter().enumerate() {
            let w = self.w(i);
            if w == "," {
                chunk_start = true;
                continue;
            }
            if chunk_start {
                chunk_start = false;
                let mut j = i;
                let lw = lower(w);
                if ["but", "and", "yet", "so", "then", "still", "meanwhile", "instead"].contains(&lw.as_str()) {
                    j = toks.get(k + 1).copied().unwrap_or(i);
                }
                let ceil = toks.last().map_or(j, |l| l + 1);
                if let Some(np) = np_right(self.text, &self.doc.toks, j, ceil) {
                    // Needs a verb-ish continuation: not followed by ",".
                    let nx = np.toks.end;
                    if nx < ceil && self.w(nx) != "," {
                        let head = lower(self.w(np.toks.end - 1));
                        let w2 = Words::get();
                        let ok = match np.kind {
                            NpKind::Pronoun => !w2.pronouns.get(&head).is_some_and(|p| p.first),
                            NpKind::Name => true,
                            NpKind::Description => {
                                w2.role_nouns.contains_key(&head) || w2.anonymous.contains(&head) || w2.org_heads.contains(self.w(np.toks.end - 1)) || w2.org_heads.contains(&head)
                            }
                        };
                        if ok {
                            return Some(np);
                        }
                    }
                }
            }
        }
        None
    }
}

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
    let mut qranges: Vec<Range<usize>> = quotes.iter().map(|q| q.outer.clone()).collect();
    qranges.sort_by_key(|r| r.start);
    let blocks: Vec<Range<usize>> = art.blocks.iter().map(|b| b.range.clone()).collect();
    let doc = mentions::analyse(text, &blocks, &qranges);
    let mut ents = Entities::build(text, &doc, &qranges, kb, date);
    let ctx = Ctx { text, doc, cues, cue_max, qranges };
    let mut out: Vec<SpeakerDraft> = Vec::with_capacity(quotes.len());
    // (quote index, entity) of the last attributed quotation.
    let mut last: Option<(usize, Option<usize>)> = None;
    let mut founds: Vec<Option<Found>> = Vec::with_capacity(quotes.len());
    for (qi, q) in quotes.iter().enumerate() {
        let mut found = None;
        if q.kind == QuoteKind::Embed {
            if let Some(a) = &q.author {
                let ti = ctx.doc.tok_at(a.start);
                let te = ctx.doc.tok_at(a.end);
                found = Some(Found { np: Np { range: a.clone(), toks: ti..te.max(ti + 1), kind: NpKind::Name }, cue: "posted".into(), conf: confidence::EMBED });
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
    let q = &quotes[qi];
    let text = ctx.text;
    let si = ctx.doc.sentence_at(q.outer.start)?;
    let sent = ctx.doc.sentences[si].clone();
    let block = art.block_at(q.outer.start).map(|b| art.blocks[b].range.clone()).unwrap_or(0..text.len());
    // The reporter's text after the quotation up to the next quotation or
    // the sentence end.
    let next_q = ctx.qranges.iter().map(|r| r.start).find(|&s| s >= q.outer.end).unwrap_or(usize::MAX);
    let sent_end = sent.end.max(q.outer.end).min(block.end.max(q.outer.end));
    let right_adj = ctx.reporter_toks(q.outer.end..sent_end.min(next_q), 25, false);
    // A: adjacent after.
    if let Some(f) = adjacent_after(ctx, &right_adj) {
        return Some(f);
    }
    let left = ctx.reporter_toks(sent.start.min(q.outer.start)..q.outer.start, WINDOW, true);
    let right = ctx.reporter_toks(q.outer.end..sent_end, WINDOW, false);
    // B: according to.
    for toks in [&right, &left] {
        for (k, &i) in toks.iter().enumerate() {
            if let Some((e, CueClass::According)) = ctx.cue_at(i, toks.last().map_or(i, |l| l + 1)) {
                let _ = k;
                if let Some(np) = np_right(text, &ctx.doc.toks, e, toks.last().map_or(e, |l| l + 1)) {
                    return Some(Found { cue: ctx.cue_text(i, e), np, conf: confidence::ACCORDING });
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
    if qi > 0 && ctx.doc.sentence_at(quotes[qi - 1].outer.start) == Some(si) {
        if let Some(Some(f)) = founds.get(qi - 1) {
            if drafts[qi - 1].kind != SpeakerKind::Unknown {
                return Some(Found { conf: f.conf.min(confidence::SENTENCE), ..f.clone() });
            }
        }
    }
    // E: colon introduction.
    let before = text[block.start..q.outer.start].trim_end();
    if before.ends_with(':') && !left.is_empty() {
        if let Some(np) = ctx.sentence_subject(&left) {
            let cue = text[np.range.end..before.len() + block.start].trim().to_string();
            return Some(Found { np, cue, conf: confidence::COLON });
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
                if let Some(np) = ctx.sentence_subject(&ptoks) {
                    let cue = text[np.range.end..pb.start + pt.len()].trim().to_string();
                    return Some(Found { np, cue, conf: confidence::COLON });
                }
            }
        }
    }
    // F: continuation of the previous quotation.
    if qi > 0 && left.is_empty() && !has_cue(ctx, &right) {
        let p = &quotes[qi - 1];
        if let Some(Some(f)) = founds.get(qi - 1) {
            if drafts[qi - 1].kind == SpeakerKind::Unknown {
                return None;
            }
            let psi = ctx.doc.sentence_at(p.outer.start)?;
            let same_block = art.block_at(p.outer.start) == art.block_at(q.outer.start);
            if same_block && (psi == si || psi + 1 == si) {
                return Some(Found { conf: confidence::CONTINUATION, ..f.clone() });
            }
            let pb = art.block_at(p.outer.end.saturating_sub(1))?;
            let qb = art.block_at(q.outer.start)?;
            // Next paragraph: the previous one ended with p's sentence.
            let between_blocks = (pb + 1..qb).all(|i| text[art.blocks[i].range.clone()].trim().is_empty());
            let pend = ctx.doc.sentence_at(art.blocks[pb].range.end.saturating_sub(1));
            if between_blocks && qb > pb && pend == Some(psi) && (f.np.range.start >= art.blocks[pb].range.start) {
                return Some(Found { conf: confidence::CONTINUATION_NEXT, ..f.clone() });
            }
        }
    }
    None
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
    if k >= r.len() {
        return None;
    }
    let ceil = r.last().map_or(0, |l| l + 1);
    let start = r[k];
    // Contiguous tokens only (no quotation in between).
    let contiguous = |a: usize, b: usize| b - a == r.iter().filter(|&&i| i >= a && i < b).count();
    // "said X"
    if let Some((e, CueClass::Speech)) = ctx.cue_at(start, ceil) {
        if let Some(np) = np_right(ctx.text, &ctx.doc.toks, e, ceil) {
            return Some(Found { cue: ctx.cue_text(start, e), np, conf: confidence::ADJACENT });
        }
    }
    // "X said": the first cue within a few tokens.
    for &c in r.iter().skip(k + 1).take(14) {
        if let Some((e, CueClass::Speech)) = ctx.cue_at(c, ceil) {
            if !contiguous(start, c) {
                return None;
            }
            let b = ctx.skip_between(c, start);
            if let Some(np) = np_left(ctx.text, &ctx.doc.toks, b, start) {
                if np.toks.start == start {
                    return Some(Found { cue: ctx.cue_text(c, e), np, conf: confidence::ADJACENT });
                }
            }
            // Appositive: "X, the press secretary, said".
            if let Some(np) = np_right(ctx.text, &ctx.doc.toks, start, c) {
                if np.toks.end < c && ctx.w(np.toks.end) == "," && b > start && ctx.w(b - 1) == "," {
                    return Some(Found { cue: ctx.cue_text(c, e), np, conf: confidence::ADJACENT });
                }
            }
            return None;
        }
    }
    None
}

/// A cue earlier in the quotation's sentence.
fn cue_before(ctx: &Ctx, left: &[usize], q: &QuoteSpan) -> Option<Found> {
    let floor = *left.first()?;
    let ceil = left.last().map_or(0, |l| l + 1);
    let mut tried = 0;
    for k in (0..left.len()).rev() {
        let i = left[k];
        let Some((e, CueClass::Speech)) = ctx.cue_at(i, ceil) else { continue };
        tried += 1;
        if tried > 3 {
            break;
        }
        let near = left.len() - k <= 4;
        let conf = if near { confidence::ADJACENT } else { confidence::SENTENCE };
        // Contiguous run of reporter tokens ending at the cue.
        let mut lo = k;
        while lo > 0 && left[lo - 1] + 1 == left[lo] {
            lo -= 1;
        }
        if let Some(np) = ctx.subject(i, left[lo].max(floor)) {
            return Some(Found { cue: ctx.cue_text(i, e), np, conf });
        }
        // "said X: "…"" / "told X" (object) — the speaker right after the
        // cue, when the quotation follows it.
        if let Some(np) = np_right(ctx.text, &ctx.doc.toks, e, ceil) {
            let rest = ctx.text[np.range.end..q.outer.start].trim();
            if (rest.is_empty() || rest == ":" || rest == ",") && np.kind != NpKind::Pronoun {
                return Some(Found { cue: ctx.cue_text(i, e), np, conf });
            }
        }
    }
    None
}

/// A cue later in the sentence: "…, X said." / "…, said X."
fn cue_after(ctx: &Ctx, right: &[usize]) -> Option<Found> {
    let ceil = right.last().map_or(0, |l| l + 1);
    for (k, &i) in right.iter().enumerate() {
        let Some((e, CueClass::Speech)) = ctx.cue_at(i, ceil) else { continue };
        let b = ctx.skip_between(i, right[0]);
        if let Some(np) = np_left(ctx.text, &ctx.doc.toks, b, right[0]) {
            let st = np.toks.start;
            if st > 0 && (ctx.w(st - 1) == "," || ctx.w(st - 1) == "—") {
                return Some(Found { cue: ctx.cue_text(i, e), np, conf: confidence::SENTENCE_END });
            }
        }
        if k > 0 && ctx.w(right[k - 1]) == "," {
            if let Some(np) = np_right(ctx.text, &ctx.doc.toks, e, ceil) {
                return Some(Found { cue: ctx.cue_text(i, e), np, conf: confidence::SENTENCE_END });
            }
        }
    }
    None
}

/// Turns a mention into a speaker: resolution, kind, party, role.
fn resolve_found(ctx: &Ctx, ents: &mut Entities, f: &Found, kb: &Kb, date: Option<Date>, current: Option<usize>, prev: &[SpeakerDraft]) -> SpeakerDraft {
    let w = Words::get();
    let text = ctx.text;
    let np = &f.np;
    let mut d = SpeakerDraft { mention: Some(np.range.clone()), cue: Some(f.cue.clone()).filter(|c| !c.is_empty()), confidence: f.conf, ..SpeakerDraft::unknown() };
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
            let pw = lower(&text[np.range.clone()]);
            let p = w.pronouns.get(&pw).copied();
            match p {
                Some(p) if p.first => {}
                Some(p) if p.plural => {
                    // "they": the previous speaker if it was a group.
                    if let Some(last) = prev.iter().rev().find(|s| s.kind != SpeakerKind::Unknown) {
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
        NpKind::Name | NpKind::Description => {
            let parsed = parse_tokens(text, toks, kb);
            let first = lower(&text[toks[0].range.clone()]);
            let last = &text[toks[toks.len() - 1].range.clone()];
            let last_l = lower(last);
            let indefinite = ["a", "an", "one", "another", "two", "three", "four", "several", "some", "many", "most", "other", "few"].contains(&first.as_str());
            let has_name = !parsed.name.is_empty() && is_cap(last) && !w.anonymous.contains(&last_l) && !w.role_nouns.contains_key(&last_l);
            let np_text = text[np.range.clone()].to_string();
            if parsed.org && !indefinite {
                d.kind = SpeakerKind::Organization;
                d.name = np_text.trim_end_matches("'s").trim_end_matches("’s").to_string();
            } else if has_name && !indefinite && np.kind == NpKind::Name || (has_name && !DETERMINERS.contains(&first.as_str())) {
                let id = ents.at(&np.range).or_else(|| ents.link(&parsed, kb, true));
                match id {
                    Some(id) => {
                        ents.list[id].person = true;
                        if parsed.party.is_some() {
                            ents.add_party(id, parsed.party);
                        }
                        person(ents, &mut d, id, parsed.gender);
                    }
                    None => {
                        d.kind = SpeakerKind::Person;
                        d.name = parsed.name.join(" ");
                    }
                }
            } else if w.org_heads.contains(&last_l) || w.org_heads.contains(last) || w.org_phrases.contains(np_text.to_lowercase().trim_start_matches("the ")) {
                d.kind = SpeakerKind::Organization;
                d.name = np_text;
            } else if indefinite || (last_l.ends_with('s') && w.anonymous.contains(&last_l) && !DETERMINERS.contains(&first.as_str())) {
                d.kind = SpeakerKind::Anonymous;
                d.name = np_text;
            } else {
                let id = ents.description(&parsed, np.range.start, kb).or_else(|| {
                    if parsed.classes.last().map(String::as_str) == Some("president") && !np_text.to_lowercase().contains("vice") {
                        kb.office_holder("President", Some("US"), date).and_then(|k| {
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

#[cfg(test)]
mod tests {
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
