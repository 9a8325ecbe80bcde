//! Whom a sentence is about: the employee/applicant or the service users.
//!
//! Owns the small per-language lexicons behind `subject: employee` (domain.md, "Helper words
//! often describe the service users"): "oppfølging av pasienter" and "tilrettelegge aktiviteter"
//! in the duties are not adaptation for the employee; "du får oppfølging" is.

use super::casefold::{fold, is_word_char};
use crate::posting::SectionKind;

/// Words for the people the service is for (nb, nn, en).
#[rustfmt::skip]
const USER_WORDS: &[&str] = &[
    "bruker", "brukere", "brukeren", "brukerne", "brukernes", "brukers", "pasient", "pasienter",
    "pasienten", "pasientene", "pasientenes", "beboer", "beboere", "beboeren", "beboerne", "elev",
    "elever", "eleven", "elevene", "elevenes", "barn", "barna", "barnet", "barnas", "ungdom", "unge", "ungdommane", "ungdommar",
    "ungdommer", "ungdommen", "ungdommene", "tjenestemottaker", "tjenestemottakere",
    "tjenestemottakerne", "deltaker", "deltakere", "deltakerne", "flyktning", "flyktninger",
    "flyktningene", "innbygger", "innbyggere", "innbyggerne", "klient", "klienter", "klientene",
    "pårørende", "foreldre", "familier", "funksjonshemmede", "utviklingshemming",
    "utviklingshemmede", "eldre", "kunder", "kundene", "brukar", "brukarar", "brukaren",
    "brukarane", "pasientar", "pasientane", "bebuar", "bebuarar", "bebuarane", "elevar", "elevane",
    "born", "borna", "deltakar", "deltakarar", "deltakarane", "innbyggjar", "innbyggjarar",
    "innbyggjarane", "tenestemottakar", "tenestemottakarar", "klientar", "føresette", "pårørande",
    "user", "users", "patient", "patients", "resident", "residents", "pupil", "pupils", "child",
    "children", "client", "clients", "participant", "participants", "refugee", "refugees",
    "citizens", "customers", "families", "parents", "adults", "youths", "teenagers", "pupils'", "befolkningen", "befolkning", "befolkninga",
    "folkehelse", "folkehelsen", "population", "public",
];

/// Words that name the employee as the one who receives something ("for deg", "nyansatte").
#[rustfmt::skip]
const EMPLOYEE_WORDS: &[&str] = &[
    // nb / nn
    "deg", "ansatte", "ansatt", "nyansatte", "nyansatt", "medarbeidere", "medarbeiderne",
    "søkere", "søkerne", "kandidater", "tilsette", "nytilsette", "søkjarar", "søkjarane",
    "medarbeidarar", "arbeidstakere", "arbeidstakarar", "personale", "personalet", "arbeidsstokken",
    "arbeidsstaben", "kolleger", "kollegaer", "kollegaar", "kollegane", "kollegene",
    // en
    "employee", "employees", "staff", "applicants", "candidates", "hires",
];

/// Phrases where the reader receives something: "du får opplæring", "you will get a mentor".
#[rustfmt::skip]
const RECEIVING: &[&str] = &[
    "du får", "du vil få", "du skal få", "du kan få", "vi gir deg", "får du",
    "vil du få", "you get", "you will get", "you'll get", "we give you", "you will receive",
];

/// Phrases that describe the work the employee does ("skal jobbe med råd og veiledning").
#[rustfmt::skip]
const DUTY_PHRASES: &[&str] = &[
    "jobbe med", "arbeide med", "arbeida med", "ansvar for", "ansvarleg for", "ansvarlig for",
    "oppgaver knyttet til", "oppgåver knytt til", "skal jobbe", "skal arbeide", "bistå med",
    "work with", "working with", "responsible for", "your tasks",
];

/// Words that, right after a match, make it the object of the employee's work: "oppfølging
/// **av** enhetslederne", "training **of** staff".
const OBJECT_MARKERS: &[&str] = &["av", "of"];

fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// True when `sentence` is about service users rather than the employee: it names users and
/// does not name the employee ("brukere med nedsatt funksjonsevne").
pub fn about_users(sentence: &str) -> bool {
    let mut users = false;
    for w in words(sentence) {
        if EMPLOYEE_WORDS.contains(&w.as_str()) {
            return false;
        }
        users |= USER_WORDS.contains(&w.as_str());
    }
    users
        && !RECEIVING
            .iter()
            .any(|p| contains_phrase(&fold(sentence).text, p))
}

/// True when a match in `sentence` (in an item of `section`), followed in the sentence by
/// `after`, is not something the employee receives.
///
/// The employee is meant when the sentence names them as receiver ("deg", "ansatte",
/// "du får"). Otherwise a sentence that names service users, sits in the duties, describes the
/// work ("jobbe med", "ansvar for"), or makes the match the object of the work ("oppfølging av
/// enhetslederne") is about the work, not about support for the employee.
pub fn not_a_benefit(sentence: &str, section: SectionKind, after: &str) -> bool {
    let folded = fold(sentence).text;
    let mut users = false;
    let mut employee = false;
    for w in words(sentence) {
        users |= USER_WORDS.contains(&w.as_str());
        employee |= EMPLOYEE_WORDS.contains(&w.as_str());
    }
    let receiving = RECEIVING.iter().any(|p| contains_phrase(&folded, p));
    if employee || receiving {
        return false;
    }
    let next = fold(after).text;
    let next_word = next
        .split(|c: char| !is_word_char(c))
        .find(|w| !w.is_empty());
    users
        || section == SectionKind::Duties
        || next_word.is_some_and(|w| OBJECT_MARKERS.contains(&w))
        || DUTY_PHRASES.iter().any(|p| contains_phrase(&folded, p))
}

fn contains_phrase(folded: &str, phrase: &str) -> bool {
    folded.match_indices(phrase).any(|(i, m)| {
        let before = folded.get(..i).and_then(|s| s.chars().next_back());
        let after = folded.get(i + m.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// True when `word` (folded) names the people the service is for (see `USER_WORDS`).
pub fn is_user_word(word: &str) -> bool {
    USER_WORDS.contains(&word)
}

/// True when `word` (folded) names the employee or applicants (see `EMPLOYEE_WORDS`).
pub fn is_employee_word(word: &str) -> bool {
    EMPLOYEE_WORDS.contains(&word)
}

/// True when `sentence` has a phrase in which the reader receives something ("du får").
pub fn is_receiving(sentence: &str) -> bool {
    let folded = fold(sentence).text;
    RECEIVING.iter().any(|p| contains_phrase(&folded, p))
}

#[cfg(test)]
mod tests {
    use super::*;

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
