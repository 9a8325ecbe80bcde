//! Which language an ad is written in: Bokmål, Nynorsk or English.
//!
//! Owns the choice of [`Language`]: `--lang` forces it; else front matter `lang`/`language` (any
//! form [`Language::parse`] accepts) wins; else it is detected from the body. Detection counts
//! discriminative function words and forms ("ikkje"/"ikke"/"not", "ein"/"en", "frå"/"fra",
//! "tilsette"/"ansatte", "løn"/"lønn", …) plus two Nynorsk/Bokmål ending pairs ("-leg"/"-lig",
//! "-ane"/"-ene"). English wins when its words outnumber all Norwegian ones; between the two
//! written standards Nynorsk must score higher than Bokmål, so Bokmål is the default.

use super::words;
use crate::taxonomy::Language;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Words that are Nynorsk and not Bokmål.
const NYNORSK: &[&str] = &[
    "ikkje",
    "eg",
    "dei",
    "deira",
    "ein",
    "eit",
    "eitt",
    "vere",
    "vore",
    "korleis",
    "kva",
    "kven",
    "kvar",
    "kvart",
    "frå",
    "berre",
    "òg",
    "mykje",
    "heile",
    "heilt",
    "noko",
    "nokon",
    "nokre",
    "desse",
    "hjå",
    "me",
    "dykk",
    "dykkar",
    "søkjarar",
    "søkjar",
    "søkjarane",
    "søkje",
    "søkja",
    "søkjer",
    "tilsette",
    "tilsett",
    "tilsetjing",
    "kvalifikasjonar",
    "arbeidsoppgåver",
    "oppgåver",
    "oppgåve",
    "løn",
    "ynskjer",
    "ønskjer",
    "ynskje",
    "ønskje",
    "eigenskapar",
    "eigen",
    "eige",
    "eigne",
    "sjukepleiar",
    "sjukepleiarar",
    "gjer",
    "gjere",
    "gje",
    "gjev",
    "sjølv",
    "sjølvstendig",
    "heim",
    "heime",
    "tenester",
    "teneste",
    "tenesta",
    "tenestene",
    "verksemd",
    "verksemda",
    "høve",
    "kunnskapar",
    "haldningar",
    "leggja",
    "leggje",
    "difor",
    "då",
    "elles",
    "bustad",
    "brukarar",
    "brukarane",
    "tilbod",
    "framtida",
    "arbeidsstad",
    "stad",
    "ynskjeleg",
    "ønskjeleg",
    "naudsynt",
    "røynsle",
    "medarbeidarar",
    "medarbeidar",
    "saman",
    "fleire",
    "mellombels",
    "utanfor",
    "gjennomført",
    "mogleg",
    "moglegheit",
    "moglegheiter",
    "vidare",
    "høgt",
    "høg",
    "høgare",
    "verdiar",
    "utdanningsløp",
    "fekk",
    "hugs",
    "oppmodar",
    "arbeidstakarar",
    "vert",
    "vart",
    "rettleiing",
    "lærar",
    "lærarar",
    "leiar",
    "leiarar",
    "vaktmeister",
    "reinhald",
    "reinhaldar",
    "fagleg",
    "faglege",
];

/// Words that are Bokmål and not Nynorsk.
const BOKMAL: &[&str] = &[
    "ikke",
    "jeg",
    "de",
    "dem",
    "deres",
    "en",
    "et",
    "være",
    "vært",
    "hvordan",
    "hva",
    "hvem",
    "hver",
    "hvert",
    "fra",
    "bare",
    "mye",
    "hele",
    "helt",
    "noe",
    "noen",
    "disse",
    "hos",
    "dere",
    "søkere",
    "søker",
    "søkerne",
    "søke",
    "ansatte",
    "ansatt",
    "ansettelse",
    "kvalifikasjoner",
    "arbeidsoppgaver",
    "oppgaver",
    "oppgave",
    "lønn",
    "ønsker",
    "egenskaper",
    "egen",
    "eget",
    "egne",
    "sykepleier",
    "sykepleiere",
    "gjør",
    "gjøre",
    "gi",
    "gir",
    "fikk",
    "selv",
    "selvstendig",
    "hjem",
    "hjemme",
    "tjenester",
    "tjeneste",
    "tjenesten",
    "tjenestene",
    "virksomhet",
    "virksomheten",
    "anledning",
    "kunnskaper",
    "holdninger",
    "legge",
    "derfor",
    "da",
    "nå",
    "ellers",
    "bolig",
    "brukere",
    "brukerne",
    "tilbud",
    "fremtiden",
    "arbeidssted",
    "sted",
    "ønskelig",
    "nødvendig",
    "erfaringer",
    "medarbeidere",
    "medarbeider",
    "sammen",
    "flere",
    "midlertidig",
    "utenfor",
    "mulig",
    "mulighet",
    "muligheter",
    "videre",
    "høyt",
    "høy",
    "høyere",
    "verdier",
    "blitt",
    "veiledning",
    "lærer",
    "lærere",
    "leder",
    "ledere",
    "vaktmester",
    "renhold",
    "renholder",
    "faglig",
    "faglige",
    "stillingen",
    "personlige",
    "mer",
    "meget",
    "enhet",
    "enheten",
];

/// Common English words that are not Norwegian.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "you",
    "we",
    "with",
    "is",
    "are",
    "will",
    "our",
    "your",
    "be",
    "have",
    "has",
    "this",
    "that",
    "or",
    "on",
    "by",
    "from",
    "who",
    "work",
    "job",
    "experience",
    "skills",
    "apply",
    "please",
    "if",
    "can",
    "not",
    "a",
    "in",
    "been",
    "would",
    "should",
    "their",
    "they",
    "which",
    "what",
    "about",
    "looking",
    "working",
    "position",
    "company",
    "requirements",
    "benefits",
    "good",
    "an",
    "great",
];

/// The language of a document and whether it was detected from the text.
pub(crate) fn choose(
    forced: Option<Language>,
    metadata: &BTreeMap<String, serde_json::Value>,
    body: &str,
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
        None => (detect(body), true),
    }
}

/// Every word of [`NYNORSK`], [`BOKMAL`] and [`ENGLISH`] with the lists it is in (in that
/// order), built once: detection looks up every word of every ad.
fn marker_words() -> &'static HashMap<&'static str, [bool; 3]> {
    static WORDS: OnceLock<HashMap<&'static str, [bool; 3]>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut map: HashMap<&'static str, [bool; 3]> = HashMap::new();
        for (i, list) in [NYNORSK, BOKMAL, ENGLISH].into_iter().enumerate() {
            for word in list {
                if let Some(slot) = map.entry(word).or_default().get_mut(i) {
                    *slot = true;
                }
            }
        }
        map
    })
}

/// The language `text` is most likely written in.
pub(crate) fn detect(text: &str) -> Language {
    let (mut nb, mut nn, mut en) = (0usize, 0usize, 0usize);
    let lists = marker_words();
    for word in words::words(text) {
        let w = word.as_str();
        if let Some(&[in_nn, in_nb, in_en]) = lists.get(w) {
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

    #[test]
    fn detects_nynorsk_without_front_matter() {
        let ad = "Reinhaldar til Fjellbygda skule\n\n\
                  Me søkjer ein blid reinhaldar som kan byrje frå august. Du vil vere ein del av \
                  eit lite og triveleg team. Det er ikkje krav om fagbrev, men du må like å \
                  arbeide sjølvstendig.\n\nKvalifikasjonar\n- Gode samarbeidsevner\n\
                  - Erfaring frå reinhald er ønskjeleg\n\nMe tilbyr løn etter tariff og \
                  opplæring. Søkjarar må leggje ved CV.";
        assert_eq!(detect(ad), Language::Nn);
    }

    #[test]
    fn detects_bokmal_and_english() {
        let nb = "Vi søker en blid renholder fra august. Du må like å jobbe selvstendig, og det \
                  er ikke krav om fagbrev. Vi tilbyr lønn etter tariff og opplæring hos oss.";
        assert_eq!(detect(nb), Language::Nb);
        let en = "We are looking for a cleaner to join our team. You will work with great \
                  colleagues, and experience is not required. Please apply by May.";
        assert_eq!(detect(en), Language::En);
    }

    #[test]
    fn forced_and_declared_languages_win() {
        let mut meta = BTreeMap::new();
        meta.insert("language".to_string(), serde_json::json!("nynorsk"));
        assert_eq!(
            choose(None, &meta, "Vi søker en renholder."),
            (Language::Nn, false)
        );
        assert_eq!(
            choose(Some(Language::En), &meta, "Vi søker."),
            (Language::En, false)
        );
        assert_eq!(
            choose(None, &BTreeMap::new(), "Vi søker en renholder."),
            (Language::Nb, true)
        );
    }
}
