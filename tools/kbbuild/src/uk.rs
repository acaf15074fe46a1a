//! United Kingdom sources: the Institute for Government ministers database
//! (CC BY 4.0: ministers since 1979, their seats and dated party spans) and
//! the current MPs (dfe-analytical-services/mp-lookup).

use crate::model::{date, Model, Off, Rec, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

type Row = HashMap<String, String>;

fn read(path: &Path) -> Result<Vec<Row>, String> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers: Vec<String> =
        rdr.headers().map_err(|e| e.to_string())?.iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| format!("{}: {e}", path.display()))?;
        out.push(headers.iter().cloned().zip(r.iter().map(str::to_string)).collect());
    }
    Ok(out)
}

fn g<'a>(r: &'a Row, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("")
}

const PEER_TITLES: &[&str] = &["Lord ", "Baroness ", "Viscount ", "Earl ", "Lady ", "Marquess ", "Duke "];
const PREFIXES: &[&str] = &["Rt Hon ", "Sir ", "Dame ", "Mr ", "Mrs ", "Ms ", "Miss ", "Dr ", "Lord ", "Baroness "];

fn strip_prefixes(name: &str) -> String {
    let mut n = name.trim();
    // A peer known only by title keeps it ("Lord Johnson of Lainston").
    if n.contains(" of ") && PEER_TITLES.iter().any(|t| n.starts_with(t)) {
        return n.to_string();
    }
    loop {
        let before = n;
        for p in PREFIXES {
            if let Some(rest) = n.strip_prefix(p) {
                n = rest;
            }
        }
        if n == before {
            break;
        }
    }
    n.trim_end_matches(" MP").trim().to_string()
}

/// The press's name for a Secretary of State post ("Home Secretary").
fn short_post(name: &str) -> String {
    const SOS: &[(&str, &str)] = &[
        ("Foreign", "Foreign Secretary"),
        ("Home Department", "Home Secretary"),
        ("Defence", "Defence Secretary"),
        ("Health", "Health Secretary"),
        ("Education", "Education Secretary"),
        ("Work and Pensions", "Work and Pensions Secretary"),
        ("Social Security", "Social Security Secretary"),
        ("Justice", "Justice Secretary"),
        ("Transport", "Transport Secretary"),
        ("Scotland", "Scottish Secretary"),
        ("Wales", "Welsh Secretary"),
        ("Northern Ireland", "Northern Ireland Secretary"),
        ("International Trade", "Trade Secretary"),
        ("Business", "Business Secretary"),
        ("Trade and Industry", "Trade and Industry Secretary"),
        ("Culture", "Culture Secretary"),
        ("Digital", "Culture Secretary"),
        ("Environment", "Environment Secretary"),
        ("Energy", "Energy Secretary"),
        ("Exiting the European Union", "Brexit Secretary"),
        ("Levelling Up", "Levelling Up Secretary"),
        ("Communities", "Communities Secretary"),
        ("Housing", "Housing Secretary"),
        ("International Development", "International Development Secretary"),
        ("Science", "Science Secretary"),
        ("Employment", "Employment Secretary"),
    ];
    if let Some(rest) = name.strip_prefix("Secretary of State for ") {
        for (k, v) in SOS {
            if rest.starts_with(k) || rest.contains(k) {
                return (*v).to_string();
            }
        }
    }
    name.to_string()
}

/// UK ministers since 1979 (with their Commons/Lords seats and party spans)
/// and the current MPs.
pub fn ministers_and_mps(m: &mut Model, src: &Path) -> Result<(), String> {
    let dir = src.join("uk/ifg");
    let persons = read(&dir.join("person.csv"))?;
    let reps = read(&dir.join("representation.csv"))?;
    let chars = read(&dir.join("representation_characteristics.csv"))?;
    let appts = read(&dir.join("appointment.csv"))?;
    let posts = read(&dir.join("post.csv"))?;

    // person id -> its name rows
    let mut names: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for p in &persons {
        names.entry(g(p, "id").to_string()).or_default().push(p);
    }
    let post_by_id: HashMap<&str, &Row> = posts.iter().map(|p| (g(p, "id"), p)).collect();
    let mut rep_by_person: HashMap<&str, Vec<&Row>> = HashMap::new();
    for r in &reps {
        rep_by_person.entry(g(r, "person_id")).or_default().push(r);
    }
    let mut chars_by_rep: HashMap<&str, Vec<&Row>> = HashMap::new();
    for c in &chars {
        chars_by_rep.entry(g(c, "representation_id")).or_default().push(c);
    }
    let mut appts_by_person: HashMap<&str, Vec<&Row>> = HashMap::new();
    for a in &appts {
        appts_by_person.entry(g(a, "person_id")).or_default().push(a);
    }
    let mut by_parliament_id: HashMap<String, usize> = HashMap::new();
    let mut last_ends: HashMap<usize, Option<u32>> = HashMap::new();

    for (pid, rows) in &names {
        // Display: the latest name that is not a peerage title.
        let mut sorted = rows.clone();
        sorted.sort_by_key(|r| (g(r, "end_date").is_empty(), g(r, "start_date").to_string()));
        let commoner: Vec<&Row> = sorted.iter().copied().filter(|r| !PEER_TITLES.iter().any(|t| g(r, "name").starts_with(t))).collect();
        let display = commoner.last().copied().or(sorted.last().copied()).map(|r| strip_prefixes(g(r, "display_name"))).unwrap_or_default();
        if display.is_empty() {
            continue;
        }
        let mut aliases: BTreeSet<String> = BTreeSet::new();
        for r in rows {
            for k in ["name", "display_name", "normalized_name"] {
                let v = g(r, k).trim();
                if !v.is_empty() {
                    aliases.insert(v.to_string());
                }
            }
        }
        let surname = rows.iter().map(|r| g(r, "short_name")).find(|s| !s.is_empty()).unwrap_or("").to_string();
        let gender = match rows.iter().map(|r| g(r, "gender")).find(|s| !s.is_empty()) {
            Some("M") => 'M',
            Some("F") => 'F',
            _ => 'U',
        };
        let mut offices = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        let mut since: Option<u32> = None;
        let mut my_reps = rep_by_person.get(pid.as_str()).cloned().unwrap_or_default();
        my_reps.sort_by_key(|r| g(r, "start_date").to_string());
        for r in &my_reps {
            let from = date(g(r, "start_date"));
            let to = date(g(r, "end_date"));
            let commons = g(r, "house") == "Commons";
            offices.push(Off {
                title: if commons { "MP".into() } else { "Member of the House of Lords".into() },
                place: "GB".into(),
                from,
                to,
                elected: commons,
            });
            let mut cs = chars_by_rep.get(g(r, "id")).cloned().unwrap_or_default();
            cs.sort_by_key(|c| g(c, "start_date").to_string());
            for c in cs {
                let party = g(c, "party");
                if matches!(party, "Crossbench" | "Non-affiliated" | "Lord Speaker" | "Speaker" | "Other" | "party" | "") {
                    continue;
                }
                let Some(key) = m.party_key("GB", party) else {
                    m.warn(format!("ifg: unknown party {party:?} for {display}"));
                    continue;
                };
                let (f, t) = (date(g(c, "start_date")), date(g(c, "end_date")));
                // Sitting for a party (in the Commons, or as a party peer)
                // makes a party politician from then.
                if let Some(f) = f {
                    since = Some(since.map_or(f, |s: u32| s.min(f)));
                }
                spans.push(Span { party: key, from: f, to: t });
            }
            if commons {
                if let Some(f) = from {
                    since = Some(since.map_or(f, |s| s.min(f)));
                }
            }
        }
        spans.sort_by_key(|s| s.from);
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(p) if p.party == s.party => p.to = s.to.max(p.to).filter(|_| s.to.is_some() && p.to.is_some()),
                _ => merged.push(s),
            }
        }
        if let Some(f) = merged.first_mut() {
            f.from = None;
        }
        let last_end = merged.last().and_then(|l| l.to);
        if let Some(l) = merged.last_mut() {
            l.to = None;
        }
        let mut my_appts = appts_by_person.get(pid.as_str()).cloned().unwrap_or_default();
        my_appts.sort_by_key(|a| g(a, "start_date").to_string());
        for a in my_appts {
            let Some(post) = post_by_id.get(g(a, "post_id")) else { continue };
            let name = g(post, "display_name");
            let name = if name.is_empty() { g(post, "name") } else { name };
            let title = short_post(name);
            offices.push(Off { title, place: "GB".into(), from: date(g(a, "start_date")), to: date(g(a, "end_date")), elected: false });
        }
        // A minister with a party is a party politician from the first
        // appointment at the latest.
        if !merged.is_empty() {
            if let Some(f) = offices.iter().filter_map(|o| o.from).min() {
                since = Some(since.map_or(f, |s| s.min(f)));
            }
        }
        let i = m.add(Rec {
            name: display,
            aliases,
            surname,
            gender,
            country: "GB".into(),
            since,
            parties: merged,
            offices,
            ..Default::default()
        });
        m.recs[i].sources.insert("ifg");
        last_ends.insert(i, last_end);
        m.add_id(i, format!("ifg:{pid}"));
        if let Some(pp) = rows.iter().map(|r| g(r, "id_parliament")).find(|s| !s.is_empty()) {
            let pp = pp.trim_end_matches(".0").to_string();
            by_parliament_id.insert(pp.clone(), i);
            m.add_id(i, format!("parliament:{pp}"));
        }
    }

    // Current MPs.
    let mps = read(&src.join("uk/mp_lookup.csv"))?;
    for r in &mps {
        let name = strip_prefixes(g(r, "display_as"));
        let party = g(r, "party_text");
        let key = if party == "Speaker" { None } else { m.party_key("GB", party) };
        if key.is_none() && party != "Speaker" {
            m.warn(format!("mp-lookup: unknown party {party:?} for {name}"));
        }
        let office = Off { title: "MP".into(), place: "GB".into(), from: None, to: None, elected: true };
        let i = match by_parliament_id.get(g(r, "member_id")) {
            Some(&i) => {
                let rec = &mut m.recs[i];
                // The current seat: IFG has it dated when the person was a
                // minister; otherwise add an undated current seat.
                if !rec.offices.iter().any(|o| o.title == "MP" && o.to.is_none()) {
                    rec.offices.push(Off { from: Some(20240704), ..office });
                }
                // The current party, if it differs from IFG's last span.
                if let Some(k) = key {
                    if rec.parties.last().map(|s| &s.party) != Some(&k) {
                        let end = last_ends.get(&i).copied().flatten();
                        if end.is_none() {
                            m.warn(format!("mp-lookup: {name} now {party}, IFG's open span says otherwise; switch date unknown (add a fact)"));
                        }
                        let rec = &mut m.recs[i];
                        if let Some(l) = rec.parties.last_mut() {
                            l.to = end;
                        }
                        rec.parties.push(Span { party: k, from: end.map(|e| e + 1), to: None });
                    }
                }
                i
            }
            None => {
                // Not a minister: the sources don't say since when they are
                // an MP, so the seat and party are undated and the person
                // counts as a party politician throughout (see docs/kb.md).
                let surname = name.rsplit(' ').next().unwrap_or("").to_string();
                let t = format!(" {} ", g(r, "full_title"));
                let gender = if [" Mr ", " Sir ", " Lord "].iter().any(|h| t.contains(h)) {
                    'M'
                } else if [" Mrs ", " Ms ", " Miss ", " Dame ", " Baroness "].iter().any(|h| t.contains(h)) {
                    'F'
                } else {
                    'U'
                };
                let i = m.add(Rec {
                    name: name.clone(),
                    surname,
                    gender,
                    country: "GB".into(),
                    since: Some(10000101),
                    parties: key.map(|k| Span { party: k, from: None, to: None }).into_iter().collect(),
                    offices: vec![office],
                    ..Default::default()
                });
                m.add_id(i, format!("parliament:{}", g(r, "member_id")));
                i
            }
        };
        m.recs[i].sources.insert("mp-lookup");
    }
    Ok(())
}
