//! The role family of a post (domain.md, "Role families").
//!
//! Owns [`RoleFamily`] detection. Front matter `role` (`entry-level`, `skilled-trade`,
//! `specialist`, `leader`) wins; else the title is read (and, without a title, the first
//! heading). Each word of the title is matched against the lists below by its *end*, so compounds
//! and inflected forms count ("Helsefagarbeidere", "avdelingssykepleier", "tilkallingsvikarar");
//! within one word the longest matching term wins ("veileder" is a specialist, not a "leder";
//! "helsefagarbeider" is entry-level, not a "fagarbeider"). "Pedagogisk leder/leiar" is a
//! specialist.
//!
//! Precedence across the words of a title: an apprenticeship ("lærling", "lærekandidat") is
//! always entry-level; then leader > specialist > skilled trade > entry-level profession; contract
//! words ("vikar", "sommervikar", "ekstravakt") only make a post entry-level when the title names
//! no profession ("Sykepleier – sommervikar" is a specialist post).
//!
//! Extra titles from the configuration (`roles:`, [`super::ReadOptions::roles`]) are consulted
//! before all of this: when a title names one of them (matched the same way, by word end and
//! inflection; a title of several words as consecutive words), the longest such title decides the
//! family. Front matter `role` still wins over them.

use super::words;
use super::RoleFamily;
use std::collections::BTreeMap;

/// Apprenticeships: entry-level whatever trade they are in.
const APPRENTICE: &[&str] = &["lærling", "lærekandidat", "praksiskandidat", "apprentice"];

/// Entry-level professions.
const ENTRY_LEVEL: &[&str] = &[
    "assistent",
    "assistant",
    "miljøarbeider",
    "miljøarbeidar",
    "helsearbeider",
    "helsearbeidar",
    "helsefagarbeider",
    "helsefagarbeidar",
    "hjelpepleier",
    "hjelpepleiar",
    "omsorgsarbeider",
    "omsorgsarbeidar",
    "renholder",
    "reinhaldar",
    "renholdsoperatør",
    "reinhaldsoperatør",
    "renholdsarbeider",
    "vaktmester",
    "vaktmeister",
    "kantinemedarbeider",
    "kantinemedarbeidar",
    "kokk",
    "kjøkkenhjelp",
    "servicemedarbeider",
    "servicemedarbeidar",
    "butikkmedarbeider",
    "butikkmedarbeidar",
    "butikk",
    "kassemedarbeider",
    "driftsoperatør",
    "fritidsklubb",
    "fritidsleder",
    "cleaner",
    "caretaker",
    "janitor",
    "cook",
    "kitchen",
    "porter",
    "portør",
    "budbringer",
    "avløser",
    "avløysar",
];

/// Contract types: entry-level only when no profession is named.
const CONTRACT: &[&str] = &[
    "vikar",
    "sommervikar",
    "ekstravakt",
    "ekstravakter",
    "tilkallingsvikar",
    "sommerjobb",
    "sommarjobb",
    "helgevakt",
];

/// Skilled trades: a certificate the work needs.
const SKILLED_TRADE: &[&str] = &[
    "elektriker",
    "elektrikar",
    "automatiker",
    "automatikar",
    "sjåfør",
    "tømrer",
    "tømrar",
    "snekker",
    "snikkar",
    "rørlegger",
    "røyrleggar",
    "taktekker",
    "mekaniker",
    "mekanikar",
    "maskinfører",
    "maskinførar",
    "fagarbeider",
    "fagarbeidar",
    "renovatør",
    "sveiser",
    "sveisar",
    "maler",
    "målar",
    "murer",
    "murar",
    "anleggsarbeider",
    "gartner",
    "montør",
    "operatør",
    "electrician",
    "plumber",
    "carpenter",
    "mechanic",
    "driver",
    "welder",
];

/// Specialists and protected professions.
const SPECIALIST: &[&str] = &[
    "sykepleier",
    "sjukepleiar",
    "spesialsykepleier",
    "helsesøster",
    "helsesykepleier",
    "jordmor",
    "lege",
    "legespesialist",
    "overlege",
    "tannlege",
    "lærer",
    "lærar",
    "lektor",
    "adjunkt",
    "barnehagelærer",
    "barnehagelærar",
    "førskolelærer",
    "ingeniør",
    "sivilingeniør",
    "arkitekt",
    "advokat",
    "jurist",
    "psykolog",
    "fysioterapeut",
    "ergoterapeut",
    "terapeut",
    "miljøterapeut",
    "vernepleier",
    "vernepleiar",
    "sosionom",
    "barnevernspedagog",
    "pedagog",
    "spesialpedagog",
    "rådgiver",
    "rådgjevar",
    "konsulent",
    "førstekonsulent",
    "saksbehandler",
    "saksbehandlar",
    "veileder",
    "rettleiar",
    "rettleder",
    "controller",
    "økonom",
    "revisor",
    "bibliotekar",
    "farmasøyt",
    "planlegger",
    "planleggar",
    "nurse",
    "engineer",
    "teacher",
    "doctor",
    "physician",
    "psychologist",
    "lawyer",
    "advisor",
    "adviser",
    "consultant",
    "developer",
    "utvikler",
    "analytiker",
];

/// Leaders.
const LEADER: &[&str] = &[
    "leder",
    "leiar",
    "enhetsleder",
    "einingsleiar",
    "avdelingsleder",
    "avdelingsleiar",
    "rektor",
    "styrer",
    "styrar",
    "sjef",
    "direktør",
    "rådmann",
    "kommunedirektør",
    "kommunalsjef",
    "manager",
    "director",
    "head of",
    "chief",
];

/// Two-word titles that override their parts.
const SPECIALIST_PHRASES: &[&str] = &[
    "pedagogisk leder",
    "pedagogisk leiar",
    "pedagogiske ledere",
    "pedagogiske leiarar",
];

/// Endings a title word may carry after a term (plurals, definite forms).
const INFLECTIONS: &[&str] = &[
    "", "e", "er", "ere", "erne", "en", "ene", "ar", "arar", "arane", "ane", "a", "ne", "r", "s",
    "es", "ens", "ar", "t", "et",
];

/// The role family: front matter `role`, else the title, else the first heading; in a title,
/// the `extra` titles of the configuration first, then the built-in lists.
pub(crate) fn detect(
    metadata: &BTreeMap<String, serde_json::Value>,
    title: Option<&str>,
    first_heading: Option<&str>,
    extra: &BTreeMap<RoleFamily, Vec<String>>,
) -> RoleFamily {
    if let Some(role) = metadata
        .get("role")
        .and_then(|v| v.as_str())
        .and_then(parse)
    {
        return role;
    }
    [title, first_heading]
        .into_iter()
        .flatten()
        .map(|t| from_extra(t, extra).unwrap_or_else(|| from_title(t)))
        .find(|r| *r != RoleFamily::Unknown)
        .unwrap_or(RoleFamily::Unknown)
}

/// The family of the longest configured title that `title` names, if any.
fn from_extra(title: &str, extra: &BTreeMap<RoleFamily, Vec<String>>) -> Option<RoleFamily> {
    if extra.is_empty() {
        return None;
    }
    let w = words::words(title);
    extra
        .iter()
        .flat_map(|(family, titles)| titles.iter().map(move |t| (*family, t)))
        .filter(|(_, t)| names(&w, &words::words(t)))
        .max_by_key(|(_, t)| t.chars().count())
        .map(|(family, _)| family)
}

/// True when `parts` (the words of a configured title) occur as consecutive words of `w`: the
/// first may be the end of a compound ("nattmiljøveileder"), the last may be inflected
/// ("miljøveiledere"), words between must be equal.
fn names(w: &[String], parts: &[String]) -> bool {
    let n = parts.len();
    if n == 0 {
        return false;
    }
    w.windows(n).any(|window| {
        window
            .iter()
            .zip(parts)
            .enumerate()
            .all(|(i, (word, part))| match (i == 0, i + 1 == n) {
                (true, true) => longest_match(word, &[part.as_str()]).is_some(),
                (true, false) => word.ends_with(part.as_str()),
                (false, true) => INFLECTIONS
                    .iter()
                    .any(|ending| word.strip_suffix(ending) == Some(part.as_str())),
                (false, false) => word == part,
            })
    })
}

/// A `role:` value: `entry-level`, `skilled-trade`, `specialist` or `leader` (any case, `_` or
/// space for `-`).
pub(crate) fn parse(value: &str) -> Option<RoleFamily> {
    let v = value.trim().to_lowercase().replace(['_', ' '], "-");
    match v.as_str() {
        "entry-level" | "entry" => Some(RoleFamily::EntryLevel),
        "skilled-trade" | "trade" => Some(RoleFamily::SkilledTrade),
        "specialist" => Some(RoleFamily::Specialist),
        "leader" | "manager" => Some(RoleFamily::Leader),
        _ => None,
    }
}

/// The family a title names.
pub(crate) fn from_title(title: &str) -> RoleFamily {
    let w = words::words(title);
    let mut found = Found::default();
    let mut skip = vec![false; w.len()];
    for phrase in SPECIALIST_PHRASES {
        if let Some(i) = words::find(&w, phrase) {
            found.specialist = true;
            for s in skip
                .iter_mut()
                .skip(i)
                .take(phrase.split_whitespace().count())
            {
                *s = true;
            }
        }
    }
    if words::contains(&w, "head of") {
        found.leader = true;
    }
    for (word, skipped) in w.iter().zip(&skip) {
        if *skipped {
            continue;
        }
        // The word's stems once, for all the lists (see `stems`).
        let stems = stems(word);
        let best = LISTS
            .iter()
            .filter_map(|(list, tag)| longest_of(&stems, list).map(|len| (len, *tag)))
            .max_by_key(|(len, _)| *len);
        if let Some((_, tag)) = best {
            found.mark(tag);
        }
    }
    found.family()
}

/// Which list a title word matched.
#[derive(Debug, Clone, Copy)]
enum Tag {
    Apprentice,
    Leader,
    Specialist,
    Trade,
    Entry,
    Contract,
}

/// The lists, each with its tag.
const LISTS: [(&[&str], Tag); 6] = [
    (APPRENTICE, Tag::Apprentice),
    (LEADER, Tag::Leader),
    (SPECIALIST, Tag::Specialist),
    (SKILLED_TRADE, Tag::Trade),
    (ENTRY_LEVEL, Tag::Entry),
    (CONTRACT, Tag::Contract),
];

/// Which families the words of a title named.
#[derive(Debug, Default)]
struct Found {
    apprentice: bool,
    leader: bool,
    specialist: bool,
    trade: bool,
    entry: bool,
    contract: bool,
}

impl Found {
    /// Notes a matched list.
    fn mark(&mut self, tag: Tag) {
        match tag {
            Tag::Apprentice => self.apprentice = true,
            Tag::Leader => self.leader = true,
            Tag::Specialist => self.specialist = true,
            Tag::Trade => self.trade = true,
            Tag::Entry => self.entry = true,
            Tag::Contract => self.contract = true,
        }
    }

    /// The family by the precedence in the module docs.
    fn family(&self) -> RoleFamily {
        if self.apprentice {
            RoleFamily::EntryLevel
        } else if self.leader {
            RoleFamily::Leader
        } else if self.specialist {
            RoleFamily::Specialist
        } else if self.trade {
            RoleFamily::SkilledTrade
        } else if self.entry || self.contract {
            RoleFamily::EntryLevel
        } else {
            RoleFamily::Unknown
        }
    }
}

/// The length of the longest term of `list` that `word` ends with (before an inflection).
fn longest_match(word: &str, list: &[&str]) -> Option<usize> {
    longest_of(&stems(word), list)
}

/// What is left of `word` without each inflection it ends with (the word itself first).
/// Stripping the endings once per word, not once per term and ending, keeps role detection
/// from costing a fifth of checking a short ad (issue 10's JSON Lines profile).
fn stems(word: &str) -> Vec<&str> {
    INFLECTIONS
        .iter()
        .filter_map(|ending| word.strip_suffix(ending))
        .collect()
}

/// The length of the longest term of `list` that one of `stems` ends with.
fn longest_of(stems: &[&str], list: &[&str]) -> Option<usize> {
    list.iter()
        .filter(|term| !term.contains(' '))
        .filter(|term| stems.iter().any(|stem| stem.ends_with(**term)))
        .map(|term| term.len())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoleFamily::*;

    #[test]
    fn families_from_titles() {
        for (title, family) in [
            ("Helsefagarbeidere, 50 % fast", EntryLevel),
            ("Barnehageassistent", EntryLevel),
            ("Reinhaldar til skulen", EntryLevel),
            ("Tilkallingsvikarar - pleie og omsorg", EntryLevel),
            ("Lærling i helsearbeiderfaget", EntryLevel),
            ("Lærling elektriker", EntryLevel),
            ("Elektriker til driftsavdelingen", SkilledTrade),
            ("Sjåfør klasse C", SkilledTrade),
            ("Avdelingssykepleier 100 % fast stilling", Specialist),
            ("Sjukepleiar - sommarvikar", Specialist),
            ("Pedagogisk leder, Solsikken barnehage", Specialist),
            ("Veileder ved NAV", Specialist),
            ("Førstekonsulenter familieytelser", Specialist),
            ("Enhetsleder hjemmetjenesten", Leader),
            ("Kommunalsjef helse og velferd", Leader),
            ("Rektor ved Bygda skole", Leader),
            ("Head of Operations", Leader),
            ("Registered nurse", Specialist),
            ("Cleaner, part time", EntryLevel),
            ("Vil du bli med på laget?", Unknown),
        ] {
            assert_eq!(from_title(title), family, "{title}");
        }
    }

    #[test]
    fn front_matter_role_wins() {
        let mut meta = BTreeMap::new();
        meta.insert("role".to_string(), serde_json::json!("Skilled_Trade"));
        let (meta0, none) = (BTreeMap::new(), BTreeMap::new());
        assert_eq!(detect(&meta, Some("Rektor"), None, &none), SkilledTrade);
        assert_eq!(detect(&meta0, None, Some("Vaktmeister"), &none), EntryLevel);
        assert_eq!(detect(&meta0, None, None, &none), Unknown);
    }

    #[test]
    fn configured_titles_come_before_the_lists() {
        let mut extra = BTreeMap::new();
        extra.insert(EntryLevel, vec!["miljøveileder".to_string()]);
        extra.insert(
            Specialist,
            vec!["spesialrådgiver".to_string(), "fagleder rus".to_string()],
        );
        extra.insert(Leader, vec!["koordinator".to_string()]);
        let (meta0, none) = (BTreeMap::new(), BTreeMap::new());
        assert_eq!(
            detect(&meta0, Some("Miljøveileder 50 %"), None, &none),
            Specialist
        );
        for (title, family) in [
            ("Miljøveileder 50 %", EntryLevel),
            ("Miljøveiledere til bofellesskap", EntryLevel),
            ("Nattmiljøveileder", EntryLevel),
            ("Spesialrådgiver økonomi", Specialist),
            ("Fagleder rus og psykisk helse", Specialist),
            ("Fagleder barnevern", Leader),
            ("Koordinator frivillighet", Leader),
            ("Sykepleier", Specialist),
        ] {
            assert_eq!(detect(&meta0, Some(title), None, &extra), family, "{title}");
        }
        let mut meta = BTreeMap::new();
        meta.insert("role".to_string(), serde_json::json!("specialist"));
        assert_eq!(
            detect(&meta, Some("Miljøveileder"), None, &extra),
            Specialist
        );
    }
}
