//! `kind: missing`: one document-level finding when none of `any_of` is present in scope
//! (about the employee, where the rule asks), `pattern` matches nowhere in scope, and no
//! `unless` term is anywhere in the ad.

use super::context::Context;
use super::finding::Finding;
use super::pattern;
use super::terms::TermRole;
use crate::rules::schema::Subject;
use crate::rules::Rule;

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let present = ctx.present(index, TermRole::AnyOf, rule.scope.as_deref(), rule.subject)
        || (rule.unless.is_some() && ctx.present(index, TermRole::Unless, None, Subject::Any))
        || pattern::matches(ctx, index, rule)
            .any(|(range, l)| ctx.about_subject(rule.subject, l, &range));
    if !present {
        out.push(ctx.document_finding(rule, rule.message.clone()));
    }
}
