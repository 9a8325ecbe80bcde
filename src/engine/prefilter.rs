//! A cheap necessary condition for a regex: strings one of which every match must contain.
//!
//! Compiling a Unicode, case-insensitive regex costs far more than checking one ad, and most
//! patterns match nowhere in most ads. So before a pattern is compiled, its syntax tree (cheap to
//! parse) gives a set of literal strings at least one of which any match contains, and the
//! pattern is compiled and searched only in ads whose folded text contains one.
//!
//! Why this is exact (never rules out an ad the regex matches): the strings are lowercased and
//! made only of `a-z`, `0-9`, `æ`, `ø`, `å`, the folded text is the ad lowercased char by char
//! (whitespace, dashes and quotes are never part of a string), and every character a
//! case-insensitive regex matches for one of these letters lowercases to that letter, except
//! `ſ` (long s, matched by `(?i)s`): a text holding `ſ` is not filtered at all.

use regex_syntax::ast::{self, Ast, RepetitionKind, RepetitionRange};

/// The most strings a set may hold before it is given up (cross products grow fast).
const MAX_STRINGS: usize = 32;

/// What is known about the strings a piece of a regex matches.
#[derive(Debug, Default)]
struct Info {
    /// Every string it can match, when that is a small set of plain literals.
    exact: Option<Vec<String>>,
    /// Strings one of which every match contains (none empty).
    required: Option<Vec<String>>,
}

/// The lowercased strings one of which every match of `pattern` contains, or `None` when no
/// such set is known (then every ad must be searched).
pub(super) fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    info(&ast).required
}

/// True when a text holding `c` cannot be filtered (see the module docs).
pub(super) fn unfilterable(c: char) -> bool {
    c == 'ſ'
}

fn plain(c: char) -> Option<char> {
    let mut lower = c.to_lowercase();
    let l = lower.next()?;
    if lower.next().is_some() {
        return None;
    }
    (l.is_ascii_lowercase() || l.is_ascii_digit() || matches!(l, 'æ' | 'ø' | 'å')).then_some(l)
}

fn valid(set: Vec<String>) -> Option<Vec<String>> {
    (!set.is_empty() && set.len() <= MAX_STRINGS && set.iter().all(|s| !s.is_empty()))
        .then_some(set)
}

fn cross(left: &[String], right: &[String]) -> Option<Vec<String>> {
    if left.len().saturating_mul(right.len()) > MAX_STRINGS {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(left.len() * right.len());
    for a in left {
        for b in right {
            let s = format!("{a}{b}");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Some(out)
}

/// The better of two requirements: the one whose shortest string is longer (more selective).
fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    let score = |set: &Option<Vec<String>>| {
        set.as_ref()
            .and_then(|s| s.iter().map(|s| s.chars().count()).min())
            .unwrap_or(0)
    };
    if score(&b) > score(&a) {
        b
    } else {
        a
    }
}

fn info(ast: &Ast) -> Info {
    let empty = || Info {
        exact: Some(vec![String::new()]),
        required: None,
    };
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => empty(),
        Ast::Literal(literal) => match plain(literal.c) {
            Some(c) => Info {
                exact: Some(vec![c.to_string()]),
                required: Some(vec![c.to_string()]),
            },
            None => Info::default(),
        },
        Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => {
            Info::default()
        }
        Ast::Group(group) => info(&group.ast),
        Ast::Repetition(repetition) => {
            let inner = info(&repetition.ast);
            let (min, max) = match &repetition.op.kind {
                RepetitionKind::ZeroOrOne => (0, Some(1)),
                RepetitionKind::ZeroOrMore => (0, None),
                RepetitionKind::OneOrMore => (1, None),
                RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
                RepetitionKind::Range(RepetitionRange::Bounded(n, m)) => (*n, Some(*m)),
            };
            let exact = match (min, max) {
                (0, Some(1)) => inner.exact.map(|mut set| {
                    if !set.contains(&String::new()) {
                        set.push(String::new());
                    }
                    set
                }),
                (1, Some(1)) => inner.exact,
                _ => None,
            };
            let exact = exact.filter(|set| set.len() <= MAX_STRINGS);
            let required = if min >= 1 { inner.required } else { None };
            Info { exact, required }
        }
        Ast::Alternation(alternation) => {
            let infos: Vec<Info> = alternation.asts.iter().map(info).collect();
            let union = |pick: fn(&Info) -> Option<&Vec<String>>| -> Option<Vec<String>> {
                let mut out: Vec<String> = Vec::new();
                for i in &infos {
                    for s in pick(i)? {
                        if !out.contains(s) {
                            out.push(s.clone());
                        }
                    }
                }
                (out.len() <= MAX_STRINGS).then_some(out)
            };
            Info {
                exact: union(|i| i.exact.as_ref()),
                required: union(|i| i.required.as_ref()).and_then(valid),
            }
        }
        Ast::Concat(concat) => {
            let mut run = Some(vec![String::new()]);
            let mut all_exact = true;
            let mut best: Option<Vec<String>> = None;
            for child in &concat.asts {
                let child = info(child);
                match (child.exact, run.take()) {
                    (Some(exact), Some(so_far)) => match cross(&so_far, &exact) {
                        Some(joined) => run = Some(joined),
                        None => {
                            all_exact = false;
                            best = better(best, valid(so_far));
                            run = Some(exact);
                        }
                    },
                    (Some(exact), None) => run = Some(exact),
                    (None, so_far) => {
                        all_exact = false;
                        best = better(best, so_far.and_then(valid));
                        best = better(best, child.required);
                        run = Some(vec![String::new()]);
                    }
                }
            }
            let exact = if all_exact { run.clone() } else { None };
            best = better(best, run.and_then(valid));
            Info {
                exact,
                required: best,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(pattern: &str) -> Option<Vec<String>> {
        required_literals(pattern).map(|mut v| {
            v.sort();
            v
        })
    }

    #[test]
    fn literals_are_joined_across_optional_letters_and_groups() {
        assert_eq!(
            req(r"(?i)\bvedlagte?\s+cv"),
            Some(vec!["vedlagt".into(), "vedlagte".into()])
        );
        // The more selective side of a concatenation is kept (shortest string longer).
        assert_eq!(
            req(r"(?i)(?:Førerkort|sertifikat)\s+klasse"),
            Some(vec!["førerkort".into(), "sertifikat".into()])
        );
        assert_eq!(req(r"(?i)(?:to|tre)\s+klasse"), Some(vec!["klasse".into()]));
        assert_eq!(
            req(r"(?i)(?:to|tre)\b"),
            Some(vec!["to".into(), "tre".into()])
        );
    }

    #[test]
    fn no_requirement_when_a_branch_or_the_whole_can_be_anything() {
        assert_eq!(req(r"\d{3}\s?\d{3}|kr"), None);
        assert_eq!(req(r"(?i)a?"), None);
        assert_eq!(req(r"[\w.+-]+@[\w-]+"), None);
        assert_eq!(req(r"(unclosed"), None);
    }

    #[test]
    fn whitespace_and_punctuation_end_a_literal() {
        assert_eq!(req(r"(?i)legg ved"), Some(vec!["legg".into()]));
        assert_eq!(req(r"min\.\s*3"), Some(vec!["min".into()]));
    }

    // Every pattern of the default pack against every example text and corpus ad: wherever the
    // regex matches, the folded text must hold one of its literals.
    #[test]
    fn the_literals_never_rule_out_a_text_the_pattern_matches() {
        let set = crate::rules::load(&crate::rules::RuleOptions::default()).unwrap();
        let mut texts: Vec<String> = set
            .rules()
            .iter()
            .flat_map(|r| r.examples.flagged.iter().chain(&r.examples.clean))
            .map(|e| e.text().to_string())
            .collect();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for lang in ["nb", "nn", "en"] {
            for entry in std::fs::read_dir(corpus.join(lang)).unwrap().flatten() {
                texts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        let mut filtered = 0;
        for rule in set.rules() {
            let Some(pattern) = rule.pattern() else {
                continue;
            };
            let Some(required) = required_literals(pattern) else {
                continue;
            };
            filtered += 1;
            let regex = regex::Regex::new(pattern).unwrap();
            for text in &texts {
                if regex.is_match(text) {
                    let folded = crate::engine::casefold::fold(text).text;
                    assert!(
                        required.iter().any(|l| folded.contains(l.as_str())),
                        "{}: {required:?} not in «{text}»",
                        rule.id
                    );
                }
            }
        }
        assert!(filtered > 10);
    }
}
