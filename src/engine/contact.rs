//! What counts as a contact (issue 11, domain.md: missing-contact): a name, phone or e-mail for
//! questions. An e-mail given for another purpose (asking to be left off the public list of
//! applicants) is no contact; a named person in a contact sentence is one even without a number;
//! "Ta kontakt" with nobody named and no number is none.
//!
//! The words are term sets of the rule pack, read into the [`Lexicon`]:
//! `contact-other-purposes`, `contact-words`, `contact-phrases`.

use super::casefold::{fold, folded_words};
use super::lexicon::Lexicon;

/// True when an address in `sentence` serves another purpose than questions.
pub fn other_purpose(lexicon: &Lexicon, sentence: &str) -> bool {
    lexicon.other_purposes.in_text(sentence)
}

/// True when `sentence` is a contact sentence that names a person: a contact word and two
/// capitalised words in a row that do not open the sentence ("Spørsmål kan rettes til
/// avdelingsleder Kari Nordmann", "Kontaktperson: Ola Hansen").
pub fn names_a_contact(lexicon: &Lexicon, sentence: &str) -> bool {
    let folded = fold(sentence).text;
    if !folded_words(sentence)
        .iter()
        .any(|w| lexicon.contact_words.contains(w))
        && !lexicon.contact_phrases.in_folded(&folded)
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
        let l = Lexicon::of_default_pack();
        assert!(names_a_contact(
            l,
            "Spørsmål om stillingen kan rettes til avdelingsleder Kari Nordmann."
        ));
        assert!(names_a_contact(l, "Kontaktperson: Ola Hansen, enhetsleiar"));
        assert!(names_a_contact(l, "For questions, contact Anne Berg."));
        assert!(!names_a_contact(
            l,
            "Ta kontakt med oss om du lurer på noe."
        ));
        assert!(!names_a_contact(l, "Ta kontakt med NAV Bergen."));
        assert!(!names_a_contact(l, "Kari Nordmann ønsker deg velkommen."));
        assert!(names_a_contact(
            l,
            "Nærmere opplysninger gis av rektor Per Olsen."
        ));
        assert!(!names_a_contact(
            l,
            "Opplysninger om arbeidssted: Nye Bergen sykehjem"
        ));
    }

    #[test]
    fn an_address_for_the_public_list_is_no_contact() {
        let l = Lexicon::of_default_pack();
        assert!(other_purpose(
            l,
            "Ønsker du å bli unntatt fra offentlig søkerliste, send en begrunnelse til post@kommune.no."
        ));
        assert!(other_purpose(l, "Oppmoding om å bli unnateke frå offentleg søkjarliste kan sendast til post@kommune.no."));
        assert!(!other_purpose(
            l,
            "Spørsmål kan rettes til kari@kommune.no."
        ));
    }
}
