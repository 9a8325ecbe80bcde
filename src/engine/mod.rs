//! Running a [`RuleSet`] over a [`Document`]: the rules of the document's language are compiled
//! on first use (`compile.rs`), then one pass of the term automaton over the folded text, then
//! each applicable rule by its kind (one file per kind), producing [`Finding`]s sorted by
//! position and rule id. Also runs every rule's own examples ([`selftest`]). The engine never
//! formats output and never reads files; the rules it runs are plain data from `rules`.
//!
//! Adding a rule kind: a [`crate::rules::Kind`] variant, one file here with its `run`, one arm
//! in `run`.

mod casefold;
mod clause;
mod compile;
mod contact;
mod context;
mod count;
mod finding;
mod lexicon;
mod missing;
mod owner;
mod pattern;
mod phrases;
mod prefilter;
#[cfg(test)]
mod quality_tests;
pub mod readability;
mod selftest;
mod structure;
mod subject;
mod terms;

pub use compile::verify;
pub use finding::Finding;
pub use selftest::{selftest, ExampleFailure};

use crate::posting::Document;
use crate::rules::{Kind, Rule, RuleSet};
use context::Context;
use std::collections::BTreeSet;

/// All findings of `rules` in `doc`, sorted by (position, rule id); document-level findings last.
///
/// Rules whose `when` has `has_finding` run after the others and see their categories.
pub fn check(rules: &RuleSet, doc: &Document) -> Vec<Finding> {
    let Some(compiled) = compile::compiled(rules, doc.language) else {
        // Invariant: only this module fills the slots, always with `Compiled`.
        return Vec::new();
    };
    let all = rules.rules();
    let folded = casefold::fold(&doc.text);
    let hits = match &compiled.terms {
        Some(terms) => terms.hits(&folded),
        None => Vec::new(),
    };
    let mut ctx = Context::new(doc, &folded.text, all.len(), compiled, hits);
    // The folded text and its offset map (four bytes per byte) are not needed once the hits are
    // found; on a finding-heavy ad they would otherwise stay alive next to every finding.
    // See: issue 13
    drop(folded);
    let mut findings = Vec::new();
    let applicable = || {
        all.iter()
            .enumerate()
            .filter(|(_, r)| r.applies_to(doc.language))
    };
    for (index, rule) in applicable().filter(|(_, r)| r.when.has_finding.is_none()) {
        if ctx.when_holds(index, rule, None) {
            run(&ctx, index, rule, &mut findings);
        }
        ctx.release(index);
    }
    let found: BTreeSet<_> = findings.iter().map(|f| f.category).collect();
    for (index, rule) in applicable().filter(|(_, r)| r.when.has_finding.is_some()) {
        if ctx.when_holds(index, rule, Some(&found)) {
            run(&ctx, index, rule, &mut findings);
        }
        ctx.release(index);
    }
    // In place: a stable sort would allocate half the findings again, and an ad can have
    // hundreds of thousands. A rule reports at most one finding per item, sentence or document,
    // so (start, rule, end) never ties and the order is the one a stable sort gives.
    findings.sort_unstable_by(|a, b| {
        let key = |f: &Finding| f.span.map_or(usize::MAX, |s| s.start);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.span.map(|s| s.end).cmp(&b.span.map(|s| s.end)))
    });
    findings
}

/// One arm per rule kind.
fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    match &rule.kind {
        Kind::Phrases(_) => phrases::run(ctx, index, rule, out),
        Kind::Pattern(_) => pattern::run(ctx, index, rule, out),
        Kind::Missing(_) => missing::run(ctx, index, rule, out),
        Kind::Count(count) => count::run(ctx, index, rule, count, out),
        Kind::Readability(limits) => readability::run(ctx, rule, limits, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{self, Format, ReadOptions};
    use crate::rules::{parse_sources, RuleSource};
    use crate::taxonomy::Language;

    const RULE: &str = r#"id: nb.driving-licence.required
category: driving-licence
language: nb
kind: phrases
phrases: [førerkort]
unless: [ikke et krav]
unless_within: item
message: "Krav om førerkort."
why: "LDO 11/1272."
suggestion: "Skriv hvorfor."
examples:
  flagged: ["Du må ha førerkort."]
  clean: ["Førerkort er ikke et krav."]
"#;

    // See: issue 13 — with thousands of items, `unless` was checked against every hit for
    // every match. The answer per item must stay the same: cancelled only where the item says so.
    #[test]
    fn unless_cancels_only_the_items_that_say_so_among_many() {
        let rules = RuleSet::new(parse_sources(&[RuleSource::new("r.yaml", RULE)]).unwrap());
        let mut text = String::from("## Kvalifikasjoner\n\n");
        for i in 0..3000 {
            if i % 3 == 0 {
                text.push_str("- Førerkort klasse B er ikke et krav\n");
            } else {
                text.push_str("- Førerkort klasse B\n");
            }
        }
        let options = ReadOptions {
            language: Some(Language::Nb),
            ..ReadOptions::default()
        };
        let doc =
            posting::read_bytes("ad.md", text.as_bytes(), Format::Markdown, &options).unwrap();
        let findings = check(&rules, &doc);
        assert_eq!(findings.len(), 2000);
        assert!(findings
            .iter()
            .all(|f| !doc.slice(f.context.clone().unwrap()).contains("ikke")));
    }

    const ABOUT_EMPLOYEE: &str = r#"id: nb.discrimination.health-mine
category: discrimination
language: nb
kind: phrases
phrases: [god helse]
subject: employee
message: "Krav om god helse."
why: "Likestillings- og diskrimineringsloven § 6."
suggestion: "Skriv hva jobben krever."
examples:
  flagged: ["Du må ha god helse."]
  clean: ["Vi tilbyr kurs."]
"#;

    fn findings_with(extra: &str) -> usize {
        let mut sources = crate::rules::embedded_sources();
        sources.push(RuleSource::new(
            "mine.yaml",
            format!("{ABOUT_EMPLOYEE}{extra}"),
        ));
        let (rules, sets) = crate::rules::parse_pack(&sources, &[]).unwrap();
        let rules = RuleSet::with_term_sets(rules, sets);
        let options = ReadOptions {
            language: Some(Language::Nb),
            ..ReadOptions::default()
        };
        let text = "## Om stillingen\n\nGjestene våre skal ha god helse etter besøket.\n";
        let doc =
            posting::read_bytes("ad.md", text.as_bytes(), Format::Markdown, &options).unwrap();
        check(&rules, &doc)
            .iter()
            .filter(|f| &*f.rule == "nb.discrimination.health-mine")
            .count()
    }

    // The engine's word lists are term sets: a user pack adds a word for service users, and a
    // sentence about them is then not about the employee.
    #[test]
    fn a_user_pack_extends_the_subject_word_lists() {
        assert_eq!(findings_with(""), 1);
        let extension =
            "---\nterm_set: subject-users\nlanguage: nb\nextend: true\nterms: [gjestene]\n";
        assert_eq!(findings_with(extension), 0);
    }

    #[test]
    fn extending_a_term_set_that_does_not_exist_is_an_error() {
        let source = RuleSource::new(
            "mine.yaml",
            "term_set: no-such-list\nlanguage: nb\nextend: true\nterms: [x]\n",
        );
        let err = crate::rules::parse_pack(&[source], &[])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no term set `no-such-list` for language `nb` to extend"),
            "{err}"
        );
    }

    /// `pattern` written in one line: the whitespace (everywhere, classes included, as `(?x)`
    /// ignores it) and `#` comments of a verbose pattern dropped, escaped characters kept, and
    /// the `x` flag with them.
    fn one_line(pattern: &str) -> String {
        let mut out = String::new();
        let mut chars = pattern.chars();
        let mut class = 0usize;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    out.push(c);
                    out.extend(chars.next());
                }
                '[' => {
                    class += 1;
                    out.push(c);
                }
                ']' if class > 0 => {
                    class -= 1;
                    out.push(c);
                }
                '#' if class == 0 => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                c if c.is_whitespace() => {}
                c => out.push(c),
            }
        }
        for (verbose, plain) in [("(?imx)", "(?im)"), ("(?ix)", "(?i)"), ("(?x)", "")] {
            if let Some(rest) = out.strip_prefix(verbose) {
                return format!("{plain}{rest}");
            }
        }
        out
    }

    // See: issue 9 — long patterns are written with `(?x)` and comments. Their layout must
    // change nothing: the same regex, the same literals for the prefilter, the same twin.
    #[test]
    fn verbose_patterns_mean_what_their_one_line_form_means() {
        let rules = crate::rules::load(&crate::rules::RuleOptions::default()).unwrap();
        let verbose: Vec<&str> = rules
            .rules()
            .iter()
            .filter_map(Rule::pattern)
            .filter(|p| p.starts_with("(?ix)") || p.starts_with("(?imx)"))
            .collect();
        assert!(verbose.len() >= 30, "{} verbose patterns", verbose.len());
        for pattern in verbose {
            assert!(
                pattern.lines().any(|l| l.trim_start().starts_with("# ")),
                "a verbose pattern says what its parts catch: {pattern}"
            );
            let flat = one_line(pattern);
            assert!(!flat.contains(char::is_whitespace), "{flat}");
            let hir = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
            assert_eq!(hir(pattern), hir(&flat), "{pattern}");
            assert_eq!(
                hir(&pattern::relaxed(pattern)),
                hir(&pattern::relaxed(&flat)),
                "{pattern}"
            );
            assert_eq!(
                prefilter::required_literals(pattern),
                prefilter::required_literals(&flat),
                "{pattern}"
            );
        }
    }
}
