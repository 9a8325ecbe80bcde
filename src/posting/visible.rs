//! What a reader of the ad sees, for language detection, and the languages terskel has no
//! rules for.
//!
//! Owns two decisions that come before the rules run:
//! - [`text`]: the visible text of a body. Comments (`<!-- … -->`), markup tags, link targets
//!   (`](…)`), URLs and e-mail addresses are left out, so an English editor's note in a comment
//!   or an English URL does not make a Bokmål ad "English".
//! - [`unsupported`]: an ad written in Swedish, Danish, German, … (detected from function words
//!   that Norwegian and English do not use) or declared so in front matter (`lang: sv`), which
//!   gets one notice instead of Bokmål rules; and [`unsupported_name`] for a declared code.
//!
//! It does not choose among Bokmål, Nynorsk and English (that is `language`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The visible text of `body`: comments, tags, link targets, URLs and e-mail addresses become
/// spaces. Only for detection; positions are not kept. A body without any of them (the text of
/// an HTML page or a JSON field, once extracted) is returned as it is, without a copy.
pub(crate) fn text(body: &str) -> std::borrow::Cow<'_, str> {
    let plain = !body.contains(['<', '@'])
        && !body.contains("](")
        && !body.contains("http")
        && !body.contains("www.");
    if plain {
        return body.into();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map_or(rest.len(), |i| i + 3)
        } else if c == '<'
            && rest.get(1..).is_some_and(|r| {
                r.starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!')
            })
        {
            rest.find('>').map_or(1, |i| i + 1)
        } else if rest.starts_with("](") {
            rest.find(')').map_or(2, |i| i + 1)
        } else if rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("www.")
        {
            rest.find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '<'))
                .unwrap_or(rest.len())
        } else {
            0
        };
        if skip > 0 {
            out.push(' ');
            rest = rest.get(skip..).unwrap_or("");
            continue;
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    // E-mail addresses: words with an @.
    out.split(' ')
        .map(|w| if w.contains('@') { "" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// Function words of languages terskel has no rules for, that neither Norwegian nor English
/// uses (so that a Norwegian ad never scores on them).
const FOREIGN: &[(&str, &[&str])] = &[
    (
        "Swedish",
        &[
            "och",
            "att",
            "är",
            "inte",
            "för",
            "söker",
            "också",
            "arbeta",
            "arbetar",
            "erfarenhet",
            "tjänst",
            "tjänsten",
            "ansökan",
            "kvalifikationer",
            "körkort",
            "dig",
            "mig",
            "vill",
            "mycket",
            "från",
            "här",
            "där",
            "människor",
            "arbetsuppgifter",
            "svenska",
            "skola",
            "våra",
            "lön",
        ],
    ),
    (
        "Danish",
        &[
            "af",
            "efter",
            "hvad",
            "nogle",
            "meget",
            "søger",
            "ansøgning",
            "arbejde",
            "arbejdet",
            "arbejder",
            "medarbejder",
            "medarbejdere",
            "uddannelse",
            "vores",
            "jeres",
            "ansøgere",
            "spørgsmål",
            "sig",
            "mig",
            "dig",
            "blive",
            "bliver",
            "ansættelse",
            "opgaver",
            "kvalifikationer",
            "kørekort",
            "dansk",
        ],
    ),
    (
        "German",
        &[
            "und",
            "die",
            "das",
            "wir",
            "suchen",
            "sie",
            "ist",
            "nicht",
            "mit",
            "für",
            "eine",
            "einen",
            "zu",
            "von",
            "auf",
            "bei",
            "sind",
            "werden",
            "oder",
            "auch",
            "als",
            "ihre",
            "ihnen",
            "unsere",
            "unser",
            "stelle",
            "erfahrung",
            "kenntnisse",
            "führerschein",
            "bewerbung",
            "aufgaben",
            "anforderungen",
            "bieten",
            "deutsch",
        ],
    ),
];

/// Words that mark Norwegian or English text: none of them is in [`FOREIGN`], and none is
/// shared with Swedish or Danish (`vi`, `du`, `en`, `med`, `som` are).
const NATIVE: &[&str] = &[
    "ikke",
    "ikkje",
    "søker",
    "søkjer",
    "deg",
    "seg",
    "meg",
    "våre",
    "ansatte",
    "tilsette",
    "arbeidsoppgaver",
    "arbeidsoppgåver",
    "kvalifikasjoner",
    "kvalifikasjonar",
    "stillinga",
    "fra",
    "frå",
    "jobb",
    "lønn",
    "søknad",
    "søknadsfrist",
    "tilbyr",
    "arbeid",
    "bli",
    "blir",
    "the",
    "and",
    "we",
    "you",
    "with",
    "our",
    "your",
    "are",
    "is",
    "to",
    "of",
    "job",
];

/// How many foreign words an ad needs before it is taken for that language.
const MIN_FOREIGN: usize = 6;

/// How many Norwegian or English marker words settle that an ad is not foreign: the scan stops
/// there (most ads reach it in their first lines).
const ENOUGH_NATIVE: usize = 12;

/// Foreign words (to the indices of [`FOREIGN`] they belong to), and the native words.
struct Lists {
    foreign: HashMap<&'static str, Vec<usize>>,
    native: HashSet<&'static str>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let native: HashSet<&str> = NATIVE.iter().copied().collect();
        let mut foreign: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (_, words)) in FOREIGN.iter().enumerate() {
            for word in *words {
                if !native.contains(word) {
                    foreign.entry(word).or_default().push(i);
                }
            }
        }
        Lists { foreign, native }
    })
}

/// The language terskel has no rules for that `visible` is written in, if any: it must have at
/// least [`MIN_FOREIGN`] of that language's words and more than twice as many as Norwegian and
/// English ones.
pub(crate) fn unsupported(visible: &str) -> Option<&'static str> {
    // A cheap gate first: no letter and no word that these languages cannot do without means
    // no scan (the common case: a Norwegian or English ad).
    let maybe = [
        "ä", "ö", "ü", "ß", "Ä", "Ö", "Ü", " och ", " att ", " und ", " die ", " das ", " af ",
        " efter ", "arbejd", "søger", " hvad ",
    ]
    .iter()
    .any(|marker| visible.contains(marker));
    if !maybe {
        return None;
    }
    let Lists { foreign, native } = lists();
    let mut scores = vec![0usize; FOREIGN.len()];
    let mut own = 0usize;
    for word in visible
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word: std::borrow::Cow<'_, str> = if word.chars().any(char::is_uppercase) {
            word.to_lowercase().into()
        } else {
            word.into()
        };
        if native.contains(word.as_ref()) {
            own += 1;
            if own >= ENOUGH_NATIVE && scores.iter().all(|&s| s <= 2 * own) {
                return None;
            }
        } else if let Some(langs) = foreign.get(word.as_ref()) {
            for &i in langs {
                if let Some(score) = scores.get_mut(i) {
                    *score += 1;
                }
            }
        }
    }
    let (best, &score) = scores
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i)))?;
    (score >= MIN_FOREIGN && score > 2 * own)
        .then(|| FOREIGN.get(best).map(|(name, _)| *name))
        .flatten()
}

/// The name of a language terskel knows of but has no rules for, from a code or name given in
/// front matter (`sv`, `svenska`, `de`, `German`, …).
pub(crate) fn unsupported_name(value: &str) -> Option<&'static str> {
    let value = value.trim().to_lowercase();
    let base = value.split(['-', '_']).next().unwrap_or("");
    Some(match base {
        "sv" | "swe" | "svenska" | "swedish" | "svensk" => "Swedish",
        "da" | "dan" | "dansk" | "danish" => "Danish",
        "de" | "deu" | "ger" | "deutsch" | "german" | "tysk" => "German",
        "fi" | "fin" | "suomi" | "finnish" | "finsk" => "Finnish",
        "se" | "sme" | "sámi" | "sami" | "samisk" | "davvisámegiella" => "Northern Sami",
        "pl" | "pol" | "polski" | "polish" | "polsk" => "Polish",
        "fr" | "fra" | "fre" | "français" | "french" | "fransk" => "French",
        "es" | "spa" | "español" | "spanish" | "spansk" => "Spanish",
        "uk" | "ukr" | "ukrainian" | "ukrainsk" => "Ukrainian",
        "ar" | "ara" | "arabic" | "arabisk" => "Arabic",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_tags_urls_and_addresses_are_not_visible() {
        let text = text("<!-- the editor's note -->Vi <b>søker</b> [deg](https://example.com/the/job) på https://x.no/and/the nå@x.no");
        assert!(!text.contains("editor"), "{text}");
        assert!(!text.contains("example"), "{text}");
        assert!(!text.contains("the"), "{text}");
        assert!(!text.contains('@'), "{text}");
        assert!(text.contains("Vi") && text.contains("søker") && text.contains("deg"));
        assert_eq!(super::text("Lønn < 500 000"), "Lønn < 500 000");
    }

    #[test]
    fn swedish_and_german_are_told_from_norwegian() {
        let sv = "Vi söker en lokalvårdare till vår skola. Du kommer att arbeta med städning och är en del av ett team.";
        assert_eq!(unsupported(sv), Some("Swedish"));
        let de = "Wir suchen eine Reinigungskraft für unsere Schule. Sie arbeiten in einem Team und sind für die Reinigung zuständig.";
        assert_eq!(unsupported(de), Some("German"));
        let nb = "Vi søker en renholder til skolen. Du må ha førerkort, og du får opplæring av våre ansatte.";
        assert_eq!(unsupported(nb), None);
        let en = "We are looking for a cleaner for our school. You will work with the team and the pupils.";
        assert_eq!(unsupported(en), None);
        assert_eq!(unsupported_name("sv-SE"), Some("Swedish"));
        assert_eq!(unsupported_name("klingon"), None);
    }
}
