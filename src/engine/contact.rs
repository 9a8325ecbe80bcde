//! What counts as a contact (issue 11, domain.md: missing-contact): a name, phone or e-mail for
//! questions. An e-mail given for another purpose (asking to be left off the public list of
//! applicants) is no contact; a named person in a contact sentence is one even without a number;
//! "Ta kontakt" with nobody named and no number is none.

use super::casefold::{fold, folded_words, holds_phrase};

/// Words of a sentence whose address is for something other than questions (nb, nn, en).
#[rustfmt::skip]
const OTHER_PURPOSES: &[&str] = &[
    "søkerliste", "søkerlista", "søkerlisten", "søkjarliste", "søkjarlista", "offentlig søkerliste",
    "offentleg søkjarliste", "unntatt offentlighet", "unnateke offentlegheit", "unntak fra",
    "unntak frå", "offentlighetsloven", "offentleglova", "list of applicants", "exempt",
    "exemption",
];

/// Words that make a sentence a contact sentence (nb, nn, en).
#[rustfmt::skip]
const CONTACT_WORDS: &[&str] = &[
    "kontakt", "kontakte", "kontaktperson", "kontaktpersoner", "kontaktpersonar", "spørsmål",
    "kontaktinformasjon", "henvendelse", "henvendelser", "contact", "questions", "enquiries",
];

/// Phrases that make a sentence a contact sentence ("Nærmere opplysninger gis av …").
#[rustfmt::skip]
const CONTACT_PHRASES: &[&str] = &[
    "nærmere opplysninger", "nærmare opplysningar", "nærmere informasjon", "nærmare informasjon",
    "mer informasjon", "meir informasjon", "further information", "more information",
];

/// True when an address in `sentence` serves another purpose than questions.
pub fn other_purpose(sentence: &str) -> bool {
    let folded = fold(sentence).text;
    OTHER_PURPOSES.iter().any(|p| holds_phrase(&folded, p))
}

/// True when `sentence` is a contact sentence that names a person: a contact word and two
/// capitalised words in a row that do not open the sentence ("Spørsmål kan rettes til
/// avdelingsleder Kari Nordmann", "Kontaktperson: Ola Hansen").
pub fn names_a_contact(sentence: &str) -> bool {
    let folded = fold(sentence).text;
    if !folded_words(sentence)
        .iter()
        .any(|w| CONTACT_WORDS.contains(&w.as_str()))
        && !CONTACT_PHRASES.iter().any(|p| holds_phrase(&folded, p))
    {
        return false;
    }
    let tokens: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '(' | ')' | ';'))
        .filter(|t| !t.is_empty())
        .collect();
    let is_name = |t: &str| {
        let t = t.trim_end_matches(['.', '!', '?']);
        let mut chars = t.chars();
        chars.next().is_some_and(char::is_uppercase)
            && t.chars().count() > 1
            && chars.all(|c| c.is_lowercase() || c == '-')
    };
    tokens
        .windows(2)
        .enumerate()
        .any(|(i, pair)| i > 0 && pair.iter().all(|t| is_name(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_sentences_name_a_person() {
        assert!(names_a_contact(
            "Spørsmål om stillingen kan rettes til avdelingsleder Kari Nordmann."
        ));
        assert!(names_a_contact("Kontaktperson: Ola Hansen, enhetsleiar"));
        assert!(names_a_contact("For questions, contact Anne Berg."));
        assert!(!names_a_contact("Ta kontakt med oss om du lurer på noe."));
        assert!(!names_a_contact("Ta kontakt med NAV Bergen."));
        assert!(!names_a_contact("Kari Nordmann ønsker deg velkommen."));
        assert!(names_a_contact(
            "Nærmere opplysninger gis av rektor Per Olsen."
        ));
        assert!(!names_a_contact(
            "Opplysninger om arbeidssted: Nye Bergen sykehjem"
        ));
    }

    #[test]
    fn an_address_for_the_public_list_is_no_contact() {
        assert!(other_purpose(
            "Ønsker du å bli unntatt fra offentlig søkerliste, send en begrunnelse til post@kommune.no."
        ));
        assert!(other_purpose("Oppmoding om å bli unnateke frå offentleg søkjarliste kan sendast til post@kommune.no."));
        assert!(!other_purpose("Spørsmål kan rettes til kari@kommune.no."));
    }
}
