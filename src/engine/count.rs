//! `kind: count`: counts distinct accepted terms (with `phrases`) or the list items and
//! paragraphs in scope (without), and reports when the count reaches `min` or passes `max`.
//! Piles are what matter here (domain.md: one trait is fine, a stack deters).

use super::context::{fill, Context, Located};
use super::finding::Finding;
use super::terms::TermRole;
use crate::posting::ItemKind;
use crate::rules::Rule;
use std::collections::BTreeSet;
use std::ops::Range;

fn threshold(rule: &Rule) -> (usize, usize) {
    match (rule.min, rule.max) {
        (Some(min), _) => (min, min),
        (None, Some(max)) => (max.saturating_add(1), max),
        (None, None) => (usize::MAX, usize::MAX),
    }
}

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let (needed, limit) = threshold(rule);
    if rule.phrases.is_empty() {
        count_items(ctx, rule, needed, limit, out);
        return;
    }
    let mut terms = BTreeSet::new();
    let mut first: Option<(Range<usize>, &Located<'_>)> = None;
    let mut texts: Vec<String> = Vec::new();
    let mut covered = 0;
    for hit in ctx.hits(index, TermRole::Trigger) {
        // Hits come sorted by start, longest first: a term inside a longer counted one
        // ("arbeidskapasitet" in "høy arbeidskapasitet") is the same trait, not another.
        if hit.start < covered {
            continue;
        }
        let range = hit.start..hit.end;
        let Some(located) = ctx.accept(index, rule, &range) else {
            continue;
        };
        covered = hit.end;
        if terms.insert(hit.term) {
            texts.push(ctx.doc.slice(range.clone()).to_lowercase());
            first.get_or_insert((range, located));
        }
    }
    if terms.len() < needed {
        return;
    }
    if rule.has_require_any {
        let strong: BTreeSet<usize> = ctx
            .hits(index, TermRole::RequireAny)
            .map(|h| h.term)
            .collect();
        if terms.is_disjoint(&strong) {
            return;
        }
    }
    if let Some((range, located)) = first {
        let message = fill(&rule.message, terms.len(), limit, "", &texts.join(", "));
        out.push(ctx.finding(rule, located, range, message));
    }
}

fn count_items(
    ctx: &Context<'_>,
    rule: &Rule,
    needed: usize,
    limit: usize,
    out: &mut Vec<Finding>,
) {
    let counted: Vec<&Located<'_>> = ctx
        .items()
        .iter()
        .filter(|l| matches!(l.item.kind, ItemKind::ListItem | ItemKind::Paragraph))
        .filter(|l| rule.in_scope(l.item.section))
        .collect();
    if counted.len() < needed {
        return;
    }
    let at = needed
        .saturating_sub(1)
        .min(counted.len().saturating_sub(1));
    if let Some(located) = counted.get(at) {
        let message = fill(&rule.message, counted.len(), limit, "", "");
        out.push(ctx.finding(rule, located, located.item.span.clone(), message));
    }
}
