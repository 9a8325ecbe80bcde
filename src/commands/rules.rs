//! `terskel rules list` (the rules, `--categories` or the reader's `--word-lists`) and
//! `terskel rules test DIR`.

use super::{CliError, Outcome};
use crate::cli::{ListArgs, ListFormat, RulesAction, RulesArgs};
use std::io::{self, Write};
use std::path::Path;
use terskel::report::audit::words::{self, category_name, Noun};
use terskel::report::rule_doc;
use terskel::rules::{self, Rule};
use terskel::taxonomy::{Category, Language};

/// Runs `terskel rules`.
///
/// # Errors
/// [`CliError`] for rule errors and failed writes.
pub fn run(args: RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    match args.action {
        None => list(&args.list, out),
        Some(RulesAction::List(list_args)) => list(&list_args, out),
        Some(RulesAction::Docs { dir }) => docs(&dir, out),
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
                "{} passed, {} failed ({count} examples of {} in {prefix})",
                count - failures.len(),
                failures.len(),
                words::count(Language::En, tested, Noun::Rule)
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
    if args.categories {
        return categories(args, out);
    }
    let (rules, _) = super::setup::load_rules(&args.rule_args)?;
    if args.word_lists {
        write_word_lists(&rules, args, out)?;
        return Ok(Outcome::Clean);
    }
    let mut wanted = Vec::new();
    for id in &args.category {
        let category = Category::from_id(id.trim()).ok_or_else(|| {
            CliError::Usage(format!(
                "`{id}` is not a category; `terskel categories` lists them"
            ))
        })?;
        wanted.push(category);
    }
    let shown: Vec<&Rule> = rules
        .rules()
        .iter()
        .filter(|r| args.lang.is_none_or(|l| r.language_id() == l.id()))
        .filter(|r| wanted.is_empty() || wanted.contains(&r.category))
        .collect();
    write_list(&shown, args.format, out)?;
    Ok(Outcome::Clean)
}

/// `terskel categories` and `rules list --categories`: every category with its names, default
/// severity and number of active rules.
///
/// # Errors
/// [`CliError`] for rule errors and failed writes.
pub fn categories(args: &ListArgs, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let (rules, _) = super::setup::load_rules(&args.rule_args)?;
    let counted = |c: Category| rules.rules().iter().filter(|r| r.category == c).count();
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = Category::ALL
                .iter()
                .map(|&c| {
                    serde_json::json!({
                        "id": c.id(),
                        "names": {
                            "nb": category_name(Language::Nb, c),
                            "nn": category_name(Language::Nn, c),
                            "en": category_name(Language::En, c),
                        },
                        "default_severity": c.default_severity(),
                        "rules": counted(c),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
            writeln!(out, "{text}")?;
        }
        ListFormat::Text => {
            writeln!(
                out,
                "{:28}  {:8}  {:5}  NAME",
                "CATEGORY", "SEVERITY", "RULES"
            )?;
            for &c in Category::ALL.iter() {
                writeln!(
                    out,
                    "{:28}  {:8}  {:5}  {} / {}",
                    c.id(),
                    c.default_severity().id(),
                    counted(c),
                    category_name(Language::Nb, c),
                    category_name(Language::En, c)
                )?;
            }
            writeln!(
                out,
                "{}; `terskel explain CATEGORY` lists a category's rules",
                words::count(Language::En, Category::ALL.len(), Noun::Category)
            )?;
        }
    }
    Ok(Outcome::Clean)
}

/// `terskel rules docs DIR`: writes the rule pages, and removes generated pages of rules that no
/// longer exist.
fn docs(dir: &Path, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let rules = rules::load(&rules::RuleOptions::default())?;
    let pages = rule_doc::pages(&rules);
    let named = |e: io::Error, path: &Path| {
        CliError::Output(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    };
    std::fs::create_dir_all(dir).map_err(|e| named(e, dir))?;
    let keep: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    for entry in std::fs::read_dir(dir).map_err(|e| named(e, dir))?.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let generated =
            std::fs::read_to_string(&path).is_ok_and(|text| text.starts_with(rule_doc::GENERATED));
        if name.ends_with(".md") && generated && !keep.contains(&name.as_str()) {
            std::fs::remove_file(&path).map_err(|e| named(e, &path))?;
        }
    }
    for (name, text) in &pages {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| named(e, &path))?;
    }
    writeln!(out, "Wrote {} pages to {}", pages.len(), dir.display())?;
    Ok(Outcome::Clean)
}

/// `rules list --word-lists`: every word list of the reader, per language (`--lang` picks one),
/// with its number of entries and where it is defined.
fn write_word_lists(
    rules: &rules::RuleSet,
    args: &ListArgs,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lists: Vec<&rules::VocabularyList> = rules
        .word_lists()
        .iter()
        .filter(|l| args.lang.is_none_or(|lang| l.language.id() == lang.id()))
        .collect();
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = lists
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "word_list": l.name.id(), "language": l.language.id(),
                        "words": l.words.len(), "description": l.description,
                        "defined_at": l.origin.to_string(),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
            writeln!(out, "{text}")
        }
        ListFormat::Text => {
            let width = lists
                .iter()
                .map(|l| l.name.id().len() + 1)
                .max()
                .unwrap_or(9)
                .max(9);
            writeln!(
                out,
                "{:width$}  {:4}  {:5}  DEFINED AT",
                "WORD LIST", "LANG", "WORDS"
            )?;
            for l in &lists {
                writeln!(
                    out,
                    "{:width$}  {:4}  {:5}  {}",
                    format!("@{}", l.name.id()),
                    l.language.id(),
                    l.words.len(),
                    l.origin
                )?;
            }
            writeln!(
                out,
                "{} word lists; `terskel explain @NAME` shows one, `extend: true` in your rules adds words",
                lists.len()
            )
        }
    }
}

fn write_list(rules: &[&Rule], format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = rules
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
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
            writeln!(
                out,
                "{:width$}  {:28}  {:4}  {:8}  KIND",
                "ID", "CATEGORY", "LANG", "SEVERITY"
            )?;
            for r in rules {
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
            writeln!(
                out,
                "{}",
                words::count(Language::En, rules.len(), Noun::Rule)
            )
        }
    }
}
