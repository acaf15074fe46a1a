//! The politician knowledge base: people, their names, gender, offices and
//! party spans with dates, and the parties themselves.
//!
//! This is the interface the resolution and party stages use. The data
//! behind it is a derived table built by the KB build tool (see README);
//! until that lands, a small hand-written starter table is embedded.
//!
//! Dates are [`Date`]s (`YYYYMMDD` as a number, so they order correctly).

use serde::{Deserialize, Serialize};

/// A calendar date as `YYYYMMDD`; `Date(20170710)` is 10 July 2017.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date(pub u32);

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (missing parts become 1),
    /// ignoring anything after the date (`2017-07-10T09:00:00Z`).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.get(..s.len().min(10))?.split('-');
        let y: u32 = parts.next()?.get(..4)?.parse().ok()?;
        let m: u32 = parts.next().and_then(|p| p.get(..2)).and_then(|p| p.parse().ok()).unwrap_or(1);
        let d: u32 = parts.next().and_then(|p| p.get(..2)).and_then(|p| p.parse().ok()).unwrap_or(1);
        if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        Some(Date(y * 10000 + m * 100 + d))
    }
    /// The year.
    pub fn year(self) -> u32 {
        self.0 / 10000
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0 / 10000, self.0 / 100 % 100, self.0 % 100)
    }
}

/// Index of a person in the knowledge base.
pub type PersonId = u32;
/// Index of a party in the knowledge base.
pub type PartyId = u16;

/// Gender, as far as pronoun resolution needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Gender {
    /// he / him / his
    Male,
    /// she / her
    Female,
    /// not known
    #[default]
    Unknown,
}

/// A political party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Country code (`US`, `GB`, `FR`, ...).
    pub country: String,
    /// Short label for badges: "R", "D", "Lab".
    pub short: String,
    /// Full name: "Republican", "Democratic", "Labour".
    pub name: String,
    /// Other names the text may use: "GOP", "Tories", "Democrat".
    pub nicknames: Vec<String>,
    /// CSS colour `#rrggbb`.
    pub color: String,
}

/// A span of membership in a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySpan {
    /// The party.
    pub party: PartyId,
    /// First day, if known.
    pub from: Option<Date>,
    /// Last day, if it ended.
    pub to: Option<Date>,
}

/// An office held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// Title as a badge shows it: "Senator", "Treasury Secretary".
    pub title: String,
    /// Jurisdiction: a US state code ("SC"), a country code, or empty.
    pub place: String,
    /// First day, if known.
    pub from: Option<Date>,
    /// Last day, if it ended.
    pub to: Option<Date>,
    /// True for elected offices (and party posts): holding one makes the
    /// person a party politician.
    pub elected: bool,
}

/// One person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Display name: "Lindsey Graham".
    pub name: String,
    /// Other full names and nicknames: "Lindsey O. Graham".
    pub aliases: Vec<String>,
    /// Gender, for pronouns.
    pub gender: Gender,
    /// Country code.
    pub country: String,
    /// Party spans, oldest first.
    pub parties: Vec<PartySpan>,
    /// Offices, oldest first.
    pub offices: Vec<Office>,
    /// The day the person became a party politician (first ran for or held
    /// elected office, or held a party post), if ever.
    pub politician_since: Option<Date>,
}

/// What the article around a look-up tells us, to choose among namesakes.
#[derive(Debug, Clone, Default)]
pub struct LookupContext {
    /// The article's date.
    pub date: Option<Date>,
    /// State or country codes mentioned near the name ("SC", "FL").
    pub places: Vec<String>,
    /// Party named near the name.
    pub party: Option<PartyId>,
    /// Office words near the name ("senator", "governor").
    pub office: Option<String>,
}

/// The answer to a name look-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one person fits.
    Found(PersonId),
    /// Several people fit and the context does not decide.
    Ambiguous(Vec<PersonId>),
    /// Nobody fits.
    NotFound,
}

/// How a party was chosen for a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyAt {
    /// A span covers the date.
    Covering(PartyId),
    /// No span covers the date (or there is no date): the latest span.
    Latest(PartyId),
}

impl PartyAt {
    /// The party, however it was chosen.
    pub fn party(self) -> PartyId {
        match self {
            PartyAt::Covering(p) | PartyAt::Latest(p) => p,
        }
    }
}

/// The knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    /// All parties; [`PartyId`] indexes this.
    pub parties: Vec<Party>,
    /// All people; [`PersonId`] indexes this.
    pub people: Vec<Person>,
}

/// Normalises a name for look-up: lower case, accents folded, punctuation
/// dropped, whitespace collapsed.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'A',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => 'E',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => 'O',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' | 'č' | 'ć' => 'c',
        'Ç' | 'Č' | 'Ć' => 'C',
        'š' | 'ś' => 's',
        'Š' | 'Ś' => 'S',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ý' | 'ÿ' => 'y',
        'ł' => 'l',
        'Ł' => 'L',
        '’' | '\'' => '\u{0}',
        c => c,
    }
}

impl Kb {
    /// The knowledge base embedded in the binary, built once.
    pub fn embedded() -> &'static Kb {
        static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
        KB.get_or_init(starter)
    }

    /// A person by id.
    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id as usize]
    }

    /// A party by id.
    pub fn party(&self, id: PartyId) -> &Party {
        &self.parties[id as usize]
    }

    /// Looks up a full name, alias or surname. A surname alone that fits
    /// several people is narrowed by the context and otherwise comes back
    /// [`Lookup::Ambiguous`].
    pub fn find(&self, name: &str, ctx: &LookupContext) -> Lookup {
        let key = normalize_name(name);
        if key.is_empty() {
            return Lookup::NotFound;
        }
        let mut hits: Vec<PersonId> = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            let full = std::iter::once(&p.name).chain(p.aliases.iter());
            let mut matched = false;
            for n in full {
                let n = normalize_name(n);
                if n == key || (!key.contains(' ') && n.rsplit(' ').next() == Some(key.as_str())) {
                    matched = true;
                    break;
                }
            }
            if matched {
                hits.push(i as PersonId);
            }
        }
        self.narrow(hits, ctx)
    }

    fn narrow(&self, hits: Vec<PersonId>, ctx: &LookupContext) -> Lookup {
        match hits.len() {
            0 => Lookup::NotFound,
            1 => Lookup::Found(hits[0]),
            _ => {
                let fit: Vec<PersonId> = hits
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let p = self.person(id);
                        let party_ok = ctx.party.is_none_or(|party| {
                            self.party_at(id, ctx.date).map(PartyAt::party) == Some(party)
                        });
                        let place_ok = ctx.places.is_empty()
                            || p.offices.iter().any(|o| ctx.places.contains(&o.place));
                        let date_ok = ctx.date.is_none_or(|d| {
                            p.offices.iter().any(|o| o.from.is_none_or(|f| f <= d))
                                || p.offices.is_empty()
                        });
                        party_ok && place_ok && date_ok
                    })
                    .collect();
                match fit.len() {
                    1 => Lookup::Found(fit[0]),
                    0 => Lookup::Ambiguous(hits),
                    _ => Lookup::Ambiguous(fit),
                }
            }
        }
    }

    /// The person's party at a date: the span covering it, else the latest.
    pub fn party_at(&self, id: PersonId, date: Option<Date>) -> Option<PartyAt> {
        let p = self.person(id);
        if let Some(d) = date {
            for s in &p.parties {
                if s.from.is_none_or(|f| f <= d) && s.to.is_none_or(|t| d <= t) {
                    return Some(PartyAt::Covering(s.party));
                }
            }
        }
        p.parties.last().map(|s| PartyAt::Latest(s.party))
    }

    /// True if the person was a party politician at the date (or ever,
    /// without a date): only they get a party on their badge.
    pub fn is_politician(&self, id: PersonId, date: Option<Date>) -> bool {
        match (self.person(id).politician_since, date) {
            (Some(since), Some(d)) => since <= d,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// The offices the person held at the date (all, without a date).
    pub fn offices_at(&self, id: PersonId, date: Option<Date>) -> Vec<&Office> {
        self.person(id)
            .offices
            .iter()
            .filter(|o| {
                date.is_none_or(|d| o.from.is_none_or(|f| f <= d) && o.to.is_none_or(|t| d <= t))
            })
            .collect()
    }

    /// Who held an office (matched on the title, case-insensitively) in a
    /// place at a date. `None` when nobody or several people fit.
    pub fn office_holder(&self, title: &str, place: Option<&str>, date: Option<Date>) -> Option<PersonId> {
        let title = title.to_lowercase();
        let mut found = None;
        for (i, _) in self.people.iter().enumerate() {
            let hit = self.offices_at(i as PersonId, date).iter().any(|o| {
                o.title.to_lowercase() == title && place.is_none_or(|pl| o.place == pl)
            });
            if hit {
                if found.is_some() {
                    return None;
                }
                found = Some(i as PersonId);
            }
        }
        found
    }

    /// A party named by a word in the text ("Republican", "GOP", "Tory",
    /// "Labour"), preferring the given country.
    pub fn party_by_word(&self, word: &str, country: Option<&str>) -> Option<PartyId> {
        let w = normalize_name(word);
        let mut best = None;
        for (i, p) in self.parties.iter().enumerate() {
            let hit = normalize_name(&p.name) == w || p.nicknames.iter().any(|n| normalize_name(n) == w);
            if hit {
                if country.is_none_or(|c| p.country == c) {
                    return Some(i as PartyId);
                }
                best.get_or_insert(i as PartyId);
            }
        }
        best
    }
}

/// The hand-written starter table (replaced by the generated one).
fn starter() -> Kb {
    let party = |country: &str, short: &str, name: &str, nick: &[&str], color: &str| Party {
        country: country.into(),
        short: short.into(),
        name: name.into(),
        nicknames: nick.iter().map(|s| s.to_string()).collect(),
        color: color.into(),
    };
    let parties = vec![
        party("US", "R", "Republican", &["GOP", "Republicans"], "#c8102e"),
        party("US", "D", "Democratic", &["Democrat", "Democrats"], "#1f5fbf"),
        party("US", "I", "Independent", &[], "#6b6b6b"),
    ];
    let d = |s: &str| Date::parse(s);
    let off = |title: &str, place: &str, from: &str, to: &str, elected: bool| Office {
        title: title.into(),
        place: place.into(),
        from: d(from),
        to: if to.is_empty() { None } else { d(to) },
        elected,
    };
    let person = |name: &str, g: Gender, party: Option<PartyId>, since: &str, offices: Vec<Office>| Person {
        name: name.into(),
        aliases: vec![],
        gender: g,
        country: "US".into(),
        parties: party.map(|p| PartySpan { party: p, from: None, to: None }).into_iter().collect(),
        offices,
        politician_since: d(since),
    };
    let people = vec![
        person("Donald Trump", Gender::Male, Some(0), "2015-06-16", vec![off("President", "US", "2017-01-20", "2021-01-20", true)]),
        person("Lindsey Graham", Gender::Male, Some(0), "1992-11-03", vec![off("Senator", "SC", "2003-01-03", "", true)]),
        person("Marco Rubio", Gender::Male, Some(0), "2000-01-01", vec![off("Senator", "FL", "2011-01-03", "", true)]),
        person("Ben Sasse", Gender::Male, Some(0), "2014-11-04", vec![off("Senator", "NE", "2015-01-03", "2023-01-08", true)]),
        person("Don Beyer", Gender::Male, Some(1), "1989-11-07", vec![off("Representative", "VA", "2015-01-03", "", true)]),
        person("Steve Mnuchin", Gender::Male, None, "", vec![off("Treasury Secretary", "US", "2017-02-13", "2021-01-20", false)]),
        person("Rex Tillerson", Gender::Male, None, "", vec![off("Secretary of State", "US", "2017-02-01", "2018-03-31", false)]),
        person("Hillary Clinton", Gender::Female, Some(1), "2000-11-07", vec![off("Secretary of State", "US", "2009-01-21", "2013-02-01", false)]),
    ];
    Kb { parties, people }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_order() {
        assert_eq!(Date::parse("2017-07-10T09:00Z"), Some(Date(20170710)));
        assert_eq!(Date::parse("2016"), Some(Date(20160101)));
        assert_eq!(Date::parse("junk"), None);
        assert!(Date(20170710) > Date(20161231));
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalize_name("  Sen. José  Ortiz-Núñez "), "sen jose ortiz nunez");
    }

    #[test]
    fn starter_finds_seed_people() {
        let kb = Kb::embedded();
        let ctx = LookupContext { date: Date::parse("2017-07-10"), ..Default::default() };
        let Lookup::Found(g) = kb.find("Graham", &ctx) else { panic!("Graham not found") };
        assert_eq!(kb.person(g).name, "Lindsey Graham");
        assert!(kb.is_politician(g, ctx.date));
        let Lookup::Found(m) = kb.find("Steve Mnuchin", &ctx) else { panic!("Mnuchin not found") };
        assert!(!kb.is_politician(m, ctx.date));
        assert_eq!(kb.party_by_word("GOP", Some("US")), Some(0));
    }
}
