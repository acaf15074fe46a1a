//! Knowledge-base probes: every row of `tests/kb_probes.tsv` is a look-up
//! with a known answer (see the header of that file for the format). One
//! harness runs them all and reports every failing row at once.

use whosaid::kb::{Date, Kb, Lookup, LookupContext, PartyAt};

struct Ctx {
    lookup: LookupContext,
    country: Option<String>,
}

fn context(kb: &Kb, s: &str) -> Result<Ctx, String> {
    let mut ctx = Ctx { lookup: LookupContext::default(), country: None };
    for kv in s.split_whitespace() {
        let (k, v) = kv.split_once('=').ok_or_else(|| format!("bad context item {kv:?}"))?;
        match k {
            "date" => ctx.lookup.date = Some(Date::parse(v).ok_or_else(|| format!("bad date {v:?}"))?),
            "place" => ctx.lookup.places = v.split(',').map(str::to_string).collect(),
            "office" => ctx.lookup.office = Some(v.replace('_', " ")),
            "party" => {
                let id = kb.party_by_word(v, Some("US")).ok_or_else(|| format!("unknown party {v:?}"))?;
                ctx.lookup.party = Some(id);
            }
            "country" => ctx.country = Some(v.to_string()),
            _ => return Err(format!("unknown context key {k:?}")),
        }
    }
    Ok(ctx)
}

fn found(kb: &Kb, name: &str, ctx: &LookupContext) -> Result<u32, String> {
    match kb.find(name, ctx) {
        Lookup::Found(id) => Ok(id),
        Lookup::Ambiguous(ids) => Err(format!(
            "{name:?} is ambiguous: {}",
            ids.iter().map(|&i| kb.person(i).name.clone()).collect::<Vec<_>>().join(", ")
        )),
        Lookup::NotFound => Err(format!("{name:?} not found")),
    }
}

fn answer(kb: &Kb, kind: &str, query: &str, ctx: &Ctx) -> Result<String, String> {
    let date = ctx.lookup.date;
    Ok(match kind {
        "find" => match kb.find(query, &ctx.lookup) {
            Lookup::Found(id) => kb.person(id).name.clone(),
            Lookup::Ambiguous(ids) => {
                if ids.len() < 2 {
                    return Err(format!("Ambiguous with {} candidate(s)", ids.len()));
                }
                "AMBIGUOUS".into()
            }
            Lookup::NotFound => "NOTFOUND".into(),
        },
        "party" => {
            let id = found(kb, query, &ctx.lookup)?;
            if !kb.is_politician(id, date) {
                "-".into()
            } else {
                match kb.party_at(id, date) {
                    Some(p) => kb.party(p.party()).short.clone(),
                    None => "-".into(),
                }
            }
        }
        "span" => {
            let id = found(kb, query, &ctx.lookup)?;
            match kb.party_at(id, date) {
                Some(PartyAt::Covering(_)) => "covering".into(),
                Some(PartyAt::Latest(_)) => "latest".into(),
                None => "none".into(),
            }
        }
        "gender" => {
            let id = found(kb, query, &ctx.lookup)?;
            match kb.person(id).gender {
                whosaid::kb::Gender::Male => "M".into(),
                whosaid::kb::Gender::Female => "F".into(),
                whosaid::kb::Gender::Unknown => "U".into(),
            }
        }
        "holder" => {
            let place = ctx.lookup.places.first().map(String::as_str);
            match kb.office_holder(query, place, date) {
                Some(id) => kb.person(id).name.clone(),
                None => "-".into(),
            }
        }
        "offices" => {
            let id = found(kb, query, &ctx.lookup)?;
            let titles: Vec<String> = kb.offices_at(id, date).iter().map(|o| o.title.clone()).collect();
            titles.join(" | ")
        }
        "word" => match kb.party_by_word(query, ctx.country.as_deref()) {
            Some(id) => {
                let p = kb.party(id);
                format!("{}:{}", p.country, p.short)
            }
            None => "-".into(),
        },
        _ => return Err(format!("unknown probe kind {kind:?}")),
    })
}

#[test]
fn kb_probes() {
    let kb = Kb::embedded();
    let text = include_str!("kb_probes.tsv");
    let mut n = 0;
    let mut failures = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 4, "kb_probes.tsv:{}: want at least 4 columns, got {}", i + 1, f.len());
        let (kind, query, ctx, want) = (f[0], f[1], f[2], f[3]);
        n += 1;
        let got = context(kb, ctx).and_then(|c| answer(kb, kind, query, &c));
        let ok = match (&got, kind) {
            (Ok(g), "offices") => g.split(" | ").any(|t| t == want),
            (Ok(g), _) => g == want,
            (Err(_), _) => false,
        };
        if !ok {
            failures.push(format!("line {}: {kind} {query:?} [{ctx}] want {want:?}, got {got:?}", i + 1));
        }
    }
    assert!(n >= 60, "only {n} probes");
    assert!(failures.is_empty(), "{} of {n} probes failed:\n{}", failures.len(), failures.join("\n"));
}
