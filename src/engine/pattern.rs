//! `kind: pattern`: a finding for each accepted regex match, at most one per rule and item.

use super::context::Context;
use super::finding::Finding;
use crate::rules::Rule;
use std::collections::HashSet;

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let Some(regex) = &rule.pattern else { return };
    let mut items = HashSet::new();
    for m in regex.find_iter(&ctx.doc.text) {
        let range = m.range();
        if range.is_empty() {
            continue;
        }
        if let Some(located) = ctx.accept(index, rule, &range) {
            if items.insert(located.item.span.start) {
                out.push(ctx.finding(rule, located, range, rule.message.clone()));
            }
        }
    }
}
