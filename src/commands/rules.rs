//! `terskel rules list` and `terskel rules test DIR`.

use super::{CliError, Outcome};
use crate::cli::{ListArgs, ListFormat, RulesAction, RulesArgs};
use std::io::{self, Write};
use terskel::rules::{self, RuleSet};

/// Runs `terskel rules`.
///
/// # Errors
/// [`CliError`] for rule errors and failed writes.
pub fn run(args: RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    match args.action {
        None => list(&args.list, out),
        Some(RulesAction::List(list_args)) => list(&list_args, out),
        Some(RulesAction::Test {
            dir,
            no_default_rules,
        }) => {
            let rules = rules::load_for_test(
                &dir,
                no_default_rules || args.list.rule_args.no_default_rules,
            )?;
            let prefix = dir.display().to_string();
            let (count, failures) =
                terskel::engine::selftest(&rules, |r| r.origin.file.starts_with(&prefix));
            let tested = rules
                .rules()
                .iter()
                .filter(|r| r.origin.file.starts_with(&prefix))
                .count();
            for failure in &failures {
                writeln!(err, "FAIL {failure}")?;
            }
            writeln!(
                out,
                "{} passed, {} failed ({count} examples of {tested} rules in {prefix})",
                count - failures.len(),
                failures.len()
            )?;
            Ok(if failures.is_empty() {
                Outcome::Clean
            } else {
                Outcome::Findings
            })
        }
    }
}

fn list(args: &ListArgs, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let (rules, _) = super::setup::load_rules(&args.rule_args)?;
    write_list(&rules, args.format, out)?;
    Ok(Outcome::Clean)
}

fn write_list(rules: &RuleSet, format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = rules
                .rules()
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "category": r.category, "language": r.language_id(),
                        "severity": r.severity, "kind": r.kind.id(), "message": r.message,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
            writeln!(out, "{text}")
        }
        ListFormat::Text => {
            let width = rules
                .rules()
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            writeln!(
                out,
                "{:width$}  {:28}  {:4}  {:8}  KIND",
                "ID", "CATEGORY", "LANG", "SEVERITY"
            )?;
            for r in rules.rules() {
                writeln!(
                    out,
                    "{:width$}  {:28}  {:4}  {:8}  {}",
                    r.id,
                    r.category.id(),
                    r.language_id(),
                    r.severity.id(),
                    r.kind.id()
                )?;
            }
            writeln!(out, "{} rules", rules.len())
        }
    }
}
