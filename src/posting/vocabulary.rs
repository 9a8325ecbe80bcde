//! The reader's word lists: the headings it knows, the words that make an item a must or a wish,
//! the job titles of each role family and the words that tell the languages apart.
//!
//! Owns the [`Vocabulary`] type and the names of its lists ([`ListName`]), with the syntax each
//! list's entries follow. It does not hold any words: they are data in the rule pack
//! (`rules/{nb,nn,en}/vocabulary.yaml`), loaded, validated and extended by [`crate::rules`],
//! which builds the vocabulary the reader is given ([`super::ReadOptions::vocabulary`]).
//!
//! Each list is written per language, but the reader uses the words of all languages together:
//! it reads the headings before it knows the ad's language, and a Bokmål ad may well have an
//! English heading. Only `language-words` keeps its languages apart.

use super::words::WordList;
use super::SectionKind;
use crate::taxonomy::Language;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// What the entries of a list look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Word patterns: words separated by spaces, matched against whole words; each may start or
    /// end with `*` (a lone `*` is any word); at most `max_words` words when given.
    Patterns {
        /// The longest pattern, in words (heading phrases: the reader's early exit).
        max_words: Option<usize>,
    },
    /// Terms of one or more words, without wildcards (job titles, matched by their end).
    Terms,
    /// Single words, without wildcards.
    Words,
}

macro_rules! list_names {
    ($($variant:ident => $id:literal, $syntax:expr;)*) => {
        /// The name of one list of a [`Vocabulary`], written `word_list: ID` in the pack.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ListName {
            $(
                #[doc = concat!("`", $id, "`")]
                $variant,
            )*
        }

        impl ListName {
            /// Every list, in the order of the pack files.
            pub const ALL: &'static [ListName] = &[$(ListName::$variant),*];

            /// The name as written in the pack (`headings-requirements`).
            pub fn id(self) -> &'static str {
                match self {
                    $(ListName::$variant => $id,)*
                }
            }

            /// The syntax of the list's entries.
            pub fn syntax(self) -> Syntax {
                match self {
                    $(ListName::$variant => $syntax,)*
                }
            }
        }
    };
}

/// No heading phrase is longer than this many words: [`super::sections::heading_name`] skips
/// longer lines without looking them up.
pub(crate) const MAX_HEADING_PHRASE_WORDS: usize = 10;

const HEADING: Syntax = Syntax::Patterns {
    max_words: Some(MAX_HEADING_PHRASE_WORDS),
};
const PATTERNS: Syntax = Syntax::Patterns { max_words: None };

list_names! {
    PortalHeadings => "headings-portal", HEADING;
    PreferredHeadings => "headings-preferred", HEADING;
    Requirements => "headings-requirements", HEADING;
    Personal => "headings-personal", HEADING;
    Duties => "headings-duties", HEADING;
    Offer => "headings-offer", HEADING;
    About => "headings-about", HEADING;
    Application => "headings-application", HEADING;
    Intros => "headings-intro", HEADING;
    IntroCandidate => "headings-intro-candidate", PATTERNS;
    PreferredMarkers => "markers-preferred", PATTERNS;
    WeakPreferredMarkers => "markers-preferred-weak", Syntax::Words;
    MustMarkers => "markers-must", PATTERNS;
    Seeks => "markers-seeks", PATTERNS;
    SeeksWith => "markers-seeks-with", PATTERNS;
    PortalFields => "portal-fields", PATTERNS;
    Apprentice => "roles-apprentice", Syntax::Terms;
    EntryLevel => "roles-entry-level", Syntax::Terms;
    Contract => "roles-contract", Syntax::Terms;
    SkilledTrade => "roles-skilled-trade", Syntax::Terms;
    Specialist => "roles-specialist", Syntax::Terms;
    Leader => "roles-leader", Syntax::Terms;
    SpecialistPhrases => "roles-specialist-phrases", Syntax::Terms;
    TitleEndings => "roles-title-endings", Syntax::Words;
    LanguageWords => "language-words", Syntax::Words;
}

impl ListName {
    /// The list of this name (`headings-requirements`).
    pub fn from_id(id: &str) -> Option<ListName> {
        ListName::ALL.iter().copied().find(|l| l.id() == id)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The heading lists by the section they name. The order breaks ties between patterns that
/// start at the same word of a heading.
pub(crate) const HEADING_KINDS: [(SectionKind, ListName); 6] = [
    (SectionKind::Requirements, ListName::Requirements),
    (SectionKind::Personal, ListName::Personal),
    (SectionKind::Duties, ListName::Duties),
    (SectionKind::Offer, ListName::Offer),
    (SectionKind::About, ListName::About),
    (SectionKind::Application, ListName::Application),
];

/// Every word list the reader uses, each with the words of all languages (`language-words`
/// per language). Build it with [`Vocabulary::new`] from the lists of a rule pack; the reader
/// takes one through [`super::ReadOptions::vocabulary`].
#[derive(Clone, Default)]
pub struct Vocabulary {
    /// One list per [`ListName`], by its index.
    lists: Vec<WordList>,
    /// Every language word with the languages it is a word of (Nynorsk, Bokmål, English).
    language_words: HashMap<String, [bool; 3]>,
}

impl fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vocabulary")
            .field("lists", &self.lists.len())
            .field("language_words", &self.language_words.len())
            .finish_non_exhaustive()
    }
}

impl Vocabulary {
    /// The vocabulary of `lists`: (list, language (`None`: any), entries). Entries of one list
    /// from several languages (or several documents) are joined; a list given by none is empty;
    /// `language-words` of no one language are left out. Entries are taken as written: checking
    /// them against [`ListName::syntax`] is the loader's job.
    pub fn new<'w>(
        lists: impl IntoIterator<Item = (ListName, Option<Language>, &'w [String])>,
    ) -> Vocabulary {
        let mut joined: Vec<(Vec<&'w str>, HashSet<&'w str>)> =
            vec![(Vec::new(), HashSet::new()); ListName::ALL.len()];
        let mut language_words: HashMap<String, [bool; 3]> = HashMap::new();
        for (name, language, words) in lists {
            if name == ListName::LanguageWords {
                let slot = match language {
                    Some(Language::Nn) => 0,
                    Some(Language::Nb) => 1,
                    Some(Language::En) => 2,
                    None => continue,
                };
                for word in words {
                    if let Some(flag) = language_words
                        .entry(word.clone())
                        .or_default()
                        .get_mut(slot)
                    {
                        *flag = true;
                    }
                }
            }
            if let Some((list, seen)) = joined.get_mut(name.index()) {
                list.extend(words.iter().map(String::as_str).filter(|w| seen.insert(w)));
            }
        }
        Vocabulary {
            lists: joined
                .into_iter()
                .map(|(list, _)| WordList::new(list.into_iter().map(str::to_string).collect()))
                .collect(),
            language_words,
        }
    }

    /// The list `name` (empty when the vocabulary has none).
    pub(crate) fn list(&self, name: ListName) -> &WordList {
        static EMPTY: std::sync::OnceLock<WordList> = std::sync::OnceLock::new();
        self.lists
            .get(name.index())
            .unwrap_or_else(|| EMPTY.get_or_init(WordList::default))
    }

    /// The entries of the list `name`, of every language.
    pub fn words(&self, name: ListName) -> &[String] {
        self.list(name).patterns()
    }

    /// Whether `word` is a language word of Nynorsk, Bokmål and English (in that order).
    pub(crate) fn language_of(&self, word: &str) -> Option<[bool; 3]> {
        self.language_words.get(word).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn lists_of_all_languages_are_joined_but_language_words_stay_apart() {
        let (nb, nn, en) = (
            words(&["kvalifikasjon*", "hvem er du"]),
            words(&["kvalifikasjon*", "kven er du"]),
            words(&["ikkje"]),
        );
        let v = Vocabulary::new([
            (ListName::Requirements, Some(Language::Nb), nb.as_slice()),
            (ListName::Requirements, Some(Language::Nn), nn.as_slice()),
            (ListName::LanguageWords, Some(Language::Nn), en.as_slice()),
            (ListName::LanguageWords, None, en.as_slice()),
        ]);
        assert_eq!(
            v.words(ListName::Requirements),
            ["kvalifikasjon*", "hvem er du", "kven er du"]
        );
        assert_eq!(v.language_of("ikkje"), Some([true, false, false]));
        assert_eq!(v.language_of("ikke"), None);
        assert!(v.words(ListName::Leader).is_empty());
        let heading = super::super::words::words("Kven er du?");
        assert!(v.list(ListName::Requirements).matches_exactly(&heading));
    }

    #[test]
    fn list_names_round_trip() {
        for name in ListName::ALL {
            assert_eq!(ListName::from_id(name.id()), Some(*name));
        }
        assert_eq!(ListName::from_id("headings"), None);
    }
}
