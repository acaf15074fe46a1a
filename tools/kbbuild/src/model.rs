//! The in-memory model the sources are merged into, and the writer of the
//! compact table the engine embeds.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// A date as `YYYYMMDD`.
pub type D = u32;

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (trailing time ignored).
pub fn date(s: &str) -> Option<D> {
    let s = s.trim();
    if s.len() < 4 {
        return None;
    }
    let mut it = s.get(..s.len().min(10))?.split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next().map(|p| p.parse().ok()).unwrap_or(Some(1))?;
    let d: u32 = it.next().map(|p| p.parse().ok()).unwrap_or(Some(1))?;
    if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(y * 10000 + m * 100 + d)
}

/// Days since 1970-01-01 (proleptic Gregorian), for gap arithmetic.
pub fn days(d: D) -> i64 {
    let (y, m, dd) = ((d / 10000) as i64, (d / 100 % 100) as i64, (d % 100) as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// A party span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub party: String,
    pub from: Option<D>,
    pub to: Option<D>,
}

/// An office held.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Off {
    pub from: Option<D>,
    pub to: Option<D>,
    pub title: String,
    pub place: String,
    pub elected: bool,
}

/// One person being assembled from the sources.
#[derive(Debug, Clone, Default)]
pub struct Rec {
    pub name: String,
    pub aliases: BTreeSet<String>,
    pub surname: String,
    pub gender: char,
    pub country: String,
    pub since: Option<D>,
    /// `since` was set by a hand-written fact and must not be recomputed.
    pub since_fixed: bool,
    /// Party spans were set by a fact: later sources don't add spans.
    pub parties_fixed: bool,
    pub parties: Vec<Span>,
    pub offices: Vec<Off>,
    pub ids: BTreeSet<String>,
    /// Where the record came from ("congress", "governors", ...), for counts.
    pub sources: BTreeSet<&'static str>,
}

/// A party row of the output table.
#[derive(Debug, Clone)]
pub struct PartyRow {
    pub key: String,
    pub country: String,
    pub short: String,
    pub name: String,
    pub nicknames: Vec<String>,
    pub color: String,
}

/// Everything, with look-ups by id and name.
#[derive(Default)]
pub struct Model {
    pub recs: Vec<Rec>,
    pub by_id: HashMap<String, usize>,
    pub parties: Vec<PartyRow>,
    pub party_index: HashMap<String, usize>,
    /// (country, source spelling normalised) -> party key
    pub party_names: HashMap<(String, String), String>,
    pub warnings: Vec<String>,
}

/// Lower case, accents folded, punctuation dropped, whitespace collapsed:
/// the engine's own rule, so names are keyed exactly as look-ups key them.
pub fn norm(s: &str) -> String {
    whosaid::kb::normalize_name(s)
}

impl Model {
    pub fn warn(&mut self, w: impl Into<String>) {
        self.warnings.push(w.into());
    }

    /// Adds a record, registering its ids.
    pub fn add(&mut self, r: Rec) -> usize {
        let i = self.recs.len();
        for id in &r.ids {
            self.by_id.insert(id.clone(), i);
        }
        self.recs.push(r);
        i
    }

    /// Registers an id on an existing record.
    pub fn add_id(&mut self, i: usize, id: String) {
        self.by_id.insert(id.clone(), i);
        self.recs[i].ids.insert(id);
    }

    /// Records of a country whose display name or an alias normalises to
    /// the same key as `name`.
    pub fn by_name(&self, country: &str, name: &str) -> Vec<usize> {
        let k = norm(name);
        self.recs
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.country == country && (norm(&r.name) == k || r.aliases.iter().any(|a| norm(a) == k))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The party key for a spelling used by a source, if known.
    pub fn party_key(&self, country: &str, spelling: &str) -> Option<String> {
        let n = norm(spelling);
        if let Some(k) = self.party_names.get(&(country.to_string(), n.clone())) {
            return Some(k.clone());
        }
        self.party_names.get(&(String::new(), n)).cloned()
    }

    /// Writes the compact table (see `docs/kb.md` for the format).
    pub fn write(&mut self, header: &str) -> String {
        // Only parties somebody uses, or that a text may name (every party
        // in the hand-written table is kept: US/UK/world).
        let mut titles: BTreeMap<String, usize> = BTreeMap::new();
        for r in &self.recs {
            for o in &r.offices {
                titles.insert(o.title.clone(), 0);
            }
        }
        for (i, v) in titles.values_mut().enumerate() {
            *v = i;
        }
        let mut out = String::new();
        out.push_str(header);
        out.push_str("[parties]\n");
        for p in &self.parties {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                p.key,
                p.country,
                p.short,
                p.name,
                p.nicknames.join("|"),
                p.color
            );
        }
        out.push_str("[titles]\n");
        for t in titles.keys() {
            out.push_str(t);
            out.push('\n');
        }
        out.push_str("[people]\n");
        let mut order: Vec<usize> = (0..self.recs.len()).collect();
        // Three blocks (US, GB, everyone else), each sorted by the word the
        // engine's index looks names up by (`whosaid::kb::index_word`, the
        // surname), so that the index needs no entry per row (`docs/kb.md`).
        let key = |r: &Rec| {
            (
                match r.country.as_str() {
                    "US" => 0,
                    "GB" => 1,
                    _ => 2,
                },
                whosaid::kb::index_word(&r.name),
                r.country.clone(),
                norm(&r.name),
                r.offices.first().and_then(|o| o.from),
                r.ids.iter().next().cloned(),
            )
        };
        order.sort_by_cached_key(|&i| key(&self.recs[i]));
        let d = |x: Option<D>| x.map(|v| v.to_string()).unwrap_or_default();
        for i in order {
            let r = &self.recs[i];
            let aliases: Vec<&str> = r
                .aliases
                .iter()
                .filter(|a| norm(a) != norm(&r.name))
                .map(String::as_str)
                .collect();
            let mut parties = Vec::new();
            for s in &r.parties {
                let Some(&pi) = self.party_index.get(&s.party) else {
                    continue;
                };
                parties.push(format!("{}:{}:{}", pi, d(s.from), d(s.to)));
            }
            let offices: Vec<String> = r
                .offices
                .iter()
                .map(|o| {
                    format!(
                        "{}:{}:{}:{}:{}",
                        titles[&o.title],
                        o.place,
                        d(o.from),
                        d(o.to),
                        if o.elected { "e" } else { "a" }
                    )
                })
                .collect();
            let surname = if norm(&r.surname) == norm(r.name.rsplit(' ').next().unwrap_or("")) {
                String::new()
            } else {
                r.surname.clone()
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.name,
                aliases.join("|"),
                surname,
                if r.gender == '\0' { 'U' } else { r.gender },
                r.country,
                d(r.since),
                parties.join(";"),
                offices.join(";")
            );
        }
        out
    }
}

/// Sorts offices, merges back-to-back terms of the same office into one
/// span (House terms every two years become one line), and does the same
/// for party spans.
pub fn tidy(r: &mut Rec) {
    r.offices.sort();
    r.offices.dedup();
    let mut merged: Vec<Off> = Vec::new();
    // Merge per (title, place): look for an earlier span of the same office
    // that ends right before this one begins.
    for o in std::mem::take(&mut r.offices) {
        if let Some(prev) = merged.iter_mut().rev().find(|p| p.title == o.title && p.place == o.place) {
            let adjacent = match (prev.to, o.from) {
                (None, _) => true,
                // House terms in the sources end on the day the Congress
                // adjourned (October), the next one starts in January.
                (Some(t), Some(f)) => days(f) - days(t) <= 130,
                (Some(_), None) => true,
            };
            if adjacent {
                prev.to = match (prev.to, o.to) {
                    (None, _) | (_, None) => None,
                    (Some(a), Some(b)) => Some(a.max(b)),
                };
                prev.elected |= o.elected;
                continue;
            }
        }
        merged.push(o);
    }
    merged.sort();
    r.offices = merged;
    let mut spans: Vec<Span> = Vec::new();
    for s in std::mem::take(&mut r.parties) {
        if let Some(prev) = spans.last_mut() {
            if prev.party == s.party {
                prev.to = match (prev.to, s.to) {
                    (None, _) | (_, None) => None,
                    (Some(a), Some(b)) => Some(a.max(b)),
                };
                continue;
            }
        }
        spans.push(s);
    }
    r.parties = spans;
}
