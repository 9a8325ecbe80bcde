//! What the kinds share: where a match sits (block, item, sentence), whether it is in scope,
//! about the employee and not cancelled by `unless`, whether a rule's `when` holds, and how a
//! finding is built.

use super::compile::Compiled;
use super::finding::Finding;
use super::lexicon::Lexicon;
use super::owner::{invites_applicants, names_employee, opens_with_other, others_own};
use super::pattern::CompiledPattern;
use super::terms::{Hit, TermRole};
use crate::posting::{Document, Item, ItemKind, SectionKind};
use crate::rules::schema::{Subject, Within};
use crate::rules::Rule;
use crate::taxonomy::Category;
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

/// An item with the range of its block.
#[derive(Debug, Clone)]
pub(super) struct Located<'a> {
    pub item: &'a Item,
    pub block: Range<usize>,
    /// The heading of the item's block, if it has one.
    pub heading: Option<&'a str>,
}

impl Located<'_> {
    /// The sentence of the item holding `offset` (the whole item when it has no sentences).
    pub fn sentence(&self, offset: usize) -> Range<usize> {
        self.item
            .sentences
            .iter()
            .find(|s| s.start <= offset && offset < s.end.max(s.start + 1))
            .cloned()
            .unwrap_or_else(|| self.item.span.clone())
    }
}

/// A document prepared for running rules.
pub(super) struct Context<'a> {
    pub doc: &'a Document,
    /// Items of all blocks in text order.
    items: Vec<Located<'a>>,
    /// Term hits per rule index, sorted by (start, longest first).
    hits: Vec<Vec<Hit>>,
    /// Per rule index, its `unless` hits that lie in an item, by start: (start, the largest end
    /// of this and every earlier hit). One binary search answers "does any overlap this area".
    unless: Vec<Vec<(usize, usize)>>,
    /// Per rule index: false when its pattern matches nowhere in the text.
    possible_patterns: Vec<bool>,
    /// The matchers of the document's language.
    compiled: &'a Compiled,
    /// Every character of the text (built when a pattern is first compiled for this ad alone).
    alphabet: OnceCell<ClassUnicode>,
    /// The blocks (ranges) holding an alternative-path item, found on first need
    /// (`structure.rs`; once per ad, not once per demand).
    pub alternative_blocks: OnceCell<Vec<Range<usize>>>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        folded: &str,
        rules: usize,
        compiled: &'a Compiled,
        hits: Vec<Hit>,
    ) -> Self {
        let mut items = Vec::new();
        for block in &doc.blocks {
            let range = match (block.items.first(), block.items.last()) {
                (Some(a), Some(b)) => a.span.start..b.span.end,
                _ => continue,
            };
            items.extend(block.items.iter().map(|item| Located {
                item,
                block: range.clone(),
                heading: block.heading.as_deref(),
            }));
        }
        items.sort_by_key(|l| l.item.span.start);
        // Counted first so that each rule's list is allocated once, at its exact size: doubling
        // lists kept up to half their room empty (issue 13).
        let mut counts = vec![0usize; rules];
        for hit in &hits {
            if let Some(n) = counts.get_mut(hit.rule as usize) {
                *n += 1;
            }
        }
        let mut by_rule: Vec<Vec<Hit>> = counts.into_iter().map(Vec::with_capacity).collect();
        for hit in hits {
            if let Some(list) = by_rule.get_mut(hit.rule as usize) {
                list.push(hit);
            }
        }
        for list in &mut by_rule {
            list.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        }
        let unless = by_rule
            .iter()
            .map(|list| {
                let mut reach = 0;
                list.iter()
                    .filter(|h| {
                        h.role == TermRole::Unless && locate(&items, h.range().start).is_some()
                    })
                    .map(|h| {
                        let range = h.range();
                        reach = reach.max(range.end);
                        (range.start, reach)
                    })
                    .collect()
            })
            .collect();
        Self {
            doc,
            items,
            hits: by_rule,
            unless,
            possible_patterns: compiled.possible_patterns(&doc.text, folded),
            compiled,
            alphabet: OnceCell::new(),
            alternative_blocks: OnceCell::new(),
        }
    }

    /// Every character that occurs in the text, as a class.
    pub fn alphabet(&self) -> &ClassUnicode {
        self.alphabet.get_or_init(|| {
            let mut chars: Vec<char> = self.doc.text.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            ClassUnicode::new(chars.into_iter().map(|c| ClassUnicodeRange::new(c, c)))
        })
    }

    /// The regex of the rule at `index`, if it has one.
    pub fn pattern(&self, index: usize) -> Option<&'a CompiledPattern> {
        self.compiled.pattern(index)
    }

    /// The folded `headings` of the `count` rule at `index`.
    pub fn headings(&self, index: usize) -> &'a [String] {
        self.compiled.headings(index)
    }

    /// False when the pattern of the rule at `index` can match nowhere in the document.
    pub fn pattern_possible(&self, index: usize) -> bool {
        self.possible_patterns.get(index).is_none_or(|p| *p)
    }

    /// The items, in text order.
    pub fn items(&self) -> &[Located<'a>] {
        &self.items
    }

    /// The item holding byte `offset` of the text, if any (front matter and headings have none).
    pub fn locate(&self, offset: usize) -> Option<&Located<'a>> {
        locate(&self.items, offset)
    }

    /// Frees the term hits of the rule at `index` once it has run: only its own checks read
    /// them, and on a finding-heavy ad they would otherwise stay alive next to every finding.
    // See: issue 13
    pub fn release(&mut self, index: usize) {
        if let Some(hits) = self.hits.get_mut(index) {
            *hits = Vec::new();
        }
        if let Some(unless) = self.unless.get_mut(index) {
            *unless = Vec::new();
        }
    }

    /// Hits of `rule` in `role`.
    pub fn hits(&self, rule: usize, role: TermRole) -> impl Iterator<Item = &Hit> {
        self.hits
            .get(rule)
            .into_iter()
            .flatten()
            .filter(move |h| h.role == role)
    }

    /// The item of `range` when a match there counts for `rule`: in an item, in scope, about the
    /// employee where the rule asks, and not cancelled by an `unless` term.
    pub fn accept(&self, index: usize, rule: &Rule, range: &Range<usize>) -> Option<&Located<'a>> {
        let located = self.locate(range.start)?;
        if located.item.kind == ItemKind::Field || !rule.in_scope(located.item.section) {
            return None;
        }
        if !self.about_subject(rule.subject, located, range) {
            return None;
        }
        if let Some(unless) = &rule.unless {
            if self.cancelled(index, unless.within, located, range) {
                return None;
            }
        }
        if self.demand_cancelled(rule, located, range) {
            return None;
        }
        Some(located)
    }

    /// The engine's word lists (term sets of the rule pack).
    pub fn lexicon(&self) -> &'a Lexicon {
        &self.compiled.lexicon
    }

    /// True when the match at `range` is about whom `subject` asks for (see `subject.rs`).
    pub fn about_subject(
        &self,
        subject: Subject,
        located: &Located<'_>,
        range: &Range<usize>,
    ) -> bool {
        let sentence = located.sentence(range.start);
        let text = self.doc.slice(sentence.clone());
        // Whose the match is, by its neighbours (owner.rs): "elevenes opplæring", "mangfoldet i
        // byen", "tilrettelegge aktiviteter".
        let before = self
            .doc
            .slice(sentence.start..range.start.max(sentence.start));
        let matched = self.doc.slice(range.clone());
        let after = self.doc.slice(range.end.min(sentence.end)..sentence.end);
        match subject {
            Subject::Any => true,
            Subject::Employee => {
                let lexicon = &self.compiled.lexicon;
                invites_applicants(lexicon, text)
                    || !(lexicon.about_users(text)
                        || (!names_employee(lexicon, text)
                            && (others_own(lexicon, before, matched, after)
                                || opens_with_other(lexicon, text))))
            }
            Subject::EmployeeBenefit => {
                let lexicon = &self.compiled.lexicon;
                !lexicon.not_a_benefit(text, located.item.section, after)
                    && (!others_own(lexicon, before, matched, after)
                        || lexicon.is_receiving(before))
            }
        }
    }

    fn cancelled(
        &self,
        index: usize,
        within: Within,
        located: &Located<'_>,
        range: &Range<usize>,
    ) -> bool {
        let area = match within {
            Within::Sentence => located.sentence(range.start),
            Within::Item => located.item.span.clone(),
            Within::Block => located.block.clone(),
            Within::Document => 0..usize::MAX,
        };
        overlaps(self.unless.get(index).map_or(&[], Vec::as_slice), &area)
    }

    /// True when any hit of `rule` in `role` lies in an item of one of `sections` (any item when
    /// `None`) and is about `subject`.
    pub fn present(
        &self,
        index: usize,
        role: TermRole,
        sections: Option<&[SectionKind]>,
        subject: Subject,
    ) -> bool {
        self.hits(index, role).any(|h| {
            let range = h.range();
            self.locate(range.start).is_some_and(|l| {
                l.item.kind != ItemKind::Field
                    && sections.is_none_or(|s| s.contains(&l.item.section))
                    && self.about_subject(subject, l, &range)
            })
        })
    }

    /// True when the rule's `when` conditions hold; `found` holds the categories of the first
    /// pass (only rules with `has_finding` are run with it).
    pub fn when_holds(
        &self,
        index: usize,
        rule: &Rule,
        found: Option<&BTreeSet<Category>>,
    ) -> bool {
        let w = &rule.when;
        let role = self.doc.role;
        if w.role
            .as_ref()
            .is_some_and(|r| !r.as_slice().contains(&role))
            || w.not_role
                .as_ref()
                .is_some_and(|r| r.as_slice().contains(&role))
        {
            return false;
        }
        let sections = w.mentions_in.as_deref();
        if w.mentions.is_some() && !self.present(index, TermRole::Mentions, sections, Subject::Any)
        {
            return false;
        }
        if w.not_mentions.is_some()
            && self.present(index, TermRole::NotMentions, sections, Subject::Any)
        {
            return false;
        }
        if let Some(meta) = &w.metadata {
            let all = meta.iter().all(|(key, wanted)| {
                self.doc.meta_str(key).is_some_and(|value| {
                    let value = value.to_lowercase();
                    wanted.as_slice().iter().any(|v| v.to_lowercase() == value)
                })
            });
            if !all {
                return false;
            }
        }
        match (&w.has_finding, found) {
            (Some(wanted), Some(found)) => wanted.iter().any(|c| found.contains(c)),
            (Some(_), None) => false,
            (None, _) => true,
        }
    }

    /// A finding of `rule` at `range` in `located`.
    pub fn finding(
        &self,
        rule: &Rule,
        located: &Located<'_>,
        range: Range<usize>,
        message: impl Into<Arc<str>>,
    ) -> Finding {
        Finding {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            section: Some(located.item.section),
            message: message.into(),
            suggestion: rule.suggestion.clone(),
            text: self.doc.slice(range.clone()).into(),
            span: Some(self.doc.span(range.clone())),
            range: Some(range),
            context: Some(located.item.span.clone()),
        }
    }

    /// A document-level finding of `rule`.
    pub fn document_finding(&self, rule: &Rule, message: impl Into<Arc<str>>) -> Finding {
        Finding {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            section: None,
            message: message.into(),
            suggestion: rule.suggestion.clone(),
            text: Box::default(),
            span: None,
            range: None,
            context: None,
        }
    }
}

/// The item of `items` (sorted by start) holding byte `offset`, if any.
fn locate<'i, 'a>(items: &'i [Located<'a>], offset: usize) -> Option<&'i Located<'a>> {
    let i = items.partition_point(|l| l.item.span.start <= offset);
    let located = items.get(i.checked_sub(1)?)?;
    (offset < located.item.span.end.max(located.item.span.start + 1)).then_some(located)
}

/// True when a hit of `hits` ((start, largest end so far), sorted by start) overlaps `area`:
/// the hits starting before its end are a prefix, and the last of them knows the furthest end.
fn overlaps(hits: &[(usize, usize)], area: &Range<usize>) -> bool {
    let before_end = hits.partition_point(|&(start, _)| start < area.end);
    before_end
        .checked_sub(1)
        .and_then(|last| hits.get(last))
        .is_some_and(|&(_, reach)| reach > area.start)
}

/// Fills `{count}`, `{limit}`, `{value}` and `{terms}` in a message.
pub(super) fn fill(message: &str, count: usize, limit: usize, value: &str, terms: &str) -> String {
    message
        .replace("{count}", &count.to_string())
        .replace("{limit}", &limit.to_string())
        .replace("{value}", value)
        .replace("{terms}", terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 13 — `unless` was checked by scanning every hit for every match (80 000 items
    // took 22 s); the sorted prefix must answer exactly as the scan did.
    #[test]
    fn unless_overlap_matches_a_scan_of_every_hit() {
        let raw = [(0, 4), (2, 3), (10, 30), (12, 14), (40, 41), (41, 45)];
        let mut reach = 0;
        let hits: Vec<(usize, usize)> = raw
            .iter()
            .map(|&(s, e)| {
                reach = reach.max(e);
                (s, reach)
            })
            .collect();
        for start in 0..50 {
            for end in start..52 {
                let area = start..end;
                let scan = raw.iter().any(|&(s, e)| s < area.end && e > area.start);
                assert_eq!(overlaps(&hits, &area), scan, "{area:?}");
            }
        }
        assert!(!overlaps(&[], &(0..10)));
    }
}
