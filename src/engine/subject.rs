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
    "elever", "eleven", "elevene", "elevenes", "barn", "barna", "barnet", "barnas", "ungdom",
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
    "citizens", "customers", "families", "parents", "befolkningen", "befolkning", "befolkninga",
    "folkehelse", "folkehelsen", "population", "public",
];

/// Words that name the employee as the one who receives something ("for deg", "nyansatte").
#[rustfmt::skip]
const EMPLOYEE_WORDS: &[&str] = &[
    // nb / nn
    "deg", "ansatte", "ansatt", "nyansatte", "nyansatt", "medarbeidere", "medarbeiderne",
    "søkere", "søkerne", "kandidater", "tilsette", "nytilsette", "søkjarar", "søkjarane",
    "medarbeidarar", "arbeidstakere", "arbeidstakarar",
    // en
    "employee", "employees", "staff", "applicants", "candidates", "hires",
];

/// Phrases where the reader receives something: "du får opplæring", "you will get a mentor".
#[rustfmt::skip]
const RECEIVING: &[&str] = &[
    "du får", "du vil få", "du skal få", "du kan få", "vi gir deg", "får du",
    "vil du få", "you get", "you will get", "you'll get", "we give you", "you will receive",
];

fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// True when a match in `sentence` (in an item of `section`) is not about the employee.
///
/// The employee is meant when the sentence names them as receiver ("deg", "ansatte",
/// "du får"). Otherwise a sentence that names service users, or that sits in the duties, is about
/// the work, not about the employee: "du skal følge opp brukere" is a duty.
pub fn not_about_employee(sentence: &str, section: SectionKind) -> bool {
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
    users || section == SectionKind::Duties
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

    #[test]
    fn users_and_duties_are_not_the_employee() {
        assert!(not_about_employee(
            "Oppfølging av pasienter i hjemmet.",
            SectionKind::Other
        ));
        assert!(not_about_employee(
            "Planlegge, tilrettelegge og gjennomføre aktiviteter",
            SectionKind::Duties
        ));
        assert!(!not_about_employee(
            "Du får god opplæring og oppfølging.",
            SectionKind::Duties
        ));
        assert!(!not_about_employee(
            "Vi tilrettelegger for ansatte med behov.",
            SectionKind::Offer
        ));
        assert!(!not_about_employee("Opplæring.", SectionKind::Offer));
        assert!(not_about_employee(
            "Du skal jobbe med oppfølging av brukere.",
            SectionKind::Other
        ));
        assert!(!not_about_employee(
            "Du får oppfølging av en fadder.",
            SectionKind::Other
        ));
        assert!(!not_about_employee(
            "Vi gir deg opplæring i arbeid med brukere.",
            SectionKind::Duties
        ));
    }
}
