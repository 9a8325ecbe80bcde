//! Compiling the rules of one language into matchers, on first use.
//!
//! Owns what the engine builds from a [`RuleSet`]: one Aho-Corasick automaton for every term
//! list of the language's rules (folded once), each rule's regex (built when a rule first needs
//! it), the per-language pattern gate, and folded `headings`. The result is kept in the set's
//! per-language slot ([`RuleSet::derived`]), so a run over Bokmål ads never builds the Nynorsk
//! or English matchers, and all threads share one build.

use super::casefold::fold;
use super::lexicon::Lexicon;
use super::pattern::CompiledPattern;
use super::prefilter;
use super::terms::{TermMatcher, TermMatcherBuilder, TermRole};
use crate::rules::{Kind, Location, RuleError, RuleSet};
use crate::taxonomy::Language;
use aho_corasick::AhoCorasick;
use regex::RegexSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Ads checked before the pattern gate is built: building it (a `RegexSet` with lazy DFAs,
/// forward and reverse) costs more than searching one ad's items with the few patterns it
/// stands for, so a one-file check goes without it; a batch builds it on its second ad.
const GATE_AFTER: usize = 1;

/// The matchers of one language's rules; vectors are indexed by rule index in the set (rules
/// of other languages have empty entries).
#[derive(Debug)]
pub(super) struct Compiled {
    /// Every term of every rule of the language; `None` when it could not be built.
    pub terms: Option<TermMatcher>,
    /// The regex of each `pattern` and `missing` rule.
    patterns: Vec<Option<CompiledPattern>>,
    /// Folded `headings` of `count` rules.
    headings: Vec<Vec<String>>,
    /// The literals one of which each pattern's matches must contain (see `prefilter.rs`).
    literals: Literals,
    /// One search for the unanchored patterns without such literals (built on first use).
    gate: OnceLock<PatternGate>,
    /// How many ads have asked for [`Compiled::possible_patterns`] (all threads).
    ads: AtomicUsize,
    /// Why the term automaton could not be built, if it could not.
    pub error: Option<String>,
    /// The word lists behind `subject`.
    pub lexicon: Lexicon,
}

/// Every required literal of every pattern of the language in one automaton.
#[derive(Debug, Default)]
struct Literals {
    /// `None` when no pattern has required literals (or the automaton cannot be built).
    automaton: Option<AhoCorasick>,
    /// The rule indices of each literal in `automaton`.
    rules: Vec<Vec<usize>>,
    /// The rule index of every pattern that has required literals.
    filtered: Vec<usize>,
}

impl Literals {
    fn new(patterns: &[Option<CompiledPattern>]) -> Literals {
        let mut strings: Vec<String> = Vec::new();
        let mut rules: Vec<Vec<usize>> = Vec::new();
        let mut filtered = Vec::new();
        for (index, pattern) in patterns.iter().enumerate() {
            let Some(required) = pattern
                .as_ref()
                .and_then(|p| prefilter::required_literals(p.source()))
            else {
                continue;
            };
            filtered.push(index);
            for literal in required {
                match strings.iter().position(|s| *s == literal) {
                    Some(i) => {
                        if let Some(r) = rules.get_mut(i) {
                            r.push(index);
                        }
                    }
                    None => {
                        strings.push(literal);
                        rules.push(vec![index]);
                    }
                }
            }
        }
        match AhoCorasick::new(&strings) {
            Ok(automaton) if !strings.is_empty() => Literals {
                automaton: Some(automaton),
                rules,
                filtered,
            },
            _ => Literals::default(),
        }
    }

    /// Marks as impossible every filtered pattern none of whose literals is in `folded`.
    fn filter(&self, folded: &str, possible: &mut [bool]) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        if folded.chars().any(prefilter::unfilterable) {
            return;
        }
        for &rule in &self.filtered {
            if let Some(p) = possible.get_mut(rule) {
                *p = false;
            }
        }
        for m in automaton.find_overlapping_iter(folded) {
            for &rule in self.rules.get(m.pattern().as_usize()).into_iter().flatten() {
                if let Some(p) = possible.get_mut(rule) {
                    *p = true;
                }
            }
        }
    }
}

/// The relaxed twins of the unanchored patterns of one language's rules as one [`RegexSet`]:
/// one search over an ad tells which of these rules can match in it at all (most match nowhere
/// in most ads), instead of one search per rule.
#[derive(Debug, Default)]
struct PatternGate {
    /// `None` when there are no such patterns or the set does not compile.
    set: Option<RegexSet>,
    /// The rule index of each pattern in `set`.
    rules: Vec<usize>,
}

/// The compiled matchers of `language`, built on the first call for that language.
pub(super) fn compiled(rules: &RuleSet, language: Language) -> Option<&Compiled> {
    rules.derived(language, || Compiled::new(rules, language))
}

impl Compiled {
    fn new(set: &RuleSet, language: Language) -> Compiled {
        let rules = set.rules();
        let mut builder = TermMatcherBuilder::default();
        let mut patterns = Vec::with_capacity(rules.len());
        let mut headings = Vec::with_capacity(rules.len());
        for (index, rule) in rules.iter().enumerate() {
            if !rule.applies_to(language) {
                patterns.push(None);
                headings.push(Vec::new());
                continue;
            }
            let mut add = |role, list: Option<&Vec<String>>| {
                for term in list.into_iter().flatten() {
                    builder.add(index, role, term);
                }
            };
            let (trigger, any_of, require_any) = match &rule.kind {
                Kind::Phrases(p) => (Some(&p.terms), None, None),
                Kind::Count(c) => (Some(&c.terms), None, c.require_any.as_ref()),
                Kind::Missing(m) => (None, Some(&m.any_of), None),
                Kind::Pattern(_) | Kind::Readability(_) => (None, None, None),
            };
            add(TermRole::Trigger, trigger);
            add(TermRole::Unless, rule.unless.as_ref().map(|u| &u.terms));
            add(TermRole::AnyOf, any_of);
            add(TermRole::RequireAny, require_any);
            add(TermRole::Mentions, rule.when.mentions.as_ref());
            add(TermRole::NotMentions, rule.when.not_mentions.as_ref());
            patterns.push(rule.pattern().map(CompiledPattern::new));
            headings.push(match &rule.kind {
                Kind::Count(c) => c.headings.iter().map(|h| fold(h).text).collect(),
                _ => Vec::new(),
            });
        }
        let (terms, error) = match builder.build() {
            Ok(terms) => (Some(terms), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Compiled {
            terms,
            literals: Literals::new(&patterns),
            patterns,
            headings,
            gate: OnceLock::new(),
            ads: AtomicUsize::new(0),
            error,
            lexicon: Lexicon::new(set),
        }
    }

    /// The regex of the rule at `index`, if it has one.
    pub fn pattern(&self, index: usize) -> Option<&CompiledPattern> {
        self.patterns.get(index)?.as_ref()
    }

    /// The folded `headings` of the `count` rule at `index`.
    pub fn headings(&self, index: usize) -> &[String] {
        self.headings.get(index).map_or(&[], Vec::as_slice)
    }

    /// Per rule index: `false` when the rule's pattern can match nowhere in the ad with the
    /// original `text` and the folded text `folded`: it lacks every required literal of the
    /// pattern, or, for unanchored patterns without such literals, the gate finds no match
    /// (from the ad after the first [`GATE_AFTER`]; before, those patterns stay possible, and
    /// their items are searched: the findings are the same either way).
    pub fn possible_patterns(&self, text: &str, folded: &str) -> Vec<bool> {
        let mut possible = vec![true; self.patterns.len()];
        self.literals.filter(folded, &mut possible);
        // Once the gate exists the shared counter is not touched again.
        let gate = match self.gate.get() {
            Some(gate) => gate,
            None if self.ads.fetch_add(1, Ordering::Relaxed) < GATE_AFTER => return possible,
            None => self.gate.get_or_init(|| self.gate()),
        };
        if let Some(set) = &gate.set {
            for &rule in &gate.rules {
                if let Some(p) = possible.get_mut(rule) {
                    *p = false;
                }
            }
            for matched in set.matches(text).iter() {
                if let Some(p) = gate.rules.get(matched).and_then(|&r| possible.get_mut(r)) {
                    *p = true;
                }
            }
        }
        possible
    }

    fn gate(&self) -> PatternGate {
        let (rules, patterns): (Vec<usize>, Vec<String>) = self
            .patterns
            .iter()
            .enumerate()
            .filter(|(i, _)| self.literals.filtered.binary_search(i).is_err())
            .filter_map(|(i, p)| {
                let p = p.as_ref().filter(|p| p.is_unanchored())?;
                Some((i, p.relaxed_source()))
            })
            .unzip();
        if rules.is_empty() {
            return PatternGate::default();
        }
        let set = regex::RegexSetBuilder::new(&patterns)
            .size_limit(1 << 24)
            .build()
            .ok();
        PatternGate { set, rules }
    }
}

/// Builds every matcher of every language now and reports what cannot be built (a regex over
/// the size limit, term lists too large), each with the rule's place. `check` builds lazily and
/// treats such a rule as matching nothing; `terskel rules test` and the test suite call this.
pub fn verify(rules: &RuleSet) -> Vec<RuleError> {
    let mut errors = Vec::new();
    for language in Language::ALL {
        let Some(compiled) = compiled(rules, language) else {
            continue;
        };
        if let Some(e) = &compiled.error {
            errors.push(RuleError {
                location: Location {
                    file: "<rules>".into(),
                    line: 1,
                    column: 1,
                },
                rule: None,
                message: format!("the term lists are too large to compile: {e}"),
                source_line: None,
            });
        }
        for (index, rule) in rules.rules().iter().enumerate() {
            let Some(Err(e)) = compiled.pattern(index).map(CompiledPattern::build) else {
                continue;
            };
            let error = RuleError {
                location: rule.origin.clone(),
                rule: Some(rule.id.to_string()),
                message: format!("invalid regex in `pattern`: {e}"),
                source_line: None,
            };
            if !errors.contains(&error) {
                errors.push(error);
            }
        }
    }
    errors
}
