//! Whose a matched word is (issue 11): the subject model of `subject.rs` judges a sentence; this
//! judges the match's own neighbours. "**Elevenes** opplæring", "oppfølging **av pasientene**",
//! "opplæring **av lærlingene**", "mangfoldet **i byen**", "tilrettelegge **aktiviteter**" are
//! about other people or the work, not an offer to the applicant, even in a sentence that also
//! says "deg". And a sentence that invites applicants ("… oppfordrer vi alle til å søke") is
//! about the applicant, whatever it says about the town first.

use super::casefold::{fold, folded_words, is_word_char};
use super::subject::Lexicon;

/// People the employee trains or supervises (nb, nn, en).
#[rustfmt::skip]
const TRAINEES: &[&str] = &[
    "student", "studenter", "studentene", "studentar", "studentane", "lærling", "lærlinger",
    "lærlingen", "lærlingene", "lærlingar", "lærlingane", "lærekandidater", "lærekandidatar",
    "praktikanter", "praktikantar", "hospitanter", "hospitantar", "students", "apprentices",
    "trainees", "interns",
];

/// Places and communities, which "mangfold" often describes (nb, nn, en).
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "by", "byen", "bygda", "bygdene", "bydel", "bydelen", "regionen", "lokalsamfunnet",
    "lokalsamfunn", "distriktet", "nabolaget", "nærmiljøet", "lokalmiljøet", "naturen",
    "kulturlivet", "byens", "bygdas", "regionens", "city", "town", "region", "neighbourhood",
    "area",
];

/// Prepositions that tie a match to whom it is for or about.
const TIES: &[&str] = &[
    "av", "for", "til", "blant", "i", "hos", "of", "to", "among", "in", "with",
];

/// Words that may stand between a tie and its noun ("av **de nye** lærlingene").
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "de", "dei", "den", "det", "the", "nye", "nya", "våre", "vår", "vårt", "alle", "our", "new",
    "sine", "sin", "egne", "eigne", "enkelte", "ulike", "mange", "their", "all", "many",
];

/// Verbs of the employee's work that take the match's object directly ("tilrettelegge
/// aktiviteter"): only these forms, followed by a noun, are read as the work.
const WORK_VERBS: &[&str] = &[
    "tilrettelegge",
    "tilrettelegger",
    "tilrettelegg",
    "tilretteleggje",
    "tilretteleggjer",
    "følge",
];

/// Words after a work verb that make it an offer or a condition, not the work's object.
#[rustfmt::skip]
const NOT_AN_OBJECT: &[&str] = &[
    "for", "ved", "om", "dersom", "hvis", "viss", "etter", "slik", "når", "gjerne", "det",
    "deg", "dykk", "dere", "opp", "til", "med", "ut", "godt", "individuelt",
];

/// Phrases by which the employer invites applicants (nb, nn, en).
#[rustfmt::skip]
const INVITING: &[&str] = &[
    "oppfordrer vi", "oppfordrar vi", "oppmodar vi", "oppmoder vi", "oppmodar me", "inviterer vi",
    "vi oppfordrer", "vi oppfordrar", "vi oppmodar", "me oppmodar", "vi inviterer",
    "oppfordres til å søke", "oppmodast til å søkje", "we encourage", "are encouraged to apply",
    "we invite",
];

fn is_other(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is_user_word(word) || TRAINEES.contains(&word) || PLACES.contains(&word)
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
    if first.is_some_and(|w| TIES.contains(&w)) {
        for w in rest.take(3) {
            if is_other(lexicon, w) {
                return true;
            }
            if !FILLERS.contains(&w) {
                break;
            }
        }
    }
    let verb = folded_words(matched);
    verb.last()
        .is_some_and(|v| WORK_VERBS.contains(&v.as_str()))
        && first.is_some_and(|w| !NOT_AN_OBJECT.contains(&w) && !lexicon.is_employee_word(w))
}

/// True when `sentence` opens with other people or a place as its subject ("Bydelen har et rikt
/// mangfold", "Barna i barnehagen kommer fra mange land").
pub fn opens_with_other(lexicon: &Lexicon, sentence: &str) -> bool {
    let w = folded_words(sentence);
    let mut first = w.iter().map(String::as_str);
    match first.next() {
        Some(word) if FILLERS.contains(&word) => first.next().is_some_and(|w| is_other(lexicon, w)),
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
pub fn invites_applicants(sentence: &str) -> bool {
    let folded = fold(sentence).text;
    INVITING.iter().any(|p| {
        folded.match_indices(p).any(|(i, m)| {
            let before = folded.get(..i).and_then(|s| s.chars().next_back());
            let after = folded.get(i + m.len()..).and_then(|s| s.chars().next());
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
    }) && !folded.contains("elektronisk")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let rules = crate::rules::load(&crate::rules::RuleOptions::default())
            .expect("the default pack loads");
        Lexicon::new(&rules)
    }

    #[test]
    fn the_neighbours_decide_whose_a_match_is() {
        let l = lex();
        assert!(others_own(
            &l,
            "Du skal bidra til elevenes ",
            "opplæring",
            "."
        ));
        assert!(others_own(
            &l,
            "Du skal være med på ",
            "opplæringen",
            " av de nye lærlingene."
        ));
        assert!(others_own(
            &l,
            "Du skal gi ",
            "oppfølging",
            " til pasientene."
        ));
        assert!(others_own(
            &l,
            "Byen har et stort ",
            "mangfold",
            " i kulturlivet."
        ));
        assert!(others_own(
            &l,
            "Du skal planlegge og ",
            "tilrettelegge",
            " aktiviteter for deg selv og andre."
        ));
        assert!(others_own(
            &l,
            "Me søkjer deg som vil ",
            "tilretteleggje",
            " undervisninga."
        ));
        assert!(!others_own(
            &l,
            "Du får god ",
            "opplæring",
            " av erfarne kolleger."
        ));
        assert!(!others_own(
            &l,
            "Vi ",
            "tilrettelegger",
            " for deg som trenger det."
        ));
        assert!(!others_own(
            &l,
            "Vi gir ",
            "opplæring",
            " i arbeid med elever."
        ));
        assert!(!others_own(
            &l,
            "Vi ønsker ",
            "mangfold",
            " blant de ansatte."
        ));
    }

    #[test]
    fn a_sentence_about_a_place_or_others_by_its_subject() {
        let l = lex();
        assert!(opens_with_other(
            &l,
            "Bydelen har et rikt mangfold av kafeer."
        ));
        assert!(opens_with_other(
            &l,
            "De unge brukerne kommer fra mange land."
        ));
        assert!(!opens_with_other(
            &l,
            "Vi ønsker mangfold i arbeidsstokken."
        ));
        assert!(!opens_with_other(&l, "Kommunen ønsker mangfold."));
    }

    #[test]
    fn an_invitation_is_about_the_applicant() {
        assert!(invites_applicants(
            "Med utgangspunkt i at vi ønsker å speile mangfoldet i befolkningen, oppfordrer vi alle kvalifiserte til å søke."
        ));
        assert!(invites_applicants("Difor oppmodar vi alle til å søkje."));
        assert!(!invites_applicants(
            "Vi oppfordrer alle til å søke elektronisk."
        ));
        assert!(!invites_applicants("Byen har et stort mangfold."));
    }
}
