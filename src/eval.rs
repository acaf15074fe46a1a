//! Accuracy harness (native only): scores the engine against PolNeAR's gold
//! attributions and against the seed article's gold. Driven by
//! `whosaid eval ...`.
//!
//! ## `whosaid eval seed DIR`
//!
//! Runs the engine on `DIR/article.txt` at the date `published` of
//! `DIR/gold.json` and checks every gold quotation: found (by its text),
//! with the expected speaker, party (null must be null), kind and role
//! (when the gold names one). Gold titles must be absent from the quote
//! list, and every reported quotation must be in the gold. Prints one
//! OK/FAIL line per quotation; exits 1 on any mismatch.
//!
//! ## `whosaid eval polnear DIR [--min-recall R] [--min-speaker S] [--misses]`
//!
//! `DIR` holds `text/*.txt` and `attributions/*.ann` (brat standoff). For an
//! article annotated more than once, the annotation file whose name sorts
//! first is used. Definitions (character offsets):
//!
//! - **gold quoted segment**: inside a fragment of a `Content` span
//!   (widened by one character on each side when that character is a quote
//!   mark), the text between an opening and a closing double quote mark
//!   (straight `"`, curly `“ ”`, `„`, `« »`); an opening mark while one is
//!   already open (a multi-paragraph quotation) is skipped. Segments are
//!   counted once even when several attributions share them.
//! - **gold quote-mark attribution**: an `E` attribution whose `Content`
//!   holds at least one gold quoted segment.
//! - **quote recall**: share of gold quoted segments that some predicted
//!   quotation overlaps.
//! - **quote precision**: share of predicted quotations that overlap the
//!   `Content` span of some gold attribution (quoted or not).
//! - **speaker-mention accuracy**: gold quote-mark attributions that share
//!   a quoted segment (nested reported speech: `X said she thinks "…"`, or
//!   `"…," X said, according to CNN`) form one unit whose sources are all
//!   their `Source` spans; every other quote-mark attribution is a unit of
//!   its own. Among units that have a `Source` span and at least one
//!   recalled segment, the share whose predicted quotation (the one
//!   overlapping the unit's first recalled segment most) has a speaker
//!   mention overlapping one of the unit's `Source` spans.
//!
//! Exits 1 when recall or accuracy is below the `--min-*` thresholds.

use crate::kb::{Date, Kb};
use crate::report::{Quote, Report};
use crate::Options;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;
use std::process::ExitCode;

/// Runs `whosaid eval <polnear|seed> DIR [options]`; `args` excludes "eval".
pub fn cli(args: &[String]) -> ExitCode {
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("seed"), Some(dir)) => seed(Path::new(dir)),
        (Some("polnear"), Some(dir)) => {
            let mut opts = PolnearOpts::default();
            let mut i = 2;
            while i < args.len() {
                match args[i].as_str() {
                    "--misses" => opts.misses = true,
                    "--min-recall" | "--min-speaker" => {
                        let Some(v) = args.get(i + 1).and_then(|v| v.parse::<f64>().ok()) else {
                            eprintln!("whosaid eval: {} needs a number", args[i]);
                            return ExitCode::from(2);
                        };
                        if args[i] == "--min-recall" {
                            opts.min_recall = v;
                        } else {
                            opts.min_speaker = v;
                        }
                        i += 1;
                    }
                    other => {
                        eprintln!("whosaid eval: unknown option {other}");
                        return ExitCode::from(2);
                    }
                }
                i += 1;
            }
            match polnear(Path::new(dir), &opts) {
                Ok(s) => {
                    print!("{}", s.summary());
                    if s.recall() < opts.min_recall || s.speaker() < opts.min_speaker {
                        println!("FAIL: below threshold (min recall {}, min speaker {})", opts.min_recall, opts.min_speaker);
                        ExitCode::FAILURE
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    eprintln!("whosaid eval: {e}");
                    ExitCode::from(2)
                }
            }
        }
        _ => {
            eprintln!("usage: whosaid eval seed DIR | whosaid eval polnear DIR [--min-recall R] [--min-speaker S] [--misses]");
            ExitCode::from(2)
        }
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn seed(dir: &Path) -> ExitCode {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()));
    let (text, gold) = match (read("article.txt"), read("gold.json")) {
        (Ok(t), Ok(g)) => (t, g),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("whosaid eval: {e}");
            return ExitCode::from(2);
        }
    };
    let gold: serde_json::Value = match serde_json::from_str(&gold) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("whosaid eval: gold.json: {e}");
            return ExitCode::from(2);
        }
    };
    let date = gold["published"].as_str().and_then(Date::parse);
    let report = crate::analyze_text(&text, Kb::embedded(), &Options { date, ..Options::default() });
    let mut fails = 0;
    let mut used = vec![false; report.quotes.len()];
    let empty = vec![];
    for g in gold["quotes"].as_array().unwrap_or(&empty) {
        let gt = g["text"].as_str().unwrap_or("");
        let kind = g["kind"].as_str().unwrap_or("");
        let found = report.quotes.iter().position(|q| norm(&q.text) == norm(gt));
        let short: String = gt.chars().take(50).collect();
        if kind == "title" {
            match found {
                Some(i) => {
                    used[i] = true;
                    fails += 1;
                    println!("FAIL  title reported as a quotation: \"{short}\"");
                }
                None => println!("OK    title not reported: \"{short}\""),
            }
            continue;
        }
        let Some(i) = found else {
            fails += 1;
            println!("FAIL  not found: \"{short}\"");
            continue;
        };
        used[i] = true;
        let q = &report.quotes[i];
        let mut errs = Vec::new();
        let want_speaker = g["speaker"].as_str().unwrap_or("");
        if q.speaker.name != want_speaker {
            errs.push(format!("speaker: want {want_speaker:?}, got {:?}", q.speaker.name));
        }
        let want_party = g["party"].as_str();
        let got_party = q.speaker.party.as_ref().map(|p| p.name.as_str());
        if want_party != got_party {
            errs.push(format!("party: want {want_party:?}, got {got_party:?}"));
        }
        let got_kind = serde_json::to_value(q.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        if got_kind != kind {
            errs.push(format!("kind: want {kind}, got {got_kind}"));
        }
        if let Some(r) = g["role"].as_str() {
            if q.speaker.role.as_deref() != Some(r) {
                errs.push(format!("role: want {r:?}, got {:?}", q.speaker.role));
            }
        }
        let got = format!(
            "{} [{}{}] via {:?} cue {:?} conf {:.2}",
            q.speaker.name,
            got_party.unwrap_or("no party"),
            q.speaker.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default(),
            q.speaker.mention.as_ref().map(|m| m.text.as_str()).unwrap_or(""),
            q.speaker.cue.as_deref().unwrap_or(""),
            q.speaker.confidence
        );
        if errs.is_empty() {
            println!("OK    \"{short}\" -> {got}");
        } else {
            fails += 1;
            println!("FAIL  \"{short}\" -> {got}: {}", errs.join("; "));
        }
    }
    for (i, q) in report.quotes.iter().enumerate() {
        if !used[i] {
            fails += 1;
            println!("FAIL  extra quotation not in the gold: \"{}\"", q.text.chars().take(50).collect::<String>());
        }
    }
    println!("seed: {} quotations checked, {fails} failed", gold["quotes"].as_array().map_or(0, Vec::len));
    if fails == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Options of `eval polnear`.
#[derive(Debug, Clone, Default)]
pub struct PolnearOpts {
    /// Minimum quote recall.
    pub min_recall: f64,
    /// Minimum speaker-mention accuracy.
    pub min_speaker: f64,
    /// Print misses with context.
    pub misses: bool,
}

/// PolNeAR scores.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Articles scored.
    pub articles: usize,
    /// Gold quoted segments.
    pub gold_segments: usize,
    /// Of which overlapped by a prediction.
    pub recalled: usize,
    /// Predicted quotations.
    pub predicted: usize,
    /// Of which overlapping a gold Content span.
    pub precise: usize,
    /// Gold quote-mark attributions with a Source and a recalled segment.
    pub speaker_total: usize,
    /// Of which the predicted mention overlaps the Source.
    pub speaker_ok: usize,
}

impl Scores {
    /// Quote recall.
    pub fn recall(&self) -> f64 {
        ratio(self.recalled, self.gold_segments)
    }
    /// Quote precision.
    pub fn precision(&self) -> f64 {
        ratio(self.precise, self.predicted)
    }
    /// Speaker-mention accuracy.
    pub fn speaker(&self) -> f64 {
        ratio(self.speaker_ok, self.speaker_total)
    }
    /// The printed summary, with the definitions.
    pub fn summary(&self) -> String {
        format!(
            "articles: {}\n\
             quote recall:     {:.4}  ({}/{} gold quoted segments overlapped by a predicted quotation)\n\
             quote precision:  {:.4}  ({}/{} predicted quotations overlapping a gold Content span)\n\
             speaker accuracy: {:.4}  ({}/{} recalled gold quote-mark attribution units with a Source whose predicted mention overlaps it)\n",
            self.articles,
            self.recall(),
            self.recalled,
            self.gold_segments,
            self.precision(),
            self.precise,
            self.predicted,
            self.speaker(),
            self.speaker_ok,
            self.speaker_total
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One brat attribution.
#[derive(Debug, Clone, Default)]
struct Attribution {
    content: Vec<Range<usize>>,
    source: Vec<Range<usize>>,
}

/// Parses a brat `.ann` file into attributions (character offsets).
fn parse_ann(s: &str) -> Vec<Attribution> {
    let mut spans: BTreeMap<&str, (&str, Vec<Range<usize>>)> = BTreeMap::new();
    let mut events = Vec::new();
    for line in s.lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(body)) = (f.next(), f.next()) else { continue };
        if id.starts_with('T') {
            let mut parts = body.splitn(2, ' ');
            let typ = parts.next().unwrap_or("");
            let ranges: Vec<Range<usize>> = parts
                .next()
                .unwrap_or("")
                .split(';')
                .filter_map(|r| {
                    let mut it = r.split_whitespace();
                    let a = it.next()?.parse().ok()?;
                    let b = it.next()?.parse().ok()?;
                    Some(a..b)
                })
                .collect();
            spans.insert(id, (typ, ranges));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for e in events {
        let mut a = Attribution::default();
        for arg in e.split_whitespace() {
            let Some((role, tid)) = arg.split_once(':') else { continue };
            let Some((_, ranges)) = spans.get(tid) else { continue };
            if role.starts_with("Content") {
                a.content.extend(ranges.iter().cloned());
            } else if role.starts_with("Source") {
                a.source.extend(ranges.iter().cloned());
            }
        }
        out.push(a);
    }
    out
}

fn is_qmark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Quoted segments (inner character ranges) inside a content fragment.
fn segments(chars: &[char], frag: &Range<usize>) -> Vec<Range<usize>> {
    let mut a = frag.start.min(chars.len());
    let mut b = frag.end.min(chars.len());
    if a > 0 && is_qmark(chars[a - 1]) {
        a -= 1;
    }
    if b < chars.len() && is_qmark(chars[b]) {
        b += 1;
    }
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate().take(b).skip(a) {
        match (c, open) {
            ('“' | '„' | '«', None) => open = Some(i),
            ('"', None) => open = Some(i),
            ('”' | '»', Some(o)) | ('"', Some(o)) => {
                if i > o + 1 {
                    out.push(o + 1..i);
                }
                open = None;
            }
            ('“', Some(o)) if chars[o] == '„' => {
                if i > o + 1 {
                    out.push(o + 1..i);
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn overlap_len(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores the engine on a PolNeAR split.
pub fn polnear(dir: &Path, opts: &PolnearOpts) -> Result<Scores, String> {
    let ann_dir = dir.join("attributions");
    let mut files: Vec<String> = std::fs::read_dir(&ann_dir)
        .map_err(|e| format!("{}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    files.sort();
    // One annotation file per article: the first by name.
    let mut chosen: BTreeMap<String, String> = BTreeMap::new();
    for f in files {
        let base = f.trim_end_matches(".ann").rsplit_once('_').map_or(f.as_str(), |(b, _)| b).to_string();
        chosen.entry(base).or_insert(f);
    }
    let dates = read_dates(dir);
    let mut s = Scores::default();
    for (base, ann) in &chosen {
        let Ok(text) = std::fs::read_to_string(dir.join("text").join(format!("{base}.txt"))) else { continue };
        let ann_text = std::fs::read_to_string(ann_dir.join(ann)).map_err(|e| format!("{ann}: {e}"))?;
        let atts = parse_ann(&ann_text);
        let date = dates.get(base).copied();
        let report = crate::analyze_text(&text, Kb::embedded(), &Options { date, ..Options::default() });
        score_article(base, &text, &atts, &report, opts, &mut s);
        s.articles += 1;
    }
    Ok(s)
}

fn read_dates(dir: &Path) -> BTreeMap<String, Date> {
    let mut out = BTreeMap::new();
    let meta = dir.parent().map(|p| p.join("metadata.tsv"));
    if let Some(Ok(m)) = meta.map(std::fs::read_to_string) {
        for line in m.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if let (Some(name), Some(d)) = (f.get(1), f.get(5)) {
                if let Some(d) = Date::parse(d) {
                    out.insert(name.to_string(), d);
                }
            }
        }
    }
    out
}

fn excerpt(chars: &[char], r: &Range<usize>, ctx: usize) -> String {
    let a = r.start.saturating_sub(ctx);
    let b = (r.end + ctx).min(chars.len());
    let mut s = String::new();
    for (i, c) in chars.iter().enumerate().take(b).skip(a) {
        if i == r.start {
            s.push('⟦');
        }
        s.push(if *c == '\n' { '¶' } else { *c });
        if i + 1 == r.end {
            s.push('⟧');
        }
    }
    s
}

/// A scoring unit: (quoted segments, source spans).
type Unit = (Vec<Range<usize>>, Vec<Range<usize>>);

fn score_article(base: &str, text: &str, atts: &[Attribution], report: &Report, opts: &PolnearOpts, s: &mut Scores) {
    let chars: Vec<char> = text.chars().collect();
    let preds: Vec<(Range<usize>, &Quote)> = report.quotes.iter().map(|q| (q.start..q.end, q)).collect();
    let mut gold_segs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut att_segs: Vec<Vec<Range<usize>>> = Vec::new();
    for a in atts {
        let segs: Vec<Range<usize>> = a.content.iter().flat_map(|f| segments(&chars, f)).collect();
        for g in &segs {
            gold_segs.insert((g.start, g.end));
        }
        att_segs.push(segs);
    }
    for &(a, b) in &gold_segs {
        let g = a..b;
        s.gold_segments += 1;
        if preds.iter().any(|(p, _)| overlaps(p, &g)) {
            s.recalled += 1;
        } else if opts.misses {
            println!("MISS quote  {base}: {}", excerpt(&chars, &g, 60));
        }
    }
    for (p, _) in &preds {
        s.predicted += 1;
        if atts.iter().any(|a| a.content.iter().any(|c| overlaps(c, p))) {
            s.precise += 1;
        } else if opts.misses {
            println!("EXTRA quote {base}: {}", excerpt(&chars, p, 60));
        }
    }
    // Units: attributions that share a quoted segment (nested reported
    // speech, "X said she thinks \"...\"") are scored together.
    let n = atts.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut first_owner: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, segs) in att_segs.iter().enumerate() {
        for g in segs {
            match first_owner.get(&(g.start, g.end)) {
                Some(&j) => {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[ri] = rj;
                }
                None => {
                    first_owner.insert((g.start, g.end), i);
                }
            }
        }
    }
    let mut units: BTreeMap<usize, Unit> = BTreeMap::new();
    for i in 0..n {
        if att_segs[i].is_empty() {
            continue;
        }
        let r = root(&mut parent, i);
        let u = units.entry(r).or_default();
        u.0.extend(att_segs[i].iter().cloned());
        u.1.extend(atts[i].source.iter().cloned());
    }
    for (segs, source) in units.values_mut() {
        if source.is_empty() {
            continue;
        }
        segs.sort_by_key(|g| g.start);
        let Some(g) = segs.iter().find(|g| preds.iter().any(|(p, _)| overlaps(p, g))) else { continue };
        let best = preds.iter().filter(|(p, _)| overlaps(p, g)).max_by_key(|(p, _)| overlap_len(p, g));
        let Some((_, q)) = best else { continue };
        s.speaker_total += 1;
        let ok = q.speaker.mention.as_ref().is_some_and(|m| source.iter().any(|src| overlaps(&(m.start..m.end), src)));
        if opts.misses {
            println!("RULE {:.2} {}", q.speaker.confidence, if ok { "ok" } else { "miss" });
        }
        if ok {
            s.speaker_ok += 1;
        } else if opts.misses {
            let gold: Vec<String> = source.iter().map(|r| chars[r.start.min(chars.len())..r.end.min(chars.len())].iter().collect()).collect();
            let got = q.speaker.mention.as_ref().map(|m| m.text.clone()).unwrap_or_else(|| "-".into());
            let lo = g.start.min(source[0].start);
            let hi = g.end.max(source[0].end);
            println!(
                "MISS speaker {base}: gold {:?} got {:?} (cue {:?}, conf {:.2}): {}",
                gold.join(" | "),
                got,
                q.speaker.cue.as_deref().unwrap_or(""),
                q.speaker.confidence,
                excerpt(&chars, &(lo..hi.min(lo + 400)), 40)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_parses_and_segments_pair() {
        let ann = "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 10 17;20 25\tx\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let atts = parse_ann(ann);
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].source, vec![0..3]);
        assert_eq!(atts[0].content, vec![10..17, 20..25]);
        let chars: Vec<char> = "He said “one” and “two”.".chars().collect();
        assert_eq!(segments(&chars, &(0..chars.len())), vec![9..12, 19..22]);
        // A multi-paragraph quotation: the second opening mark is skipped.
        let chars: Vec<char> = "“a b\n\n“c d,” he said".chars().collect();
        assert_eq!(segments(&chars, &(0..chars.len())), vec![1..11]);
    }
}
