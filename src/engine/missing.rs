//! `kind: missing`: one document-level finding when none of `any_of` is present in scope
//! (about the employee, where the rule asks), `pattern` matches nowhere in scope, and no
//! `unless` term is anywhere in the ad.

use super::contact::{names_a_contact, other_purpose};
use super::context::Context;
use super::finding::Finding;
use super::pattern;
use super::terms::TermRole;
use crate::posting::ItemKind;
use crate::rules::schema::Subject;
use crate::rules::Rule;
use crate::taxonomy::Category;

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    // Contacts by purpose and by name (contact.rs, issue 11).
    let contact = rule.category == Category::MissingContact;
    let present = ctx.present(index, TermRole::AnyOf, rule.scope.as_deref(), rule.subject)
        || (rule.unless.is_some() && ctx.present(index, TermRole::Unless, None, Subject::Any))
        || pattern::matches(ctx, index, rule).any(|(range, l)| {
            ctx.about_subject(rule.subject, l, &range)
                && !(contact && other_purpose(ctx.lexicon(), ctx.doc.slice(l.sentence(range.start))))
        })
        || (contact && ctx.items().iter().any(|l| {
            l.item.kind != ItemKind::Title
                && l
                    .item
                    .sentences
                    .iter()
                    .any(|s| {
                        let sentence = ctx.doc.slice(s.clone());
                        names_a_contact(ctx.lexicon(), sentence)
                            || l.heading.is_some_and(|h| {
                                names_a_contact(ctx.lexicon(), &format!("{h}: {sentence}"))
                            })
                    })
        }))
        // An alternative path as structure (issue 11); a rule that itself asks for one being
        // mentioned (`when: mentions`) looks for something else.
        || (rule.category == Category::MissingAlternativePath
            && rule.when.mentions.is_none()
            && ctx.offers_alternative());
    if !present {
        out.push(ctx.document_finding(rule, rule.message.clone()));
    }
}
