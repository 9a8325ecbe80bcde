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
//! The titles and endings are the [`Vocabulary`]'s `roles-*` lists; a term of several words in
//! a role list ("head of") names its family when its words occur in that order.
//!
//! Extra titles from the configuration (`roles:`, [`super::ReadOptions::roles`]) are consulted
//! before all of this: when a title names one of them (matched the same way, by word end and
//! inflection; a title of several words as consecutive words), the longest such title decides the
//! family. Front matter `role` still wins over them.

use super::vocabulary::ListName;
use super::words;
use super::{RoleFamily, Vocabulary};
use std::collections::BTreeMap;

/// The role family: front matter `role`, else the title, else the first heading; in a title,
/// the `extra` titles of the configuration first, then the built-in lists.
pub(crate) fn detect(
    metadata: &BTreeMap<String, serde_json::Value>,
    title: Option<&str>,
    first_heading: Option<&str>,
    extra: &BTreeMap<RoleFamily, Vec<String>>,
    v: &Vocabulary,
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
        .map(|t| from_extra(t, extra, v).unwrap_or_else(|| from_title(t, v)))
        .find(|r| *r != RoleFamily::Unknown)
        .unwrap_or(RoleFamily::Unknown)
}

/// The family of the longest configured title that `title` names, if any.
fn from_extra(
    title: &str,
    extra: &BTreeMap<RoleFamily, Vec<String>>,
    v: &Vocabulary,
) -> Option<RoleFamily> {
    if extra.is_empty() {
        return None;
    }
    let endings = v.words(ListName::TitleEndings);
    let w = words::words(title);
    extra
        .iter()
        .flat_map(|(family, titles)| titles.iter().map(move |t| (*family, t)))
        .filter(|(_, t)| names(&w, &words::words(t), endings))
        .max_by_key(|(_, t)| t.chars().count())
        .map(|(family, _)| family)
}

/// True when `parts` (the words of a configured title) occur as consecutive words of `w`: the
/// first may be the end of a compound ("nattmiljøveileder"), the last may be inflected
/// ("miljøveiledere"), words between must be equal.
fn names(w: &[String], parts: &[String], endings: &[String]) -> bool {
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
                (true, true) => ends_in_term(word, part, endings),
                (true, false) => word.ends_with(part.as_str()),
                (false, true) => with_endings(endings)
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
pub(crate) fn from_title(title: &str, v: &Vocabulary) -> RoleFamily {
    let w = words::words(title);
    let endings = v.words(ListName::TitleEndings);
    let mut found = Found::default();
    let mut skip = vec![false; w.len()];
    for phrase in v.words(ListName::SpecialistPhrases) {
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
    for (list, tag) in LISTS {
        if v.words(list)
            .iter()
            .any(|term| term.contains(' ') && words::contains(&w, term))
        {
            found.mark(tag);
        }
    }
    for (word, skipped) in w.iter().zip(&skip) {
        if *skipped {
            continue;
        }
        // The word's stems once, for all the lists (see `stems`).
        let stems = stems(word, endings);
        let best = LISTS
            .iter()
            .filter_map(|(list, tag)| longest_match(&stems, v.words(*list)).map(|len| (len, *tag)))
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

/// The lists, each with its tag. On a tie in length the last wins.
const LISTS: [(ListName, Tag); 6] = [
    (ListName::Apprentice, Tag::Apprentice),
    (ListName::Leader, Tag::Leader),
    (ListName::Specialist, Tag::Specialist),
    (ListName::SkilledTrade, Tag::Trade),
    (ListName::EntryLevel, Tag::Entry),
    (ListName::Contract, Tag::Contract),
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

/// The length of the longest one-word term of `list` that a word ends with (before one of its
/// endings, or none), given the word's `stems`.
fn longest_match(stems: &[&str], list: &[String]) -> Option<usize> {
    list.iter()
        .filter(|term| !term.contains(' '))
        .filter(|term| stems.iter().any(|stem| stem.ends_with(term.as_str())))
        .map(String::len)
        .max()
}

/// What is left of `word` without each of the `endings` it ends with (the word itself first).
/// Stripping the endings once per word, not once per term and ending, keeps role detection
/// from costing a fifth of checking a short ad (issue 10's JSON Lines profile).
fn stems<'a>(word: &'a str, endings: &'a [String]) -> Vec<&'a str> {
    with_endings(endings)
        .filter_map(|ending| word.strip_suffix(ending))
        .collect()
}

/// True when `word` ends with `term`, before one of the `endings` or none.
fn ends_in_term(word: &str, term: &str, endings: &[String]) -> bool {
    with_endings(endings).any(|ending| {
        word.strip_suffix(ending)
            .is_some_and(|stem| stem.ends_with(term))
    })
}

/// No ending, then each of `endings`.
fn with_endings(endings: &[String]) -> impl Iterator<Item = &str> {
    std::iter::once("").chain(endings.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> &'static Vocabulary {
        crate::rules::default_vocabulary()
    }
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
            assert_eq!(from_title(title, v()), family, "{title}");
        }
    }

    #[test]
    fn front_matter_role_wins() {
        let mut meta = BTreeMap::new();
        meta.insert("role".to_string(), serde_json::json!("Skilled_Trade"));
        let (meta0, none) = (BTreeMap::new(), BTreeMap::new());
        assert_eq!(
            detect(&meta, Some("Rektor"), None, &none, v()),
            SkilledTrade
        );
        assert_eq!(
            detect(&meta0, None, Some("Vaktmeister"), &none, v()),
            EntryLevel
        );
        assert_eq!(detect(&meta0, None, None, &none, v()), Unknown);
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
            detect(&meta0, Some("Miljøveileder 50 %"), None, &none, v()),
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
            assert_eq!(
                detect(&meta0, Some(title), None, &extra, v()),
                family,
                "{title}"
            );
        }
        let mut meta = BTreeMap::new();
        meta.insert("role".to_string(), serde_json::json!("specialist"));
        assert_eq!(
            detect(&meta, Some("Miljøveileder"), None, &extra, v()),
            Specialist
        );
    }
}
