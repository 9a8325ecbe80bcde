//! Section kinds: what a heading names, and what an item really is.
//!
//! Owns two decisions (design.md §2, domain.md "Modality is not in the headings"):
//!
//! 1. **Heading → [`SectionKind`]**, in Bokmål, Nynorsk and English. The heading is lowercased
//!    and split into words; a heading that says "fordel", "ønskelig", "gjerne", "nice to have" …
//!    is `preferred`; a portal label ("Utdanningsnivå", "Språk") is `other`; otherwise the kind
//!    whose pattern occurs *earliest* in the heading wins ("Spørsmål om stillingen" is about
//!    applying, "Kvalifikasjoner og personlige egenskaper" is requirements), ties going to the
//!    order of [`HEADINGS`]. "Vi søker deg som", "Vi ønsker at du", "Me søkjer" and the like are
//!    requirements: such blocks usually hold musts. "Om stillingen" is `duties`: it describes the
//!    work itself (and where the duties mention driving, rules need to see it there).
//! 2. **Item → effective section**: words in the item's own line override the block. A preferred
//!    marker ("ønskelig", "en fordel", "gjerne", "ikkje eit krav", "nice to have") makes an item of
//!    a requirements, preferred, personal, duties or other block `preferred`; a must marker ("må",
//!    "krav", "kreves", "required") makes an item of an `other` block (text under no or an unknown
//!    heading) `requirements`, and an item of a `preferred` block without a preferred marker
//!    `requirements` too. The adverbs "gjerne", "helst", "fortrinnsvis" count only when they do
//!    not follow a comma: after one they narrow a demand ("høyere utdanning, fortrinnsvis
//!    master") rather than soften it. Offer, about and application items keep their block's kind; portal
//!    fields are always `other`.
//!
//! It does not decide what is a heading (the format readers and `lines` do) or split sentences.

use super::words;
use super::words::WordList;
use super::{ItemKind, SectionKind};

/// Exact headings that are portal labels, not sections: their content is never a demand.
static PORTAL_HEADINGS: WordList = WordList::new(&[
    "utdanningsnivå",
    "utdanningsretning",
    "utdanningsnivå og retning",
    "språk",
    "arbeidsspråk",
    "stillingstype",
    "stillingsprosent",
    "arbeidstid",
    "arbeidstidsordning",
    "sektor",
    "antall stillinger",
    "tal stillingar",
    "nøkkelinformasjon",
    "nøkkelinfo",
    "sted",
    "ansettelsesform",
    "tilsettingsform",
    "varighet",
    "language",
    "languages",
    "education level",
    "employment type",
    "location",
    "sector",
    "start date",
]);

/// Heading words that make the whole block `preferred`.
static PREFERRED_HEADING: WordList = WordList::new(&[
    "fordel",
    "*fordel",
    "fordelaktig",
    "ønskel*",
    "ønskjel*",
    "ynskjel*",
    "ynskel*",
    "gjerne",
    "nice to have",
    "nice to haves",
    "preferred",
    "advantage*",
    "desirable",
    "a plus",
    "bonus",
]);

/// Heading patterns per kind (see [`super::words`] for the pattern language). The order breaks
/// ties between patterns that start at the same word.
static HEADINGS: [(SectionKind, WordList); 6] = [
    (
        SectionKind::Requirements,
        WordList::new(&[
            "kvalifikasjon*",
            "* kvalifikasjon*",
            "*kvalifikasjoner",
            "*kvalifikasjonar",
            "*krav",
            "krav*",
            "*kompetanse",
            "* kompetanse",
            "krav til *",
            "utdanning",
            "utdanning og erfaring",
            "erfaring",
            "hvem er du",
            "kven er du",
            "hvem søker vi",
            "kven søkjer vi",
            "hvem ser vi etter",
            "kven ser vi etter",
            "om deg",
            "du må",
            "du må ha",
            "du har",
            "du bør ha",
            "din profil",
            "profil",
            "qualification*",
            "requirement*",
            "required",
            "competenc*",
            "who we are looking for",
            "we are looking for",
            "what we are looking for",
            "what we look for",
            "what you bring",
            "what you need",
            "your profile",
            "profile",
            "about you",
            "who you are",
            "you have",
            "what you have",
            "you bring",
            "your background",
            "background",
            "must have*",
            "must haves",
            "the ideal candidate",
            "ideal candidate",
            "skills and experience",
            "experience",
            "education",
        ]),
    ),
    (
        SectionKind::Personal,
        WordList::new(&[
            "personlig*",
            "personleg*",
            "*egenskaper",
            "*eigenskapar",
            "egenskap*",
            "eigenskap*",
            "* egenskap*",
            "* eigenskap*",
            "du er",
            "personal qualit*",
            "personal skill*",
            "personal attribut*",
            "personality",
            "soft skills",
            "you are",
        ]),
    ),
    (
        SectionKind::Duties,
        WordList::new(&[
            "*oppgaver",
            "*oppgåver",
            "* *oppgaver",
            "* *oppgåver",
            "oppgave*",
            "oppgåve*",
            "om stillingen",
            "om stillinga",
            "stillingen",
            "stillinga",
            "stilling",
            "stillingsbeskrivelse",
            "stillingsomtale",
            "*område",
            "*områder",
            "*områda",
            "ansvar*",
            "arbeidet",
            "jobben",
            "hva skal du gjøre",
            "kva skal du gjere",
            "responsibilit*",
            "duties",
            "tasks",
            "your tasks",
            "job description",
            "the job",
            "the role",
            "the position",
            "role",
            "position",
            "what you will do",
            "about the role",
            "about the job",
            "about the position",
        ]),
    ),
    (
        SectionKind::Offer,
        WordList::new(&[
            "vi tilbyr",
            "vi kan tilby",
            "me tilbyr",
            "me kan tilby",
            "tilbyr",
            "tilbod",
            "hos oss får du",
            "hjå oss får du",
            "lønn*",
            "løn",
            "betingelser",
            "vilkår",
            "fordeler",
            "goder",
            "we offer",
            "what we offer",
            "we can offer",
            "benefits",
            "salary",
            "perks",
        ]),
    ),
    (
        SectionKind::About,
        WordList::new(&[
            "om oss",
            "om arbeidsplassen",
            "om arbeidsstaden",
            "om arbeidsstedet",
            "om kommunen",
            "om tenesta",
            "om tjenesten",
            "om",
            "arbeidssted*",
            "arbeidsstad*",
            "hvem er vi",
            "kven er vi",
            "virksomheten",
            "verksemda",
            "about",
            "about us",
            "about the workplace",
            "about the company",
            "who we are",
            "the company",
        ]),
    ),
    (
        SectionKind::Application,
        WordList::new(&[
            "søknad*",
            "*søknad",
            "søk",
            "slik søker du",
            "slik søkjer du",
            "hvordan søke",
            "korleis søkje",
            "*frist",
            "kontakt*",
            "*kontakt",
            "spørsmål*",
            "mer informasjon",
            "meir informasjon",
            "informasjon",
            "how to apply",
            "apply",
            "application*",
            "applying*",
            "deadline",
            "contact*",
            "more information",
            "further information",
        ]),
    ),
];

/// Sentence openings that introduce what the employer wants from the candidate; followed by
/// nothing or by words about the candidate ("Vi søker deg som", "Vi ønsker at du har").
static INTROS: WordList = WordList::new(&[
    "vi søker",
    "vi søkjer",
    "me søkjer",
    "me søker",
    "vi ser etter",
    "me ser etter",
    "vi leter etter",
    "vi ønsker",
    "vi ønskjer",
    "me ønskjer",
    "vi ynskjer",
    "me ynskjer",
    "dette ønsker vi",
    "dette ønskjer vi",
    "dette ser vi etter",
    "dette søker vi",
    "hva vi ser etter",
    "kva vi ser etter",
    "kva me ser etter",
    "hva vi søker",
    "kva vi søkjer",
    "kva me søkjer",
    "vi tror at du",
    "we are looking for",
    "we re looking for",
    "we seek",
    "we want",
    "we would like",
]);

/// Words after an intro that show it is about the candidate.
static INTRO_CANDIDATE: WordList = WordList::new(&[
    "deg",
    "du",
    "som",
    "person*",
    "medarbeider*",
    "medarbeidar*",
    "kandidat*",
    "søker*",
    "søkjar*",
    "you",
    "someone",
    "candidate*",
]);

/// Words in an item that make it nice-to-have (checked before the must markers, so
/// "ikkje eit krav" is preferred).
static PREFERRED_MARKERS: WordList = WordList::new(&[
    "ønskel*",
    "ønskjel*",
    "ynskjel*",
    "ynskel*",
    "en fordel",
    "ein fordel",
    "med fordel",
    "fordel med",
    "fordel om",
    "fordel at",
    "fordelaktig",
    "et fortrinn",
    "eit fortrinn",
    "ikke et krav",
    "ikkje eit krav",
    "ikke noe krav",
    "ikkje noko krav",
    "ikke krav",
    "ikkje krav",
    "ingen krav",
    "ikke nødvendig",
    "ikkje naudsynt",
    "ikkje nødvendig",
    "ingen betingelse",
    "ikke en betingelse",
    "ikke påkrevd",
    "is an advantage",
    "an advantage",
    "a plus",
    "nice to have",
    "preferred",
    "preferably",
    "not required",
    "not a requirement",
    "desirable",
]);

/// Adverbs that make an item nice-to-have only when they do not follow a comma: "Gjerne erfaring
/// med barn" is a wish, but in "høyere utdanning, fortrinnsvis master" the adverb narrows a
/// demand that stays a demand.
const WEAK_PREFERRED_MARKERS: &[&str] =
    &["gjerne", "helst", "fortrinnsvis", "preferably", "ideally"];

/// Words in an item that make it a must.
static MUST_MARKERS: WordList = WordList::new(&[
    "må",
    "krav",
    "utdanningskrav",
    "kompetansekrav",
    "kvalifikasjonskrav",
    "minimumskrav",
    "språkkrav",
    "kravet",
    "krava",
    "kravene",
    "kreves",
    "krevst",
    "krever",
    "krev",
    "påkrevd",
    "påkrevet",
    "påkravd",
    "skal ha",
    "forutsetning",
    "forutsettes",
    "føresetnad",
    "føresett",
    "føresetnaden",
    "nødvendig",
    "naudsynt",
    "lyt",
    "required",
    "requirement",
    "must",
    "essential",
    "mandatory",
]);

/// Openings of a sentence that says whom the employer looks for ("Vi søker etter en person med
/// høyere utdanning"): with a following "med"/"with"/"som har" they state a must.
static SEEKS: WordList = WordList::new(&[
    "vi søker",
    "vi søkjer",
    "me søkjer",
    "vi ser etter",
    "me ser etter",
    "vi leter etter",
    "vi leiter etter",
    "me leiter etter",
    "we are looking for",
    "we seek",
    "we are seeking",
]);

/// What turns a "Vi søker …" opening into a demand: the qualities that follow.
static SEEKS_WITH: WordList = WordList::new(&["med", "som har", "with", "who has", "who have"]);

/// True for a sentence like "Vi søker etter en engasjert person med høyere utdanning".
fn seeks_someone_with(w: &[String]) -> bool {
    SEEKS
        .prefix_lengths(w)
        .any(|n| w.get(n..).is_some_and(|rest| SEEKS_WITH.contains_any(rest)))
}

/// A heading's text for display and classification: markup (`*`, `_`, `#`, backticks), a
/// trailing colon and extra whitespace removed.
pub(crate) fn clean_heading(raw: &str) -> String {
    let no_markup: String = raw
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let text = no_markup.trim().trim_matches('#').trim();
    let text = text.trim_end_matches([':', ';']).trim_end();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section a heading names (`Other` when it names none we know).
pub(crate) fn classify_heading(heading: &str) -> SectionKind {
    let w = words::words(heading);
    if w.is_empty() || PORTAL_HEADINGS.matches_exactly(&w) {
        return SectionKind::Other;
    }
    if PREFERRED_HEADING.contains_any(&w) {
        return SectionKind::Preferred;
    }
    if is_intro(&w) {
        return SectionKind::Requirements;
    }
    // The earliest match wins; `min_by_key` keeps the first of equals, so ties go to the order
    // of HEADINGS.
    HEADINGS
        .iter()
        .filter_map(|(kind, patterns)| patterns.find_first(&w).map(|at| (at, *kind)))
        .min_by_key(|(at, _)| *at)
        .map_or(SectionKind::Other, |(_, kind)| kind)
}

/// No heading phrase in the lists is longer than this many words.
const MAX_HEADING_PHRASE_WORDS: usize = 10;

/// The section a bare line names when the line *is* a heading phrase ("Kvalifikasjoner",
/// "Vi tilbyr", "Personlege eigenskapar") rather than merely containing one ("Lønn etter avtale").
pub(crate) fn heading_name(line: &str) -> Option<SectionKind> {
    // A heading phrase is short; most lines are not, and need no list lookups.
    if words::count(line) > MAX_HEADING_PHRASE_WORDS {
        return None;
    }
    let w = words::words(line);
    if w.is_empty() {
        return None;
    }
    if PORTAL_HEADINGS.matches_exactly(&w) {
        return Some(SectionKind::Other);
    }
    if PREFERRED_HEADING.matches_exactly(&w) {
        return Some(SectionKind::Preferred);
    }
    if is_intro(&w) {
        return Some(SectionKind::Requirements);
    }
    HEADINGS
        .iter()
        .find(|(_, patterns)| patterns.matches_exactly(&w))
        .map(|(kind, _)| *kind)
}

/// True for "Vi søker deg som", "Me søkjer", "Vi ønsker at du har" and the like.
fn is_intro(w: &[String]) -> bool {
    INTROS.prefix_lengths(w).any(|n| {
        let rest = w.get(n..).unwrap_or(&[]);
        rest.is_empty() || INTRO_CANDIDATE.contains_any(rest)
    })
}

/// The effective section of an item of `kind` with `text`, in a block of section `block`.
pub(crate) fn effective(block: SectionKind, kind: ItemKind, text: &str) -> SectionKind {
    match kind {
        ItemKind::Field => return SectionKind::Other,
        ItemKind::Title => return SectionKind::Title,
        ItemKind::ListItem | ItemKind::Paragraph => {}
    }
    let w = words::words(text);
    let preferred = PREFERRED_MARKERS.contains_any(&w)
        || (w
            .iter()
            .any(|word| WEAK_PREFERRED_MARKERS.contains(&word.as_str()))
            && has_weak_marker(text));
    // Modality is the clause's (issue 11): "Fagbrev er et krav, erfaring er en fordel" keeps its
    // must; the engine softens the preferred clause alone.
    let preferred = preferred && !has_must_clause(text);
    let must = || MUST_MARKERS.contains_any(&w);
    match block {
        SectionKind::Requirements
        | SectionKind::Personal
        | SectionKind::Duties
        | SectionKind::Other
            if preferred =>
        {
            SectionKind::Preferred
        }
        SectionKind::Other if must() || seeks_someone_with(&w) => SectionKind::Requirements,
        SectionKind::Preferred if !preferred && must() => SectionKind::Requirements,
        other => other,
    }
}

/// True when a clause of `text` (cut at `, ; . ! ?` and " men ") is a must without a preferred
/// marker of its own.
fn has_must_clause(text: &str) -> bool {
    text.split([',', ';', '.', '!', '?'])
        .flat_map(|part| part.split(" men "))
        .any(|clause| {
            let w = words::words(clause);
            MUST_MARKERS.contains_any(&w) && !PREFERRED_MARKERS.contains_any(&w)
        })
}

/// True when a weak preferred marker occurs in `text` other than right after a comma.
fn has_weak_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    WEAK_PREFERRED_MARKERS.iter().any(|marker| {
        lower.match_indices(marker).any(|(at, m)| {
            let before = lower.get(..at).unwrap_or("");
            let after = lower.get(at + m.len()..).unwrap_or("");
            let starts_word = !before
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let ends_word = !after.chars().next().is_some_and(char::is_alphanumeric);
            let after_comma = before.trim_end().ends_with(',');
            starts_word && ends_word && !after_comma
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn bokmal_headings() {
        for (heading, kind) in [
            ("Kvalifikasjoner:", Requirements),
            ("**Krav til kompetanse**", Requirements),
            ("Kompetansekrav", Requirements),
            ("Ønskede kvalifikasjoner", Requirements),
            ("Ønsket kompetanse", Requirements),
            ("Vi søker deg som", Requirements),
            ("Vi ønsker at du", Requirements),
            ("Vi søker en person som:", Requirements),
            ("Dette ønsker vi at du har:", Requirements),
            ("Hvem er du?", Requirements),
            ("Utdanning", Requirements),
            ("Det er en fordel om du har", Preferred),
            ("Ønskelige kvalifikasjoner", Preferred),
            ("Arbeidsoppgaver", Duties),
            ("Om stillingen", Duties),
            ("Personlige egenskaper", Personal),
            ("Vi tilbyr", Offer),
            ("Hos oss får du:", Offer),
            ("Lønn", Offer),
            ("Om oss", About),
            ("Om kommunen", About),
            ("Søknadsfrist", Application),
            ("Slik søker du", Application),
            ("Spørsmål om stillingen", Application),
            ("Kontaktinformasjon", Application),
            ("Utdanningsnivå", Other),
            ("Vi søker sveiser til verkstedet", Other),
            ("Annet", Other),
        ] {
            assert_eq!(classify_heading(heading), kind, "{heading}");
        }
    }

    #[test]
    fn nynorsk_headings() {
        for (heading, kind) in [
            ("Kvalifikasjonar", Requirements),
            ("Vi ønskjer at du", Requirements),
            ("Me søkjer", Requirements),
            ("Kven er du", Requirements),
            ("Det er ønskjeleg at du har", Preferred),
            ("Ynskjeleg", Preferred),
            ("Arbeidsoppgåver", Duties),
            ("Personlege eigenskapar", Personal),
            ("Me tilbyr", Offer),
            ("Om tenesta", About),
            ("Slik søkjer du", Application),
        ] {
            assert_eq!(classify_heading(heading), kind, "{heading}");
        }
    }

    #[test]
    fn english_headings() {
        for (heading, kind) in [
            ("Qualifications", Requirements),
            ("Requirements:", Requirements),
            ("Who we are looking for", Requirements),
            ("We are looking for someone who", Requirements),
            ("Nice to have", Preferred),
            ("Experience in care is an advantage", Preferred),
            ("Responsibilities", Duties),
            ("Your tasks", Duties),
            ("Personal qualities", Personal),
            ("What we offer", Offer),
            ("About us", About),
            ("How to apply", Application),
            ("Contact", Application),
        ] {
            assert_eq!(classify_heading(heading), kind, "{heading}");
        }
    }

    #[test]
    fn no_heading_phrase_is_longer_than_the_early_exit() {
        let lists = HEADINGS
            .iter()
            .flat_map(|(_, l)| l.patterns())
            .chain(PORTAL_HEADINGS.patterns())
            .chain(PREFERRED_HEADING.patterns())
            .chain(INTROS.patterns());
        for pattern in lists {
            assert!(
                words::count(pattern) <= MAX_HEADING_PHRASE_WORDS,
                "{pattern}"
            );
        }
    }

    #[test]
    fn english_headings_of_real_ads() {
        for (heading, kind) in [
            ("You have:", Requirements),
            ("Your background", Requirements),
            ("Must-haves", Requirements),
            ("The ideal candidate", Requirements),
            ("You are", Personal),
            ("About the role", Duties),
            ("About us", About),
        ] {
            assert_eq!(classify_heading(heading), kind, "{heading}");
        }
    }

    #[test]
    fn what_we_look_for_is_requirements() {
        for heading in ["Kva vi ser etter", "Hva vi ser etter", "Kva me søkjer"] {
            assert_eq!(classify_heading(heading), Requirements, "{heading}");
        }
    }

    #[test]
    fn bare_lines_must_be_heading_phrases() {
        assert_eq!(heading_name("Kvalifikasjoner"), Some(Requirements));
        assert_eq!(heading_name("Personlege eigenskapar"), Some(Personal));
        assert_eq!(heading_name("Vi tilbyr"), Some(Offer));
        assert_eq!(heading_name("Lønn etter avtale"), None);
        assert_eq!(heading_name("Gode pensjonsordninger"), None);
    }

    #[test]
    fn item_modality_comes_from_its_own_line() {
        let item = |block, text| effective(block, ItemKind::ListItem, text);
        assert_eq!(
            item(Requirements, "Fagbrev som helsefagarbeider"),
            Requirements
        );
        assert_eq!(
            item(Requirements, "Førerkort klasse B er ønskelig"),
            Preferred
        );
        assert_eq!(item(Requirements, "Erfaring er en fordel"), Preferred);
        assert_eq!(item(Requirements, "Fagbrev er ikkje eit krav"), Preferred);
        assert_eq!(item(Personal, "Gjerne erfaring med barn"), Preferred);
        assert_eq!(item(Preferred, "Du må ha førarkort"), Requirements);
        assert_eq!(item(Preferred, "Kjennskap til Gerica"), Preferred);
        assert_eq!(item(Other, "Du må ha politiattest"), Requirements);
        assert_eq!(item(Other, "Utdanningskrav: bachelor"), Requirements);
        assert_eq!(item(Other, "Vi er en trivelig arbeidsplass"), Other);
        assert_eq!(
            item(
                Other,
                "Vi søker etter en engasjert person med høyere utdanning."
            ),
            Requirements
        );
        assert_eq!(
            item(Other, "We are looking for a nurse with a degree."),
            Requirements
        );
        assert_eq!(item(Other, "Vi søker en ny kollega til teamet."), Other);
        assert_eq!(
            item(Other, "Det er ein føresetnad at du har fagbrev."),
            Requirements
        );
        assert_eq!(item(Offer, "Du må gjerne ta kontakt"), Offer);
        assert_eq!(
            item(Application, "Søknaden må sendes elektronisk"),
            Application
        );
        assert_eq!(item(About, "Vi har krav til kvalitet"), About);
        assert_eq!(item(Requirements, "Experience is an advantage"), Preferred);
        assert_eq!(
            item(Requirements, "Gjerne erfaring fra barnehage"),
            Preferred
        );
        assert_eq!(
            item(Requirements, "Høyere utdanning, fortrinnsvis på masternivå"),
            Requirements
        );
        assert_eq!(item(Other, "Vi har skjerpede miljøkrav"), Other);
        assert_eq!(
            effective(Requirements, ItemKind::Field, "Utdanning: Fagbrev"),
            Other
        );
    }

    #[test]
    fn clean_heading_drops_markup_and_colon() {
        assert_eq!(clean_heading("**Kvalifikasjoner:**"), "Kvalifikasjoner");
        assert_eq!(clean_heading("## Vi  tilbyr ##"), "Vi tilbyr");
    }
}

#[cfg(test)]
mod clause_modality_tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn a_must_clause_keeps_the_item_a_must() {
        for (text, kind) in [
            ("Fagbrev er et krav, erfaring er en fordel.", Requirements),
            ("Du må ha førerkort. Erfaring er ønskelig.", Requirements),
            ("Fagbrev er eit krav, erfaring er ein fordel.", Requirements),
            ("Erfaring er en fordel, men ikke et krav.", Preferred),
            (
                "Gode norskkunnskaper, muntlig og skriftlig, er en fordel.",
                Preferred,
            ),
            ("Førerkort er ønskelig", Preferred),
        ] {
            assert_eq!(
                effective(Requirements, ItemKind::ListItem, text),
                kind,
                "{text}"
            );
        }
    }
}
