//! Compiling loaded rules into a [`RuleSet`]: regexes built once, every term list of every rule
//! in one automaton. A new rule kind adds one `match` arm in [`RuleSet::compile`] (for its terms)
//! and one file in `engine/`.

use super::error::{LoadError, Location, RuleError};
use super::load::LoadedRule;
use super::schema::{Examples, Replacement, RuleKind, Subject, When, Within};
use crate::engine::pattern::CompiledPattern;
use crate::engine::terms::{TermMatcher, TermMatcherBuilder, TermRole};
use crate::posting::SectionKind;
use crate::taxonomy::{Category, Language, Severity};
use regex::RegexSet;
use std::sync::OnceLock;

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Barrier category.
    pub category: Category,
    /// The language it applies to; `None` for all.
    pub language: Option<Language>,
    /// Severity of its findings (after overrides).
    pub severity: Severity,
    /// The kind of check.
    pub kind: RuleKind,
    /// Sections where it applies; `None` for all.
    pub scope: Option<Vec<SectionKind>>,
    /// The compiled `pattern` (of `pattern` and `missing` rules).
    pub pattern: Option<CompiledPattern>,
    /// True when the rule has `unless` terms.
    pub has_unless: bool,
    /// How far `unless` terms reach.
    pub unless_within: Within,
    /// Document conditions.
    pub when: When,
    /// Whom a match must be about.
    pub subject: Subject,
    /// `count`: at least this many.
    pub min: Option<usize>,
    /// `count`: more than this many.
    pub max: Option<usize>,
    /// `count`: has `require_any` terms.
    pub has_require_any: bool,
    /// `count` of items: folded heading words an item's block heading must contain.
    pub headings: Vec<String>,
    /// `readability`: LIX limit.
    pub max_lix: Option<f64>,
    /// `readability`: words per sentence limit.
    pub max_sentence_words: Option<usize>,
    /// One-line message.
    pub message: String,
    /// The reason, with its source.
    pub why: String,
    /// Pasteable better wording.
    pub suggestion: String,
    /// What `terskel fix` writes for a finding of this rule, if anything.
    pub replacement: Option<Replacement>,
    /// The rule's own test cases.
    pub examples: Examples,
    /// Where the rule was defined.
    pub origin: Location,
    /// The `phrases` as written (for `explain`).
    pub phrases: Vec<String>,
    /// The `any_of` terms as written (for `explain`).
    pub any_of: Vec<String>,
}

impl Rule {
    /// True when the rule applies to ads in `language`.
    pub fn applies_to(&self, language: Language) -> bool {
        self.language.is_none_or(|l| l == language)
    }

    /// True when `section` is in the rule's scope.
    pub fn in_scope(&self, section: SectionKind) -> bool {
        self.scope.as_ref().is_none_or(|s| s.contains(&section))
    }

    /// The language id as written in the rule (`nb`, `nn`, `en`, `any`).
    pub fn language_id(&self) -> &'static str {
        self.language.map_or("any", Language::id)
    }
}

/// The active rules, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
    terms: TermMatcher,
    /// Per language (built on first use): one search for all unanchored patterns.
    gates: [OnceLock<PatternGate>; 3],
}

/// The relaxed twins of the unanchored patterns of one language's rules as one [`RegexSet`]:
/// one search over an ad tells which of these rules can match in it at all (most match nowhere
/// in most ads), instead of one search per rule.
#[derive(Debug, Clone, Default)]
struct PatternGate {
    /// `None` when there are no such patterns or the set does not compile.
    set: Option<RegexSet>,
    /// The rule index of each pattern in `set`.
    rules: Vec<usize>,
}

impl RuleSet {
    /// Compiles loaded rules (sorted by id, so output never depends on file order).
    ///
    /// # Errors
    /// [`LoadError::Invalid`] when a regex or the term automaton cannot be built.
    pub fn compile(mut loaded: Vec<LoadedRule>) -> Result<RuleSet, LoadError> {
        loaded.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
        let mut builder = TermMatcherBuilder::default();
        let mut rules = Vec::with_capacity(loaded.len());
        let mut errors = Vec::new();
        for (index, LoadedRule { spec, origin }) in loaded.into_iter().enumerate() {
            let mut add = |role, list: &Option<Vec<String>>| {
                for term in list.iter().flatten() {
                    builder.add(index, role, term);
                }
            };
            add(TermRole::Trigger, &spec.phrases);
            add(TermRole::Unless, &spec.unless);
            add(TermRole::AnyOf, &spec.any_of);
            add(TermRole::RequireAny, &spec.require_any);
            let when = spec.when.clone().unwrap_or_default();
            add(TermRole::Mentions, &when.mentions);
            add(TermRole::NotMentions, &when.not_mentions);
            let pattern = match &spec.pattern {
                Some(p) => match CompiledPattern::new(p) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        errors.push(RuleError {
                            location: origin.clone(),
                            rule: Some(spec.id.clone()),
                            message: format!("invalid regex in `pattern`: {e}"),
                            source_line: None,
                        });
                        None
                    }
                },
                None => None,
            };
            rules.push(Rule {
                severity: spec.severity.unwrap_or(spec.category.default_severity()),
                language: spec.language.language(),
                category: spec.category,
                kind: spec.kind,
                scope: spec.scope,
                pattern,
                has_unless: spec.unless.is_some(),
                unless_within: spec.unless_within.unwrap_or_default(),
                when,
                subject: spec.subject.unwrap_or(Subject::Any),
                min: spec.min,
                max: spec.max,
                has_require_any: spec.require_any.is_some(),
                headings: spec
                    .headings
                    .iter()
                    .flatten()
                    .map(|h| crate::engine::casefold::fold(h).text)
                    .collect(),
                max_lix: spec.max_lix,
                max_sentence_words: spec.max_sentence_words,
                message: spec.message.trim().to_string(),
                why: spec.why.trim().to_string(),
                suggestion: spec.suggestion.trim_end().to_string(),
                replacement: spec.replacement,
                examples: spec.examples,
                phrases: spec.phrases.unwrap_or_default(),
                any_of: spec.any_of.unwrap_or_default(),
                id: spec.id,
                origin,
            });
        }
        if !errors.is_empty() {
            return Err(LoadError::Invalid(errors));
        }
        let terms = builder.build().map_err(|e| {
            LoadError::Invalid(vec![RuleError {
                location: Location {
                    file: "<rules>".into(),
                    line: 1,
                    column: 1,
                },
                rule: None,
                message: format!("the term lists are too large to compile: {e}"),
                source_line: None,
            }])
        })?;
        Ok(RuleSet {
            rules,
            terms,
            gates: Default::default(),
        })
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.rules.get(i))
    }

    /// The term automaton.
    pub(crate) fn terms(&self) -> &TermMatcher {
        &self.terms
    }

    /// Per rule index: `false` when the rule's pattern can match nowhere in `text` (only rules
    /// of `language` with an unanchored pattern are searched; every other rule is `true`).
    pub(crate) fn possible_patterns(&self, language: Language, text: &str) -> Vec<bool> {
        let slot = match language {
            Language::Nb => 0,
            Language::Nn => 1,
            Language::En => 2,
        };
        let mut possible = vec![true; self.rules.len()];
        let Some(gate) = self
            .gates
            .get(slot)
            .map(|g| g.get_or_init(|| self.gate(language)))
        else {
            return possible;
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

    fn gate(&self, language: Language) -> PatternGate {
        let (rules, patterns): (Vec<usize>, Vec<String>) = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.applies_to(language))
            .filter_map(|(i, r)| {
                let p = r.pattern.as_ref().filter(|p| p.is_unanchored())?;
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

    /// Sets the severity of every rule `select` accepts (severity overrides from configuration).
    pub fn override_severity(&mut self, select: impl Fn(&Rule) -> bool, severity: Severity) {
        for rule in self.rules.iter_mut().filter(|r| select(r)) {
            rule.severity = severity;
        }
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}
