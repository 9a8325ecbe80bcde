//! `kind: count`: counts distinct accepted terms (with `phrases`) or the items in scope (without),
//! and reports when the count reaches `min` or passes `max`. Piles are what matter here
//! (domain.md: one trait is fine, a stack deters).
//!
//! An item counts when it is a list item, or a short line (at most [`SHORT_LINE_WORDS`] words)
//! that does not introduce a list (ending in `:` or `;`) — running prose is no must-have list.
//! With `headings`, only items under a heading containing one of them count.

use super::casefold::fold;
use super::context::{fill, Context, Located};
use super::finding::Finding;
use super::readability::sentence_words;
use super::terms::TermRole;
use crate::posting::ItemKind;
use crate::rules::{Count, Rule};
use std::collections::BTreeSet;
use std::ops::Range;

/// The longest paragraph that still counts as one line of a list.
pub const SHORT_LINE_WORDS: usize = 15;

fn counts_as_list_line(ctx: &Context<'_>, located: &Located<'_>) -> bool {
    match located.item.kind {
        ItemKind::ListItem => true,
        ItemKind::Paragraph => {
            let text = ctx.doc.slice(located.item.span.clone()).trim_end();
            !text.ends_with([':', ';']) && sentence_words(text) <= SHORT_LINE_WORDS
        }
        ItemKind::Title | ItemKind::Field => false,
    }
}

fn under_heading(headings: &[String], located: &Located<'_>) -> bool {
    headings.is_empty()
        || located.heading.is_some_and(|heading| {
            let heading = fold(heading).text;
            headings.iter().any(|h| heading.contains(h.as_str()))
        })
}

pub(super) fn run(
    ctx: &Context<'_>,
    index: usize,
    rule: &Rule,
    count: &Count,
    out: &mut Vec<Finding>,
) {
    let (needed, limit) = count.limit.threshold();
    if count.terms.is_empty() {
        count_items(ctx, rule, ctx.headings(index), needed, limit, out);
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
    if count.require_any.is_some() {
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
    headings: &[String],
    needed: usize,
    limit: usize,
    out: &mut Vec<Finding>,
) {
    let counted: Vec<&Located<'_>> = ctx
        .items()
        .iter()
        .filter(|l| rule.in_scope(l.item.section) && under_heading(headings, l))
        .filter(|l| counts_as_list_line(ctx, l))
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
