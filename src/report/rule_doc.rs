//! One rule as a Markdown page: what `terskel explain ID` prints and what `docs/rules/ID.md`
//! holds (the page SARIF's `helpUri` points at). Everything comes from the rule data — message,
//! *why* with its source, suggestion, what it looks for, examples — and the headings are in the
//! rule's language (English for rules of any language).
//!
//! The page never names a line of a rule file, so it changes only when the rule does; `explain`
//! adds where the rule was defined.

use super::audit::words::words;
use crate::rules::schema::Example;
use crate::rules::Rule;
use crate::suppress::BuiltinRule;
use crate::taxonomy::{Language, Severity};
use std::fmt::Write as _;

/// The headings of a rule page in one language.
struct Headings {
    category: &'static str,
    language: &'static str,
    severity: &'static str,
    kind: &'static str,
    why: &'static str,
    suggestion: &'static str,
    phrases: &'static str,
    any_of: &'static str,
    pattern: &'static str,
    examples: &'static str,
    flagged: &'static str,
    clean: &'static str,
    file: &'static str,
    builtin: &'static str,
}

const NB: Headings = Headings {
    category: "Kategori",
    language: "Språk",
    severity: "Alvorlighetsgrad",
    kind: "Type",
    why: "Hvorfor",
    suggestion: "Forslag",
    phrases: "Ser etter",
    any_of: "Ser etter en av",
    pattern: "Mønster",
    examples: "Eksempler",
    flagged: "Gir funn",
    clean: "Gir ikke funn",
    file: "Definert i",
    builtin: "innebygd i terskel (unntak i annonsene), ikke en YAML-regel",
};

const NN: Headings = Headings {
    category: "Kategori",
    language: "Språk",
    severity: "Alvorsgrad",
    kind: "Type",
    why: "Kvifor",
    suggestion: "Forslag",
    phrases: "Ser etter",
    any_of: "Ser etter ein av",
    pattern: "Mønster",
    examples: "Døme",
    flagged: "Gir funn",
    clean: "Gir ikkje funn",
    file: "Definert i",
    builtin: "innebygd i terskel (unntak i annonsane), ikkje ein YAML-regel",
};

const EN: Headings = Headings {
    category: "Category",
    language: "Language",
    severity: "Severity",
    kind: "Kind",
    why: "Why",
    suggestion: "Suggestion",
    phrases: "Looks for",
    any_of: "Looks for any of",
    pattern: "Pattern",
    examples: "Examples",
    flagged: "Flagged",
    clean: "Not flagged",
    file: "Defined in",
    builtin: "built into terskel (inline suppressions), not a YAML rule",
};

fn headings(language: Option<Language>) -> &'static Headings {
    match language {
        Some(Language::Nb) => &NB,
        Some(Language::Nn) => &NN,
        Some(Language::En) | None => &EN,
    }
}

/// The labels of a rule's help in `language`: why, suggestion, flagged, not flagged.
pub fn help_labels(language: Option<Language>) -> [&'static str; 4] {
    let h = headings(language);
    [h.why, h.suggestion, h.flagged, h.clean]
}

/// The file a rule of the embedded pack comes from, as it stands in the repository
/// (`rules/nb/driving-licence.yaml`); other files as given.
pub fn rule_file(origin_file: &str) -> String {
    match origin_file.strip_prefix("<embedded>/") {
        Some(rest) => format!("rules/{rest}"),
        None => origin_file.to_string(),
    }
}

/// The Markdown page of `rule`, as `docs/rules/ID.md` holds it.
pub fn markdown(rule: &Rule) -> String {
    page(rule, &rule_file(&rule.origin.file))
}

/// The page of `rule` as `terskel explain` prints it: with the file, line and column where the
/// rule is defined.
pub fn explain(rule: &Rule) -> String {
    page(rule, &rule.origin.to_string())
}

fn page(rule: &Rule, defined: &str) -> String {
    let h = headings(rule.language);
    let label_language = rule.language.unwrap_or(Language::En);
    let w = words(label_language);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", rule.id);
    let _ = writeln!(
        out,
        "**{}:** {} (`{}`) · **{}:** {} · **{}:** {} · **{}:** `{}`\n",
        h.category,
        w.category(rule.category),
        rule.category.id(),
        h.language,
        rule.language_id(),
        h.severity,
        w.severity_word(rule.severity),
        h.kind,
        rule.kind.id()
    );
    let _ = writeln!(out, "{}\n", rule.message.trim());
    let _ = writeln!(out, "## {}\n\n{}\n", h.why, rule.why.trim());
    let _ = writeln!(out, "## {}\n\n{}\n", h.suggestion, rule.suggestion.trim());
    if !rule.phrases().is_empty() {
        let _ = writeln!(out, "## {}\n\n{}\n", h.phrases, code_list(rule.phrases()));
    }
    if !rule.any_of().is_empty() {
        let _ = writeln!(out, "## {}\n\n{}\n", h.any_of, code_list(rule.any_of()));
    }
    if let Some(pattern) = rule.pattern() {
        let _ = writeln!(out, "## {}\n\n```text\n{}\n```\n", h.pattern, pattern);
    }
    let _ = writeln!(out, "## {}\n", h.examples);
    examples(&mut out, h.flagged, &rule.examples.flagged);
    examples(&mut out, h.clean, &rule.examples.clean);
    let _ = writeln!(out, "{}: `{defined}`", h.file);
    out
}

/// The Markdown page of a rule built into terskel.
pub fn builtin_markdown(rule: &BuiltinRule) -> String {
    let h = &EN;
    let w = words(Language::En);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", rule.id);
    let _ = writeln!(
        out,
        "**{}:** the category of the suppressed rule · **{}:** any · **{}:** {} · **{}:** `built-in`\n",
        h.category,
        h.language,
        h.severity,
        w.severity_word(Severity::Warning),
        h.kind
    );
    let _ = writeln!(out, "{}\n", rule.message);
    let _ = writeln!(out, "## {}\n\n{}\n", h.why, rule.why);
    let _ = writeln!(out, "## {}\n\n{}\n", h.suggestion, rule.suggestion);
    let _ = writeln!(out, "## {}\n", h.examples);
    let _ = writeln!(
        out,
        "{}:\n\n```markdown\n{}\n```\n",
        h.flagged, rule.flagged
    );
    let _ = writeln!(out, "{}:\n\n```markdown\n{}\n```\n", h.clean, rule.clean);
    let _ = writeln!(out, "{}: {}", h.file, h.builtin);
    out
}

/// The first line of every generated page, so that a stale page can be told from a written one.
pub const GENERATED: &str =
    "<!-- Generated by `terskel rules docs` from the rule data: edit the rule, not this page. -->";

/// The pages of `docs/rules/`: one `ID.md` per rule of the embedded pack and per built-in rule,
/// and `README.md`, an index. Sorted by file name; the same rules give the same bytes.
pub fn pages(rules: &crate::rules::RuleSet) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let mut pages: Vec<(String, String)> = Vec::new();
    for rule in rules.rules() {
        if !rule.origin.file.starts_with("<embedded>/") {
            continue;
        }
        pages.push((
            format!("{}.md", rule.id),
            format!("{GENERATED}\n\n{}", markdown(rule)),
        ));
        rows.push((
            rule.id.to_string(),
            rule.category.id().to_string(),
            rule.language_id().to_string(),
            one_line_cell(&rule.message),
        ));
    }
    for rule in &crate::suppress::BUILTIN_RULES {
        pages.push((
            format!("{}.md", rule.id),
            format!("{GENERATED}\n\n{}", builtin_markdown(rule)),
        ));
        rows.push((
            rule.id.to_string(),
            "—".to_string(),
            "any".to_string(),
            one_line_cell(rule.message),
        ));
    }
    rows.sort();
    let mut index = format!(
        "{GENERATED}\n\n# terskel's rules\n\nOne page per rule of the default pack and per rule built into terskel: why it exists (with its source), the wording to use instead, what it looks for and its examples. `terskel explain ID` prints the same page; `terskel rules docs` writes these pages.\n\n| rule | category | language | message |\n|---|---|---|---|\n"
    );
    for (id, category, language, message) in rows {
        let _ = writeln!(
            index,
            "| [`{id}`]({id}.md) | {category} | {language} | {message} |"
        );
    }
    pages.push(("README.md".to_string(), index));
    pages.sort();
    pages
}

fn one_line_cell(text: &str) -> String {
    super::place::one_line(text).replace('|', "\\|")
}

fn code_list(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn examples(out: &mut String, label: &str, examples: &[Example]) {
    if examples.is_empty() {
        return;
    }
    let _ = writeln!(out, "{label}:\n");
    for example in examples {
        let _ = writeln!(out, "```markdown\n{}\n```\n", example.text().trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_norwegian_rule_gets_norwegian_headings() {
        let rules = crate::rules::load(&crate::rules::RuleOptions::default()).unwrap();
        let page = markdown(rules.get("nb.driving-licence.required").unwrap());
        assert!(page.starts_with("# nb.driving-licence.required\n"));
        for heading in ["## Hvorfor", "## Forslag", "## Eksempler", "Gir funn:"] {
            assert!(page.contains(heading), "{heading}:\n{page}");
        }
        assert!(page.contains("`rules/nb/driving-licence.yaml`"));
        let english = rules
            .rules()
            .iter()
            .find(|r| r.language == Some(Language::En))
            .unwrap();
        assert!(markdown(english).contains("## Why"));
    }
}
