//! `kind: pattern`: a finding for each accepted regex match, at most one per rule and item.
//!
//! Patterns run per item in scope, not over the whole text. Unicode word boundaries (`\b`) keep
//! the regex crate's fast DFA from running on non-ASCII text (every Norwegian ad), so each pattern
//! also has a *relaxed* twin without `\b`/`\B` (see [`relaxed`]): it matches a superset and runs
//! on the DFA, and only items it matches are searched with the real pattern. Before any item, all
//! patterns without anchors are tried at once on the whole text ([`crate::rules::RuleSet`]'s
//! pattern gate): most patterns match nowhere in most ads, and their items are then not searched.

use super::context::{Context, Located};
use super::finding::Finding;
use crate::rules::Rule;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;

pub(super) fn run(ctx: &Context<'_>, index: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let mut items = HashSet::new();
    for (range, located) in matches(ctx, index, rule) {
        if ctx.accept(index, rule, &range).is_some() && items.insert(located.item.span.start) {
            out.push(ctx.finding(rule, located, range, rule.message.clone()));
        }
    }
}

/// Every non-empty match of the pattern of `rule` (at `index`) in the items in its scope, with
/// the item.
pub(super) fn matches<'c, 'a>(
    ctx: &'c Context<'a>,
    index: usize,
    rule: &'c Rule,
) -> impl Iterator<Item = (Range<usize>, &'c Located<'a>)> + 'c {
    let pattern = rule
        .pattern
        .as_ref()
        .filter(|_| ctx.pattern_possible(index));
    ctx.items()
        .iter()
        .filter(move |l| pattern.is_some() && rule.in_scope(l.item.section))
        .flat_map(move |located| {
            let span = located.item.span.clone();
            let text = ctx.doc.slice(span.clone());
            let found: Vec<Range<usize>> = match pattern {
                Some(p) if p.relaxed().is_match(text) => p
                    .regex
                    .find_iter(text)
                    .filter(|m| !m.range().is_empty())
                    .map(|m| span.start + m.start()..span.start + m.end())
                    .collect(),
                _ => Vec::new(),
            };
            found.into_iter().map(move |range| (range, located))
        })
}

/// A rule's regex and its relaxed twin (built on first use: start-up cost matters for CI runs on
/// one file, and most runs use the patterns of one language only).
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    /// The pattern as written.
    pub regex: Regex,
    relaxed: std::sync::OnceLock<Regex>,
    /// True when the pattern has no anchor (`^`, `$`, `\A`, `\z`): then a match in an item is
    /// also a match in the whole text, and a text without one needs no item searched.
    unanchored: bool,
}

impl CompiledPattern {
    /// Compiles `pattern`.
    ///
    /// # Errors
    /// The regex crate's error for an invalid pattern.
    pub fn new(pattern: &str) -> Result<CompiledPattern, regex::Error> {
        Ok(CompiledPattern {
            regex: build(pattern)?,
            relaxed: std::sync::OnceLock::new(),
            unanchored: is_unanchored(pattern),
        })
    }

    /// True when the pattern asserts no line or text boundary: a match in an item is then also
    /// a match in the whole text, so a text without one needs no item searched.
    pub fn is_unanchored(&self) -> bool {
        self.unanchored
    }

    /// The source of the relaxed twin (see [`relaxed`]).
    pub fn relaxed_source(&self) -> String {
        relaxed(self.regex.as_str())
    }

    /// The pattern without word-boundary assertions: matches wherever `regex` does (and more).
    /// Falls back to the pattern itself if the relaxed form does not compile.
    pub fn relaxed(&self) -> &Regex {
        self.relaxed.get_or_init(|| {
            build(&relaxed(self.regex.as_str())).unwrap_or_else(|_| self.regex.clone())
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 22)
        .build()
}

/// True when `pattern` asserts no line or text boundary (word boundaries do not count: the
/// relaxed twin has none). Unparsable patterns count as anchored, the safe side.
fn is_unanchored(pattern: &str) -> bool {
    use regex_syntax::hir::Look;
    let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
        return false;
    };
    let looks = hir.properties().look_set();
    [
        Look::Start,
        Look::End,
        Look::StartLF,
        Look::EndLF,
        Look::StartCRLF,
        Look::EndCRLF,
    ]
    .into_iter()
    .all(|look| !looks.contains(look))
}

/// `pattern` with every `\b` and `\B` removed (escaped backslashes kept). Removing an assertion
/// never removes a match, so the result matches a superset of the original.
pub fn relaxed(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => {}
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relaxed_drops_word_boundaries_only() {
        assert_eq!(relaxed(r"(?i)\bfør\w*\b|\\b\Bx"), r"(?i)før\w*|\\bx");
    }

    #[test]
    fn anchored_patterns_are_never_skipped_by_the_whole_text() {
        assert!(is_unanchored(r"(?i)\bfagbrev\b|[^.\n]{0,8}\$\s*\d"));
        assert!(!is_unanchored(r"(?m)^\s*-\s*førerkort"));
        assert!(!is_unanchored(r"norsk$"));
        assert!(!CompiledPattern::new(r"^krav").unwrap().is_unanchored());
        assert!(CompiledPattern::new(r"\bkrav\b").unwrap().is_unanchored());
    }

    #[test]
    fn relaxed_matches_wherever_the_original_does() {
        let p = CompiledPattern::new(r"(?i)\bminimum\s+\d+\s+års?\b").unwrap();
        for text in ["Minimum 3 års erfaring", "minimum 10 år", "ikke minimum"] {
            if p.regex.is_match(text) {
                assert!(p.relaxed().is_match(text), "{text}");
            }
        }
    }
}
