//! Word lists the engine's rules read: cue verbs (English, French, German,
//! Spanish), titles and honorifics, role nouns, pronouns, organisation and
//! anonymous-source words, US states, title and scare-quote cues.
//!
//! The lists are data, kept as readable tab-separated tables in
//! `data/words/*.tsv` and embedded at compile time; this module parses them
//! once (lazily) into look-up maps. Lines starting with `#` are comments.

// Fx hashing: fixed word lists, looked up per token (docs/perf.md, perfwasm).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// What a cue introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A verb of speaking or writing: "said", "tweeted".
    Speech,
    /// A preposition-like cue before the source: "according to", "selon".
    According,
}

/// A title or honorific that may precede a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// Role a badge shows ("Senator"); empty for honorifics ("Mr.").
    pub role: String,
    /// Class descriptions refer to ("lawmaker", "president"); empty if none.
    pub class: String,
    /// 'm', 'f' or '-'.
    pub gender: char,
}

/// A noun that heads a description of a person ("the senator").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleNoun {
    /// Class, as in [`Title::class`].
    pub class: String,
    /// 'm', 'f' or '-'.
    pub gender: char,
}

/// A subject pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pronoun {
    /// 'm', 'f' or '-'.
    pub gender: char,
    /// True for a neuter pronoun ("it", gender `n` in the list): it never
    /// stands for a person.
    pub neuter: bool,
    /// True for plural pronouns ("they").
    pub plural: bool,
    /// True for first-person pronouns ("I", "we").
    pub first: bool,
}

/// A row of the party word table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyRow {
    /// Country code.
    pub country: String,
    /// Short label.
    pub short: String,
    /// Full name.
    pub name: String,
    /// CSS colour.
    pub color: String,
}

/// All word lists, parsed.
#[derive(Debug, Default)]
pub struct Words {
    /// Cue forms per language (`en`, `fr`, `de`, `es`): lower-case form
    /// (possibly several words) → class.
    pub cues: HashMap<&'static str, HashMap<String, CueClass>>,
    /// Longest cue, in words, per language.
    pub cue_max_words: HashMap<&'static str, usize>,
    /// Titles, keyed by their exact spelling ("Sen.", "Treasury Secretary").
    pub titles: HashMap<String, Title>,
    /// Longest title, in words.
    pub title_max_words: usize,
    /// Role nouns, lower case.
    pub role_nouns: HashMap<String, RoleNoun>,
    /// Pronouns, lower case.
    pub pronouns: HashMap<String, Pronoun>,
    /// Organisation phrases (lower case, without "the").
    pub org_phrases: HashSet<String>,
    /// Organisation head words (exact case as listed, and lower case).
    pub org_heads: HashSet<String>,
    /// Documents that can be a source ("the statement said"), lower case.
    pub documents: HashSet<String>,
    /// Party rows (for parties the knowledge base lacks).
    pub parties: Vec<PartyRow>,
    /// Party word (exact case) → row in [`Words::parties`].
    pub party_words: HashMap<String, usize>,
    /// Anonymous-source head nouns, lower case.
    pub anonymous: HashSet<String>,
    /// US states: any spelling (name, postal code, AP abbreviation) →
    /// postal code.
    pub states: HashMap<String, &'static str>,
    /// State names (multi-word), longest first, for scanning.
    pub state_names: Vec<(&'static str, &'static str)>,
    /// The first words of the [`Words::state_names`]: a scan need only
    /// run from one of them (issue #6, enginefast).
    pub state_first_words: HashSet<&'static str>,
    /// The first words of the [`Words::titles`]: a title can only start
    /// at one of them.
    pub title_first_words: HashSet<&'static str>,
    /// Capitalised words that are not names.
    pub not_names: HashSet<&'static str>,
    /// Nationality adjectives and demonyms, singular, exact case
    /// (see [`Words::demonym`]).
    pub demonyms: HashSet<&'static str>,
    /// First name → gender.
    pub first_names: HashMap<&'static str, char>,
    /// Title cues before the opening mark, lower case.
    pub title_before: HashSet<&'static str>,
    /// Title cues after the closing mark, lower case.
    pub title_after: HashSet<&'static str>,
    /// Scare-quote cues, lower case.
    pub scare: Vec<&'static str>,
}

/// The bytes of a table without its comment lines (lines starting with
/// `#`): the comments document the data in the repository and need not
/// ship in the WASM (about 2 KB gzipped).
pub(crate) const fn stripped_len(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut i, mut n, mut start, mut skip) = (0, 0, true, false);
    while i < b.len() {
        if start {
            skip = b[i] == b'#';
        }
        if !skip {
            n += 1;
        }
        start = b[i] == b'\n';
        i += 1;
    }
    n
}

/// See [`stripped_len`].
pub(crate) const fn strip<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    let mut out = [0u8; N];
    let (mut i, mut o, mut start, mut skip) = (0, 0, true, false);
    while i < b.len() {
        if start {
            skip = b[i] == b'#';
        }
        if !skip {
            out[o] = b[i];
            o += 1;
        }
        start = b[i] == b'\n';
        i += 1;
    }
    out
}

/// A table of `data/words/`, embedded without its comment lines.
macro_rules! table {
    ($path:literal) => {{
        const RAW: &str = include_str!($path);
        const BYTES: [u8; $crate::words::stripped_len(RAW)] = $crate::words::strip(RAW);
        match core::str::from_utf8(&BYTES) {
            Ok(t) => t,
            Err(_) => panic!("a word table is not UTF-8"),
        }
    }};
}
pub(crate) use table;

const CUES_EN: &str = table!("../data/words/cues_en.tsv");
const CUES_FR: &str = table!("../data/words/cues_fr.tsv");
const CUES_DE: &str = table!("../data/words/cues_de.tsv");
const CUES_ES: &str = table!("../data/words/cues_es.tsv");
const TITLES: &str = table!("../data/words/titles.tsv");
const ROLE_NOUNS: &str = table!("../data/words/role_nouns.tsv");
const PRONOUNS: &str = table!("../data/words/pronouns.tsv");
const ORGS: &str = table!("../data/words/organizations.tsv");
const ANON: &str = table!("../data/words/anonymous.tsv");
const PARTIES: &str = table!("../data/words/parties.tsv");
const DOCUMENTS: &str = table!("../data/words/documents.tsv");
const STATES: &str = table!("../data/words/states.tsv");
const NOT_NAMES: &str = table!("../data/words/not_names.tsv");
const DEMONYMS: &str = table!("../data/words/demonyms.tsv");
const FIRST_NAMES: &str = table!("../data/words/first_names.tsv");
const QUANTIFIERS: &str = table!("../data/words/quantifiers.tsv");
const TITLE_CUES: &str = table!("../data/words/title_cues.tsv");
const SCARE_CUES: &str = table!("../data/words/scare_cues.tsv");

/// A German number word or quantifier opening a noun phrase ("zwei",
/// "einige"; `data/words/quantifiers.tsv`), given in lower case: the
/// phrase it opens is a description, never a name. (A scan of the short
/// table: no set to build.)
pub fn quantifier(lower: &str) -> bool {
    QUANTIFIERS.lines().any(|q| q == lower)
}

/// The English plural of a lower-case noun ("attorney" → "attorneys",
/// "spokesman" → "spokesmen", "secretary" → "secretaries").
pub fn plural(n: &str) -> String {
    if let Some(s) = n.strip_suffix("man") {
        return format!("{s}men");
    }
    if let Some(s) = n.strip_suffix('y') {
        if !s.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{s}ies");
        }
    }
    if n.ends_with('s') || n.ends_with("sh") || n.ends_with("ch") || n.ends_with('x') {
        return format!("{n}es");
    }
    // "mother-in-law" → "mothers-in-law".
    if let Some((head, rest)) = n.split_once("-in-") {
        return format!("{head}s-in-{rest}");
    }
    format!("{n}s")
}

/// True for a nationality adjective that, after "the", names the whole
/// people ("the British", "the Chinese", "the Swiss").
pub fn collective(demonym: &str) -> bool {
    ["ese", "ish", "ch", "ss"].iter().any(|s| demonym.ends_with(s))
}

/// The data lines of a table: comments and blank lines dropped, split on
/// tabs.
fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn gender(s: Option<&&str>) -> char {
    match s.copied() {
        Some("m") => 'm',
        Some("f") => 'f',
        _ => '-',
    }
}

impl Words {
    /// The parsed word lists (built on first use).
    pub fn get() -> &'static Words {
        static W: OnceLock<Words> = OnceLock::new();
        W.get_or_init(Words::parse)
    }

    fn parse() -> Words {
        let mut w = Words::default();
        for (lang, table) in [("en", CUES_EN), ("fr", CUES_FR), ("de", CUES_DE), ("es", CUES_ES)] {
            let mut map = HashMap::default();
            let mut max = 1;
            for r in rows(table) {
                let class = if r.get(2) == Some(&"according") { CueClass::According } else { CueClass::Speech };
                let Some(forms) = r.get(1) else { continue };
                for f in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    max = max.max(f.split(' ').count());
                    map.insert(f.to_lowercase(), class);
                }
            }
            w.cues.insert(lang, map);
            w.cue_max_words.insert(lang, max);
        }
        for r in rows(TITLES) {
            let role = r.get(1).copied().unwrap_or("-");
            let class = r.get(2).copied().unwrap_or("-");
            w.title_max_words = w.title_max_words.max(r[0].split(' ').count());
            w.title_first_words.insert(r[0].split(' ').next().unwrap_or(""));
            w.titles.insert(
                r[0].to_string(),
                Title {
                    role: if role == "-" { String::new() } else { role.to_string() },
                    class: if class == "-" { String::new() } else { class.to_string() },
                    gender: gender(r.get(3)),
                },
            );
        }
        for r in rows(ROLE_NOUNS) {
            w.role_nouns.insert(
                r[0].to_lowercase(),
                RoleNoun { class: r.get(1).copied().unwrap_or("").to_string(), gender: gender(r.get(2)) },
            );
        }
        for r in rows(PRONOUNS) {
            w.pronouns.insert(
                r[0].to_lowercase(),
                Pronoun { gender: gender(r.get(1)), neuter: r.get(1) == Some(&"n"), plural: r.get(2) == Some(&"p"), first: r.get(3) == Some(&"yes") },
            );
        }
        for r in rows(ORGS) {
            if r.get(1) == Some(&"head") {
                w.org_heads.insert(r[0].to_string());
                w.org_heads.insert(r[0].to_lowercase());
            } else {
                w.org_phrases.insert(r[0].to_lowercase());
            }
        }
        for r in rows(ANON) {
            w.anonymous.insert(r[0].to_lowercase());
        }
        // A role noun in the plural names a group, reported as an
        // anonymous source ("according to their attorneys", "the
        // senators said"), never resolved to one person.
        let plurals: Vec<String> = w.role_nouns.keys().map(|n| plural(n)).filter(|p| !w.role_nouns.contains_key(p)).collect();
        w.anonymous.extend(plurals);
        for r in rows(PARTIES) {
            if r.len() < 5 {
                continue;
            }
            let i = w.parties.len();
            w.parties.push(PartyRow { country: r[0].into(), short: r[1].into(), name: r[2].into(), color: r[3].into() });
            for word in r[4].split(',').map(str::trim).filter(|s| !s.is_empty()) {
                w.party_words.insert(word.to_string(), i);
            }
        }
        for r in rows(DOCUMENTS) {
            w.documents.insert(r[0].to_lowercase());
        }
        // "her early posts show", "the court filings say" (not "polls":
        // "as they headed to the polls").
        let plurals: Vec<String> = w.documents.iter().filter(|d| d.as_str() != "poll").map(|d| plural(d)).collect();
        w.documents.extend(plurals);
        for r in rows(STATES) {
            let Some(code) = r.get(1).copied() else { continue };
            w.states.insert(r[0].to_string(), code);
            w.states.insert(code.to_string(), code);
            for ab in r.get(2).copied().unwrap_or("").split(' ').filter(|s| !s.is_empty()) {
                w.states.insert(ab.to_string(), code);
            }
            w.state_names.push((r[0], code));
        }
        w.state_names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        for (n, _) in &w.state_names {
            w.state_first_words.insert(n.split(' ').next().unwrap_or(""));
        }
        for r in rows(NOT_NAMES) {
            w.not_names.insert(r[0]);
        }
        for r in rows(DEMONYMS) {
            w.demonyms.insert(r[0]);
        }
        for r in rows(FIRST_NAMES) {
            w.first_names.insert(r[0], gender(r.get(1)));
        }
        for r in rows(TITLE_CUES) {
            if r.get(1) == Some(&"after") {
                w.title_after.insert(r[0]);
            } else {
                w.title_before.insert(r[0]);
            }
        }
        for r in rows(SCARE_CUES) {
            w.scare.push(r[0]);
        }
        w
    }

    /// The cue table for a language (English when the language has none).
    pub fn cues_for(&self, lang: Option<&str>) -> (&HashMap<String, CueClass>, usize) {
        let l = match lang {
            Some(l) if self.cues.contains_key(l) => l,
            _ => "en",
        };
        (&self.cues[l], self.cue_max_words[l])
    }

    /// True if a lower-case word is a one-word cue in any language
    /// ("said", "laut", "selon", "según").
    pub fn is_cue_word(&self, lower: &str) -> bool {
        self.cues.values().any(|m| m.contains_key(lower))
    }

    /// A nationality word ("German", "Palestinian", "Germans"):
    /// `Some(true)` for a plural (a group), `Some(false)` for the singular
    /// adjective or demonym, `None` for any other word. Alone it never
    /// names a person. (After "the", a singular in -ese/-ish/-ch/-ss is a
    /// group too: "the British", "the Swiss"; see [`collective`].)
    pub fn demonym(&self, word: &str) -> Option<bool> {
        if self.demonyms.contains(word) {
            return Some(false);
        }
        let one = word.strip_suffix('s')?;
        self.demonyms.contains(one).then_some(true)
    }

    /// True if `word` (any case) is a known organisation head word.
    pub fn is_org_head(&self, word: &str) -> bool {
        self.org_heads.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        let w = Words::get();
        let (en, _) = w.cues_for(Some("en"));
        assert!(en.len() >= 60 * 3, "English cue table too small: {}", en.len());
        assert_eq!(en.get("said"), Some(&CueClass::Speech));
        assert_eq!(en.get("according to"), Some(&CueClass::According));
        assert_eq!(en.get("pointed out"), Some(&CueClass::Speech));
        let (fr, _) = w.cues_for(Some("fr"));
        assert!(fr.contains_key("a déclaré") && fr.contains_key("selon"));
        assert!(w.cues_for(Some("de")).0.contains_key("sagte"));
        assert!(w.cues_for(Some("es")).0.contains_key("dijo"));
        assert_eq!(w.states.get("S.C."), Some(&"SC"));
        assert_eq!(w.states.get("Fla."), Some(&"FL"));
        assert_eq!(w.titles.get("Sen.").map(|t| t.class.as_str()), Some("lawmaker"));
        assert!(w.pronouns["i"].first);
        assert!(w.anonymous.contains("officials"));
        assert!(!TITLES.contains('#') && TITLES.contains("CEO\t") && !NOT_NAMES.lines().any(|l| l.starts_with('#')));
        assert_eq!(w.demonym("German"), Some(false));
        assert_eq!(w.demonym("Germans"), Some(true));
        assert_eq!(w.demonym("British"), Some(false));
        assert!(collective("British") && !collective("German"));
        assert_eq!(w.demonym("Israelis"), Some(true));
        assert_eq!(w.demonym("Gerald"), None);
        assert_eq!(w.demonym("german"), None);
        assert!(quantifier("zwei") && quantifier("einige") && !quantifier("Zwei") && !quantifier("des") && !quantifier(""));
    }
}
