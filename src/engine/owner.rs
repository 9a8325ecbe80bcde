//! Whose a matched word is (issue 11): the subject model of `subject.rs` judges a sentence; this
//! judges the match's own neighbours. "**Elevenes** opplæring", "oppfølging **av pasientene**",
//! "opplæring **av lærlingene**", "mangfoldet **i byen**", "tilrettelegge **aktiviteter**" are
//! about other people or the work, not an offer to the applicant, even in a sentence that also
//! says "deg". And a sentence that invites applicants ("… oppfordrer vi alle til å søke") is
//! about the applicant, whatever it says about the town first.
//!
//! The words are term sets of the rule pack, read into the [`Lexicon`]: `owner-trainees`,
//! `owner-places`, `owner-ties`, `owner-fillers`, `owner-work-verbs`, `owner-not-objects`,
//! `owner-inviting` (with `subject-users` and `subject-employee`).

use super::casefold::{fold, folded_words};
use super::lexicon::Lexicon;

fn is_other(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is_user_word(word) || lexicon.trainees.contains(word) || lexicon.places.contains(word)
}

/// True when the neighbours of a match make it about other people, places or the work:
/// `before` is the sentence up to the match, `matched` the match, `after` the rest.
pub fn others_own(lexicon: &Lexicon, before: &str, matched: &str, after: &str) -> bool {
    let previous = folded_words(before);
    if previous.last().is_some_and(|w| {
        is_other(lexicon, w) || (w.ends_with('s') && is_other(lexicon, w.trim_end_matches('s')))
    }) {
        return true;
    }
    let next = folded_words(after);
    let mut rest = next.iter().map(String::as_str);
    let first = rest.next();
    if first.is_some_and(|w| lexicon.ties.contains(w)) {
        for w in rest.take(3) {
            if is_other(lexicon, w) {
                return true;
            }
            if !lexicon.fillers.contains(w) {
                break;
            }
        }
    }
    let verb = folded_words(matched);
    verb.last().is_some_and(|v| lexicon.work_verbs.contains(v))
        && first.is_some_and(|w| !lexicon.not_objects.contains(w) && !lexicon.is_employee_word(w))
}

/// True when `sentence` opens with other people or a place as its subject ("Bydelen har et rikt
/// mangfold", "Barna i barnehagen kommer fra mange land").
pub fn opens_with_other(lexicon: &Lexicon, sentence: &str) -> bool {
    let w = folded_words(sentence);
    let mut first = w.iter().map(String::as_str);
    match first.next() {
        Some(word) if lexicon.fillers.contains(word) => {
            first.next().is_some_and(|w| is_other(lexicon, w))
        }
        Some(word) => is_other(lexicon, word),
        None => false,
    }
}

/// True when `sentence` names the employee or applicants, or gives them something.
pub fn names_employee(lexicon: &Lexicon, sentence: &str) -> bool {
    lexicon.is_receiving(sentence)
        || folded_words(sentence)
            .iter()
            .any(|w| lexicon.is_employee_word(w))
}

/// True when `sentence` invites applicants to apply.
pub fn invites_applicants(lexicon: &Lexicon, sentence: &str) -> bool {
    let folded = fold(sentence).text;
    // "Vi oppfordrer alle til å søke elektronisk" is an application step, not an invitation.
    lexicon.inviting.in_folded(&folded) && !folded.contains("elektronisk")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::of_default_pack()
    }

    #[test]
    fn the_neighbours_decide_whose_a_match_is() {
        let l = lex();
        assert!(others_own(
            l,
            "Du skal bidra til elevenes ",
            "opplæring",
            "."
        ));
        assert!(others_own(
            l,
            "Du skal være med på ",
            "opplæringen",
            " av de nye lærlingene."
        ));
        assert!(others_own(
            l,
            "Du skal gi ",
            "oppfølging",
            " til pasientene."
        ));
        assert!(others_own(
            l,
            "Byen har et stort ",
            "mangfold",
            " i kulturlivet."
        ));
        assert!(others_own(
            l,
            "Du skal planlegge og ",
            "tilrettelegge",
            " aktiviteter for deg selv og andre."
        ));
        assert!(others_own(
            l,
            "Me søkjer deg som vil ",
            "tilretteleggje",
            " undervisninga."
        ));
        assert!(!others_own(
            l,
            "Du får god ",
            "opplæring",
            " av erfarne kolleger."
        ));
        assert!(!others_own(
            l,
            "Vi ",
            "tilrettelegger",
            " for deg som trenger det."
        ));
        assert!(!others_own(
            l,
            "Vi gir ",
            "opplæring",
            " i arbeid med elever."
        ));
        assert!(!others_own(
            l,
            "Vi ønsker ",
            "mangfold",
            " blant de ansatte."
        ));
    }

    #[test]
    fn a_sentence_about_a_place_or_others_by_its_subject() {
        let l = lex();
        assert!(opens_with_other(
            l,
            "Bydelen har et rikt mangfold av kafeer."
        ));
        assert!(opens_with_other(
            l,
            "De unge brukerne kommer fra mange land."
        ));
        assert!(!opens_with_other(l, "Vi ønsker mangfold i arbeidsstokken."));
        assert!(!opens_with_other(l, "Kommunen ønsker mangfold."));
    }

    #[test]
    fn an_invitation_is_about_the_applicant() {
        let l = lex();
        assert!(invites_applicants(
            l,
            "Med utgangspunkt i at vi ønsker å speile mangfoldet i befolkningen, oppfordrer vi alle kvalifiserte til å søke."
        ));
        assert!(invites_applicants(l, "Difor oppmodar vi alle til å søkje."));
        assert!(!invites_applicants(
            l,
            "Vi oppfordrer alle til å søke elektronisk."
        ));
        assert!(!invites_applicants(l, "Byen har et stort mangfold."));
    }
}
