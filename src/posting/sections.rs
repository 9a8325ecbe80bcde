//! Section kinds: what a heading names, and what an item really is.
//!
//! Owns two decisions (design.md §2, domain.md "Modality is not in the headings"):
//!
//! 1. **Heading → [`SectionKind`]**, in Bokmål, Nynorsk and English. The heading is lowercased
//!    and split into words; a heading that says "fordel", "ønskelig", "gjerne", "nice to have" …
//!    is `preferred`; a portal label ("Utdanningsnivå", "Språk") is `other`; otherwise the kind
//!    whose pattern occurs *earliest* in the heading wins ("Spørsmål om stillingen" is about
//!    applying, "Kvalifikasjoner og personlige egenskaper" is requirements), ties going to the
//!    order of [`HEADING_KINDS`]. "Vi søker deg som", "Vi ønsker at du", "Me søkjer" and the like are
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
//! The words are the [`Vocabulary`]'s (`headings-*` and `markers-*` in the rule pack); the
//! decisions are made here. It does not decide what is a heading (the format readers and `lines`
//! do) or split sentences.

use super::vocabulary::{ListName, HEADING_KINDS, MAX_HEADING_PHRASE_WORDS};
use super::words;
use super::{ItemKind, SectionKind, Vocabulary};

/// True for a sentence like "Vi søker etter en engasjert person med høyere utdanning".
fn seeks_someone_with(w: &[String], v: &Vocabulary) -> bool {
    let with = v.list(ListName::SeeksWith);
    v.list(ListName::Seeks)
        .prefix_lengths(w)
        .any(|n| w.get(n..).is_some_and(|rest| with.contains_any(rest)))
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
pub(crate) fn classify_heading(heading: &str, v: &Vocabulary) -> SectionKind {
    let w = words::words(heading);
    if w.is_empty() || v.list(ListName::PortalHeadings).matches_exactly(&w) {
        return SectionKind::Other;
    }
    if v.list(ListName::PreferredHeadings).contains_any(&w) {
        return SectionKind::Preferred;
    }
    if is_intro(&w, v) {
        return SectionKind::Requirements;
    }
    // The earliest match wins; `min_by_key` keeps the first of equals, so ties go to the order
    // of HEADING_KINDS.
    HEADING_KINDS
        .iter()
        .filter_map(|(kind, list)| v.list(*list).find_first(&w).map(|at| (at, *kind)))
        .min_by_key(|(at, _)| *at)
        .map_or(SectionKind::Other, |(_, kind)| kind)
}

/// The section a bare line names when the line *is* a heading phrase ("Kvalifikasjoner",
/// "Vi tilbyr", "Personlege eigenskapar") rather than merely containing one ("Lønn etter avtale").
pub(crate) fn heading_name(line: &str, v: &Vocabulary) -> Option<SectionKind> {
    // A heading phrase is short; most lines are not, and need no list lookups.
    if words::count(line) > MAX_HEADING_PHRASE_WORDS {
        return None;
    }
    let w = words::words(line);
    if w.is_empty() {
        return None;
    }
    if v.list(ListName::PortalHeadings).matches_exactly(&w) {
        return Some(SectionKind::Other);
    }
    if v.list(ListName::PreferredHeadings).matches_exactly(&w) {
        return Some(SectionKind::Preferred);
    }
    if is_intro(&w, v) {
        return Some(SectionKind::Requirements);
    }
    HEADING_KINDS
        .iter()
        .find(|(_, list)| v.list(*list).matches_exactly(&w))
        .map(|(kind, _)| *kind)
}

/// True for "Vi søker deg som", "Me søkjer", "Vi ønsker at du har" and the like.
fn is_intro(w: &[String], v: &Vocabulary) -> bool {
    let candidate = v.list(ListName::IntroCandidate);
    v.list(ListName::Intros).prefix_lengths(w).any(|n| {
        let rest = w.get(n..).unwrap_or(&[]);
        rest.is_empty() || candidate.contains_any(rest)
    })
}

/// The effective section of an item of `kind` with `text`, in a block of section `block`.
pub(crate) fn effective(
    block: SectionKind,
    kind: ItemKind,
    text: &str,
    v: &Vocabulary,
) -> SectionKind {
    match kind {
        ItemKind::Field => return SectionKind::Other,
        ItemKind::Title => return SectionKind::Title,
        ItemKind::ListItem | ItemKind::Paragraph => {}
    }
    let w = words::words(text);
    let weak = v.words(ListName::WeakPreferredMarkers);
    let preferred = v.list(ListName::PreferredMarkers).contains_any(&w)
        || (w.iter().any(|word| weak.contains(word)) && has_weak_marker(text, weak));
    // Modality is the clause's (issue 11): "Fagbrev er et krav, erfaring er en fordel" keeps its
    // must; the engine softens the preferred clause alone.
    let preferred = preferred && !has_must_clause(text, v);
    let must = || v.list(ListName::MustMarkers).contains_any(&w);
    match block {
        SectionKind::Requirements
        | SectionKind::Personal
        | SectionKind::Duties
        | SectionKind::Other
            if preferred =>
        {
            SectionKind::Preferred
        }
        SectionKind::Other if must() || seeks_someone_with(&w, v) => SectionKind::Requirements,
        SectionKind::Preferred if !preferred && must() => SectionKind::Requirements,
        other => other,
    }
}

/// True when a clause of `text` (cut at `, ; . ! ?` and " men ") is a must without a preferred
/// marker of its own.
fn has_must_clause(text: &str, v: &Vocabulary) -> bool {
    let (must, preferred) = (
        v.list(ListName::MustMarkers),
        v.list(ListName::PreferredMarkers),
    );
    text.split([',', ';', '.', '!', '?'])
        .flat_map(|part| part.split(" men "))
        .any(|clause| {
            let w = words::words(clause);
            must.contains_any(&w) && !preferred.contains_any(&w)
        })
}

/// True when a weak preferred marker occurs in `text` other than right after a comma.
fn has_weak_marker(text: &str, markers: &[String]) -> bool {
    let lower = text.to_lowercase();
    markers.iter().any(|marker| {
        let marker = marker.as_str();
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

    fn v() -> &'static Vocabulary {
        crate::rules::default_vocabulary()
    }

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
            assert_eq!(classify_heading(heading, v()), kind, "{heading}");
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
            assert_eq!(classify_heading(heading, v()), kind, "{heading}");
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
            assert_eq!(classify_heading(heading, v()), kind, "{heading}");
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
            assert_eq!(classify_heading(heading, v()), kind, "{heading}");
        }
    }

    #[test]
    fn what_we_look_for_is_requirements() {
        for heading in ["Kva vi ser etter", "Hva vi ser etter", "Kva me søkjer"] {
            assert_eq!(classify_heading(heading, v()), Requirements, "{heading}");
        }
    }

    #[test]
    fn bare_lines_must_be_heading_phrases() {
        assert_eq!(heading_name("Kvalifikasjoner", v()), Some(Requirements));
        assert_eq!(heading_name("Personlege eigenskapar", v()), Some(Personal));
        assert_eq!(heading_name("Vi tilbyr", v()), Some(Offer));
        assert_eq!(heading_name("Lønn etter avtale", v()), None);
        assert_eq!(heading_name("Gode pensjonsordninger", v()), None);
    }

    #[test]
    fn item_modality_comes_from_its_own_line() {
        let item = |block, text| effective(block, ItemKind::ListItem, text, v());
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
            effective(Requirements, ItemKind::Field, "Utdanning: Fagbrev", v()),
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

    fn v() -> &'static Vocabulary {
        crate::rules::default_vocabulary()
    }

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
                effective(Requirements, ItemKind::ListItem, text, v()),
                kind,
                "{text}"
            );
        }
    }
}
