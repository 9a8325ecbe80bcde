//! The engine's own word lists, read from the rule pack's term sets (issue 9: rules stay data).
//!
//! Owns loading them, folded, from a [`RuleSet`], and the two ways they are matched: as whole
//! words ([`Words`]) and as phrases on word boundaries ([`Phrases`]). It does not decide
//! anything with them: whom a sentence is about is `subject.rs` and `owner.rs`, what a clause
//! does `clause.rs` and `structure.rs`, what counts as a contact `contact.rs`, which list lines
//! announce a group `count.rs`.
//!
//! Each list is a term set per language in `rules/{nb,nn,en}/term-sets.yaml`, so rule writers
//! see it (`terskel explain @NAME`) and a user pack adds words with `extend: true`. The sets of
//! every language apply to every ad: ads mix languages ("Søknadsfrist … Apply via …"), and an
//! English softener in a Bokmål ad still softens.

use super::casefold::{fold, holds_phrase};
use crate::rules::RuleSet;
use std::collections::HashSet;

/// Folded whole words; an entry ending in `*` also matches longer words.
#[derive(Debug, Default)]
pub(super) struct Words {
    exact: HashSet<String>,
    prefixes: Vec<String>,
}

impl Words {
    fn new(entries: Vec<String>) -> Words {
        let mut words = Words::default();
        for entry in entries {
            match entry.strip_suffix('*') {
                Some(prefix) if !prefix.is_empty() => words.prefixes.push(prefix.to_string()),
                _ => {
                    words.exact.insert(entry);
                }
            }
        }
        words
    }

    /// True when the folded `word` is one of the words.
    pub fn contains(&self, word: &str) -> bool {
        self.exact.contains(word) || self.prefixes.iter().any(|p| word.starts_with(p.as_str()))
    }
}

/// Folded phrases, found on word boundaries; an entry ending in `*` makes its last word a prefix
/// ("referans*" finds "referansar").
#[derive(Debug, Default)]
pub(super) struct Phrases(Vec<String>);

impl Phrases {
    /// True when the folded text `folded` holds one of the phrases.
    pub fn in_folded(&self, folded: &str) -> bool {
        self.0.iter().any(|p| holds_phrase(folded, p))
    }

    /// True when `text` (not yet folded) holds one of the phrases.
    pub fn in_text(&self, text: &str) -> bool {
        self.in_folded(&fold(text).text)
    }
}

/// Every word list of the engine, from the term sets of a [`RuleSet`].
#[derive(Debug, Default)]
pub(super) struct Lexicon {
    /// `subject-users`: words for the people the service is for.
    pub users: HashSet<String>,
    /// `subject-employee`: words that name the employee as the one who receives something.
    pub employee: HashSet<String>,
    /// `subject-receiving`: phrases where the reader receives something ("du får opplæring").
    pub receiving: Vec<String>,
    /// `subject-duties`: phrases that describe the work the employee does.
    pub duties: Vec<String>,
    /// `subject-object-markers`: words that, right after a match, make it the object of the work.
    pub object_markers: Vec<String>,
    /// `owner-trainees`: people the employee trains or supervises.
    pub trainees: Words,
    /// `owner-places`: places and communities.
    pub places: Words,
    /// `owner-ties`: prepositions that tie a match to whom it is for or about.
    pub ties: Words,
    /// `owner-fillers`: words between a tie and its noun ("av **de nye** lærlingene").
    pub fillers: Words,
    /// `owner-work-verbs`: verbs of the work that take the match's object directly.
    pub work_verbs: Words,
    /// `owner-not-objects`: words after a work verb that make it an offer, not the work.
    pub not_objects: Words,
    /// `owner-inviting`: phrases by which the employer invites applicants.
    pub inviting: Phrases,
    /// `clause-not-demands`: lines of a requirements list that ask nothing of the applicant.
    pub not_demands: Phrases,
    /// `clause-alternatives`: phrases that open another route in than a formal demand.
    pub alternatives: Phrases,
    /// `clause-softeners`: clause markers that make a demand a preference or no demand.
    pub softeners: Phrases,
    /// `clause-slash-routes`: words that, after a slash, name a route other than papers.
    pub slash_routes: Words,
    /// `count-group-words`: words of a list line that announces a group of names.
    pub group_words: Words,
    /// `contact-other-purposes`: words of a sentence whose address is not for questions.
    pub other_purposes: Phrases,
    /// `contact-words`: words that make a sentence a contact sentence.
    pub contact_words: Words,
    /// `contact-phrases`: phrases that make a sentence a contact sentence.
    pub contact_phrases: Phrases,
}

impl Lexicon {
    /// The lexicon of `rules`' term sets (of every language; a set no language defines is
    /// empty).
    pub fn new(rules: &RuleSet) -> Lexicon {
        let folded = |name: &str| -> Vec<String> {
            rules
                .words(name)
                .map(|w| fold(w).text)
                .filter(|w| !w.is_empty())
                .collect()
        };
        let words = |name: &str| Words::new(folded(name));
        let phrases = |name: &str| Phrases(folded(name));
        Lexicon {
            users: folded("subject-users").into_iter().collect(),
            employee: folded("subject-employee").into_iter().collect(),
            receiving: folded("subject-receiving"),
            duties: folded("subject-duties"),
            object_markers: folded("subject-object-markers"),
            trainees: words("owner-trainees"),
            places: words("owner-places"),
            ties: words("owner-ties"),
            fillers: words("owner-fillers"),
            work_verbs: words("owner-work-verbs"),
            not_objects: words("owner-not-objects"),
            inviting: phrases("owner-inviting"),
            not_demands: phrases("clause-not-demands"),
            alternatives: phrases("clause-alternatives"),
            softeners: phrases("clause-softeners"),
            slash_routes: words("clause-slash-routes"),
            group_words: words("count-group-words"),
            other_purposes: phrases("contact-other-purposes"),
            contact_words: words("contact-words"),
            contact_phrases: phrases("contact-phrases"),
        }
    }

    /// The lexicon of the embedded default pack (for unit tests of the modules that use it).
    #[cfg(test)]
    pub fn of_default_pack() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::new(&crate::rules::load(&crate::rules::RuleOptions::default()).unwrap())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 9 — the engine's word lists are term sets of the pack, not Rust constants.
    #[test]
    fn the_lists_load_from_the_pack() {
        let l = Lexicon::of_default_pack();
        // One word of each language, from the nb, nn and en sets.
        assert!(l.trainees.contains("lærlingene"));
        assert!(l.trainees.contains("lærlingane"));
        assert!(l.trainees.contains("apprentices"));
        assert!(l.places.contains("bygda") && l.places.contains("neighbourhood"));
        assert!(l.ties.contains("blant") && l.ties.contains("among"));
        assert!(l.fillers.contains("eigne") && l.fillers.contains("their"));
        assert!(l.work_verbs.contains("tilretteleggjer"));
        assert!(!l.work_verbs.contains("planlegge"));
        assert!(l.not_objects.contains("dykk"));
        assert!(l.inviting.in_text("Difor oppmodar vi alle til å søkje."));
        assert!(l.not_demands.in_text("Gi opp to referansar"));
        assert!(l.alternatives.in_text("Fagbrev eller tilsvarende"));
        assert!(l.softeners.in_text("Førarkort er ikkje eit krav"));
        assert!(l.softeners.in_text("Driving licence is an advantage"));
        assert!(l.other_purposes.in_text("unntatt offentlighet"));
        assert!(l.contact_words.contains("kontaktpersonar"));
        assert!(l
            .contact_phrases
            .in_text("Further information from Kari Nordmann"));
        assert!(l.slash_routes.contains("arbeidserfaringen"));
        assert!(l.group_words.contains("følgjande") && !l.group_words.contains("følge"));
    }

    #[test]
    fn a_set_no_language_defines_is_empty() {
        let l = Lexicon::new(&RuleSet::new(Vec::new()));
        assert!(!l.softeners.in_text("er en fordel"));
        assert!(!l.trainees.contains("lærlingene"));
    }

    #[test]
    fn words_ending_in_a_star_are_prefixes() {
        let w = Words::new(vec!["lærling*".into(), "elev".into()]);
        assert!(w.contains("lærlingane") && w.contains("lærling"));
        assert!(w.contains("elev") && !w.contains("elevene"));
        let p = Phrases(vec!["referans*".into(), "ein fordel".into()]);
        assert!(p.in_folded("to referansar") && p.in_folded("er ein fordel"));
        assert!(!p.in_folded("er ein fordelar"));
    }
}
