//! Demands read by the structure around them (issue 11): the clause that governs a match decides
//! its modality, and an alternative path cancels a formal demand wherever the requirement block
//! offers it: in the same clause, after a slash, in the next sentence of the item, or in a
//! sibling item ("kan kompenseres med erfaring", "vil andre bli vurdert", "eller tilsvarende").
//! A sentence that *is* the alternative ("Lang erfaring kan kompensere for fagbrevet") is never
//! itself a demand.
//!
//! The words are term sets read into the lexicon, the decisions live in [`super::clause`]; this
//! file decides where to look.

use super::casefold::{fold, is_word_char};
use super::clause::{clause_around, is_alternative, softened};
use super::context::{Context, Located};
use super::lexicon::Lexicon;
use crate::posting::{ItemKind, SectionKind};
use crate::rules::Rule;
use crate::taxonomy::Category;
use std::ops::Range;

impl Context<'_> {
    /// True when the demand matched at `range` in `located` is no demand of `rule`: its clause
    /// is softened or negated, or (formal competence, experience) an alternative is offered.
    pub fn demand_cancelled(
        &self,
        rule: &Rule,
        located: &Located<'_>,
        range: &Range<usize>,
    ) -> bool {
        let formal = rule.category == Category::FormalCompetence;
        let experience = rule.category == Category::ExperienceYears;
        if !(formal
            || experience
            || matches!(
                rule.category,
                Category::LanguageLevel | Category::DrivingLicence
            ))
        {
            return false;
        }
        let sentence = located.sentence(range.start);
        let text = self.doc.slice(sentence.clone());
        let at = range.start.saturating_sub(sentence.start);
        if softened(
            self.lexicon(),
            text.get(clause_around(text, at)).unwrap_or(""),
        ) {
            return true;
        }
        if !(formal || experience) {
            return false;
        }
        if is_alternative(self.lexicon(), text)
            || is_alternative(self.lexicon(), self.doc.slice(located.item.span.clone()))
        {
            return true;
        }
        if formal {
            let after = range.end.saturating_sub(sentence.start);
            if slash_route(self.lexicon(), text.get(after..).unwrap_or("")) {
                return true;
            }
            return self.block_offers_alternative(located);
        }
        false
    }

    /// True when some item of the ad outside the application part opens another route in
    /// ("kan kompenseres med", "vil andre bli vurdert", "realkompetanse"): then the ad does not
    /// lack an alternative path.
    pub fn offers_alternative(&self) -> bool {
        self.items().iter().any(|l| {
            !matches!(l.item.kind, ItemKind::Field | ItemKind::Title)
                && l.item.section != SectionKind::Application
                && is_alternative(self.lexicon(), self.doc.slice(l.item.span.clone()))
        })
    }

    /// True when an item of the block of `located` (a requirements, preferred or personal item)
    /// is an alternative path. The blocks that have one are found once per ad: asked per
    /// demand, a list of thousands of demands took time growing with its square.
    fn block_offers_alternative(&self, located: &Located<'_>) -> bool {
        let blocks = self.alternative_blocks.get_or_init(|| {
            let mut blocks: Vec<Range<usize>> = self
                .items()
                .iter()
                .filter(|l| {
                    l.item.kind != ItemKind::Field
                        && matches!(
                            l.item.section,
                            SectionKind::Requirements
                                | SectionKind::Preferred
                                | SectionKind::Personal
                        )
                        && is_alternative(self.lexicon(), self.doc.slice(l.item.span.clone()))
                })
                .map(|l| l.block.clone())
                .collect();
            blocks.sort_by_key(|b| (b.start, b.end));
            blocks.dedup();
            blocks
        });
        blocks
            .binary_search_by_key(&(located.block.start, located.block.end), |b| {
                (b.start, b.end)
            })
            .is_ok()
    }
}

/// True when `rest` (the sentence after a formal demand) goes on with a slash and a route other
/// than papers (`clause-slash-routes`) before the clause ends: "…/erfaring fra bygg", "/ praksis".
fn slash_route(lexicon: &Lexicon, rest: &str) -> bool {
    let end = rest.find(['.', ';', ',', '(']).unwrap_or(rest.len());
    let part = rest.get(..end).unwrap_or(rest);
    let Some(slash) = part.find('/') else {
        return false;
    };
    let after = fold(part.get(slash + 1..).unwrap_or("")).text;
    after
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| lexicon.slash_routes.contains(w))
}

#[cfg(test)]
mod tests {
    use super::{slash_route, Lexicon};

    // See: issue 13 (a long requirement list took time growing with its square: every demand
    // scanned the whole block for an alternative; the blocks that have one are now found once).
    #[test]
    fn an_alternative_cancels_the_demands_of_its_own_block_only() {
        use crate::posting::{read_bytes, Format, ReadOptions};
        use crate::rules::{load, RuleOptions};
        let ad = "---\nlang: nb\n---\n# Kokk\n\n## Kvalifikasjoner\n\n- Fagbrev som helsefagarbeider\n- Manglende fagbrev kan kompenseres med lang erfaring\n\n## Krav til deg som kokk\n\n- Fagbrev som kokk\n- Fagbrev som baker\n";
        let doc = read_bytes(
            "a.md",
            ad.as_bytes(),
            Format::Markdown,
            &ReadOptions::default(),
        )
        .unwrap();
        let rules = load(&RuleOptions::default()).unwrap();
        let lines: Vec<usize> = super::super::check(&rules, &doc)
            .iter()
            .filter(|f| f.category == crate::taxonomy::Category::FormalCompetence)
            .filter_map(|f| f.span.map(|s| s.line))
            .collect();
        assert_eq!(lines, [13, 14]);
    }

    #[test]
    fn a_slash_opens_a_route_only_to_experience_or_practice() {
        let slash_route = |rest| slash_route(Lexicon::of_default_pack(), rest);
        assert!(slash_route(" som tømrer/erfaring fra byggfag"));
        assert!(slash_route(" innen helse / relevant arbeidserfaring"));
        assert!(slash_route("/praksis"));
        assert!(!slash_route(" som tømrer/snekker"));
        assert!(!slash_route(" som tømrer. Erfaring/kurs"));
    }
}
