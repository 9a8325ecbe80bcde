//! Running the subcommands: load rules, read inputs, check, render, decide the exit code.
//! Output goes to the given writers; nothing here exits the process.

use crate::cli::{
    CheckArgs, CheckFormat, Command, ExplainArgs, ExplainFormat, ListArgs, ListFormat, RulesAction,
    RulesArgs,
};
use std::io::{self, Read, Write};
use terskel::batch;
use terskel::posting::ReadOptions;
use terskel::report::{self, Checked};
use terskel::rules::{self, LoadError, RuleOptions, RuleSet};
use terskel::select::{Selection, UnknownSelector};

/// How a run ended, as the exit code design.md §4 gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// 0: nothing at or above `--fail-on`.
    Clean = 0,
    /// 1: findings at or above `--fail-on` (or failing rule examples).
    Findings = 1,
    /// 2: usage, configuration, rule or input errors.
    Failed = 2,
}

/// Errors that stop a command before it produces a report.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Rules could not be loaded.
    #[error("{0}")]
    Rules(#[from] LoadError),
    /// A flag value is wrong.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

impl From<UnknownSelector> for CliError {
    fn from(e: UnknownSelector) -> Self {
        CliError::Usage(e.to_string())
    }
}

/// Runs one command.
///
/// # Errors
/// [`CliError`] when rules or flags are wrong or output cannot be written.
pub fn run(
    command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    match command {
        Command::Check(args) => check(args, out, err),
        Command::Rules(args) => rules_command(args, out, err),
        Command::Explain(args) => explain(args, out),
    }
}

fn check(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let rules = rules::load(&args.rule_args.options())?;
    let selection = Selection::new(&args.select, &args.ignore, &rules)?;
    let options = ReadOptions {
        language: args.lang.language(),
    };
    let expanded = batch::expand(&args.paths, || {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    });
    let results = match args.jobs {
        Some(0) => return Err(CliError::Usage("--jobs must be at least 1".into())),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| CliError::Usage(format!("cannot start {n} threads: {e}")))?
            .install(|| batch::check_all(&rules, &expanded.inputs, &options)),
        None => batch::check_all(&rules, &expanded.inputs, &options),
    };

    let mut outcome = Outcome::Clean;
    for e in &expanded.errors {
        writeln!(err, "error: {e}")?;
        outcome = Outcome::Failed;
    }
    let mut checked: Vec<Checked> = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(mut c) => {
                selection.apply(&mut c.findings);
                checked.push(c);
            }
            Err(e) if e.is_skip() => writeln!(err, "warning: {e}")?,
            Err(e) => {
                writeln!(err, "error: {e}")?;
                outcome = Outcome::Failed;
            }
        }
    }
    if expanded.inputs.is_empty() && expanded.errors.is_empty() {
        writeln!(
            err,
            "warning: no ads found (looked for {} files)",
            batch::AD_EXTENSIONS.join(", ")
        )?;
    }

    let rendered = match args.format {
        CheckFormat::Markdown => report::markdown::render(&checked, &rules),
        CheckFormat::Json => report::json::render(&checked),
    };
    out.write_all(rendered.as_bytes())?;

    if outcome == Outcome::Clean {
        if let Some(threshold) = args.fail_on.threshold() {
            let failing = checked
                .iter()
                .flat_map(|c| &c.findings)
                .any(|f| f.severity >= threshold);
            if failing {
                outcome = Outcome::Findings;
            }
        }
    }
    Ok(outcome)
}

fn rules_command(
    args: RulesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    match args.action {
        None => list(&args.list, out),
        Some(RulesAction::List(list_args)) => list(&list_args, out),
        Some(RulesAction::Test {
            dir,
            no_default_rules,
        }) => {
            let options = RuleOptions {
                no_default_rules: no_default_rules || args.list.rule_args.no_default_rules,
                dirs: vec![dir.clone()],
            };
            let rules = rules::load(&options)?;
            let prefix = dir.display().to_string();
            let (count, failures) = rules::selftest(&rules, |r| r.origin.file.starts_with(&prefix));
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
    let rules = rules::load(&args.rule_args.options())?;
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

fn explain(args: ExplainArgs, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let rules = rules::load(&args.rule_args.options())?;
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
                "phrases": rule.phrases, "any_of": rule.any_of,
                "pattern": rule.pattern.as_ref().map(|p| p.as_str()),
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
            if !rule.phrases.is_empty() {
                writeln!(out, "## Phrases\n\n{}\n", rule.phrases.join(", "))?;
            }
            if !rule.any_of.is_empty() {
                writeln!(out, "## Looks for any of\n\n{}\n", rule.any_of.join(", "))?;
            }
            if let Some(p) = &rule.pattern {
                writeln!(out, "## Pattern\n\n`{}`\n", p.as_str())?;
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
