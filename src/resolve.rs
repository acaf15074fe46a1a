//! Stage 5–6: resolution (mention → entity) and party.
//!
//! Entities are built from the capitalised names in the reporter's text, in
//! order: "Sen. Lindsey Graham" introduces a person (title Senator, class
//! lawmaker); a later "Graham" or "Mr. Graham" is the same person. Each
//! entity collects what the text says about it — titles, the party
//! ("Republican Sen. Marco Rubio", "(R-S.C.)", ", a Republican,",
//! "Democrat Nancy Pelosi", "Labour MP ..."), the state ("of Florida",
//! "Nebraska Sen.") — and, when the knowledge base knows the name, its KB
//! id. Pronouns go to the most recent compatible person (preferring the
//! current speaker); descriptions ("the Republican lawmaker of South
//! Carolina") go to the most recent person they fit.
//!
//! All spans are byte offsets into the article text.

use crate::kb::{Date, Gender, Kb, LookupContext, Lookup, PartyId, PersonId};
use crate::mentions::{caps_dateline, determiner, is_cap, lower, name_runs, nickname_end, particle_pair, particle_surname, Doc, Tok, DETERMINERS};
use crate::report::{PartyLabel, PartySource};
use crate::words::Words;
// Fx hashing: per-article name indexes (docs/perf.md, perfwasm).
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

const NAMESAKE_ROLES: &str = crate::words::table!("../data/words/namesake_roles.tsv");

/// The descriptors of `data/words/namesake_roles.tsv`, each as its words.
fn namesake_roles() -> &'static [Vec<&'static str>] {
    static T: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    T.get_or_init(|| {
        NAMESAKE_ROLES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next())
            .map(|p| p.split(' ').collect())
            .collect()
    })
}

/// True if the words `ws` (lower case, in text order) end in a namesake
/// descriptor ("city councilman", "voter") not preceded by "former".
fn namesake_descriptor(ws: &[String]) -> bool {
    namesake_roles().iter().any(|p| {
        ws.len() >= p.len()
            && ws[ws.len() - p.len()..].iter().zip(p).all(|(a, b)| a == b)
            && !ws[..ws.len() - p.len()].iter().any(|x| x == "former")
    })
}

/// True if the lower-case word `word` appears in KB person `k`'s name and
/// aliases only after "of" ("Lord Prior of Brampton"): a place in a
/// title, not a name.
fn place_in_title_only(kb: &Kb, k: PersonId, word: &str) -> bool {
    let key = crate::kb::index_word(word);
    let person = kb.person(k);
    let mut seen = false;
    for name in std::iter::once(&person.name).chain(person.aliases.iter()) {
        let parts: Vec<&str> = name.split_whitespace().collect();
        for (i, x) in parts.iter().enumerate() {
            if crate::kb::index_word(x) == key {
                if i == 0 || !matches!(parts[i - 1], "of" | "de" | "von") {
                    return false;
                }
                seen = true;
            }
        }
    }
    seen
}

/// A US state read at tokens `i..` ("Kentucky", "Kentucky's", "South
/// Carolina", "Ga."), and how many tokens it takes.
fn state_at(words: &Words, text: &str, toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let w = |k: usize| toks.get(i + k).map(|t| &text[t.range.clone()]);
    for (sname, code) in &words.state_names {
        let parts: Vec<&str> = sname.split(' ').collect();
        let n = parts.len();
        let fits = parts.iter().enumerate().all(|(k, part)| {
            w(k).is_some_and(|x| x == *part || (k + 1 == n && (x.strip_suffix("'s") == Some(part) || x.strip_suffix("’s") == Some(part))))
        });
        if fits {
            return Some((code, n));
        }
    }
    let x = w(0)?;
    let x = x.trim_end_matches("'s").trim_end_matches("’s");
    words.states.get(x).filter(|_| x.ends_with('.') && x.len() > 2).map(|c| (*c, 1))
}

/// Someone (or some organisation) the article talks about.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// Display name ("Lindsey Graham", "the White House").
    pub name: String,
    /// Last name, lower case (for "Graham", "Mr. Graham").
    pub surname: String,
    /// First name, lower case, if known.
    pub first: String,
    /// 'm', 'f' or '-'.
    pub gender: char,
    /// Role from a title in the text ("Treasury Secretary").
    pub role: Option<String>,
    /// Classes from titles ("lawmaker", "president").
    pub classes: Vec<String>,
    /// Party named in the text.
    pub party_text: Option<PartyId>,
    /// States named with the person (postal codes).
    pub states: Vec<&'static str>,
    /// Knowledge-base id.
    pub kb: Option<PersonId>,
    /// True for organisations.
    pub org: bool,
    /// True when the name is surely a person (title, first name, KB, or
    /// quoted as a speaker).
    pub person: bool,
    /// True when a mention's own descriptor says the person is no national
    /// or state politician ("Ed Marlow, a city councilman in Keene,",
    /// "voter Dana Kell"; `data/words/namesake_roles.tsv`): the knowledge
    /// base's person of that name is a namesake.
    pub namesake: bool,
    /// States the text says the person is from ("Kell, a voter from
    /// Ohio", "Kell of Ohio"): a KB person who serves another state is a
    /// namesake. Not used for descriptions.
    pub from_states: Vec<&'static str>,
    /// States the text places the person in ("said Kell in Ohio's Knox
    /// County"): weaker, see [`Entities::drop_namesakes`].
    pub in_states: Vec<&'static str>,
}

/// A mention of an entity at a place in the text.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Byte offset where it starts.
    pub at: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// Entity index.
    pub entity: usize,
}

/// The entities of an article and where they are mentioned.
#[derive(Debug, Default)]
pub struct Entities {
    /// All entities.
    pub list: Vec<Entity>,
    /// Mentions from names, in text order.
    pub mentions: Vec<Mention>,
    /// Mentions from resolved speakers (pronouns, descriptions), in order.
    pub resolved: Vec<Mention>,
    by_surname: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    /// Knowledge-base answers by name (a look-up may scan the whole KB;
    /// an article repeats its names).
    kb_cache: HashMap<String, Option<PersonId>>,
    /// Starts of name mentions that are possessives ("Lind's
    /// pollster"): the possessor is not the sentence's subject.
    possessive: rustc_hash::FxHashSet<usize>,
    /// The US president at the article date, once looked up
    /// (`Kb::office_holder` scans every person).
    pub president: Option<Option<PersonId>>,
    /// The article date.
    pub date: Option<Date>,
    /// The article's words, folded as the KB indexes them (`index_word`):
    /// a surname alone is only linked to a KB person whose first name is
    /// also in the text ("Price" is not Tom Price unless "Tom Price" is).
    /// (Each word is a range of `words_text`: one buffer, not a string
    /// per word.)
    words: Vec<Range<usize>>,
    /// The folded words one after another.
    words_text: String,
    /// The quotations' outer ranges, sorted (a pronoun inside one is the
    /// quoted speaker's, not the reporter's).
    quotes: Vec<Range<usize>>,
    /// Where "he" and "she" stand in the reporter's words, in order.
    he_at: Vec<usize>,
    she_at: Vec<usize>,
}

/// True if the person held an office, a party span or a political career
/// within a few years of the date (always, without a date).
fn active_near(kb: &Kb, id: PersonId, date: Option<Date>) -> bool {
    let Some(d) = date else { return true };
    let y = d.year() as i64;
    let p = kb.person(id);
    let near = |from: Option<Date>, to: Option<Date>| {
        let f = from.map_or(i64::MIN, |x| x.year() as i64);
        let t = to.map_or(i64::MAX, |x| x.year() as i64);
        f <= y + 1 && t >= y - 6
    };
    p.offices.iter().any(|o| near(o.from, o.to))
        || p.parties.iter().any(|s| s.from.is_some() && near(s.from, s.to))
        || p.politician_since.is_some_and(|s| s.year() as i64 <= y + 1 && s.year() as i64 >= y - 6)
}

/// The offices the person held within a few years of the date (as in
/// `active_near`; all without a date).
fn near_offices(kb: &Kb, id: PersonId, date: Option<Date>) -> Vec<&crate::kb::Office> {
    let p = kb.person(id);
    let Some(d) = date else { return p.offices.iter().collect() };
    let y = d.year() as i64;
    p.offices
        .iter()
        .filter(|o| o.from.map_or(i64::MIN, |x| x.year() as i64) <= y + 1 && o.to.map_or(i64::MAX, |x| x.year() as i64) >= y - 6)
        .collect()
}

/// Maps a KB office title to a description class.
fn office_class(title: &str) -> &'static str {
    let t = title.to_lowercase();
    if t.contains("senator") || t.contains("representative") || t.contains("speaker") || t.contains("congress") || t.contains("member of parliament") {
        "lawmaker"
    } else if t.contains("president") {
        "president"
    } else if t.contains("governor") {
        "governor"
    } else if t.contains("prime minister") || t.contains("chancellor") || t.contains("exchequer") {
        "minister"
    } else if t.contains("secretary") || t.contains("attorney general") {
        "secretary"
    } else if t.contains("mayor") {
        "mayor"
    } else if t.contains("minister") {
        "minister"
    } else {
        ""
    }
}

/// Party letters in "(R-S.C.)", "D-Va.".
fn party_letter(kb: &Kb, l: &str) -> Option<PartyId> {
    match l {
        "R" => kb.party_by_word("Republican", Some("US")),
        "D" => kb.party_by_word("Democratic", Some("US")),
        "I" => kb.party_by_word("Independent", Some("US")),
        _ => None,
    }
}

/// Party ids at or above this stand for rows of the engine's own party
/// word table (`data/words/parties.tsv`), for parties the knowledge base
/// does not list.
pub const TABLE_PARTY: PartyId = 60000;

/// A party word ("Republican", "GOP", "Democrat", "Labour", "Tory"): the
/// knowledge base's party, else a row of the party word table.
pub fn party_word(kb: &Kb, w: &str) -> Option<PartyId> {
    if !is_cap(w) && w != "republican" && w != "democrat" && w != "democratic" {
        return None;
    }
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    // A middle initial ("Walter R. Quimby") is no party, though the
    // knowledge base lists "R" and "D" as party words; party letters are
    // read only in tags ("R-S.C.", see `party_tag`).
    if w.trim_end_matches('.').chars().count() <= 1 {
        return None;
    }
    // Short labels of UK and US parties that are ordinary words or
    // abbreviations in a sentence ("All the Way Home", "the Rocket
    // Test Lab"): the full names ("Alliance", "Labour") still count.
    if matches!(w, "All" | "Ref" | "Lib" | "Ind" | "Con" | "Lab" | "Grn" | "Ind.") {
        return None;
    }
    let countries = COUNTRIES.with(|c| c.get());
    for c in countries {
        if let Some(p) = kb.party_by_word(w, Some(c)) {
            if kb.parties.get(p as usize).is_some_and(|x| x.country == *c) {
                return Some(p);
            }
        }
    }
    // The engine's own table, for the article's countries, before any
    // country's party of that name.
    let words = Words::get();
    if let Some(&i) = words.party_words.get(w) {
        if words.parties.get(i).is_some_and(|r| countries.contains(&r.country.as_str())) {
            return Some(TABLE_PARTY + i as PartyId);
        }
    }
    // A party of another country only from the engine's own table (a
    // word like "FAST" or "Union" names some party somewhere in the
    // world: guessing from the whole knowledge base would badge a
    // telescope's director), and only an acronym or a name of several
    // words ("SPD", "Reform UK"): "Union" in an English article is the
    // Soviet Union, not Germany's CDU.
    let distinctive = w.contains(' ') || w.chars().filter(|c| c.is_uppercase()).count() >= 2;
    words.party_words.get(w).filter(|_| distinctive).map(|&i| TABLE_PARTY + i as PartyId)
}

thread_local! {
    /// Countries whose parties a party word means first, for the article
    /// being analysed (from its language).
    static COUNTRIES: std::cell::Cell<&'static [&'static str]> = const { std::cell::Cell::new(&["US", "GB"]) };
}

/// Sets the countries party words prefer, from the page language.
pub fn set_language(lang: Option<&str>) {
    let c: &'static [&'static str] = match lang {
        Some("fr") => &["FR", "BE", "CH", "CA"],
        Some("de") => &["DE", "AT", "CH"],
        Some("es") => &["ES", "MX", "AR"],
        _ => &["US", "GB"],
    };
    COUNTRIES.with(|x| x.set(c));
}

/// True while a German page is analysed (`set_language("de")`).
fn german_page() -> bool {
    COUNTRIES.with(|c| c.get().first() == Some(&"DE"))
}

/// The badge label of a party id (knowledge base or table).
pub fn party_label(kb: &Kb, p: PartyId, source: PartySource) -> Option<PartyLabel> {
    if p >= TABLE_PARTY {
        let row = Words::get().parties.get((p - TABLE_PARTY) as usize)?;
        return Some(PartyLabel { short: row.short.clone(), name: row.name.clone(), color: row.color.clone(), source });
    }
    let party = kb.parties.get(p as usize)?;
    Some(PartyLabel { short: party.short.clone(), name: party.name.clone(), color: party.color.clone(), source })
}

/// Parses "(R-S.C.)" or "R-Fla." party-state tags.
fn party_tag(kb: &Kb, w: &str) -> Option<(PartyId, Option<&'static str>)> {
    let (l, st) = w.split_once('-')?;
    let p = party_letter(kb, l)?;
    let words = Words::get();
    let st = words.states.get(st).or_else(|| words.states.get(st.trim_end_matches('.'))).copied();
    Some((p, st))
}

fn gender_of(g: Gender) -> char {
    match g {
        Gender::Male => 'm',
        Gender::Female => 'f',
        Gender::Unknown => '-',
    }
}

/// What a stretch of tokens says about a person: title role and classes,
/// party, states, gender, and the name tokens that remain.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Role from the last title.
    pub role: Option<String>,
    /// Classes of titles and role nouns.
    pub classes: Vec<String>,
    /// Party named.
    pub party: Option<PartyId>,
    /// States named.
    pub states: Vec<&'static str>,
    /// Gender from titles or role nouns.
    pub gender: char,
    /// The name's words (titles and modifiers removed), possessive dropped.
    pub name: Vec<String>,
    /// Byte range of the name words.
    pub name_range: Option<Range<usize>>,
    /// True if an organisation word is present.
    pub org: bool,
}

/// Repairs a word whose UTF-8 was read as Latin-1, once or twice
/// ("FranÃ§ois", "FranÃ\u{83}Â§ois" → "François"), so the knowledge base
/// finds the name; any other word is returned as it is (no copy).
pub fn demojibake(s: String) -> String {
    let mut cur = s;
    for _ in 0..3 {
        if !cur.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) || cur.chars().any(|c| c > '\u{ff}') {
            break;
        }
        let bytes: Vec<u8> = cur.chars().map(|c| c as u32 as u8).collect();
        match String::from_utf8(bytes) {
            Ok(d) if d != cur => cur = d,
            _ => break,
        }
    }
    cur
}

/// True if `words[i]` is a one-word country, company or platform of the
/// organisation table (`Ukraine`, `Twitter`) before a known first name and
/// one or two more capitalised words: the place is no part of the name.
#[inline(never)]
fn place_before_name(w: &Words, words: &[&str], i: usize) -> bool {
    let rest = &words[i + 1..];
    (2..=3).contains(&rest.len()) && w.first_names.contains_key(rest[0]) && rest.iter().all(|x| is_cap(x) && !w.not_names.contains(x)) && w.org_phrases.contains(&lower(words[i]))
}

/// Reads titles, party, state words and the name out of tokens.
pub fn parse_tokens(text: &str, toks: &[Tok], kb: &Kb) -> Parsed {
    // A nickname in quote marks (Dolores "Lola" Vance) is no part of the
    // name looked up.
    let kept: Vec<Tok>;
    let toks = if toks.iter().any(|t| !t.word) {
        let mut v = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            match nickname_end(text, toks, i) {
                Some(k) => i = k,
                None => {
                    v.push(toks[i].clone());
                    i += 1;
                }
            }
        }
        kept = v;
        &kept[..]
    } else {
        toks
    };
    let w = Words::get();
    let words: Vec<&str> = toks.iter().map(|t| &text[t.range.clone()]).collect();
    let mut p = Parsed { gender: '-', ..Parsed::default() };
    let mut name_start = 0;
    // Once a name has begun, a lower-case word ("of Florida") ends it.
    let mut frozen = false;
    // One buffer for the title candidates (no allocation per word: this
    // loop was a tenth of the WASM profile, docs/perf.md perfwasm).
    let mut cand = String::new();
    // Where the last title ended (or a first name after an "of" phrase
    // began).
    let mut title_end = usize::MAX;
    let mut i = 0;
    while i < words.len() {
        // Longest title starting here.
        let mut matched = 0;
        // (A title starts with one of the titles' first words.)
        let title_here = w.title_first_words.contains(words[i].split(' ').next().unwrap_or(""));
        for n in (1..=w.title_max_words.min(words.len() - i)).rev().filter(|_| title_here) {
            cand.clear();
            for (k, x) in words[i..i + n].iter().enumerate() {
                if k > 0 {
                    cand.push(' ');
                }
                cand.push_str(x);
            }
            if let Some(t) = w.titles.get(cand.as_str()) {
                if !t.role.is_empty() {
                    p.role = Some(t.role.clone());
                }
                if !t.class.is_empty() {
                    p.classes.push(t.class.clone());
                }
                if t.gender != '-' {
                    p.gender = t.gender;
                }
                matched = n;
                break;
            }
        }
        if matched > 0 {
            i += matched;
            title_end = i;
            // "American Federation of Government Employees President J.
            // David Cox", "Chairman of the Joint Chiefs Gen. Ann Roe": a
            // title after an "of" phrase, then a name: the name is
            // after the title.
            if frozen && words.get(i).is_some_and(|x| is_cap(x) && !w.not_names.contains(x)) {
                frozen = false;
                name_start = i;
                continue;
            }
            if !frozen {
                name_start = i;
                // "MP for Norwich South", "Secretary of the Treasury": a
                // place or department follows, not a name.
                if words.get(i).is_some_and(|x| matches!(*x, "for" | "of")) {
                    frozen = true;
                }
            }
            continue;
        }
        let wd = words[i];
        let wl = lower(wd);
        // "Officials at the Bureau of …", "a spokeswoman for the White
        // House": what follows an anonymous-source noun and a preposition
        // says where the source works; it names no one.
        if i > 0 && matches!(wl.as_str(), "at" | "for" | "from" | "with" | "in" | "of") && w.anonymous.contains(&lower(words[i - 1])) {
            break;
        }
        // "The Post's Dana Milbank", "Trump's lawyer": a possessor is
        // no part of the name that follows.
        if !frozen && (wd.ends_with("'s") || wd.ends_with("’s")) && words.get(i + 1).is_some_and(|n| is_cap(n)) {
            name_start = i + 1;
            i += 1;
            continue;
        }
        // "Minister in the Ministry of Finance Brian Manning": after an
        // "of" phrase, a known first name and capitalised words to the end
        // are the name.
        if frozen && w.first_names.contains_key(wd) && i + 1 < words.len() && words[i + 1..].iter().all(|x| is_cap(x) && !w.not_names.contains(x)) {
            frozen = false;
            name_start = i;
            // (A person's name: the organisation before it is where
            // they work.)
            title_end = i;
            i += 1;
            continue;
        }
        // Multi-word state names ("South Carolina").
        let mut st_n = 0;
        // (Only a word that starts a state name can start a match.)
        let firsts = if w.state_first_words.contains(words[i].split(' ').next().unwrap_or("")) { &w.state_names[..] } else { &[] };
        for (sname, code) in firsts {
            // Word by word, without building strings: the same as comparing
            // the next words joined by spaces.
            let mut n = 0;
            let found = sname.split(' ').all(|part| {
                n += 1;
                words.get(i + n - 1) == Some(&part)
            });
            if found {
                if !p.states.contains(code) {
                    p.states.push(code);
                }
                st_n = n;
                break;
            }
        }
        if st_n > 0 {
            // A state is a modifier before a title or name ("Nebraska
            // Sen."), or a place after "of" ("of Florida").
            let s0 = i;
            i += st_n;
            let after_of = s0 > 0 && words[s0 - 1] == "of";
            if !after_of && name_start == s0 && !frozen {
                name_start = i;
            }
            continue;
        }
        if let Some(code) = w.states.get(wd) {
            if (wd.ends_with('.') || wd.len() > 2) && !p.states.contains(code) {
                p.states.push(code);
            }
        }
        if let Some((party, st)) = party_tag(kb, wd) {
            p.party = Some(party);
            if let Some(s) = st {
                p.states.push(s);
            }
            i += 1;
            continue;
        }
        if let Some(party) = party_word(kb, wd) {
            p.party = Some(party);
            // "Likely Democratic Senate nominee Jane
            // Ortiz", "Ohio-based Republican consultant Dale Morrow":
            // the words before a party word modify the name to come.
            if !frozen {
                name_start = i + 1;
            }
            i += 1;
            continue;
        }
        // "Ravens GM Ozzie Newsome", "Browns DL Sam Ruiz": an acronym
        // (a post or an organisation) before a name of two or more words is
        // no part of it.
        let acronym = |x: &str| (2..=4).contains(&x.len()) && x.chars().all(|c| c.is_ascii_uppercase());
        let mixed = |x: &&str| is_cap(x) && x.chars().any(char::is_lowercase);
        if !frozen && acronym(wd) && words.get(i + 1..i + 3).is_some_and(|n| n.iter().all(mixed)) {
            p.org |= w.org_heads.contains(wd);
            name_start = i + 1;
            i += 1;
            continue;
        }
        // "envoy to Ukraine Kurt Volker", "el usuario de Twitter Kevin
        // Sánchez": a country or platform before a person's name is where
        // they serve or post, no part of the name.
        if name_start == i && !frozen && place_before_name(w, &words, i) {
            name_start = i + 1;
            i += 1;
            continue;
        }
        // "Hafenmeisterin Anna Vogt", "Winzer Hans Roth" (German pages):
        // a job noun before a known first name and a surname is no part
        // of the name.
        if name_start == i && !frozen && i + 3 == words.len() && german_page() && w.first_names.contains_key(words[i + 1]) && is_cap(words[i + 2]) && !w.first_names.contains_key(wd) && ["erin", "istin", "entin", "antin", "meister", "wirt", "leiter", "händler"].iter().any(|x| wl.ends_with(x)) {
            name_start = i + 1;
            i += 1;
            continue;
        }
        // "von der Leyen": the particles open the name.
        if name_start == i && !frozen && particle_pair(text, toks, i, false) {
            i += 2;
            continue;
        }
        // "Former Gov. …", "Presumptive nominee …": a modifier, no name.
        if name_start == i && !frozen && matches!(wd, "Former" | "Presumptive" | "Acting" | "Outgoing" | "Incoming" | "Retired" | "Embattled" | "Then") {
            name_start = i + 1;
            i += 1;
            continue;
        }
        // An organisation word counts unless it comes after a person's
        // name and a preposition ("Tom Harris of the builders' union").
        if w.org_heads.contains(wd) && !frozen {
            p.org = true;
        }
        if let Some(r) = w.role_nouns.get(&wl) {
            p.classes.push(r.class.clone());
            if r.gender != '-' {
                p.gender = r.gender;
            }
            if !frozen {
                name_start = i + 1;
            }
        } else if w.anonymous.contains(&wl) && !frozen {
            // "Officials" opening a sentence is no name.
            name_start = i + 1;
        }
        // "Romney voter Dana Kell", "City Hall press secretary
        // Ruth Kessel": common nouns (up to three) between two
        // capitalised runs make the first a modifier; the name is the run
        // after them.
        let common_noun = |x: &str| {
            let xl = lower(x);
            !is_cap(x)
                && x.chars().all(|c| c.is_alphabetic())
                && !DETERMINERS.contains(&xl.as_str())
                && !matches!(xl.as_str(), "of" | "for" | "at" | "in" | "from" | "with" | "and" | "or" | "to" | "on" | "by" | "de" | "van" | "von" | "der" | "al" | "bin" | "da" | "del" | "y" | "et" | "und" | "la" | "le" | "du" | "des")
        };
        let noun_before_name = !frozen
            && i > name_start
            && common_noun(wd)
            && (1..=3).any(|k| words.get(i + k).is_some_and(|n| is_cap(n)) && words[i + 1..i + k].iter().all(|x| common_noun(x)))
            && words[name_start..i].iter().any(|x| is_cap(x));
        if noun_before_name {
            name_start = i + 1;
        } else if !(is_cap(wd) || ((i > name_start || words.len() == 1) && particle_surname(wd))) || determiner(&wl) {
            if i > name_start && words[name_start..i].iter().any(|x| is_cap(x)) {
                frozen = true;
            } else if !frozen {
                name_start = i + 1;
            }
        }
        i += 1;
    }
    // The name: capitalised words after the last title/modifier, up to
    // "of" (which starts a place).
    let mut end = name_start;
    while end < words.len() && (is_cap(words[end]) || ((end > name_start || words.len() == 1) && particle_surname(words[end])) || ["de", "van", "von", "der", "al", "bin", "da", "del"].contains(&words[end])) {
        end += 1;
    }
    let name: Vec<String> = words[name_start..end]
        .iter()
        .map(|s| s.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']).to_string())
        // A state's postal code or abbreviation ("Hershey, Penn.",
        // "Calif.") is no name word; a full state name may be ("Georgia").
        .filter(|s| !w.states.contains_key(s.as_str()) || (s.len() > 4 && !s.ends_with('.')))
        // "EB-5", "F-35", "G7": no person's name has digits.
        .filter(|s| !s.bytes().any(|b| b.is_ascii_digit()))
        .map(demojibake)
        .collect();
    if !name.is_empty() && end > name_start {
        p.name_range = Some(toks[name_start].range.start..toks[end - 1].range.end);
    }
    let joined = name.join(" ").to_lowercase();
    // "the Chinese CDC", "Russian TV": a nationality and an acronym name
    // an institution.
    let national_acronym = name.len() == 2 && w.demonym(&name[0]) == Some(false) && (2..=5).contains(&name[1].len()) && name[1].chars().all(|c| c.is_ascii_uppercase());
    // "the Swedish Prosecution Authority", "the Arab League", "the World
    // Bank": heads that name an organisation only capitalised and last
    // (not in the table, which also reads them in lower case: "bank
    // credits").
    let cap_head = name.last().is_some_and(|n| matches!(n.as_str(), "Authority" | "League" | "Bank"));
    // "Der US-Nachrichtensender CNN", "the broadcaster CNN": one word
    // before an organisation's one-word name says what it is (audit 7).
    let labelled_org = name.len() == 2 && !w.first_names.contains_key(name[0].as_str()) && w.org_phrases.contains(&lower(&name[1]));
    if national_acronym || cap_head || labelled_org || w.org_phrases.contains(&joined) || name.iter().any(|n| w.org_heads.contains(n.as_str())) {
        p.org = true;
    } else if p.org && !name.is_empty() && (p.role.is_some() || !p.classes.is_empty() || title_end == name_start) {
        // "State Department spokesman Ed Marlow", "City Hall press
        // secretary Ruth Kessel": the organisation only says where the
        // titled person works; the name after the title is a person's.
        p.org = false;
    }
    p.name = name;
    p
}

impl Entities {
    /// Builds the entities from the names in the reporter's text.
    pub fn build(text: &str, doc: &Doc, quotes: &[Range<usize>], kb: &Kb, date: Option<Date>) -> Entities {
        let w = Words::get();
        let mut ents = Entities { date, ..Entities::default() };
        ents.words.reserve(doc.toks.len());
        for t in &doc.toks {
            let start = ents.words_text.len();
            crate::kb::index_word_into(&text[t.range.clone()], &mut ents.words_text);
            ents.words.push(start..ents.words_text.len());
        }
        // Words the article writes in lower case (built on first use).
        let mut lowercase_words: Option<rustc_hash::FxHashSet<&str>> = None;
        // A title whose name is a place ("der Bürgermeister von X, Joël
        // Roux"): role, classes, gender and the token where the name in
        // apposition starts.
        let mut carry: Option<(Option<String>, Vec<String>, char, usize)> = None;
        for run in name_runs(text, &doc.toks, quotes) {
            // "GREEN BAY, Wis. —", "WASHINGTON —": a dateline is a place.
            if caps_dateline(text, &doc.toks, &run.toks) {
                continue;
            }
            let toks = &doc.toks[run.toks.clone()];
            let mut parsed = parse_tokens(text, toks, kb);
            if parsed.name.is_empty() {
                continue;
            }
            // "Had Ortiz won …", "Against Ortiz on Tuesday, …",
            // "Hosting Delgado at …": a word opening the sentence that the
            // article also writes in lower case (or an -ing form), and no
            // known first name, is no part of the name that follows
            // (unless the KB knows the whole name).
            if parsed.name.len() >= 2 && parsed.role.is_none() && parsed.classes.is_empty() {
                if let Some(r) = parsed.name_range.clone() {
                    let opens = doc.sentence_at(r.start).is_some_and(|si| !text[doc.sentences[si].start.min(r.start)..r.start].chars().any(char::is_alphanumeric));
                    let fw = parsed.name[0].as_str();
                    // First names that are also words ("Will Estrada"),
                    // and the first words of place names ("New Brunswick").
                    let kept = matches!(
                        fw,
                        "Will" | "Mark" | "Grant" | "Frank" | "Hope" | "Faith" | "Joy" | "Rose" | "Grace" | "June" | "May" | "Chase" | "Dean" | "Don" | "Rich" | "Guy" | "Pat" | "Jack" | "Ray" | "Dawn" | "Drew" | "Wade" | "Lance" | "Miles" | "Art" | "Gene" | "Earl" | "Rusty" | "Holly" | "Ivy"
                            | "New" | "North" | "South" | "East" | "West" | "Upper" | "Lower" | "Great" | "Little" | "Old" | "Port" | "Fort" | "Mount" | "Lake" | "Saint" | "San" | "Santa" | "Los" | "Las" | "La" | "Le" | "El" | "Des"
                    );
                    let common = opens
                        && !kept
                        && !w.first_names.contains_key(fw)
                        && (fw.ends_with("ing") || lowercase_words.get_or_insert_with(|| doc.toks.iter().map(|t| &text[t.range.clone()]).filter(|x| x.starts_with(|c: char| c.is_lowercase())).collect()).contains(lower(fw).as_str()));
                    let ti = doc.tok_at(r.start) + 1;
                    if common && ti < doc.toks.len() {
                        let ctx = LookupContext { date, ..LookupContext::default() };
                        if ents.kb_find(kb, &parsed.name.join(" "), &ctx).is_none() {
                            parsed.name.remove(0);
                            parsed.name_range = Some(doc.toks[ti].range.start..r.end);
                        }
                    }
                }
            }
            // "der Bürgermeister von Grosbliederstroff, Joël Niederlaender",
            // "le maire de Lyon, Anne Roux": a title, a particle and one
            // word, then the name in apposition: the word is the title's
            // place, no person.
            if parsed.name.len() == 1 && (parsed.role.is_some() || !parsed.classes.is_empty()) {
                let nt = parsed.name_range.as_ref().map_or(run.toks.start, |r| doc.tok_at(r.start));
                let particle = nt > run.toks.start && matches!(&text[doc.toks[nt - 1].range.clone()], "von" | "de" | "du" | "des" | "di" | "da" | "del");
                let named = |i: usize| doc.toks.get(i).is_some_and(|t| t.word && is_cap(&text[t.range.clone()]));
                let e = run.toks.end;
                if particle && nt + 1 == e && doc.toks.get(e).is_some_and(|t| &text[t.range.clone()] == ",") && named(e + 1) && named(e + 2) {
                    // The name in apposition holds the title.
                    carry = Some((parsed.role.clone(), parsed.classes.clone(), parsed.gender, e + 1));
                    continue;
                }
            }
            if let Some((role, classes, gender, at)) = carry.take() {
                if run.toks.start == at && parsed.role.is_none() && parsed.classes.is_empty() {
                    parsed.role = role;
                    parsed.classes = classes;
                    if parsed.gender == '-' {
                        parsed.gender = gender;
                    }
                }
            }
            // Party and state after the name: "(R-S.C.)", ", R-Fla.,", ", a
            // Republican,", ", also a Republican,".
            let after = &doc.toks[run.toks.end..(run.toks.end + 6).min(doc.toks.len())];
            let aw: Vec<&str> = after.iter().map(|t| &text[t.range.clone()]).collect();
            let mut k = 0;
            // The mention's own descriptor and places (see
            // `Entities::drop_namesakes`).
            let mut namesake: bool;
            let mut from_states: Vec<&'static str> = Vec::new();
            let mut in_states: Vec<&'static str> = Vec::new();
            {
                // The words right before the name: "said city councilman
                // Ed Marlow", "Keene voter Dana Kell".
                let nt = parsed.name_range.as_ref().map_or(run.toks.start, |r| doc.tok_at(r.start));
                let mut b = nt;
                while b > 0 && nt - b < 3 && doc.toks[b - 1].word {
                    b -= 1;
                }
                let before: Vec<String> = doc.toks[b..nt].iter().map(|t| lower(&text[t.range.clone()])).collect();
                // A national title in the same mention ("Sen. Dana Kell, a
                // Keene resident,") keeps the link.
                let titled = parsed.role.as_ref().is_some_and(|r| !namesake_descriptor(&[lower(r)]));
                namesake = !titled && namesake_descriptor(&before);
                // "Kell of Ohio", "Kell, from Ohio", "Kell in Ohio's Knox
                // County".
                let e = run.toks.end + usize::from(aw.first() == Some(&","));
                let prep = doc.toks.get(e).filter(|t| t.word).map(|t| lower(&text[t.range.clone()]));
                if let Some((code, _)) = prep.as_deref().filter(|p| matches!(*p, "of" | "from" | "in")).and_then(|_| state_at(w, text, &doc.toks, e + 1)) {
                    if prep.as_deref() == Some("in") {
                        in_states.push(code);
                    } else {
                        from_states.push(code);
                    }
                }
                if titled {
                    from_states.clear();
                    in_states.clear();
                }
            }
            if aw.first().is_some_and(|a| *a == "(" || *a == ",") {
                k = 1;
            }
            if let Some((party, st)) = aw.get(k).and_then(|a| party_tag(kb, a)) {
                parsed.party = Some(party);
                parsed.states.extend(st);
            } else if aw.first() == Some(&"(") && aw.get(2) == Some(&")") {
                // "Marine Le Pen (RN)", "Gov. Jerry Brown (D)".
                if let Some(party) = aw.get(1).and_then(|a| party_letter(kb, a).or_else(|| party_word(kb, a))) {
                    parsed.party = Some(party);
                }
            } else if aw.first() == Some(&",") {
                // An appositive: ", a Republican,", ", the Labour MP for
                // Norwich South,", ", the Conservative leader,".
                let ap_start = run.toks.end + 1;
                let mut ap_end = ap_start;
                while ap_end < doc.toks.len() && ap_end - ap_start < 10 && !matches!(&text[doc.toks[ap_end].range.clone()], "," | "." | ";" | ")" | ":") {
                    ap_end += 1;
                }
                let first = doc.toks.get(ap_start).map(|t| lower(&text[t.range.clone()])).unwrap_or_default();
                if ap_end > ap_start && ["a", "an", "the", "also", "himself", "herself", "now"].contains(&first.as_str()) {
                    let ap = parse_tokens(text, &doc.toks[ap_start..ap_end], kb);
                    // ", a city councilman in Keene,", ", a voter from
                    // Ohio,": the head before the first preposition, and a
                    // state after "from" or "of".
                    let head_end = (ap_start..ap_end).find(|&t| matches!(&text[doc.toks[t].range.clone()], "of" | "for" | "to" | "at" | "with" | "in" | "from" | "on" | "who")).unwrap_or(ap_end);
                    let head: Vec<String> = doc.toks[ap_start..head_end].iter().filter(|t| t.word).map(|t| lower(&text[t.range.clone()])).collect();
                    // Indefinite only: "Ortiz, the longtime owner of the
                    // Chronicle," identifies someone known, "a city
                    // councilman" introduces someone new.
                    if parsed.role.is_none() && matches!(first.as_str(), "a" | "an") && namesake_descriptor(&head) {
                        namesake = true;
                    }
                    if head_end < ap_end && matches!(&text[doc.toks[head_end].range.clone()], "from" | "of") {
                        if let Some((code, _)) = state_at(w, text, &doc.toks, head_end + 1) {
                            from_states.push(code);
                        }
                    }
                    if ap.name.is_empty() {
                        if ap.party.is_some() {
                            parsed.party = ap.party;
                        }
                        if parsed.role.is_none() {
                            parsed.role = ap.role.clone();
                        }
                        parsed.classes.extend(ap.classes.iter().cloned());
                        if parsed.gender == '-' {
                            parsed.gender = ap.gender;
                        }
                    } else {
                        // "Nora Vance, a Denver-based architect
                        // and spokeswoman for the …, said": the words
                        // before the first preposition say who she is
                        // (not "an aide to Mr. Trump": his title).
                        let head_end = (ap_start..ap_end).find(|&t| matches!(&text[doc.toks[t].range.clone()], "of" | "for" | "to" | "at" | "with" | "in" | "from" | "on" | "who")).unwrap_or(ap_end);
                        let head = parse_tokens(text, &doc.toks[ap_start..head_end], kb);
                        let person_class = head.classes.iter().any(|c| c == "person" || c == "spokesperson" || c == "staff");
                        if person_class {
                            parsed.classes.push("person".into());
                        }
                        if parsed.gender == '-' {
                            parsed.gender = head.gender;
                        }
                    }
                }
            }
            let id = ents.link(&parsed, kb, false);
            if let Some(id) = id {
                let e = &mut ents.list[id];
                e.namesake |= namesake;
                for st in from_states {
                    if !e.from_states.contains(&st) {
                        e.from_states.push(st);
                    }
                }
                for st in in_states {
                    if !e.in_states.contains(&st) {
                        e.in_states.push(st);
                    }
                }
                let at = parsed.name_range.clone().map_or(run.range.start, |r| r.start);
                let _ = w;
                let at = run.range.start.min(at);
                let last = &text[doc.toks[run.toks.end - 1].range.clone()];
                if last.ends_with("'s") || last.ends_with("’s") {
                    ents.possessive.insert(at);
                }
                ents.mentions.push(Mention { at, end: run.range.end, entity: id });
            }
        }
        ents.drop_namesakes(kb);
        ents.quotes = quotes.to_vec();
        for t in doc.toks.iter().filter(|t| t.word) {
            let w = &text[t.range.clone()];
            let list = if w.eq_ignore_ascii_case("he") {
                &mut ents.he_at
            } else if w.eq_ignore_ascii_case("she") {
                &mut ents.she_at
            } else {
                continue;
            };
            if !{
                let i = quotes.partition_point(|q| q.end <= t.range.start);
                quotes.get(i).is_some_and(|q| q.start <= t.range.start)
            } {
                list.push(t.range.start);
            }
        }
        ents.pronoun_evidence(text, doc);
        ents
    }

    /// The first subject pronoun ("he", "she") of gender `g` in the
    /// reporter's words of byte range `r`: its byte offset.
    fn subject_pronoun_in(&self, r: &Range<usize>, g: char) -> Option<usize> {
        let list = match g {
            'm' => &self.he_at,
            'f' => &self.she_at,
            _ => return None,
        };
        let i = list.partition_point(|&x| x < r.start);
        list.get(i).copied().filter(|&x| x < r.end)
    }

    /// True if byte `at` is inside a quotation.
    fn in_quote(&self, at: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.end <= at);
        self.quotes.get(i).is_some_and(|q| q.start <= at)
    }

    /// A name opening its sentence, followed in that sentence by "he",
    /// "his", "she" or "her" before any other name ("Dana Kell
    /// sold the boat his father built"), is a
    /// person of that gender, though no title or known first name says
    /// so: later pronouns may stand for it.
    fn pronoun_evidence(&mut self, text: &str, doc: &Doc) {
        // (Built on first use: many pages never ask.)
        let mut lowercase_words: Option<rustc_hash::FxHashSet<&str>> = None;
        for mi in 0..self.mentions.len() {
            let m = self.mentions[mi];
            let e = &self.list[m.entity];
            if e.person || e.org {
                continue;
            }
            let Some(si) = doc.sentence_at(m.at) else { continue };
            let sr = &doc.sentences[si];
            let opens = text[sr.start..m.at].trim_start_matches(|c: char| !c.is_alphanumeric()).is_empty();
            if !opens {
                // "where realtor Shaun Ghulam said he's noticed …": a full
                // name, a speech cue, then "he"/"she" (or "that he"): that
                // pronoun is the name's.
                let a = doc.tok_at(m.end);
                let w = |i: usize| doc.toks.get(i).filter(|t| t.word).map(|t| lower(&text[t.range.clone()])).unwrap_or_default();
                let g = |x: &str| match x.split(['\'', '’']).next().unwrap_or("") {
                    "he" => Some('m'),
                    "she" => Some('f'),
                    _ => None,
                };
                let full = text[m.at..m.end].split_whitespace().count() >= 2;
                let said = matches!(w(a).as_str(), "said" | "says" | "told" | "tells");
                let gender = if w(a + 1) == "that" { g(&w(a + 2)) } else { g(&w(a + 1)) };
                // "Carl Peters, who first went … when he founded …": a
                // relative "who" makes the full name a person, and the
                // first "he"/"she" after it, before another person's name
                // in its sentence, gives the gender.
                let who = text[m.end..].starts_with(", who ") || text[m.end..].starts_with(", who,");
                let gender = if who {
                    let stop = self.mentions[mi + 1..].iter().find(|n| self.list[n.entity].person).map_or(sr.end, |n| n.at.min(sr.end));
                    let (he, she) = (self.subject_pronoun_in(&(m.end..stop), 'm'), self.subject_pronoun_in(&(m.end..stop), 'f'));
                    if he.is_some() && (she.is_none() || he < she) {
                        Some('m')
                    } else {
                        she.map(|_| 'f')
                    }
                } else {
                    gender.filter(|_| said)
                };
                if full && (who || gender.is_some()) && !self.in_quote(m.at) {
                    let e = &mut self.list[m.entity];
                    e.person = true;
                    if e.gender == '-' {
                        e.gender = gender.unwrap_or('-');
                    }
                }
                continue;
            }
            // Not a capitalised common word opening the sentence ("Had
            // Ortiz won …", "Hosting Delgado, …") nor a heading in capitals.
            let name = &text[m.at..m.end];
            let first = name.split_whitespace().next().unwrap_or("");
            let caps = name.split_whitespace().any(|x| x.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !x.chars().any(char::is_lowercase));
            if caps || lowercase_words.get_or_insert_with(|| doc.toks.iter().map(|t| &text[t.range.clone()]).filter(|w| w.starts_with(|c: char| c.is_lowercase())).collect()).contains(lower(first).as_str()) {
                continue;
            }
            let next_name = self.mentions.get(mi + 1).map_or(usize::MAX, |n| n.at);
            let stop = sr.end.min(next_name);
            let a = doc.tok_at(m.end);
            let g = doc.toks[a..].iter().take_while(|t| t.range.start < stop).find_map(|t| {
                if !t.word || self.in_quote(t.range.start) {
                    return None;
                }
                match lower(&text[t.range.clone()]).as_str() {
                    "he" | "his" | "him" => Some('m'),
                    "she" | "her" => Some('f'),
                    _ => None,
                }
            });
            if let Some(g) = g {
                let e = &mut self.list[m.entity];
                e.person = true;
                if e.gender == '-' {
                    e.gender = g;
                }
            }
        }
    }

    /// Unlinks a KB person the text contradicts: a name the article
    /// introduces as a city councilman or a voter is not the congressman
    /// of that name (`Entity::namesake`), nor is one the text says is from
    /// another state than every state-bound office (House, Senate,
    /// governor) the KB person held around the date. A state the person is
    /// only said to be *in* counts against a House member alone, and only
    /// when nothing in the text (title, party) backs the link: senators
    /// and governors campaign in other states. The person stays, with no
    /// KB party (a wrong badge is worse than none).
    fn drop_namesakes(&mut self, kb: &Kb) {
        let w = Words::get();
        let date = self.date;
        for e in &mut self.list {
            let Some(k) = e.kb else { continue };
            let near = near_offices(kb, k, date);
            let state_bound = |t: &str| t.contains("Representative") || t.contains("Senator") || t.contains("Governor") || t.contains("Delegate");
            let all_state = !near.is_empty() && near.iter().all(|o| w.states.contains_key(o.place.as_str()) && state_bound(&o.title));
            let places: Vec<&str> = near.iter().map(|o| o.place.as_str()).collect();
            let from_conflict = all_state && !e.from_states.is_empty() && !e.from_states.iter().any(|s| places.contains(s));
            let unbacked = e.role.is_none() && e.classes.is_empty() && e.party_text.is_none() && e.from_states.is_empty();
            let house_only = all_state && near.iter().all(|o| o.title.contains("Representative"));
            let in_conflict = house_only && unbacked && !e.in_states.is_empty() && !e.in_states.iter().any(|s| places.contains(s));
            if e.namesake || from_conflict || in_conflict {
                e.kb = None;
            }
        }
    }

    /// "Kims Übergewicht", "Merkels Sprecher" (German pages): a genitive
    /// of a name the text knows, then a noun, names no one (audit 7).
    pub fn genitive(&self, p: &Parsed) -> bool {
        let first = p.name.first().map_or(String::new(), |f| f.to_lowercase());
        // (Not a known first name: "Andreas Roth" beside an "Andrea".)
        p.name.len() == 2 && german_page() && first.len() > 3 && !Words::get().first_names.contains_key(p.name[0].as_str()) && first.strip_suffix('s').is_some_and(|x| self.by_first.contains_key(x) || self.by_surname.contains_key(x))
    }

    /// Finds or creates the entity a parsed name refers to. `speaker` is
    /// true when the name is the subject of a cue (so surely a person or
    /// organisation).
    pub fn link(&mut self, p: &Parsed, kb: &Kb, speaker: bool) -> Option<usize> {
        let w = Words::get();
        if p.org {
            let name = p.name.join(" ");
            let key = format!("org:{}", name.to_lowercase());
            if let Some(ids) = self.by_surname.get(&key) {
                return ids.last().copied();
            }
            let id = self.list.len();
            self.list.push(Entity { name, org: true, gender: '-', ..Entity::default() });
            self.by_surname.entry(key).or_default().push(id);
            return Some(id);
        }
        let n = p.name.len();
        if n == 0 || n > 5 {
            return None;
        }
        let surname = p.name[n - 1].to_lowercase();
        let surname = if ["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"].contains(&surname.as_str()) && n >= 2 {
            p.name[n - 2].to_lowercase()
        } else {
            surname
        };
        let first = if n >= 2 { p.name[0].to_lowercase() } else { String::new() };
        // An existing entity with this surname (most recent first) whose
        // first name agrees.
        let found = self.by_surname.get(&surname).and_then(|ids| {
            ids.iter().rev().copied().find(|&i| {
                let e = &self.list[i];
                first.is_empty() || e.first.is_empty() || e.first == first
            })
        });
        // A single word may also be a first name already introduced
        // ("Hillary").
        let found = found.or_else(|| {
            // "Sir Keir" after "Keir Starmer": an honorific with a first
            // name (British usage), or a first name already known as a
            // person's.
            let honorific = p.gender != '-' && p.role.is_none();
            (n == 1).then(|| self.by_first.get(&surname).and_then(|ids| ids.iter().rev().copied().find(|&i| !self.list[i].org && (self.list[i].person || honorific)))).flatten()
        });
        let id = match found {
            Some(i) => i,
            None => {
                // "Palestinian", "Germans", "African Americans": nationality
                // words alone name no person (a person surnamed German is
                // found above once the text names them in full).
                if p.name.iter().all(|x| w.demonym(x).is_some()) {
                    return None;
                }
                // "Kims Übergewicht", "Merkels Sprecher" (German pages): a
                // genitive of a name the text knows, then a noun, names no
                // one (audit 7).
                if self.genitive(p) {
                    return None;
                }
                let full = p.name.join(" ");
                let ctx = LookupContext { date: self.date, places: p.states.iter().map(|s| s.to_string()).collect(), party: p.party.filter(|&x| x < TABLE_PARTY), office: None };
                // One word matching only a place in a KB person's title
                // ("Brampton" for "Lord Prior of Brampton") is no name of
                // that person.
                let kb_raw = self.kb_find(kb, &full, &ctx).filter(|&k| n >= 2 || !place_in_title_only(kb, k, &surname));
                // A surname alone, with no title, class, party or place to
                // back it, names the KB's person only when the article also
                // gives that person's first (or middle) name before the
                // surname somewhere: a realtor "Bright" or a "Price" at a
                // food bank is no congressman. Still a person, no badge.
                let backed = n >= 2 || p.role.is_some() || !p.classes.is_empty() || p.party.is_some() || !p.states.is_empty();
                // A sitting president or prime minister is the exception
                // ("Mr. Trump" in 2018).
                let leader = |k: PersonId| kb.offices_at(k, self.date).iter().any(|o| matches!(o.title.as_str(), "President" | "Prime Minister" | "Chancellor"));
                let kbid = kb_raw.filter(|&k| backed || (self.date.is_some() && leader(k)) || self.full_name_in_text(kb, k, &surname));
                let has_title = p.role.is_some() || !p.classes.is_empty() || p.gender != '-';
                let first_g = if n >= 2 { w.first_names.get(p.name[0].as_str()).copied() } else { None };
                let person = kb_raw.is_some() || has_title || first_g.is_some() || speaker || p.party.is_some();
                if n == 1 && !person {
                    return None;
                }
                let (name, first) = match kbid {
                    Some(k) if n == 1 => {
                        let kn = kb.person(k).name.clone();
                        let f = kn.split(' ').next().unwrap_or("").to_lowercase();
                        (kn, f)
                    }
                    _ => (full, first.clone()),
                };
                let id = self.list.len();
                if !first.is_empty() {
                    self.by_first.entry(first.clone()).or_default().push(id);
                }
                self.list.push(Entity { name, surname: surname.clone(), first, gender: '-', kb: kbid, person, ..Entity::default() });
                self.by_surname.entry(surname.clone()).or_default().push(id);
                id
            }
        };
        // A person first met by surname alone ("The Peterson family",
        // "Pres. Clinton") takes the full name when the text gives it.
        if n >= 2 && !self.list[id].org && !self.list[id].name.contains(' ') {
            self.list[id].name = p.name.join(" ");
            if self.list[id].first.is_empty() && !first.is_empty() {
                self.list[id].first = first.clone();
                self.by_first.entry(first.clone()).or_default().push(id);
            }
        }
        let e = &mut self.list[id];
        if p.role.is_some() {
            e.role = p.role.clone();
        }
        for c in &p.classes {
            if !e.classes.contains(c) {
                e.classes.push(c.clone());
            }
        }
        if p.party.is_some() {
            e.party_text = p.party;
        }
        for s in &p.states {
            if !e.states.contains(s) {
                e.states.push(s);
            }
        }
        if e.gender == '-' {
            e.gender = if p.gender != '-' {
                p.gender
            } else if let Some(k) = e.kb {
                gender_of(kb.person(k).gender)
            } else {
                let f = e.name.split(' ').next().unwrap_or("");
                w.first_names.get(f).copied().unwrap_or('-')
            };
        }
        if speaker || p.role.is_some() || !p.classes.is_empty() {
            e.person = true;
        }
        if e.kb.is_none() && n >= 2 {
            let ctx = LookupContext { date: self.date, places: e.states.iter().map(|s| s.to_string()).collect(), party: e.party_text.filter(|&p| p < TABLE_PARTY), office: None };
            if let Some(k) = self.kb_find(kb, &p.name.join(" "), &ctx) {
                let e = &mut self.list[id];
                e.kb = Some(k);
                e.person = true;
            }
        }
        Some(id)
    }

    /// Whether the article writes KB person `k`'s first or middle name
    /// (of the display name or an alias) at most three words before the
    /// surname `surname` (lower-case).
    fn full_name_in_text(&self, kb: &Kb, k: PersonId, surname: &str) -> bool {
        let sur = crate::kb::index_word(surname);
        if sur.is_empty() {
            return false;
        }
        let person = kb.person(k);
        let mut given: Vec<String> = Vec::new();
        for name in std::iter::once(&person.name).chain(person.aliases.iter()) {
            let parts: Vec<&str> = name.split_whitespace().collect();
            for w in parts.iter().take(parts.len().saturating_sub(1)) {
                let f = crate::kb::index_word(w);
                if f.chars().count() > 1 && !given.contains(&f) {
                    given.push(f);
                }
            }
        }
        let word = |i: usize| &self.words_text[self.words[i].clone()];
        (0..self.words.len()).any(|i| word(i) == sur && (i.saturating_sub(3)..i).any(|j| given.iter().any(|g| g == word(j))))
    }

    /// `Kb::find`, remembered per name for this article.
    fn kb_find(&mut self, kb: &Kb, name: &str, ctx: &LookupContext) -> Option<PersonId> {
        if let Some(&r) = self.kb_cache.get(name) {
            return r;
        }
        // With no title, party or place in the text, a bare name is only
        // the KB's person if that person was in politics around the
        // article's date (a Fed president named John Williams is not the
        // congressman of 1800).
        let supported = !ctx.places.is_empty() || ctx.party.is_some();
        let r = match kb.find(name, ctx) {
            Lookup::Found(id) if supported || active_near(kb, id, self.date) => Some(id),
            _ => None,
        };
        // Bounded: a hostile page with millions of distinct names.
        if self.kb_cache.len() < 50_000 {
            self.kb_cache.insert(name.to_string(), r);
        }
        r
    }

    /// The entity mentioned by names overlapping a byte range.
    pub fn at(&self, r: &Range<usize>) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.end <= r.start);
        self.mentions.get(i).filter(|m| m.at < r.end).map(|m| m.entity)
    }

    /// Classes an entity belongs to: from titles in the text and KB offices.
    fn classes_of(&self, e: &Entity, kb: &Kb) -> Vec<String> {
        let mut c = e.classes.clone();
        if let Some(k) = e.kb {
            for o in kb.offices_at(k, self.date) {
                let oc = office_class(&o.title);
                if !oc.is_empty() && !c.iter().any(|x| x == oc) {
                    c.push(oc.to_string());
                }
            }
        }
        c
    }

    fn party_of(&self, e: &Entity, kb: &Kb) -> Option<PartyId> {
        e.party_text.or_else(|| e.kb.and_then(|k| kb.party_at(k, self.date)).map(|p| p.party()))
    }

    fn states_of(&self, e: &Entity, kb: &Kb) -> Vec<String> {
        let mut s: Vec<String> = e.states.iter().map(|x| x.to_string()).collect();
        if let Some(k) = e.kb {
            for o in &kb.person(k).offices {
                if !s.contains(&o.place) {
                    s.push(o.place.clone());
                }
            }
        }
        s
    }

    /// Mentions (names and resolved speakers) before byte `before`, most
    /// recent first, at most `limit`.
    fn recent(&self, before: usize, limit: usize) -> Vec<Mention> {
        let a = self.mentions.partition_point(|m| m.at < before);
        let b = self.resolved.partition_point(|m| m.at < before);
        let mut out: Vec<Mention> = Vec::with_capacity(limit * 2);
        out.extend(self.mentions[a.saturating_sub(limit)..a].iter().copied());
        out.extend(self.resolved[b.saturating_sub(limit)..b].iter().copied());
        out.sort_by_key(|m| std::cmp::Reverse(m.at));
        out.truncate(limit);
        out
    }

    /// Resolves a pronoun at byte `at` (gender 'm'/'f'/'-'). `current` is
    /// the speaker of the previous quotation, if it is recent.
    pub fn pronoun(&self, doc: &Doc, at: usize, gender: char, current: Option<usize>) -> Option<usize> {
        let fits = |i: usize| {
            let e = &self.list[i];
            !e.org && e.person && (gender == '-' || e.gender == '-' || e.gender == gender)
        };
        let recent = self.recent(at, 60);
        let si = doc.sentence_at(at)?;
        let floor = si.saturating_sub(8);
        for s in (floor..=si).rev() {
            let r = &doc.sentences[s];
            // "Kell has backed Obama since May. Would he vote for Obama's
            // rival? “…,” he says.": a name after an earlier sentence's own
            // subject pronoun of this gender is not what that pronoun
            // stands for, and the pronoun being resolved continues that
            // one: only names before it count.
            let all: Vec<&Mention> = recent.iter().filter(|m| m.at >= r.start && m.at < r.end && fits(m.entity)).collect();
            if let Some(c) = current {
                if all.iter().any(|m| m.entity == c && !self.possessive.contains(&m.at)) {
                    return Some(c);
                }
            }
            let ceil = if s < si { self.subject_pronoun_in(r, gender) } else { None }.unwrap_or(r.end);
            let here: Vec<&Mention> = all.into_iter().filter(|m| m.at < ceil).collect();
            if here.is_empty() {
                continue;
            }
            // The earliest in the sentence: usually its subject (not a
            // possessor: "the mayor's pollster, Ed Marlow, says …").
            return here.iter().rev().find(|m| !self.possessive.contains(&m.at)).or(here.last()).map(|m| m.entity);
        }
        current.filter(|&c| fits(c))
    }

    /// Resolves a definite description ("the Republican lawmaker of South
    /// Carolina", "the president") at byte `at`.
    pub fn description(&self, p: &Parsed, at: usize, kb: &Kb) -> Option<usize> {
        let want_class = p.classes.last().cloned();
        if want_class.is_none() && p.party.is_none() && p.states.is_empty() {
            return None;
        }
        let mut seen = Vec::new();
        for m in self.recent(at, 80) {
            if seen.contains(&m.entity) {
                continue;
            }
            seen.push(m.entity);
            let e = &self.list[m.entity];
            if e.org || !e.person {
                continue;
            }
            let mut positive = 0;
            if let Some(c) = &want_class {
                let classes = self.classes_of(e, kb);
                if c != "person" {
                    if classes.iter().any(|x| x == c) {
                        positive += 1;
                    } else if !classes.is_empty() && c != "candidate" {
                        continue;
                    }
                }
            }
            if let Some(pp) = p.party {
                let name = |x: PartyId| party_label(kb, x, PartySource::Text).map(|l| l.name);
                match self.party_of(e, kb) {
                    Some(q) if q == pp || name(q) == name(pp) => positive += 1,
                    Some(_) => continue,
                    None => {}
                }
            }
            if !p.states.is_empty() {
                let st = self.states_of(e, kb);
                if p.states.iter().any(|s| st.iter().any(|x| x == s)) {
                    positive += 1;
                } else if !st.is_empty() {
                    continue;
                }
            }
            if p.gender != '-' && e.gender != '-' && p.gender != e.gender {
                continue;
            }
            if positive > 0 {
                return Some(m.entity);
            }
        }
        None
    }

    /// Records a resolved speaker mention (for later pronouns).
    pub fn note(&mut self, at: usize, end: usize, entity: usize, gender: char) {
        let pos = self.resolved.partition_point(|m| m.at <= at);
        self.resolved.insert(pos, Mention { at, end, entity });
        let e = &mut self.list[entity];
        e.person = e.person || !e.org;
        if e.gender == '-' && gender != '-' {
            e.gender = gender;
        }
    }

    /// Adds the party a description names ("the Florida Republican") to an
    /// entity.
    pub fn add_party(&mut self, entity: usize, party: Option<PartyId>) {
        if party.is_some() && self.list[entity].party_text.is_none() {
            self.list[entity].party_text = party;
        }
    }

    /// Party (for party politicians only) and role of a person entity.
    pub fn party_and_role(&self, id: usize, kb: &Kb) -> (Option<PartyLabel>, Option<String>) {
        let e = &self.list[id];
        if e.org {
            return (None, None);
        }
        let kb_role = e.kb.and_then(|k| kb.offices_at(k, self.date).last().map(|o| o.title.clone()));
        let role = e.role.clone().or(kb_role);
        let politician = match e.kb {
            Some(k) => kb.is_politician(k, self.date) || (e.party_text.is_some() && kb.person(k).politician_since.is_none() && kb.person(k).offices.is_empty()),
            None => e.party_text.is_some(),
        };
        if !politician {
            return (None, role);
        }
        let (pid, source) = match (e.party_text, e.kb.and_then(|k| kb.party_at(k, self.date))) {
            (Some(p), _) => (Some(p), PartySource::Text),
            (None, Some(p)) => (Some(p.party()), PartySource::Kb),
            (None, None) => (None, PartySource::Kb),
        };
        let label = pid.and_then(|p| party_label(kb, p, source));
        (label, role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misdecoded_names_are_repaired() {
        assert_eq!(demojibake("Fran\u{c3}\u{a7}ois".to_string()), "François");
        assert_eq!(demojibake("Fran\u{c3}\u{83}\u{c2}\u{a7}ois".to_string()), "François");
        assert_eq!(demojibake("Müller".to_string()), "Müller");
        assert_eq!(demojibake("Hollande".to_string()), "Hollande");
    }

    #[test]
    fn a_middle_initial_is_no_party() {
        let kb = Kb::embedded();
        assert_eq!(party_word(kb, "R."), None);
        assert_eq!(party_word(kb, "D"), None);
        assert!(party_word(kb, "Republican").is_some());
    }
}

#[cfg(test)]
mod audit4 {
    use super::*;
    use crate::mentions::tokenize;

    fn name(s: &str) -> String {
        let toks = tokenize(s);
        parse_tokens(s, &toks, Kb::embedded()).name.join(" ")
    }

    #[test]
    fn a_place_before_a_name_is_no_part_of_it() {
        assert_eq!(name("envoy to Syria Karl Brenner"), "Karl Brenner");
        assert_eq!(name("el usuario de Twitter Kevin Morales"), "Kevin Morales");
        assert_eq!(name("Ukraine Kurt Volker"), "Kurt Volker");
        // No known first name, or no second name word: kept.
        assert_eq!(name("Syria Tor Brenner"), "Syria Tor Brenner");
        assert_eq!(name("Amazon Kevin"), "Amazon Kevin");
    }
}
