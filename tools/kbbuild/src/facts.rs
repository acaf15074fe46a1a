//! Hand-written fact tables in `data/kb/facts/` (tab-separated, `#`
//! comments, a header line). See `data/kb/facts/README.md`.

use crate::model::{date, norm, Model, Off, PartyRow, Rec, Span};
use std::path::Path;

/// Reads a TSV file: rows of cells, comments and blank lines skipped, the
/// first remaining line (the header) dropped.
pub fn rows(path: &Path) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut header = true;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if header {
            header = false;
            continue;
        }
        out.push((n + 1, line.split('\t').map(|c| c.trim().to_string()).collect()));
    }
    Ok(out)
}

fn cell(r: &[String], i: usize) -> &str {
    r.get(i).map(String::as_str).unwrap_or("")
}

/// Colour-blind-safe defaults (Okabe–Ito) by party family, for parties
/// without a colour of their own in the table.
pub fn family_color(family: &str) -> &'static str {
    match family {
        "soc" | "left" | "com" => "#D55E00",
        "con" | "chr" | "cd" => "#0072B2",
        "lib" => "#E69F00",
        "eco" | "green" => "#009E73",
        "right" | "nat" => "#CC79A7",
        "agr" | "reg" => "#56B4E9",
        _ => "#6B6B6B",
    }
}

/// `parties.tsv`: key, country, short, name, nicknames, colour/family, source.
pub fn parties(m: &mut Model, path: &Path) -> Result<(), String> {
    for (line, r) in rows(path)? {
        let key = cell(&r, 0).to_string();
        if key.is_empty() || m.party_index.contains_key(&key) {
            return Err(format!("{}:{line}: empty or duplicate party key {key:?}", path.display()));
        }
        let color = cell(&r, 5);
        let color = if color.starts_with('#') { color.to_string() } else { family_color(color).to_string() };
        let row = PartyRow {
            key: key.clone(),
            country: cell(&r, 1).to_string(),
            short: cell(&r, 2).to_string(),
            name: cell(&r, 3).to_string(),
            nicknames: cell(&r, 4).split('|').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            color,
        };
        // Every spelling is also a name a source may use.
        for n in std::iter::once(&row.name).chain(row.nicknames.iter()).chain(std::iter::once(&row.short)) {
            m.party_names.entry((row.country.clone(), norm(n))).or_insert_with(|| key.clone());
        }
        m.party_index.insert(key, m.parties.len());
        m.parties.push(row);
    }
    Ok(())
}

/// `party_names.tsv`: country (or empty for any), spelling, key — how the
/// sources spell the parties ("Democrat", "Labour (Co-op)").
pub fn party_names(m: &mut Model, path: &Path) -> Result<(), String> {
    for (line, r) in rows(path)? {
        let key = cell(&r, 2).to_string();
        if !m.party_index.contains_key(&key) {
            return Err(format!("{}:{line}: unknown party key {key:?}", path.display()));
        }
        m.party_names.insert((cell(&r, 0).to_string(), norm(cell(&r, 1))), key);
    }
    Ok(())
}

/// `people.tsv` (and the other people-shaped fact files): one fact a row.
///
/// Columns: person, country, gender, kind, value, place, from, to, source.
/// `person` is a name (matched against names and aliases in that country)
/// or an id (`bioguide:S000709`, `wikidata:Q22686`). Kinds:
/// `office` (value = title; appointed), `elected` (value = title; elected
/// office or party post), `party` (value = party key; from/to date the
/// span; the first `party` fact for a person replaces what the sources
/// said), `noparty` (drop every party span), `since` (from = the day the
/// person became a party politician), `alias` (value = another name),
/// `display` (value = the display name), `person` (just create/find).
pub fn people(m: &mut Model, path: &Path) -> Result<usize, String> {
    let mut n = 0;
    for (line, r) in rows(path)? {
        let who = cell(&r, 0);
        let country = cell(&r, 1);
        let gender = cell(&r, 2);
        let kind = cell(&r, 3);
        let value = cell(&r, 4);
        let place = cell(&r, 5);
        let from = date(cell(&r, 6));
        let to = date(cell(&r, 7));
        let source = cell(&r, 8);
        let at = format!("{}:{line}", path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default());
        if source.is_empty() {
            return Err(format!("{at}: a fact needs a source note"));
        }
        if !cell(&r, 6).is_empty() && from.is_none() || !cell(&r, 7).is_empty() && to.is_none() {
            return Err(format!("{at}: bad date"));
        }
        let i = if let Some((name, tag)) = who.split_once(" #") {
            // "John Kelly #dhs": a namesake kept apart from other records.
            let id = format!("fact:{tag}");
            match m.by_id.get(&id) {
                Some(&i) => i,
                None => {
                    let surname = name.rsplit(' ').next().unwrap_or("").to_string();
                    let i = m.add(Rec { name: name.to_string(), surname, gender: 'U', country: country.to_string(), ..Default::default() });
                    m.add_id(i, id);
                    i
                }
            }
        } else if who.contains(':') && !who.contains(' ') {
            match m.by_id.get(who) {
                Some(&i) => i,
                None => return Err(format!("{at}: no record with id {who}")),
            }
        } else {
            let hits = m.by_name(country, who);
            match hits.len() {
                0 => {
                    let surname = who.rsplit(' ').next().unwrap_or("").to_string();
                    m.add(Rec { name: who.to_string(), surname, gender: 'U', country: country.to_string(), ..Default::default() })
                }
                1 => hits[0],
                _ => {
                    return Err(format!(
                        "{at}: {who:?} matches {} records ({}); use an id",
                        hits.len(),
                        hits.iter().map(|&h| m.recs[h].ids.iter().next().cloned().unwrap_or_default()).collect::<Vec<_>>().join(", ")
                    ))
                }
            }
        };
        n += 1;
        let mut new_party = None;
        {
            let rec = &mut m.recs[i];
            rec.sources.insert("facts");
            match gender {
                "M" => rec.gender = 'M',
                "F" => rec.gender = 'F',
                _ => {}
            }
            match kind {
                "office" | "elected" => {
                    let elected = kind == "elected";
                    rec.offices.push(Off { title: value.to_string(), place: place.to_string(), from, to, elected });
                    if elected {
                        if let Some(f) = from {
                            if !rec.since_fixed {
                                rec.since = Some(rec.since.map_or(f, |s| s.min(f)));
                            }
                        }
                    }
                }
                "party" => new_party = Some(value.to_string()),
                "noparty" => {
                    rec.parties.clear();
                    rec.parties_fixed = true;
                }
                "since" => {
                    rec.since = from;
                    rec.since_fixed = true;
                }
                "alias" => {
                    rec.aliases.insert(value.to_string());
                }
                "display" => {
                    let old = std::mem::replace(&mut rec.name, value.to_string());
                    rec.aliases.insert(old);
                }
                "surname" => rec.surname = value.to_string(),
                "person" => {}
                _ => return Err(format!("{at}: unknown kind {kind:?}")),
            }
        }
        if let Some(p) = new_party {
            if !m.party_index.contains_key(&p) {
                return Err(format!("{at}: unknown party key {p:?}"));
            }
            let rec = &mut m.recs[i];
            if !rec.parties_fixed {
                rec.parties.clear();
                rec.parties_fixed = true;
            }
            rec.parties.push(Span { party: p, from, to });
        }
    }
    Ok(n)
}
