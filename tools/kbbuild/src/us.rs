//! United States sources: congress-legislators (current, history since
//! 2012, historical CSV joined to Voteview), the executive (presidents and
//! vice presidents), governors 1990–2020 (ODbL), Open States executives.

use crate::model::{date, days, norm, Model, Off, Rec, Span, D};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The first day covered: the 101st Congress opened on 3 January 1989.
pub const SINCE: D = 19890103;

pub const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("FL", "Florida"), ("GA", "Georgia"),
    ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"),
    ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"),
    ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"),
    ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"),
    ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"),
    ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("DC", "District of Columbia"), ("PR", "Puerto Rico"), ("GU", "Guam"), ("VI", "Virgin Islands"),
    ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"),
];

pub fn state_code(name: &str) -> Option<&'static str> {
    let n = norm(name);
    STATES.iter().find(|(_, s)| norm(s) == n).map(|(c, _)| *c)
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn is_initial(x: &str) -> bool {
    let t = x.trim_end_matches('.');
    t.chars().count() <= 1 || (x.contains('.') && t.chars().filter(|c| c.is_alphabetic()).count() <= 2)
}

/// Display name and aliases from a congress-legislators `name` block.
fn names(n: &Value) -> (String, String, Vec<String>) {
    let first = s(n, "first");
    let middle = s(n, "middle");
    let last = s(n, "last");
    let nick = s(n, "nickname");
    let full = s(n, "official_full");
    let given = if !nick.is_empty() {
        nick
    } else if is_initial(first) && !middle.is_empty() {
        middle
    } else {
        first
    };
    // The official name when it has no initials or suffix ("Ben Ray
    // Luján"), else given name + surname ("Chuck Schumer", "Angus King").
    let clean_full = !full.is_empty()
        && !full.contains(',')
        && full.split(' ').all(|t| t.trim_end_matches('.').chars().count() > 1 && !t.ends_with('.'));
    let display = if nick.is_empty() && clean_full { full.to_string() } else { format!("{given} {last}") };
    let mut aliases = vec![format!("{first} {last}")];
    if !middle.is_empty() {
        aliases.push(format!("{first} {middle} {last}"));
    }
    if !full.is_empty() {
        aliases.push(full.replace(", ", " "));
    }
    if !nick.is_empty() {
        aliases.push(format!("{nick} {last}"));
    }
    if let Some(other) = n.get("other_names").and_then(Value::as_array) {
        for o in other {
            aliases.push(format!("{} {}", s(o, "first"), s(o, "last")));
        }
    }
    (display, last.to_string(), aliases)
}

fn title_for(kind: &str, state: &str) -> &'static str {
    match (kind, state) {
        ("sen", _) => "Senator",
        ("rep", "PR") => "Resident Commissioner",
        ("rep", "DC" | "GU" | "VI" | "AS" | "MP") => "Delegate",
        ("rep", _) => "Representative",
        ("prez", _) => "President",
        ("viceprez", _) => "Vice President",
        _ => "Member of Congress",
    }
}

/// Adds one congress-legislators person record (JSON value; the YAML is
/// converted to the same shape).
fn add_legislator(m: &mut Model, p: &Value, source: &'static str) -> Option<usize> {
    let id = p.get("id")?;
    let bioguide = s(id, "bioguide").to_string();
    let n = p.get("name")?;
    let (display, last, aliases) = names(n);
    let gender = match s(p.get("bio").unwrap_or(&Value::Null), "gender") {
        "M" => 'M',
        "F" => 'F',
        _ => 'U',
    };

    let terms = p.get("terms")?.as_array()?;
    let mut offices = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    for t in terms {
        let kind = s(t, "type");
        let state = s(t, "state");
        let (Some(from), to) = (date(s(t, "start")), date(s(t, "end"))) else { continue };
        offices.push(Off {
            title: title_for(kind, state).to_string(),
            place: if kind == "prez" || kind == "viceprez" { "US".into() } else { state.into() },
            from: Some(from),
            to,
            elected: true,
        });
        let affs: Vec<(String, Option<D>, Option<D>)> = match t.get("party_affiliations").and_then(Value::as_array) {
            Some(a) => a.iter().map(|x| (s(x, "party").to_string(), date(s(x, "start")), date(s(x, "end")))).collect(),
            None => vec![(s(t, "party").to_string(), Some(from), to)],
        };
        for (party, f, e) in affs {
            let Some(key) = m.party_key("US", &party) else {
                m.warn(format!("congress: unknown party {party:?} for {display}"));
                continue;
            };
            spans.push(Span { party: key, from: f, to: e });
        }
    }
    // Only people who served since 1989.
    if !offices.iter().any(|o| o.to.is_none_or(|t| t >= SINCE)) {
        return None;
    }
    // Party spans: merge runs; the first is open to the past (party before
    // the first term is taken as the same), the last open to the future
    // (leaving Congress does not end a membership).
    let mut merged: Vec<Span> = Vec::new();
    for sp in spans {
        match merged.last_mut() {
            Some(prev) if prev.party == sp.party => prev.to = sp.to,
            _ => merged.push(sp),
        }
    }
    if let Some(f) = merged.first_mut() {
        f.from = None;
    }
    if let Some(l) = merged.last_mut() {
        l.to = None;
    }
    // A switch: the new span starts on its own date; the old one ends the
    // day before (or the same day, as the source has it).
    let since = offices.iter().filter_map(|o| o.from).min();
    let existing = if bioguide.is_empty() { None } else { m.by_id.get(&format!("bioguide:{bioguide}")).copied() };
    let rec = Rec {
        name: display.clone(),
        aliases: aliases.into_iter().collect(),
        surname: last,
        gender,
        country: "US".into(),
        since,
        parties: merged,
        offices,
        ..Default::default()
    };
    let i = match existing {
        Some(i) => {
            let r = &mut m.recs[i];
            r.offices.extend(rec.offices);
            r.aliases.extend(rec.aliases);
            if r.parties.is_empty() {
                r.parties = rec.parties;
            }
            if r.gender == 'U' || r.gender == '\0' {
                r.gender = rec.gender;
            }
            r.since = match (r.since, rec.since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            i
        }
        None => {
            let i = m.add(rec);
            if !bioguide.is_empty() {
                m.add_id(i, format!("bioguide:{bioguide}"));
            }
            i
        }
    };
    m.recs[i].sources.insert(source);
    if let Some(w) = id.get("wikidata").and_then(Value::as_str) {
        m.add_id(i, format!("wikidata:{w}"));
    }
    if let Some(ic) = id.get("icpsr").and_then(Value::as_u64) {
        m.add_id(i, format!("icpsr:{ic}"));
    }
    Some(i)
}

fn yaml_to_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let y: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::to_value(y).map_err(|e| format!("{}: {e}", path.display()))
}

/// Members of Congress since 1989 with dated terms and party spans.
pub fn congress(m: &mut Model, src: &Path) -> Result<(), String> {
    let dir = src.join("us/congress-legislators");
    // Current file first (newest), then the history of everyone since 2012
    // (adds nothing new for current members: same bioguide, merged).
    let current = yaml_to_json(&dir.join("legislators-current.yaml"))?;
    let mut seen: HashSet<String> = HashSet::new();
    for p in current.as_array().into_iter().flatten() {
        if add_legislator(m, p, "congress").is_some() {
            seen.insert(s(&p["id"], "bioguide").to_string());
        }
    }
    let hist_path = dir.join("history-since-2012.json");
    let text = std::fs::read_to_string(&hist_path).map_err(|e| format!("{}: {e}", hist_path.display()))?;
    let hist: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", hist_path.display()))?;
    for p in hist.as_array().into_iter().flatten() {
        let b = s(&p["id"], "bioguide").to_string();
        if seen.contains(&b) {
            continue;
        }
        if add_legislator(m, p, "congress").is_some() {
            seen.insert(b);
        }
    }
    former_members(m, &dir, &src.join("us/voteview_members.csv"), &seen)
}

/// A Voteview row: ICPSR id, last Congress served, party.
type VvRow = (u64, u32, String);

/// Members who left before 2012: the historical CSV has only the last
/// term's party and no dates; Voteview gives the last Congress served per
/// ICPSR id (a party switcher gets a new id), so we know whether they
/// served since 1989 and roughly when they left.
fn former_members(m: &mut Model, dir: &Path, voteview: &Path, seen: &HashSet<String>) -> Result<(), String> {
    // icpsr -> (last congress, party, name, state)
    let mut vv: HashMap<u64, (u32, String)> = HashMap::new();
    let mut vv_by_name: HashMap<(String, String), Vec<VvRow>> = HashMap::new();
    let mut rdr = csv::Reader::from_path(voteview).map_err(|e| format!("{}: {e}", voteview.display()))?;
    for row in rdr.records() {
        let row = row.map_err(|e| e.to_string())?;
        let (Ok(ic), Ok(cg)) = (row[1].parse::<u64>(), row[4].parse::<u32>()) else { continue };
        vv.insert(ic, (cg, row[3].to_string()));
        vv_by_name.entry((row[0].to_string(), row[2].to_string())).or_default().push((ic, cg, row[3].to_string()));
    }
    let path = dir.join("legislators-historical.csv");
    let mut rdr = csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let c = |n: &str| col(n).unwrap_or(usize::MAX);
    let (ci_last, ci_first, ci_mid, ci_nick, ci_full, ci_bday, ci_gender, ci_type, ci_state, ci_party, ci_bio, ci_icpsr, ci_wiki) = (
        c("last_name"), c("first_name"), c("middle_name"), c("nickname"), c("full_name"), c("birthday"), c("gender"),
        c("type"), c("state"), c("party"), c("bioguide_id"), c("icpsr_id"), c("wikipedia_id"),
    );
    let mut vv_names: HashMap<u64, (String, String)> = HashMap::new();
    for ((n, st), v) in &vv_by_name {
        for (ic, _, _) in v {
            vv_names.insert(*ic, (n.clone(), st.clone()));
        }
    }
    for row in rdr.records() {
        let row = row.map_err(|e| e.to_string())?;
        let get = |i: usize| row.get(i).unwrap_or("");
        let bioguide = get(ci_bio);
        if seen.contains(bioguide) {
            continue;
        }
        let Ok(icpsr) = get(ci_icpsr).parse::<u64>() else { continue };
        let Some((last_cg, _)) = vv.get(&icpsr).cloned() else { continue };
        // All Voteview ids under the same name and state (switchers).
        let mut rows: Vec<VvRow> = vv_names
            .get(&icpsr)
            .and_then(|k| vv_by_name.get(k))
            .cloned()
            .unwrap_or_default();
        rows.sort_by_key(|r| r.1);
        let last_cg = rows.iter().map(|r| r.1).max().unwrap_or(last_cg).max(last_cg);
        if last_cg < 101 {
            continue;
        }
        let end = (1787 + 2 * last_cg + 2) * 10000 + 103;
        let last = get(ci_last);
        let first = get(ci_first);
        let nick = get(ci_nick);
        let wiki = get(ci_wiki);
        let common = wiki.split(" (").next().unwrap_or("").trim().to_string();
        let given = if nick.is_empty() { first } else { nick };
        let display = if !common.is_empty() && common.ends_with(last) { common.clone() } else { format!("{given} {last}") };
        let mut aliases: Vec<String> = vec![format!("{first} {last}")];
        if !get(ci_mid).is_empty() {
            aliases.push(format!("{first} {} {last}", get(ci_mid)));
        }
        if !get(ci_full).is_empty() {
            aliases.push(get(ci_full).replace(", ", " "));
        }
        if !nick.is_empty() {
            aliases.push(format!("{nick} {last}"));
        }
        if !common.is_empty() {
            aliases.push(common);
        }
        let state = get(ci_state);
        let kind = get(ci_type);
        let birth = date(get(ci_bday));
        let party = get(ci_party);
        let mut parties = Vec::new();
        let distinct: Vec<String> = {
            let mut v: Vec<String> = Vec::new();
            for r in &rows {
                if v.last() != Some(&r.2) {
                    v.push(r.2.clone());
                }
            }
            v
        };
        if distinct.len() > 1 {
            m.warn(format!(
                "former member {display} ({state}) changed party ({}); only the last party is in the sources — add a dated fact",
                distinct.join(" -> ")
            ));
        }
        match m.party_key("US", party) {
            Some(k) => parties.push(Span { party: k, from: None, to: None }),
            None => m.warn(format!("former member {display}: unknown party {party:?}")),
        }
        // politician_since is not in the sources: approximated as the
        // 25th birthday (the minimum age for the House), capped at the start
        // of the last Congress served; see docs/kb.md.
        let last_start = (1787 + 2 * last_cg) * 10000 + 103;
        let since = birth.map(|b| (b + 250000).min(last_start)).unwrap_or(last_start);
        let rec = Rec {
            name: display,
            aliases: aliases.into_iter().collect(),
            surname: last.to_string(),
            gender: match get(ci_gender) {
                "M" => 'M',
                "F" => 'F',
                _ => 'U',
            },
            country: "US".into(),
            since: Some(since),
            parties,
            // Known to have served from the start of the last Congress at
            // least (earlier terms are not in the sources).
            offices: vec![Off {
                title: title_for(kind, state).into(),
                place: state.into(),
                from: Some(last_start),
                to: Some(end),
                elected: true,
            }],
            ..Default::default()
        };
        let i = m.add(rec);
        m.recs[i].sources.insert("congress-historical");
        m.add_id(i, format!("bioguide:{bioguide}"));
        m.add_id(i, format!("icpsr:{icpsr}"));
    }
    Ok(())
}

/// Presidents and vice presidents serving since 1989.
pub fn executive(m: &mut Model, src: &Path) -> Result<(), String> {
    let v = yaml_to_json(&src.join("us/congress-legislators/executive.yaml"))?;
    for p in v.as_array().into_iter().flatten() {
        let serves = p["terms"].as_array().into_iter().flatten().any(|t| s(t, "end") >= "1989-01-20");
        if !serves {
            continue;
        }
        let bioguide = s(&p["id"], "bioguide").to_string();
        let key = format!("bioguide:{bioguide}");
        let (display, last, aliases) = names(&p["name"]);
        let mut offices = Vec::new();
        let mut spans = Vec::new();
        for t in p["terms"].as_array().into_iter().flatten() {
            let kind = s(t, "type");
            offices.push(Off {
                title: title_for(kind, "").into(),
                place: "US".into(),
                from: date(s(t, "start")),
                to: date(s(t, "end")),
                elected: true,
            });
            if let Some(k) = m.party_key("US", s(t, "party")) {
                spans.push(Span { party: k, from: None, to: None });
            }
        }
        spans.dedup();
        let since = offices.iter().filter_map(|o| o.from).min();
        let gender = if s(&p["bio"], "gender") == "F" { 'F' } else { 'M' };
        let first_year = p["terms"][0]["start"].as_str().unwrap_or("").get(..4).unwrap_or("").to_string();
        let exec_id = format!("exec:{last}{first_year}");
        let i = match m.by_id.get(&key).copied().filter(|_| !bioguide.is_empty()) {
            Some(i) => {
                m.add_id(i, exec_id);
                i
            }
            None => {
                let i = m.add(Rec {
                    name: display,
                    surname: last,
                    gender,
                    country: "US".into(),
                    parties: spans.clone(),
                    ..Default::default()
                });
                if !bioguide.is_empty() {
                    m.add_id(i, key);
                }
                m.add_id(i, exec_id);
                i
            }
        };
        let r = &mut m.recs[i];
        r.sources.insert("executive");
        r.aliases.extend(aliases);
        r.offices.extend(offices);
        if r.parties.is_empty() {
            r.parties = spans;
        }
        r.since = match (r.since, since) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    Ok(())
}

/// Finds an existing US person for a name in a state: same surname, same
/// first name (or nickname/alias first word), and some office in that
/// state (or none required when `state` is empty).
pub fn match_us(m: &Model, name: &str, state: &str) -> Option<usize> {
    let toks: Vec<String> = norm(name).split(' ').map(str::to_string).collect();
    let toks: Vec<String> = toks
        .into_iter()
        .filter(|t| !matches!(t.as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect();
    let (first, last) = (toks.first()?.clone(), toks.last()?.clone());
    let exact = m.by_name("US", name);
    let in_state = |i: &usize| state.is_empty() || m.recs[*i].offices.iter().any(|o| o.place == state);
    let exact: Vec<usize> = exact.into_iter().filter(in_state).collect();
    if exact.len() == 1 {
        return Some(exact[0]);
    }
    let cands: Vec<usize> = m
        .recs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.country == "US")
        .filter(|(_, r)| {
            let names = std::iter::once(&r.name).chain(r.aliases.iter());
            names.into_iter().any(|n| {
                let t: Vec<&str> = n.split(' ').collect();
                let nn = norm(n);
                let nt: Vec<&str> = nn.split(' ').filter(|t| !matches!(*t, "jr" | "sr" | "ii" | "iii" | "iv")).collect();
                t.len() >= 2 && nt.first() == Some(&first.as_str()) && nt.last() == Some(&last.as_str())
            })
        })
        .map(|(i, _)| i)
        .filter(in_state)
        .collect();
    if cands.len() == 1 {
        Some(cands[0])
    } else {
        None
    }
}

/// Governors 1990–2020 from jacobkap/governors (ODbL 1.0).
pub fn governors(m: &mut Model, src: &Path) -> Result<(), String> {
    let path = src.join("us/governors/united_states_governors_1775_2020.csv");
    let mut rdr = csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // (name, state) -> (party, term texts, years seen). Terms ("1999 -
    // 2007") give the span; the table has gaps (whole years missing for
    // some states), so the years a governor appears in only stand in when
    // the term text is unusable.
    type GovRows = (String, BTreeSet<String>, Vec<u32>);
    let mut terms: BTreeMap<(String, String), GovRows> = BTreeMap::new();
    for row in rdr.records() {
        let row = row.map_err(|e| e.to_string())?;
        let year: u32 = row[4].parse().unwrap_or(0);
        if year < 1990 {
            continue;
        }
        let e = terms
            .entry((demojibake(row[0].trim()), row[1].replace("Northern Mariana Is.", "Northern Mariana Islands")))
            .or_default();
        e.0 = row[3].to_string();
        e.1.insert(row[2].to_string());
        e.2.push(year);
    }
    for ((name, state), (party, texts, _years)) in terms {
        let Some(code) = state_code(&state) else {
            m.warn(format!("governors: unknown state {state:?}"));
            continue;
        };
        // A term runs from 1 January of its first year to 31 January of
        // its last (most governors take office in January).
        let mut offs = Vec::new();
        for term in &texts {
            let mut it = term.split('-').map(|x| x.trim().parse::<u32>().ok());
            match (it.next().flatten(), it.next().flatten()) {
                (Some(a), Some(b)) if a <= b && b - a <= 16 => offs.push(Off {
                    title: "Governor".into(),
                    place: code.into(),
                    from: Some(a * 10000 + 101),
                    to: Some(b * 10000 + 131),
                    elected: true,
                }),
                _ => {
                    m.warn(format!("governors: implausible term {term:?} for {name} ({state}), skipped"));
                }
            }
        }
        offs.sort();
        if offs.is_empty() || offs.iter().all(|o| o.to.is_some_and(|t| t < 19900101)) {
            continue;
        }
        let Some(y0) = offs.first().and_then(|o| o.from).map(|f| f / 10000) else { continue };
        let key = match party.as_str() {
            "" => None,
            p => match m.party_key("US", p) {
                Some(k) => Some(k),
                None => {
                    m.warn(format!("governors: unknown party {p:?} for {name}"));
                    None
                }
            },
        };
        let i = match match_us(m, &name, code).or_else(|| match_us(m, &name, "")) {
            Some(i) => i,
            None => {
                let toks: Vec<&str> = name.split(' ').collect();
                // "Mario Matthew Cuomo" is shown as "Mario Cuomo"; "J. Fife
                // Symington" keeps his initial.
                let surname = toks
                    .iter()
                    .rev()
                    .find(|t| !matches!(t.trim_end_matches('.').to_lowercase().as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
                    .unwrap_or(&"")
                    .trim_end_matches(',')
                    .to_string();
                let mut aliases = std::collections::BTreeSet::new();
                // "Mario Matthew Cuomo" is also "Mario Cuomo".
                if toks.len() > 2 {
                    aliases.insert(format!("{} {surname}", toks[0]));
                }
                let display = if toks.len() > 2 && toks[0].chars().count() > 2 && !toks[0].ends_with('.') {
                    aliases.insert(name.clone());
                    format!("{} {surname}", toks[0])
                } else {
                    name.clone()
                };
                m.add(Rec { name: display, aliases, surname, gender: 'U', country: "US".into(), ..Default::default() })
            }
        };
        let r = &mut m.recs[i];
        r.sources.insert("governors");
        r.offices.extend(offs);
        if let Some(k) = key {
            // Sources read earlier (Congress, with dated spans) win; the
            // governors table only fills in people without a party.
            if !r.parties_fixed && (r.parties.is_empty() || r.sources.len() == 1 && r.parties.last().map(|s| &s.party) != Some(&k)) {
                r.parties.push(Span { party: k, from: None, to: None });
            }
        }
        r.since = Some(r.since.map_or(y0 * 10000 + 101, |s| s.min(y0 * 10000 + 101)));
    }
    Ok(())
}

/// Current state executives from Open States (CC0).
pub fn openstates(m: &mut Model, src: &Path) -> Result<(), String> {
    let root = src.join("us/governors/openstates/data");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).map_err(|e| format!("{}: {e}", root.display()))?.flatten().collect();
    dirs.sort_by_key(|d| d.file_name());
    for d in dirs {
        let st = d.file_name().to_string_lossy().to_uppercase();
        let ex = d.path().join("executive");
        let Ok(rd) = std::fs::read_dir(&ex) else { continue };
        let mut files: Vec<_> = rd.flatten().collect();
        files.sort_by_key(|f| f.file_name());
        for f in files {
            let v = yaml_to_json(&f.path())?;
            let name = s(&v, "name").to_string();
            let mut offices = Vec::new();
            for r in v["roles"].as_array().into_iter().flatten() {
                let title = match s(r, "type") {
                    "governor" => "Governor",
                    "lt_governor" => "Lieutenant Governor",
                    "attorney general" => "Attorney General",
                    "secretary of state" => "Secretary of State",
                    "chief election officer" => "Chief Election Officer",
                    "treasurer" => "Treasurer",
                    "auditor" => "Auditor",
                    "mayor" => "Mayor",
                    _ => continue,
                };
                offices.push(Off {
                    title: title.into(),
                    place: st.clone(),
                    from: date(s(r, "start_date")),
                    to: date(s(r, "end_date")),
                    elected: true,
                });
            }
            if offices.is_empty() {
                continue;
            }
            let mut spans = Vec::new();
            for p in v["party"].as_array().into_iter().flatten() {
                let pn = s(p, "name");
                if pn == "Nonpartisan" {
                    continue;
                }
                match m.party_key("US", pn) {
                    Some(k) => spans.push(Span { party: k, from: date(s(p, "start_date")), to: date(s(p, "end_date")) }),
                    None => m.warn(format!("openstates: unknown party {pn:?} for {name}")),
                }
            }
            let since = offices.iter().filter_map(|o| o.from).min();
            let i = match match_us(m, &name, &st) {
                Some(i) => i,
                None => {
                    let given = s(&v, "given_name");
                    let family = s(&v, "family_name");
                    let mut aliases = std::collections::BTreeSet::new();
                    if !given.is_empty() && !family.is_empty() {
                        aliases.insert(format!("{given} {family}"));
                    }
                    for o in v["other_names"].as_array().into_iter().flatten() {
                        aliases.insert(s(o, "name").to_string());
                    }
                    let surname = if family.is_empty() { name.rsplit(' ').next().unwrap_or("").to_string() } else { family.to_string() };
                    m.add(Rec {
                        name: name.clone(),
                        aliases,
                        surname,
                        gender: match s(&v, "gender") {
                            "Male" | "male" | "M" => 'M',
                            "Female" | "female" | "F" => 'F',
                            _ => 'U',
                        },
                        country: "US".into(),
                        ..Default::default()
                    })
                }
            };
            let r = &mut m.recs[i];
            r.sources.insert("openstates");
            for o in offices {
                // The governors table already has the term (years only);
                // prefer Open States' exact dates for the same office.
                r.offices.retain(|x| !(x.title == o.title && x.place == o.place && overlaps(x, &o)));
                r.offices.push(o);
            }
            if !r.parties_fixed && r.parties.is_empty() {
                for s in spans {
                    if r.parties.last().map(|p| &p.party) != Some(&s.party) {
                        r.parties.push(Span { from: None, to: None, ..s });
                    }
                }
            }
            r.since = match (r.since, since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    Ok(())
}

fn overlaps(a: &Off, b: &Off) -> bool {
    let a0 = a.from.map_or(i64::MIN, days);
    let a1 = a.to.map_or(i64::MAX, days);
    let b0 = b.from.map_or(i64::MIN, days);
    let b1 = b.to.map_or(i64::MAX, days);
    a0 <= b1 && b0 <= a1
}

/// Repairs UTF-8 that was read as Latin-1 once ("VÃ¡zquez" -> "Vázquez").
fn demojibake(s: &str) -> String {
    if !s.contains('Ã') {
        return s.to_string();
    }
    let bytes: Option<Vec<u8>> = s.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
    bytes.and_then(|b| String::from_utf8(b).ok()).unwrap_or_else(|| s.to_string())
}
