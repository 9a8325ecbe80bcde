//! `kind: phrases`: a finding for each accepted term hit, at most one per rule and item.
//! Hits arrive sorted by start, longest first, so the leftmost-longest accepted hit of an item wins.

use super::context::Context;
use super::finding::Finding;
use super::terms::TermRole;
use crate::rules::Rule;
use std::collections::HashSet;

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let mut items = HashSet::new();
    for hit in ctx.hits(index, TermRole::Trigger) {
        let range = hit.range();
        if let Some(located) = ctx.accept(index, rule, &range) {
            if items.insert(located.item.span.start) {
                out.push(ctx.finding(rule, located, range, rule.message.clone()));
            }
        }
    }
}
