//! `kind: missing`: one document-level finding when none of `any_of` is present in scope
//! (about the employee, where the rule asks), `pattern` matches nowhere in scope, and no
//! `unless` term is anywhere in the ad.

use super::context::Context;
use super::finding::Finding;
use super::terms::TermRole;
use crate::rules::schema::Subject;
use crate::rules::Rule;

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let present = ctx.present(index, TermRole::AnyOf, rule.scope.as_deref(), rule.subject)
        || (rule.has_unless && ctx.present(index, TermRole::Unless, None, Subject::Any))
        || rule.pattern.as_ref().is_some_and(|regex| {
            regex.find_iter(&ctx.doc.text).any(|m| {
                ctx.locate(m.start()).is_some_and(|l| {
                    rule.in_scope(l.item.section) && ctx.about_subject(rule.subject, l, &m.range())
                })
            })
        });
    if !present {
        out.push(ctx.document_finding(rule, rule.message.clone()));
    }
}
