//! What one clause of an item does (issue 11): demand, offer an alternative, soften or negate.
//!
//! Owns three decisions the kinds share, made with term sets of the rule pack (read into the
//! [`Lexicon`]; `terskel explain @NAME` shows them, a user pack extends them):
//!
//! 1. **Not a demand** ([`not_a_demand`], `clause-not-demands`): lines of a requirements list
//!    that ask nothing of the applicant: the lawful suitability formula ("personlig egnethet vil
//!    bli vektlagt"), application steps and references, the police certificate the law
//!    requires, encouragements ("menn oppfordres til å søke"), inline sub-headings
//!    ("**Personlige egenskaper:**").
//! 2. **The alternative path** ([`is_alternative`], `clause-alternatives`): a sentence that opens
//!    another route in ("kan kompenseres med", "vil andre bli vurdert", "eller tilsvarende",
//!    "realkompetanse"). Such a sentence is never itself a demand, and it cancels a formal
//!    demand of its block.
//! 3. **Clause modality** ([`softened`], `clause-softeners`): "er en fordel", "vil bli
//!    prioritert", "ikke et krav", "må nødvendigvis ikke" decide the clause they govern; a clause
//!    is cut at sentence ends, semicolons and a comma or slash followed by a new subject or
//!    conjunction.
//!
//! Entries are phrases matched on word boundaries; a trailing `*` makes the last word a prefix
//! ("referans*" matches "referansar").

use super::lexicon::Lexicon;

/// True when a line of a requirements list asks nothing of the applicant (see module docs), or
/// is an inline sub-heading (ends in a colon, or is wholly bold).
pub fn not_a_demand(lexicon: &Lexicon, line: &str) -> bool {
    let trimmed = line.trim();
    let bold = trimmed.len() > 4
        && ((trimmed.starts_with("**") && trimmed.ends_with("**"))
            || (trimmed.starts_with("__") && trimmed.ends_with("__")));
    trimmed.ends_with(':')
        || bold
        || lexicon.not_demands.in_text(trimmed)
        || is_alternative(lexicon, trimmed)
}

/// True when `sentence` opens another route in than a formal demand ("eller tilsvarende",
/// "kan kompenseres med erfaring", "vil andre bli vurdert", "realkompetanse").
pub fn is_alternative(lexicon: &Lexicon, sentence: &str) -> bool {
    lexicon.alternatives.in_text(sentence)
}

/// True when `clause` is softened or negated: a preference or explicitly no demand.
pub fn softened(lexicon: &Lexicon, clause: &str) -> bool {
    lexicon.softeners.in_text(clause)
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
        let l = Lexicon::of_default_pack();
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
            assert!(not_a_demand(l, line), "{line}");
        }
        for line in [
            "Fagbrev som helsefagarbeider",
            "Førerkort klasse B",
            "Du må kunne jobbe i turnus",
            "Erfaring fra pleie av eldre",
            "God på data",
        ] {
            assert!(!not_a_demand(l, line), "{line}");
        }
    }

    #[test]
    fn sentences_that_are_the_alternative() {
        let l = Lexicon::of_default_pack();
        for s in [
            "Dersom vi ikke får søkere med fagbrev, vil andre bli vurdert.",
            "Lang erfaring kan kompensere for utdanningskravet.",
            "Mangler du fagbrev, kan dette kompenseres med relevant erfaring.",
            "Fagbrev eller tilsvarende kompetanse",
            "Søkjarar med realkompetanse vil òg bli vurderte.",
            "Other applicants with relevant experience will also be considered.",
        ] {
            assert!(is_alternative(l, s), "{s}");
        }
        for s in [
            "Fagbrev er et krav.",
            "Du må ha bachelorgrad i sykepleie.",
            "Krav om fagbrev",
        ] {
            assert!(!is_alternative(l, s), "{s}");
        }
    }

    #[test]
    fn clauses_are_cut_where_a_new_one_starts() {
        let l = Lexicon::of_default_pack();
        let text = "Fagbrev er et krav, erfaring er en fordel";
        let at = text.find("erfaring").unwrap_or(0);
        assert_eq!(&text[clause_around(text, at)], " erfaring er en fordel");
        assert_eq!(&text[clause_around(text, 0)], "Fagbrev er et krav");
        assert!(softened(l, &text[clause_around(text, at)]));
        assert!(!softened(l, &text[clause_around(text, 0)]));
        let negated = "Du må nødvendigvis ikke ha mange års erfaring";
        assert!(softened(l, negated));
        let prio = "Søkere med fagbrev vil bli prioritert";
        assert!(softened(l, prio));
    }
}
