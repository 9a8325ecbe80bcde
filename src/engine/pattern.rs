//! `kind: pattern`: a finding for each accepted regex match, at most one per rule and item.
//!
//! Patterns run per item in scope, not over the whole text. Unicode word boundaries (`\b`) keep
//! the regex crate's fast DFA from running on non-ASCII text (every Norwegian ad), so each pattern
//! also has a *relaxed* twin without `\b`/`\B` (see [`relaxed`]): it matches a superset and runs
//! on the DFA, and only items it matches are searched with the real pattern. Before any item, all
//! patterns without anchors are tried at once on the whole text (the pattern gate in
//! `compile.rs`): most patterns match nowhere in most ads, and their items are then not searched.
//!
//! The pattern itself is built as a meta regex without the lazy and full DFAs (see [`build`]):
//! with a Unicode `\b` those give up on the first non-ASCII byte, so on Norwegian text they were
//! never used, yet building them meant compiling the pattern a second time, in reverse. The
//! matches are the same (the same leftmost-first engines), the start-up is about 40 % cheaper.

use super::context::{Context, Located};
use super::finding::Finding;
use crate::rules::Rule;
use regex::Regex;
use regex_automata::meta;
use regex_syntax::hir::{self, Class, ClassUnicode, Hir, HirKind};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Items searched with a pattern's regex itself before its relaxed twin is built.
const TWIN_AFTER: usize = 200;

/// Ads that get a pattern compiled for themselves alone (see [`CompiledPattern::for_ad`]).
const OWN_FOR: usize = 1;

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
    let pattern = ctx.pattern(index).filter(|_| ctx.pattern_possible(index));
    // Chosen on the first item in scope: no item in scope, no regex built.
    let mut matcher: Option<AdMatcher<'c>> = None;
    ctx.items()
        .iter()
        .filter(move |l| pattern.is_some() && rule.in_scope(l.item.section))
        .flat_map(move |located| {
            let span = located.item.span.clone();
            let text = ctx.doc.slice(span.clone());
            let regex = match (&mut matcher, pattern) {
                (Some(m), _) => m.regex_for(text),
                (None, Some(p)) => matcher.insert(p.for_ad(ctx)).regex_for(text),
                (None, None) => None,
            };
            let found: Vec<Range<usize>> = match regex {
                Some(regex) => regex
                    .find_iter(text)
                    .filter(|m| !m.range().is_empty())
                    .map(|m| span.start + m.start()..span.start + m.end())
                    .collect(),
                None => Vec::new(),
            };
            found.into_iter().map(move |range| (range, located))
        })
}

/// The regex one ad's items are searched with.
enum AdMatcher<'c> {
    /// The pattern's own regex, shared by every ad.
    Shared(&'c CompiledPattern),
    /// The pattern compiled for this ad alone (see [`CompiledPattern::for_ad`]).
    Own(meta::Regex),
}

impl AdMatcher<'_> {
    /// The regex to search `text` (an item of the ad) with; `None` when it cannot match there.
    fn regex_for(&self, text: &str) -> Option<&meta::Regex> {
        match self {
            AdMatcher::Shared(pattern) => pattern.matcher_for(text),
            AdMatcher::Own(regex) => Some(regex),
        }
    }
}

/// A rule's regex and its relaxed twin, each built on first use: start-up cost matters for CI
/// runs on one file, and most patterns are never needed because the pattern gate rules them out.
#[derive(Debug)]
pub(super) struct CompiledPattern {
    source: String,
    regex: OnceLock<Result<meta::Regex, String>>,
    relaxed: OnceLock<Option<Regex>>,
    /// How many items have been searched for the pattern so far (all threads).
    searched: AtomicUsize,
    /// How many ads have asked for the pattern before its shared regex was built.
    ads: AtomicUsize,
    /// True when the pattern has no anchor (`^`, `$`, `\A`, `\z`): then a match in an item is
    /// also a match in the whole text, and a text without one needs no item searched.
    unanchored: bool,
}

impl CompiledPattern {
    /// `pattern`, to be compiled when first used.
    pub fn new(pattern: &str) -> CompiledPattern {
        CompiledPattern {
            source: pattern.to_string(),
            regex: OnceLock::new(),
            relaxed: OnceLock::new(),
            searched: AtomicUsize::new(0),
            ads: AtomicUsize::new(0),
            unanchored: is_unanchored(pattern),
        }
    }

    /// The regex, compiled now if it is not yet.
    ///
    /// # Errors
    /// The regex crate's message (the syntax is checked at load; what is left is the size limit).
    pub fn build(&self) -> Result<&meta::Regex, &str> {
        match self.regex.get_or_init(|| build_pattern(&self.source)) {
            Ok(regex) => Ok(regex),
            Err(e) => Err(e),
        }
    }

    /// The regex for the items of the ad of `ctx`. The first ad that needs the pattern gets it
    /// compiled for itself alone, with every character class cut down to the characters that
    /// occur in the ad (`[\p{L}-]` is hundreds of ranges, a few dozen remain); every later ad
    /// gets the shared regex. Compiling the whole classes is most of a one-file check, and a
    /// class can only ever match characters of the text it searches, so both find the same
    /// matches in this ad (the items are pieces of its text).
    fn for_ad<'c>(&'c self, ctx: &Context<'_>) -> AdMatcher<'c> {
        if self.regex.get().is_some() || self.ads.fetch_add(1, Ordering::Relaxed) >= OWN_FOR {
            return AdMatcher::Shared(self);
        }
        match build_restricted(&self.source, ctx.alphabet()) {
            Some(regex) => AdMatcher::Own(regex),
            None => AdMatcher::Shared(self),
        }
    }

    /// True when the pattern asserts no line or text boundary: a match in an item is then also
    /// a match in the whole text, so a text without one needs no item searched.
    pub fn is_unanchored(&self) -> bool {
        self.unanchored
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The source of the relaxed twin (see [`relaxed`]).
    pub fn relaxed_source(&self) -> String {
        relaxed(&self.source)
    }

    /// The regex when it can match in `text`: the relaxed twin (without word-boundary
    /// assertions, so it matches wherever the regex does, and runs on the DFA) is tried first.
    /// `None` when there is no match or the regex does not compile.
    ///
    /// The twin only pays for its compilation over many items, so the first [`TWIN_AFTER`]
    /// items go straight to the regex (the result is the same either way).
    fn matcher_for(&self, text: &str) -> Option<&meta::Regex> {
        let regex = self.build().ok()?;
        // Once the twin exists the shared counter is not touched again (no cache line bouncing
        // between threads on every item).
        let relaxed = match self.relaxed.get() {
            Some(twin) => twin,
            None if self.searched.fetch_add(1, Ordering::Relaxed) < TWIN_AFTER => {
                return Some(regex)
            }
            None => self
                .relaxed
                .get_or_init(|| build(&relaxed(&self.source)).ok()),
        };
        let possible = match relaxed {
            Some(twin) => twin.is_match(text),
            None => regex.is_match(text),
        };
        possible.then_some(regex)
    }
}

/// The compiled size a pattern may have (the same as `rules/load.rs` checks user rules with).
const SIZE_LIMIT: usize = 1 << 22;

/// The relaxed twin: an ordinary regex, whose lazy DFA does run (it has no `\b`).
fn build(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .build()
}

/// The meta regex settings of [`build_pattern`].
fn pattern_config() -> meta::Config {
    meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid(false)
        .dfa(false)
        .onepass(false)
}

/// The syntax settings of [`build_pattern`] (the regex crate's).
fn syntax_config() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new().utf8(true)
}

/// `pattern` as [`build_pattern`] builds it, but with every character class intersected with
/// `alphabet`: on a text made only of characters in `alphabet` it finds exactly the same
/// matches (a class can only match a character of the text; literals, word boundaries and
/// repetitions are kept as they are). No literal prefilter either: it searches one ad. `None`
/// when it does not build.
fn build_restricted(pattern: &str, alphabet: &ClassUnicode) -> Option<meta::Regex> {
    let hir = regex_automata::util::syntax::parse_with(pattern, &syntax_config()).ok()?;
    let hir = restrict(&hir, alphabet);
    meta::Builder::new()
        .configure(pattern_config().auto_prefilter(false))
        .build_from_hir(&hir)
        .ok()
}

/// `hir` with every Unicode class intersected with `alphabet`.
fn restrict(hir: &Hir, alphabet: &ClassUnicode) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(alphabet);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Empty
        | HirKind::Literal(_)
        | HirKind::Class(Class::Bytes(_))
        | HirKind::Look(_) => hir.clone(),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(restrict(&r.sub, alphabet)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(restrict(&c.sub, alphabet)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| restrict(h, alphabet)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| restrict(h, alphabet)).collect())
        }
    }
}

/// A pattern as the regex crate builds it (the same syntax and match semantics: leftmost-first,
/// no empty matches inside a UTF-8 character, the same NFA size limit), but without the lazy
/// DFA, the full DFA and the one-pass DFA. `find_iter` then runs the bounded backtracker or the
/// PikeVM, which is what the regex crate ends up running on non-ASCII text for a pattern with a
/// Unicode word boundary anyway; the reverse NFA the DFAs need is never built. The one-pass DFA
/// only serves anchored searches and capture groups, which the engine does not use.
///
/// # Errors
/// The regex crate's own message for the pattern, so that `rules test` reads the same.
fn build_pattern(pattern: &str) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(pattern_config())
        .syntax(syntax_config())
        .build(pattern)
        .map_err(|e| match build(pattern) {
            Err(original) => original.to_string(),
            Ok(_) => e.to_string(),
        })
}

/// True when `pattern` asserts no line or text boundary (word boundaries do not count: the
/// relaxed twin has none). Unparsable patterns count as anchored, the safe side. Only the syntax
/// tree is needed (`^`, `$`, `\A`, `\z` are anchors whatever the flags), which is far cheaper
/// than translating the pattern.
fn is_unanchored(pattern: &str) -> bool {
    use regex_syntax::ast::{self, Assertion, AssertionKind, Ast};
    struct Anchors(bool);
    impl ast::Visitor for Anchors {
        type Output = bool;
        type Err = ();
        fn finish(self) -> Result<bool, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, node: &Ast) -> Result<(), ()> {
            if let Ast::Assertion(a) = node {
                let Assertion { kind, .. } = a.as_ref();
                self.0 |= matches!(
                    kind,
                    AssertionKind::StartLine
                        | AssertionKind::EndLine
                        | AssertionKind::StartText
                        | AssertionKind::EndText
                );
            }
            Ok(())
        }
    }
    let Ok(ast) = ast::parse::Parser::new().parse(pattern) else {
        return false;
    };
    ast::visit(&ast, Anchors(false)).is_ok_and(|anchored| !anchored)
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
        assert!(!CompiledPattern::new(r"^krav").is_unanchored());
        assert!(CompiledPattern::new(r"\bkrav\b").is_unanchored());
    }

    // The regex compiled for one ad alone finds what the shared one finds, for every pattern of
    // the default pack in every corpus ad of its language and in all its language's examples.
    #[test]
    fn a_pattern_compiled_for_one_ad_finds_the_same_matches() {
        let set = crate::rules::load(&crate::rules::RuleOptions::default()).unwrap();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut found = 0;
        for lang in ["nb", "nn", "en"] {
            let rules: Vec<&Rule> = set
                .rules()
                .iter()
                .filter(|r| r.language_id() == lang)
                .collect();
            let mut texts = vec![rules
                .iter()
                .flat_map(|r| r.examples.flagged.iter().chain(&r.examples.clean))
                .map(|e| e.text())
                .collect::<Vec<_>>()
                .join("\n")];
            for entry in std::fs::read_dir(corpus.join(lang)).unwrap().flatten() {
                texts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
            for pattern in rules.iter().filter_map(|r| r.pattern()) {
                let shared = build_pattern(pattern).unwrap();
                for text in &texts {
                    let mut chars: Vec<char> = text.chars().collect();
                    chars.sort_unstable();
                    chars.dedup();
                    let alphabet = ClassUnicode::new(
                        chars.into_iter().map(|c| hir::ClassUnicodeRange::new(c, c)),
                    );
                    let own = build_restricted(pattern, &alphabet).unwrap();
                    let all =
                        |r: &meta::Regex| r.find_iter(text).map(|m| m.range()).collect::<Vec<_>>();
                    assert_eq!(all(&shared), all(&own), "{pattern}");
                    found += all(&own).len();
                }
            }
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn relaxed_matches_wherever_the_original_does() {
        let p = CompiledPattern::new(r"(?i)\bminimum\s+\d+\s+års?\b");
        p.searched.store(TWIN_AFTER, Ordering::Relaxed);
        for text in ["Minimum 3 års erfaring", "minimum 10 år", "ikke minimum"] {
            if p.build().unwrap().is_match(text) {
                assert!(p.matcher_for(text).is_some(), "{text}");
            }
        }
    }
}
