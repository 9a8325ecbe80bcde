//! Verifying every rule's own examples: each `flagged` text must give a finding of the rule and
//! no `clean` text may. All failures are gathered before reporting (Harper's inline rule tests).
//! `cargo test` runs this on the default pack and `terskel rules test DIR` on a user's rules.
//! It lives in the engine so that `rules` never needs to run anything.

use crate::engine;
use crate::posting::{self, Format, ReadOptions};
use crate::rules::schema::Example;
use crate::rules::{Location, Rule, RuleSet};
use crate::taxonomy::Language;
use std::fmt;

/// An example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule id.
    pub rule: String,
    /// Where the rule is defined.
    pub origin: Location,
    /// The example text.
    pub example: String,
    /// True for a `flagged` example that gave no finding; false for a `clean` one that did.
    pub flagged: bool,
    /// What the rule matched in a clean example, or why the example could not be read.
    pub detail: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let example = self.example.trim().replace('\n', "⏎");
        if self.flagged {
            write!(
                f,
                "{}: rule `{}`: flagged example gave no finding: «{example}»",
                self.origin, self.rule
            )?;
        } else {
            write!(
                f,
                "{}: rule `{}`: clean example gave a finding: «{example}»",
                self.origin, self.rule
            )?;
        }
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        Ok(())
    }
}

/// Runs the examples of every rule `wanted` accepts, against the whole set (so rules that depend
/// on other findings see them). Returns the number of examples run and the failures.
pub fn selftest(rules: &RuleSet, wanted: impl Fn(&Rule) -> bool) -> (usize, Vec<ExampleFailure>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for rule in rules.rules().iter().filter(|r| wanted(r)) {
        let cases = rule
            .examples
            .flagged
            .iter()
            .map(|e| (e, true))
            .chain(rule.examples.clean.iter().map(|e| (e, false)));
        for (example, flagged) in cases {
            count += 1;
            let fail = |detail: String| ExampleFailure {
                rule: rule.id.to_string(),
                origin: rule.origin.clone(),
                example: example.text().to_string(),
                flagged,
                detail,
            };
            match findings_of(rules, rule, example) {
                Err(e) => failures.push(fail(format!("cannot read the example: {e}"))),
                Ok(found) if found.is_empty() == flagged => {
                    let detail = found
                        .iter()
                        .map(|t| format!("matched «{t}»"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    failures.push(fail(detail));
                }
                Ok(_) => {}
            }
        }
    }
    (count, failures)
}

/// The texts of `rule`'s findings in `example`.
fn findings_of(
    rules: &RuleSet,
    rule: &Rule,
    example: &Example,
) -> Result<Vec<String>, posting::InputError> {
    let language = rule.language.unwrap_or(Language::Nb);
    let mut text = String::new();
    if let Example::Context(context) = example {
        if let Some(title) = &context.title {
            text.push_str(&format!("# {title}\n\n"));
        }
    }
    text.push_str(example.text());
    let options = ReadOptions {
        language: Some(language),
        vocabulary: rules.vocabulary(),
        ..ReadOptions::default()
    };
    let mut doc = posting::read_bytes("<example>", text.as_bytes(), Format::Markdown, &options)?;
    if let Example::Context(context) = example {
        if let Some(role) = context.role {
            doc.role = role;
        }
    }
    Ok(engine::check(rules, &doc)
        .into_iter()
        .filter(|f| f.rule == rule.id)
        .map(|f| {
            if f.text.is_empty() {
                "(the whole ad)".to_string()
            } else {
                f.text.into_string()
            }
        })
        .collect())
}
