//! Which language an ad is written in: Bokmål, Nynorsk or English.
//!
//! Owns the choice of [`Language`]: `--lang` forces it; else front matter `lang`/`language` (any
//! form [`Language::parse`] accepts) wins; else it is detected from the body. Detection counts
//! discriminative function words and forms (the vocabulary's `language-words`: "ikkje"/"ikke"/"not", "ein"/"en", "frå"/"fra",
//! "tilsette"/"ansatte", "løn"/"lønn", …) plus two Nynorsk/Bokmål ending pairs ("-leg"/"-lig",
//! "-ane"/"-ene"). English wins when its words outnumber all Norwegian ones; between the two
//! written standards Nynorsk must score higher than Bokmål, so Bokmål is the default.

use super::words;
use super::Vocabulary;
use crate::taxonomy::Language;
use std::collections::BTreeMap;

/// The language of a document and whether it was detected from the text.
pub(crate) fn choose(
    forced: Option<Language>,
    metadata: &BTreeMap<String, serde_json::Value>,
    body: &str,
    vocabulary: &Vocabulary,
) -> (Language, bool) {
    if let Some(language) = forced {
        return (language, false);
    }
    let declared = ["lang", "language"]
        .iter()
        .filter_map(|k| metadata.get(*k)?.as_str())
        .find_map(Language::parse);
    match declared {
        Some(language) => (language, false),
        None => (detect(body, vocabulary), true),
    }
}

/// The language `text` is most likely written in.
pub(crate) fn detect(text: &str, vocabulary: &Vocabulary) -> Language {
    let (mut nb, mut nn, mut en) = (0usize, 0usize, 0usize);
    for word in words::words(text) {
        let w = word.as_str();
        if let Some([in_nn, in_nb, in_en]) = vocabulary.language_of(w) {
            nn += usize::from(in_nn);
            nb += usize::from(in_nb);
            en += usize::from(in_en);
        }
        let long = w.chars().count() > 5;
        if long && (w.ends_with("leg") || w.ends_with("lege") || w.ends_with("ane")) {
            nn += 1;
        }
        if long && (w.ends_with("lig") || w.ends_with("lige") || w.ends_with("ene")) {
            nb += 1;
        }
    }
    if en > nb + nn {
        Language::En
    } else if nn > nb {
        Language::Nn
    } else {
        Language::Nb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> &'static Vocabulary {
        crate::rules::default_vocabulary()
    }

    #[test]
    fn detects_nynorsk_without_front_matter() {
        let ad = "Reinhaldar til Fjellbygda skule\n\n\
                  Me søkjer ein blid reinhaldar som kan byrje frå august. Du vil vere ein del av \
                  eit lite og triveleg team. Det er ikkje krav om fagbrev, men du må like å \
                  arbeide sjølvstendig.\n\nKvalifikasjonar\n- Gode samarbeidsevner\n\
                  - Erfaring frå reinhald er ønskjeleg\n\nMe tilbyr løn etter tariff og \
                  opplæring. Søkjarar må leggje ved CV.";
        assert_eq!(detect(ad, v()), Language::Nn);
    }

    #[test]
    fn detects_bokmal_and_english() {
        let nb = "Vi søker en blid renholder fra august. Du må like å jobbe selvstendig, og det \
                  er ikke krav om fagbrev. Vi tilbyr lønn etter tariff og opplæring hos oss.";
        assert_eq!(detect(nb, v()), Language::Nb);
        let en = "We are looking for a cleaner to join our team. You will work with great \
                  colleagues, and experience is not required. Please apply by May.";
        assert_eq!(detect(en, v()), Language::En);
    }

    #[test]
    fn forced_and_declared_languages_win() {
        let mut meta = BTreeMap::new();
        meta.insert("language".to_string(), serde_json::json!("nynorsk"));
        assert_eq!(
            choose(None, &meta, "Vi søker en renholder.", v()),
            (Language::Nn, false)
        );
        assert_eq!(
            choose(Some(Language::En), &meta, "Vi søker.", v()),
            (Language::En, false)
        );
        assert_eq!(
            choose(None, &BTreeMap::new(), "Vi søker en renholder.", v()),
            (Language::Nb, true)
        );
    }
}
