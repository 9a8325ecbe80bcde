//! What the kinds share: where a match sits (block, item, sentence), whether it is in scope,
//! about the employee and not cancelled by `unless`, whether a rule's `when` holds, and how a
//! finding is built.

use super::finding::Finding;
use super::owner::{invites_applicants, names_employee, others_own};
use super::subject::{about_users, is_receiving, not_a_benefit};
use super::terms::{Hit, TermRole};
use crate::posting::{Document, Item, ItemKind, SectionKind};
use crate::rules::schema::{Subject, Within};
use crate::rules::{Rule, RuleSet};
use crate::taxonomy::Category;
use std::collections::BTreeSet;
use std::ops::Range;

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
    /// Per rule index: false when its pattern matches nowhere in the text.
    possible_patterns: Vec<bool>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, rules: &'a RuleSet, hits: Vec<Hit>) -> Self {
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
        let mut by_rule = vec![Vec::new(); rules.len()];
        for hit in hits {
            if let Some(list) = by_rule.get_mut(hit.rule) {
                list.push(hit);
            }
        }
        for list in &mut by_rule {
            list.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        }
        Self {
            doc,
            items,
            hits: by_rule,
            possible_patterns: rules.possible_patterns(doc.language, &doc.text),
        }
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
        let i = self.items.partition_point(|l| l.item.span.start <= offset);
        let located = self.items.get(i.checked_sub(1)?)?;
        (offset < located.item.span.end.max(located.item.span.start + 1)).then_some(located)
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
        if rule.has_unless && self.cancelled(index, rule.unless_within, located, range) {
            return None;
        }
        if self.demand_cancelled(rule, located, range) {
            return None;
        }
        Some(located)
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
                invites_applicants(text)
                    || !(about_users(text)
                        || (!names_employee(text) && others_own(before, matched, after)))
            }
            Subject::EmployeeBenefit => {
                !not_a_benefit(text, located.item.section, after)
                    && (!others_own(before, matched, after) || is_receiving_here(before))
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
        self.hits(index, TermRole::Unless)
            .any(|h| h.start < area.end && h.end > area.start && self.locate(h.start).is_some())
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
            self.locate(h.start).is_some_and(|l| {
                l.item.kind != ItemKind::Field
                    && sections.is_none_or(|s| s.contains(&l.item.section))
                    && self.about_subject(subject, l, &(h.start..h.end))
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
        message: String,
    ) -> Finding {
        Finding {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            section: Some(located.item.section),
            message,
            suggestion: rule.suggestion.clone(),
            text: self.doc.slice(range.clone()).to_string(),
            span: Some(self.doc.span(range.clone())),
            range: Some(range),
            context: Some(located.item.span.clone()),
        }
    }

    /// A document-level finding of `rule`.
    pub fn document_finding(&self, rule: &Rule, message: String) -> Finding {
        Finding {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            section: None,
            message,
            suggestion: rule.suggestion.clone(),
            text: String::new(),
            span: None,
            range: None,
            context: None,
        }
    }
}

/// True when the sentence up to a match gives the reader something ("Du får god opplæring").
fn is_receiving_here(before: &str) -> bool {
    is_receiving(before)
}

/// Fills `{count}`, `{limit}`, `{value}` and `{terms}` in a message.
pub(super) fn fill(message: &str, count: usize, limit: usize, value: &str, terms: &str) -> String {
    message
        .replace("{count}", &count.to_string())
        .replace("{limit}", &limit.to_string())
        .replace("{value}", value)
        .replace("{terms}", terms)
}
