//! `kind: count`: counts distinct accepted terms (with `phrases`) or the items in scope (without),
//! and reports when the count reaches `min` or passes `max`. Piles are what matter here
//! (domain.md: one trait is fine, a stack deters).
//!
//! An item counts when it is a list item, or a short line (at most [`SHORT_LINE_WORDS`] words)
//! that does not introduce a list (ending in `:` or `;`) — running prose is no must-have list.
//! With `headings`, only items under a heading containing one of them count.

use super::casefold::{fold, is_word_char};
use super::clause::not_a_demand;
use super::context::{fill, Context, Located};
use super::finding::Finding;
use super::readability::sentence_words;
use super::terms::TermRole;
use crate::posting::{ItemKind, SectionKind};
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

/// True for an item of a must-list introduced by what the applicant has or is ("Du har:",
/// "Du er/har:", "Dette har du", "You have:"), when the rule counts requirements: such a list is
/// a requirements list whatever section its heading names (issue 11).
fn in_have_list(rule: &Rule, located: &Located<'_>) -> bool {
    if !rule.in_scope(SectionKind::Requirements)
        || !matches!(
            located.item.section,
            SectionKind::Requirements | SectionKind::Personal
        )
    {
        return false;
    }
    located.heading.is_some_and(|heading| {
        let heading = fold(heading).text;
        let words: Vec<&str> = heading
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
        words.len() <= 5 && has(&["du", "you"]) && has(&["har", "have"])
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
        let range = hit.range();
        if range.start < covered {
            continue;
        }
        let Some(located) = ctx.accept(index, rule, &range) else {
            continue;
        };
        covered = range.end;
        if terms.insert(hit.term) {
            texts.push(ctx.doc.slice(range.clone()).to_lowercase());
            first.get_or_insert((range, located));
        }
    }
    if terms.len() < needed {
        return;
    }
    if count.require_any.is_some() {
        let strong: BTreeSet<u32> = ctx
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

/// List lines that announce a group (`intros`) and the short names under them (`members`).
#[derive(Default)]
struct Groups {
    intros: BTreeSet<usize>,
    members: BTreeSet<usize>,
}

/// A list line ending in a colon with a group word (`count-group-words`: "Kjennskap til
/// følgende fagsystemer:", "Fagbrev i ett av disse faga:", "One of the following:"), and the
/// short list lines (at most three words) after it in the same block, are one demand: the names
/// are programmes, systems or trades to choose from, not demands of their own (issue 11).
fn groups(ctx: &Context<'_>) -> Groups {
    let mut out = Groups::default();
    let mut open: Option<usize> = None;
    for l in ctx.items() {
        let text = ctx.doc.slice(l.item.span.clone()).trim();
        if open.is_some_and(|block| block == l.block.start)
            && l.item.kind == ItemKind::ListItem
            && sentence_words(text) <= 3
            && !text.ends_with(':')
        {
            out.members.insert(l.item.span.start);
            continue;
        }
        open = None;
        let folded = fold(text).text;
        if l.item.kind == ItemKind::ListItem
            && text.ends_with(':')
            && folded
                .split(|c: char| !is_word_char(c))
                .any(|w| ctx.lexicon().group_words.contains(w))
        {
            out.intros.insert(l.item.span.start);
            open = Some(l.block.start);
        }
    }
    out
}

fn count_items(
    ctx: &Context<'_>,
    rule: &Rule,
    headings: &[String],
    needed: usize,
    limit: usize,
    out: &mut Vec<Finding>,
) {
    // Blocks that hold a list: there the list is the list, and a paragraph after it is prose.
    let listed: BTreeSet<usize> = ctx
        .items()
        .iter()
        .filter(|l| l.item.kind == ItemKind::ListItem)
        .map(|l| l.block.start)
        .collect();
    let grouped = groups(ctx);
    let counted: Vec<&Located<'_>> = ctx
        .items()
        .iter()
        .filter(|l| {
            (rule.in_scope(l.item.section) && under_heading(headings, l)) || in_have_list(rule, l)
        })
        .filter(|l| counts_as_list_line(ctx, l))
        .filter(|l| l.item.kind == ItemKind::ListItem || !listed.contains(&l.block.start))
        .filter(|l| !grouped.members.contains(&l.item.span.start))
        .filter(|l| {
            grouped.intros.contains(&l.item.span.start)
                || !not_a_demand(ctx.lexicon(), ctx.doc.slice(l.item.span.clone()))
        })
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
