//! World leaders (every-politician-scrapers/world-leaders-2021, from
//! Wikidata, CC0) with their parties from `facts/world_leaders.tsv`.

use crate::facts::rows;
use crate::model::{Model, Off, Rec, Span};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Countries whose names are written family name first.
const FAMILY_FIRST: &[&str] = &["CN", "TW", "KR", "KP", "VN", "KH"];

/// "Prime Minister of Albania" → "Prime Minister"; "president of Germany"
/// → "President". Titles that don't name a country stay as they are.
fn title(label: &str) -> String {
    let heads = [
        "president", "prime minister", "premier", "monarch", "king", "emir", "sultan", "federal chancellor",
        "governor-general", "prince", "supreme leader", "chairman", "chief minister", "minister of state",
        "captain regent", "emperor",
    ];
    let l = label.to_lowercase();
    let mut t = label.to_string();
    if heads.iter().any(|h| l.starts_with(h)) {
        if let Some(pos) = l.find(" of ") {
            t = label[..pos].to_string();
        }
    }
    // Title case ("president" → "President", "prime minister" → "Prime Minister").
    t.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if w.chars().all(|x| x.is_lowercase() || !x.is_alphabetic()) => f.to_uppercase().chain(c).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn rank(title: &str) -> u8 {
    let t = title.to_lowercase();
    if t.starts_with("president") || t.starts_with("prime minister") || t.contains("chancellor") || t.starts_with("premier") || t == "taoiseach" {
        0
    } else {
        1
    }
}

/// One row of the leaders list: country code, title, name, from, to.
type LeaderRow = (String, String, String, Option<u32>, Option<u32>);

/// Heads of state and government.
pub fn leaders(m: &mut Model, src: &Path, facts: &Path) -> Result<(), String> {
    let countries: HashMap<String, String> = rows(&facts.with_file_name("countries.tsv"))?
        .into_iter()
        .map(|(_, r)| (r[0].clone(), r.get(1).cloned().unwrap_or_default()))
        .collect();
    let mut party_of: HashMap<String, String> = HashMap::new();
    for (line, r) in rows(facts)? {
        let p = r.get(2).cloned().unwrap_or_default();
        if p != "-" && p != "?" && !m.party_index.contains_key(&p) {
            return Err(format!("world_leaders.tsv:{line}: unknown party {p:?}"));
        }
        party_of.insert(r[0].clone(), p);
    }
    let path = src.join("world/world-leaders-2021.csv");
    let mut rdr = csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // wikidata id -> rows (country, title, name, from, to)
    let mut people: BTreeMap<String, Vec<LeaderRow>> = BTreeMap::new();
    for row in rdr.records() {
        let row = row.map_err(|e| e.to_string())?;
        let (country, label, q, name) = (&row[1], &row[3], &row[4], &row[5]);
        if name.starts_with('Q') && name[1..].chars().all(|c| c.is_ascii_digit()) {
            m.warn(format!("world leaders: {q} has no name, skipped"));
            continue;
        }
        let Some(code) = countries.get(country) else {
            m.warn(format!("world leaders: unknown country {country:?}"));
            continue;
        };
        let y0: Option<u32> = row[6].parse().ok();
        let y1: Option<u32> = row[7].parse().ok();
        // Years only: a term runs from 1 January of its first year to 31
        // December of its last (an over-estimate at both ends).
        people.entry(q.to_string()).or_default().push((
            code.clone(),
            title(label),
            name.to_string(),
            y0.map(|y| y * 10000 + 101),
            y1.map(|y| y * 10000 + 1231),
        ));
    }
    let mut unknown = 0;
    for (q, rs) in people {
        let name = rs[0].2.clone();
        // The person's country: where they are head of government/state
        // in their own right (Macron: France, not Andorra; the Queen: UK).
        let mut sorted = rs.clone();
        sorted.sort_by_key(|r| (rank(&r.1), r.0 != "GB"));
        let country = sorted[0].0.clone();
        let party = party_of.get(&q).cloned().unwrap_or_else(|| "?".into());
        if party == "?" {
            unknown += 1;
        }
        // US and UK leaders are already in the table with exact dates.
        if country == "US" || country == "GB" {
            let hits = m.by_name(&country, &name);
            if let Some(&i) = hits.first() {
                m.add_id(i, format!("wikidata:{q}"));
                m.recs[i].sources.insert("world");
                continue;
            }
        }
        let id = format!("wikidata:{q}");
        let i = match m.by_id.get(&id) {
            Some(&i) => i,
            None => {
                let toks: Vec<&str> = name.split(' ').collect();
                let surname = if FAMILY_FIRST.contains(&country.as_str()) && toks.len() > 1 {
                    toks[0].to_string()
                } else {
                    toks.last().copied().unwrap_or("").to_string()
                };
                let i = m.add(Rec { name: name.clone(), surname, gender: 'U', country: country.clone(), ..Default::default() });
                m.add_id(i, id);
                i
            }
        };
        let r = &mut m.recs[i];
        r.sources.insert("world");
        for (code, t, _, from, to) in rs {
            r.offices.push(Off { title: t, place: code, from, to, elected: false });
        }
        if party != "-" && party != "?" && r.parties.is_empty() {
            r.parties.push(Span { party, from: None, to: None });
            // A leader with a party is a party politician from their first
            // term at the latest (an approximation; facts may set it).
            let first = r.offices.iter().filter_map(|o| o.from).min();
            if !r.since_fixed {
                r.since = first;
            }
        }
    }
    if unknown > 0 {
        m.warn(format!("world leaders: {unknown} without a known party (\"?\" in world_leaders.tsv)"));
    }
    Ok(())
}
