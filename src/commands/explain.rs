//! `terskel explain RULE-ID`: why, source, suggestion and examples of one rule.

use super::{CliError, Outcome};
use crate::cli::{ExplainArgs, ExplainFormat};
use std::io::Write;
use terskel::rules;

/// Runs `terskel explain`.
///
/// # Errors
/// [`CliError`] for an unknown rule id, rule errors and failed writes.
pub fn run(args: ExplainArgs, out: &mut dyn Write) -> Result<Outcome, CliError> {
    if let Some(rule) = terskel::suppress::builtin_rule(&args.rule) {
        return explain_builtin(rule, args.format, out);
    }
    if let Some(name) = args.rule.strip_prefix('@') {
        let (rules, _) = super::setup::load_rules(&args.rule_args)?;
        return explain_term_set(&rules, name, args.format, out);
    }
    let (rules, _) = super::setup::load_rules(&args.rule_args)?;
    let Some(rule) = rules.get(&args.rule) else {
        let close: Vec<&str> = rules
            .rules()
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| id.contains(&args.rule) || args.rule.contains(*id))
            .take(5)
            .collect();
        let hint = if close.is_empty() {
            "see `terskel rules list`".to_string()
        } else {
            format!("did you mean {}?", close.join(", "))
        };
        return Err(CliError::Usage(format!(
            "no rule with id `{}`; {hint}",
            args.rule
        )));
    };
    let texts = |examples: &[rules::schema::Example]| -> Vec<String> {
        examples
            .iter()
            .map(|e| e.text().trim().to_string())
            .collect()
    };
    match args.format {
        ExplainFormat::Json => {
            let value = serde_json::json!({
                "id": rule.id, "category": rule.category, "language": rule.language_id(),
                "severity": rule.severity, "kind": rule.kind.id(), "scope": rule.scope,
                "message": rule.message, "why": rule.why, "suggestion": rule.suggestion,
                "phrases": rule.phrases(), "any_of": rule.any_of(),
                "pattern": rule.pattern(),
                "examples": {"flagged": texts(&rule.examples.flagged), "clean": texts(&rule.examples.clean)},
                "defined_at": rule.origin.to_string(),
            });
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
            writeln!(out, "{text}")?;
        }
        ExplainFormat::Markdown => {
            writeln!(out, "# {}\n", rule.id)?;
            writeln!(
                out,
                "{} · {} · {} · {}\n",
                rule.category,
                rule.language_id(),
                rule.severity,
                rule.kind.id()
            )?;
            writeln!(out, "{}\n", rule.message)?;
            writeln!(out, "## Why\n\n{}\n", rule.why)?;
            writeln!(out, "## Suggestion\n\n{}\n", rule.suggestion.trim())?;
            if !rule.phrases().is_empty() {
                writeln!(out, "## Phrases\n\n{}\n", rule.phrases().join(", "))?;
            }
            if !rule.any_of().is_empty() {
                writeln!(out, "## Looks for any of\n\n{}\n", rule.any_of().join(", "))?;
            }
            if let Some(p) = rule.pattern() {
                writeln!(out, "## Pattern\n\n`{p}`\n")?;
            }
            writeln!(out, "## Examples\n\nFlagged:\n")?;
            for e in texts(&rule.examples.flagged) {
                writeln!(out, "- {}", e.replace('\n', " ⏎ "))?;
            }
            writeln!(out, "\nNot flagged:\n")?;
            for e in texts(&rule.examples.clean) {
                writeln!(out, "- {}", e.replace('\n', " ⏎ "))?;
            }
            writeln!(out, "\nDefined at {}", rule.origin)?;
        }
    }
    Ok(Outcome::Clean)
}

/// Shows the term set `@name` of every language (term sets are shared term lists, and the
/// engine's word lists).
fn explain_term_set(
    rules: &rules::RuleSet,
    name: &str,
    format: ExplainFormat,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let sets: Vec<&rules::TermSet> = rules
        .term_sets()
        .iter()
        .filter(|s| s.name == name)
        .collect();
    if sets.is_empty() {
        return Err(CliError::Usage(format!(
            "no term set `@{name}`; term sets are defined with `term_set:` in rule files"
        )));
    }
    match format {
        ExplainFormat::Json => {
            let value: Vec<serde_json::Value> = sets
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "term_set": s.name, "language": s.language.id(),
                        "description": s.description, "terms": s.terms,
                        "defined_at": s.origin.to_string(),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "[]".into());
            writeln!(out, "{text}")?;
        }
        ExplainFormat::Markdown => {
            writeln!(out, "# @{name}\n")?;
            for s in sets {
                writeln!(out, "## {}\n", s.language.id())?;
                if !s.description.is_empty() {
                    writeln!(out, "{}\n", s.description)?;
                }
                writeln!(out, "{}\n", s.terms.join(", "))?;
                writeln!(out, "Defined at {}\n", s.origin)?;
            }
        }
    }
    Ok(Outcome::Clean)
}

/// Explains a rule built into terskel (the findings about inline suppressions).
fn explain_builtin(
    rule: &terskel::suppress::BuiltinRule,
    format: ExplainFormat,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    const DEFINED: &str = "built into terskel (inline suppressions); not a YAML rule";
    match format {
        ExplainFormat::Json => {
            let value = serde_json::json!({
                "id": rule.id, "category": null, "language": "any",
                "severity": "warning", "kind": "built-in", "scope": null,
                "message": rule.message, "why": rule.why, "suggestion": rule.suggestion,
                "phrases": [], "any_of": [], "pattern": null,
                "examples": {"flagged": [rule.flagged], "clean": [rule.clean]},
                "defined_at": DEFINED,
            });
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
            writeln!(out, "{text}")?;
        }
        ExplainFormat::Markdown => {
            writeln!(out, "# {}\n", rule.id)?;
            writeln!(
                out,
                "the category of the suppressed rule · any · warning · built-in\n"
            )?;
            writeln!(out, "{}\n", rule.message)?;
            writeln!(out, "## Why\n\n{}\n", rule.why)?;
            writeln!(out, "## Suggestion\n\n{}\n", rule.suggestion)?;
            writeln!(out, "## Examples\n\nFlagged:\n\n- `{}`", rule.flagged)?;
            writeln!(out, "\nNot flagged:\n\n- `{}`", rule.clean)?;
            writeln!(out, "\nDefined: {DEFINED}")?;
        }
    }
    Ok(Outcome::Clean)
}
