//! Whom a sentence is about: the employee/applicant or the service users.
//!
//! Owns deciding it with the word lists behind `subject: employee` (domain.md, "Helper words
//! often describe the service users"); the lists themselves are data, term sets in the rule
//! pack that a user pack can extend: "oppfølging av pasienter" and "tilrettelegge aktiviteter"
//! in the duties are not adaptation for the employee; "du får oppfølging" is.

use super::casefold::{fold, is_word_char};
use super::lexicon::Lexicon;
use crate::posting::SectionKind;

/// The word lists behind `subject` are term sets of the rule pack (`subject-users`,
/// `subject-employee`, `subject-receiving`, `subject-duties`, `subject-object-markers`), read
/// into the [`Lexicon`] (`lexicon.rs`); the lists of all languages apply to every ad.
impl Lexicon {
    /// True when `sentence` is about service users rather than the employee: it names users
    /// and does not name the employee ("brukere med nedsatt funksjonsevne").
    pub fn about_users(&self, sentence: &str) -> bool {
        let folded = fold(sentence).text;
        let mut users = false;
        for w in words(&folded) {
            if self.employee.contains(w) {
                return false;
            }
            users |= self.users.contains(w);
        }
        users && !self.receiving.iter().any(|p| contains_phrase(&folded, p))
    }

    /// True when a match in `sentence` (in an item of `section`), followed in the sentence by
    /// `after`, is not something the employee receives.
    ///
    /// The employee is meant when the sentence names them as receiver ("deg", "ansatte",
    /// "du får"). Otherwise a sentence that names service users, sits in the duties, describes
    /// the work ("jobbe med", "ansvar for"), or makes the match the object of the work
    /// ("oppfølging av enhetslederne") is about the work, not about support for the employee.
    pub fn not_a_benefit(&self, sentence: &str, section: SectionKind, after: &str) -> bool {
        let folded = fold(sentence).text;
        let mut users = false;
        let mut employee = false;
        for w in words(&folded) {
            users |= self.users.contains(w);
            employee |= self.employee.contains(w);
        }
        let receiving = self.receiving.iter().any(|p| contains_phrase(&folded, p));
        if employee || receiving {
            return false;
        }
        let next = fold(after).text;
        let next_word = words(&next).next();
        users
            || section == SectionKind::Duties
            || next_word.is_some_and(|w| self.object_markers.iter().any(|m| m == w))
            || self.duties.iter().any(|p| contains_phrase(&folded, p))
    }

    /// True when `word` (folded) names the people the service is for (`subject-users`).
    pub fn is_user_word(&self, word: &str) -> bool {
        self.users.contains(word)
    }

    /// True when `word` (folded) names the employee or applicants (`subject-employee`).
    pub fn is_employee_word(&self, word: &str) -> bool {
        self.employee.contains(word)
    }

    /// True when `sentence` has a phrase in which the reader receives something ("du får").
    pub fn is_receiving(&self, sentence: &str) -> bool {
        let folded = fold(sentence).text;
        self.receiving.iter().any(|p| contains_phrase(&folded, p))
    }
}

/// The words of a folded text, without copying them.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

fn contains_phrase(folded: &str, phrase: &str) -> bool {
    folded.match_indices(phrase).any(|(i, m)| {
        let before = folded.get(..i).and_then(|s| s.chars().next_back());
        let after = folded.get(i + m.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> &'static Lexicon {
        Lexicon::of_default_pack()
    }

    fn about_users(sentence: &str) -> bool {
        lexicon().about_users(sentence)
    }

    fn not_a_benefit(sentence: &str, section: SectionKind, after: &str) -> bool {
        lexicon().not_a_benefit(sentence, section, after)
    }

    #[test]
    fn sentences_about_users() {
        assert!(about_users(
            "Vi jobber med brukere med nedsatt funksjonsevne."
        ));
        assert!(!about_users(
            "Vi oppfordrer søkere med nedsatt funksjonsevne til å søke."
        ));
        assert!(!about_users("Han/hun vil få ansvar for drift av anlegget."));
    }

    #[test]
    fn users_and_duties_are_not_the_employee() {
        assert!(not_a_benefit(
            "Oppfølging av pasienter i hjemmet.",
            SectionKind::Other,
            ""
        ));
        assert!(not_a_benefit(
            "Planlegge, tilrettelegge og gjennomføre aktiviteter",
            SectionKind::Duties,
            ""
        ));
        assert!(!not_a_benefit(
            "Du får god opplæring og oppfølging.",
            SectionKind::Duties,
            ""
        ));
        assert!(!not_a_benefit(
            "Vi tilrettelegger for ansatte med behov.",
            SectionKind::Offer,
            ""
        ));
        assert!(!not_a_benefit("Opplæring.", SectionKind::Offer, ""));
        assert!(not_a_benefit(
            "Du skal jobbe med oppfølging av brukere.",
            SectionKind::Other,
            ""
        ));
        assert!(!not_a_benefit(
            "Du får oppfølging av en fadder.",
            SectionKind::Other,
            ""
        ));
        assert!(!not_a_benefit(
            "Vi gir deg opplæring i arbeid med brukere.",
            SectionKind::Duties,
            ""
        ));
    }
}
