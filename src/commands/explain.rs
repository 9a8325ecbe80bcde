//! `terskel explain RULE-ID|CATEGORY`: why, source, suggestion and examples of one rule, with
//! headings in the rule's language; or the rules of one category. An id that is neither gets the
//! closest ids as "did you mean". `@NAME` shows a term set or one of the reader's word lists.

use super::{CliError, Outcome};
use crate::cli::{ExplainArgs, ExplainFormat};
use std::io::Write;
use terskel::report::audit::words::{category_name, count, Noun};
use terskel::report::rule_doc;
use terskel::rules::{self, RuleSet};
use terskel::taxonomy::{Category, Language};

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
    if let Some(category) = Category::from_id(&args.rule) {
        return explain_category(&rules, category, args.format, out);
    }
    let Some(rule) = rules.get(&args.rule) else {
        let close = did_you_mean(&rules, &args.rule);
        let hint = if close.is_empty() {
            "see `terskel rules list` and `terskel categories`".to_string()
        } else {
            let close: Vec<String> = close.iter().map(|id| format!("`{id}`")).collect();
            format!("did you mean {}?", close.join(" or "))
        };
        return Err(CliError::Usage(format!(
            "no rule with id `{}`, and no category of that name; {hint}",
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
        ExplainFormat::Markdown => write!(out, "{}", rule_doc::explain(rule))?,
    }
    Ok(Outcome::Clean)
}

/// Shows the term set `@name` of every language (term sets are shared term lists, and the
/// engine's word lists), or else the reader's word list of that name.
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
        return explain_word_list(rules, name, format, out);
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

/// Shows the reader's word list `@name` (headings, markers, role titles, language words) of
/// every language.
fn explain_word_list(
    rules: &rules::RuleSet,
    name: &str,
    format: ExplainFormat,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let lists: Vec<&rules::VocabularyList> = rules
        .word_lists()
        .iter()
        .filter(|l| l.name.id() == name)
        .collect();
    if lists.is_empty() {
        return Err(CliError::Usage(format!(
            "no term set or word list `@{name}`; term sets are defined with `term_set:` in rule \
             files, and the reader's word lists are {}",
            terskel::posting::ListName::ALL
                .iter()
                .map(|l| format!("`@{}`", l.id()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    match format {
        ExplainFormat::Json => {
            let value: Vec<serde_json::Value> = lists
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "word_list": l.name.id(), "language": l.language.id(),
                        "description": l.description, "words": l.words,
                        "defined_at": l.origin.to_string(),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "[]".into());
            writeln!(out, "{text}")?;
        }
        ExplainFormat::Markdown => {
            writeln!(out, "# @{name}\n")?;
            writeln!(
                out,
                "A word list of the reader; it uses the words of every language together.\n"
            )?;
            for l in lists {
                writeln!(out, "## {}\n", l.language.id())?;
                if !l.description.is_empty() {
                    writeln!(out, "{}\n", l.description)?;
                }
                writeln!(out, "{}\n", l.words.join(", "))?;
                writeln!(out, "Defined at {}\n", l.origin)?;
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
    const DEFINED: &str = "built into terskel (inline suppressions), not a YAML rule";
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
        ExplainFormat::Markdown => write!(out, "{}", rule_doc::builtin_markdown(rule))?,
    }
    Ok(Outcome::Clean)
}

/// The rule ids and categories closest to `wanted` (Levenshtein distance at most a third of its
/// length, at least 2), the closest first; ids that contain it or that it contains come too.
fn did_you_mean(rules: &RuleSet, wanted: &str) -> Vec<String> {
    let limit = (wanted.chars().count() / 3).max(2);
    let candidates = rules
        .rules()
        .iter()
        .map(|r| &*r.id)
        .chain(Category::ALL.iter().map(|c| c.id()))
        .chain(terskel::suppress::BUILTIN_RULES.iter().map(|r| r.id));
    let mut close: Vec<(usize, &str)> = candidates
        .filter_map(|id| {
            let distance = strsim::levenshtein(wanted, id);
            let contains = wanted.len() >= 4 && (id.contains(wanted) || wanted.contains(id));
            (distance <= limit || contains).then_some((distance, id))
        })
        .collect();
    close.sort();
    close.dedup();
    close
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// `terskel explain CATEGORY`: the category's name in the three languages and its rules.
fn explain_category(
    rules: &RuleSet,
    category: Category,
    format: ExplainFormat,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let members: Vec<&rules::Rule> = rules
        .rules()
        .iter()
        .filter(|r| r.category == category)
        .collect();
    match format {
        ExplainFormat::Json => {
            let value = serde_json::json!({
                "category": category.id(),
                "names": {
                    "nb": category_name(Language::Nb, category),
                    "nn": category_name(Language::Nn, category),
                    "en": category_name(Language::En, category),
                },
                "default_severity": category.default_severity(),
                "rules": members.iter().map(|r| serde_json::json!({
                    "id": r.id, "language": r.language_id(), "severity": r.severity,
                    "kind": r.kind.id(), "message": r.message,
                })).collect::<Vec<_>>(),
            });
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
            writeln!(out, "{text}")?;
        }
        ExplainFormat::Markdown => {
            writeln!(out, "# {}\n", category.id())?;
            writeln!(
                out,
                "{} · {} · {}\n",
                category_name(Language::Nb, category),
                category_name(Language::Nn, category),
                category_name(Language::En, category)
            )?;
            writeln!(
                out,
                "{} (default severity: {}); `terskel explain ID` shows one.\n",
                count(Language::En, members.len(), Noun::Rule),
                category.default_severity().id()
            )?;
            if !members.is_empty() {
                writeln!(out, "| rule | language | severity | message |")?;
                writeln!(out, "|---|---|---|---|")?;
                for r in members {
                    writeln!(
                        out,
                        "| `{}` | {} | {} | {} |",
                        r.id,
                        r.language_id(),
                        r.severity.id(),
                        r.message.trim().replace('|', "\\|")
                    )?;
                }
            }
        }
    }
    Ok(Outcome::Clean)
}
