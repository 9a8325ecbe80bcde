//! Running a [`RuleSet`] over a [`Document`]: one pass of the term automaton over the folded
//! text, then each applicable rule by its kind (one file per kind), producing [`Finding`]s sorted
//! by position and rule id. The engine never formats output and never reads files.

pub mod casefold;
mod clause;
mod contact;
mod context;
mod count;
mod finding;
mod missing;
mod owner;
pub mod pattern;
mod phrases;
#[cfg(test)]
mod quality_tests;
pub mod readability;
mod structure;
mod subject;
pub mod terms;

pub use finding::Finding;

use crate::posting::Document;
use crate::rules::schema::RuleKind;
use crate::rules::{Rule, RuleSet};
use context::Context;
use std::collections::BTreeSet;

/// All findings of `rules` in `doc`, sorted by (position, rule id); document-level findings last.
///
/// Rules whose `when` has `has_finding` run after the others and see their categories.
pub fn check(rules: &RuleSet, doc: &Document) -> Vec<Finding> {
    let folded = casefold::fold(&doc.text);
    let all = rules.rules();
    let hits = rules.terms().hits(&folded, |i| {
        all.get(i).is_some_and(|r| r.applies_to(doc.language))
    });
    let ctx = Context::new(doc, rules, hits);
    let mut findings = Vec::new();
    let applicable = || {
        all.iter()
            .enumerate()
            .filter(|(_, r)| r.applies_to(doc.language))
    };
    for (index, rule) in applicable().filter(|(_, r)| r.when.has_finding.is_none()) {
        if ctx.when_holds(index, rule, None) {
            run(&ctx, index, rule, &mut findings);
        }
    }
    let found: BTreeSet<_> = findings.iter().map(|f| f.category).collect();
    for (index, rule) in applicable().filter(|(_, r)| r.when.has_finding.is_some()) {
        if ctx.when_holds(index, rule, Some(&found)) {
            run(&ctx, index, rule, &mut findings);
        }
    }
    findings.sort_by(|a, b| {
        let key = |f: &Finding| f.span.map_or(usize::MAX, |s| s.start);
        key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule))
    });
    findings
}

fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    match rule.kind {
        RuleKind::Phrases => phrases::run(ctx, index, rule, out),
        RuleKind::Pattern => pattern::run(ctx, index, rule, out),
        RuleKind::Missing => missing::run(ctx, index, rule, out),
        RuleKind::Count => count::run(ctx, index, rule, out),
        RuleKind::Readability => readability::run(ctx, index, rule, out),
    }
}
