//! Whom a sentence is about: the employee/applicant or the service users.
//!
//! Owns the small per-language lexicons behind `subject: employee` (domain.md, "Helper words
//! often describe the service users"): "oppfølging av pasienter" and "tilrettelegge aktiviteter"
//! in the duties are not adaptation for the employee; "du får oppfølging" is.

use super::casefold::{fold, is_word_char};
use crate::posting::SectionKind;

const USER_WORDS: &[&str] = &[
    // nb
    "bruker",
    "brukere",
    "brukeren",
    "brukerne",
    "brukernes",
    "brukers",
    "pasient",
    "pasienter",
    "pasienten",
    "pasientene",
    "pasientenes",
    "beboer",
    "beboere",
    "beboeren",
    "beboerne",
    "elev",
    "elever",
    "eleven",
    "elevene",
    "elevenes",
    "barn",
    "barna",
    "barnet",
    "barnas",
    "ungdom",
    "ungdommer",
    "ungdommen",
    "ungdommene",
    "tjenestemottaker",
    "tjenestemottakere",
    "tjenestemottakerne",
    "deltaker",
    "deltakere",
    "deltakerne",
    "flyktning",
    "flyktninger",
    "flyktningene",
    "innbygger",
    "innbyggere",
    "innbyggerne",
    "klient",
    "klienter",
    "klientene",
    "pårørende",
    "foreldre",
    "familier",
    "funksjonshemmede",
    "utviklingshemming",
    "utviklingshemmede",
    "eldre",
    "kunder",
    "kundene",
    // nn
    "brukar",
    "brukarar",
    "brukaren",
    "brukarane",
    "pasientar",
    "pasientane",
    "bebuar",
    "bebuarar",
    "bebuarane",
    "elevar",
    "elevane",
    "born",
    "borna",
    "deltakar",
    "deltakarar",
    "deltakarane",
    "innbyggjar",
    "innbyggjarar",
    "innbyggjarane",
    "tenestemottakar",
    "tenestemottakarar",
    "klientar",
    "føresette",
    "pårørande",
    // en
    "user",
    "users",
    "patient",
    "patients",
    "resident",
    "residents",
    "pupil",
    "pupils",
    "child",
    "children",
    "client",
    "clients",
    "participant",
    "participants",
    "refugee",
    "refugees",
    "citizens",
    "customers",
    "families",
    "parents",
];

const EMPLOYEE_WORDS: &[&str] = &[
    // nb / nn
    "du",
    "deg",
    "din",
    "ditt",
    "dine",
    "ansatte",
    "ansatt",
    "nyansatte",
    "nyansatt",
    "medarbeider",
    "medarbeidere",
    "medarbeiderne",
    "søker",
    "søkere",
    "søkerne",
    "søkeren",
    "kandidat",
    "kandidater",
    "kandidaten",
    "kandidatane",
    "tilsette",
    "tilsett",
    "nytilsette",
    "søkjar",
    "søkjarar",
    "søkjarane",
    "søkjaren",
    "medarbeidar",
    "medarbeidarar",
    "kollega",
    "kolleger",
    "kollegaer",
    "kollegaar",
    "arbeidstaker",
    "arbeidstakere",
    "arbeidstakar",
    // en
    "you",
    "your",
    "yours",
    "employee",
    "employees",
    "staff",
    "applicant",
    "applicants",
    "candidate",
    "candidates",
    "colleague",
    "colleagues",
    "hires",
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

/// True when a match in `sentence` (in an item of `section`) is not about the employee: the
/// sentence names service users and not the employee, or it sits in the duties without naming
/// the employee.
pub fn not_about_employee(sentence: &str, section: SectionKind) -> bool {
    let mut users = false;
    let mut employee = false;
    for w in words(sentence) {
        users |= USER_WORDS.contains(&w.as_str());
        employee |= EMPLOYEE_WORDS.contains(&w.as_str());
    }
    if employee {
        return false;
    }
    users || section == SectionKind::Duties
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
    }
}
