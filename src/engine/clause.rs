//! What one clause of an item does (issue 11): demand, offer an alternative, soften or negate.
//!
//! Owns the small per-language lexicons behind three decisions the kinds share:
//!
//! 1. **Not a demand** ([`not_a_demand`]): lines of a requirements list that ask nothing of the
//!    applicant: the lawful suitability formula ("personlig egnethet vil bli vektlagt"),
//!    application steps and references, the police certificate the law requires, encouragements
//!    ("menn oppfordres til å søke"), inline sub-headings ("**Personlige egenskaper:**").
//! 2. **The alternative path** ([`is_alternative`]): a sentence that opens another route in
//!    ("kan kompenseres med", "vil andre bli vurdert", "eller tilsvarende", "realkompetanse").
//!    Such a sentence is never itself a demand, and it cancels a formal demand of its block.
//! 3. **Clause modality** ([`softened`]): "er en fordel", "vil bli prioritert", "ikke et krav",
//!    "må nødvendigvis ikke" decide the clause they govern; a clause is cut at sentence ends,
//!    semicolons and a comma or slash followed by a new subject or conjunction.
//!
//! Entries are folded (lowercase) phrases matched on word boundaries; a trailing `*` makes the
//! last word a prefix ("referanse*" matches "referansar").

use super::casefold::{fold, holds_phrase};

/// Lines that ask nothing of the applicant (nb, nn, en).
#[rustfmt::skip]
const NOT_DEMANDS: &[&str] = &[
    // the lawful suitability formula
    "personlig egnethet", "personleg eignaheit", "personleg eigna*", "personal suitability",
    "personal qualities will be",
    // application steps and references
    "referans*", "reference*", "referee*", "søknaden*", "søknad må", "søknad skal", "legg ved",
    "vedlegg", "send søknad*", "søk via", "søk elektronisk", "apply online", "apply via",
    "your application", "cover letter",
    // certificates the law requires
    "politiattest*", "barneomsorgsattest*", "police certificate*", "police clearance",
    "criminal record",
    // encouragements
    "oppfordres", "oppfordrer", "oppfordrar", "oppmodast", "oppmodar",
    "oppfordra", "oppfordret", "oppmoda", "oppmodet", "velkommen til å søke", "velkomen til å søkje", "encouraged to apply",
    "are encouraged", "welcome to apply",
];

/// Sentences that open another route in than the formal demand (nb, nn, en).
#[rustfmt::skip]
const ALTERNATIVES: &[&str] = &[
    "realkompetanse", "realkompetansen", "eller tilsvarende", "eller liknande", "eller lignende",
    "eller relevant erfaring", "eller anna relevant", "eller annen relevant",
    "eller erfaring", "eller lang erfaring", "eller dokumentert erfaring",
    "kompenser*", "kompenserast", "compensate", "compensated", "compensates", "kompensere for", "kan kompenseras*", "kan kompenserast",
    "kan erstatte*", "kan veie opp", "kan vege opp", "vil andre bli vurdert", "vil andre kunne bli vurdert",
    "vil også bli vurdert", "vil òg bli vurdert", "vil også kunne bli vurdert", "vil òg kunne bli vurdert",
    "blir også vurdert", "blir òg vurdert", "vil òg bli vurderte", "vil også bli vurderte",
    "kan også bli vurdert", "kan òg bli vurdert", "andre vil bli vurdert", "andre kan bli vurdert",
    "andre søkere vil bli vurdert", "andre søkjarar vil bli vurderte",
    "under utdanning", "under utdanning*", "eller er i gang med", "eller held på med",
    "eller holder på med", "eller studenter", "or equivalent", "or relevant experience",
    "or similar", "equivalent experience", "will also be considered", "may also be considered",
    "can compensate", "may compensate", "others will be considered",
];

/// Clause markers that make a demand a preference or no demand (nb, nn, en).
#[rustfmt::skip]
const SOFTENERS: &[&str] = &[
    "er en fordel", "er ein fordel", "en fordel", "ein fordel", "fordel med", "er ønskelig",
    "er ønskjeleg", "er ynskjeleg", "ønskelig", "ønskjeleg", "ynskjeleg",
    "vil bli prioritert", "blir prioritert", "vil bli prioriterte", "vert prioritert",
    "prioriteres", "prioriterast", "vil bli vektlagt positivt", "vektlegges positivt",
    "ikke et krav", "ikkje eit krav", "ikke noe krav", "ikkje noko krav", "ikke nødvendig",
    "ikkje naudsynt", "ikkje nødvendig", "ikke påkrevd", "ikkje påkravd", "ikke et absolutt krav",
    "nødvendigvis ikke", "naudsynleg ikkje", "nødvendigvis ikkje", "trenger ikke", "treng ikkje",
    "behøver ikke", "må ikke nødvendigvis", "må ikkje nødvendigvis", "is an advantage",
    "an advantage", "is a plus", "nice to have", "not a requirement", "not required",
    "not necessary", "not necessarily", "will be prioritised", "will be prioritized",
    "is preferred", "preferably",
];

fn any_of(text: &str, list: &[&str]) -> bool {
    let folded = fold(text).text;
    list.iter().any(|e| holds_phrase(&folded, e))
}

/// True when a line of a requirements list asks nothing of the applicant (see module docs), or
/// is an inline sub-heading (ends in a colon, or is wholly bold).
pub fn not_a_demand(line: &str) -> bool {
    let trimmed = line.trim();
    let bold = trimmed.len() > 4
        && ((trimmed.starts_with("**") && trimmed.ends_with("**"))
            || (trimmed.starts_with("__") && trimmed.ends_with("__")));
    trimmed.ends_with(':') || bold || any_of(trimmed, NOT_DEMANDS) || is_alternative(trimmed)
}

/// True when `sentence` opens another route in than a formal demand ("eller tilsvarende",
/// "kan kompenseres med erfaring", "vil andre bli vurdert", "realkompetanse").
pub fn is_alternative(sentence: &str) -> bool {
    any_of(sentence, ALTERNATIVES)
}

/// True when `clause` is softened or negated: a preference or explicitly no demand.
pub fn softened(clause: &str) -> bool {
    any_of(clause, SOFTENERS)
}

/// The clause of `text` around byte `offset`: cut at `. ! ? ;`, at a slash, and at a comma or
/// " og "/" men " followed by a clause of its own (so "Fagbrev er et krav, erfaring er en fordel"
/// gives two clauses). Returns a byte range of `text`.
pub fn clause_around(text: &str, offset: usize) -> std::ops::Range<usize> {
    let offset = offset.min(text.len());
    let is_cut = |c: char| matches!(c, '.' | '!' | '?' | ';' | '/' | ',' | '(' | ')');
    let start = text
        .get(..offset)
        .and_then(|s| s.rfind(is_cut).map(|i| i + 1))
        .unwrap_or(0);
    let end = text
        .get(offset..)
        .and_then(|s| s.find(is_cut).map(|i| offset + i))
        .unwrap_or(text.len());
    let mut start = start;
    let mut end = end;
    // " men " starts a new clause inside a comma-free stretch: "Fagbrev, men erfaring er en fordel".
    if let Some(part) = text.get(start..offset) {
        if let Some(i) = part.rfind(" men ") {
            start += i + 1;
        }
    }
    if let Some(part) = text.get(offset..end) {
        if let Some(i) = part.find(" men ") {
            end = offset + i;
        }
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_ask_nothing() {
        for line in [
            "Personlig egnethet vil bli vektlagt.",
            "Personleg eignaheit vil bli vektlagt",
            "Oppgi tre referanser",
            "Gi opp to referansar",
            "Politiattest må leveres før tiltredelse.",
            "Gyldig politiattest",
            "Menn oppfordres til å søke.",
            "Alle oppmodast til å søkje",
            "**Personlige egenskaper**",
            "Personlige egenskaper:",
            "Men are encouraged to apply.",
            "Relevant erfaring kan kompensere for manglende fagbrev.",
        ] {
            assert!(not_a_demand(line), "{line}");
        }
        for line in [
            "Fagbrev som helsefagarbeider",
            "Førerkort klasse B",
            "Du må kunne jobbe i turnus",
            "Erfaring fra pleie av eldre",
            "God på data",
        ] {
            assert!(!not_a_demand(line), "{line}");
        }
    }

    #[test]
    fn sentences_that_are_the_alternative() {
        for s in [
            "Dersom vi ikke får søkere med fagbrev, vil andre bli vurdert.",
            "Lang erfaring kan kompensere for utdanningskravet.",
            "Mangler du fagbrev, kan dette kompenseres med relevant erfaring.",
            "Fagbrev eller tilsvarende kompetanse",
            "Søkjarar med realkompetanse vil òg bli vurderte.",
            "Other applicants with relevant experience will also be considered.",
        ] {
            assert!(is_alternative(s), "{s}");
        }
        for s in [
            "Fagbrev er et krav.",
            "Du må ha bachelorgrad i sykepleie.",
            "Krav om fagbrev",
        ] {
            assert!(!is_alternative(s), "{s}");
        }
    }

    #[test]
    fn clauses_are_cut_where_a_new_one_starts() {
        let text = "Fagbrev er et krav, erfaring er en fordel";
        let at = text.find("erfaring").unwrap_or(0);
        assert_eq!(&text[clause_around(text, at)], " erfaring er en fordel");
        assert_eq!(&text[clause_around(text, 0)], "Fagbrev er et krav");
        assert!(softened(&text[clause_around(text, at)]));
        assert!(!softened(&text[clause_around(text, 0)]));
        let negated = "Du må nødvendigvis ikke ha mange års erfaring";
        assert!(softened(negated));
        let prio = "Søkere med fagbrev vil bli prioritert";
        assert!(softened(prio));
    }
}
