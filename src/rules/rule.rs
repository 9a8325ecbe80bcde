//! A validated rule as plain data, and the active [`RuleSet`].
//!
//! Owns the shape rules have after loading: the fields every rule shares on [`Rule`], and what
//! only one kind needs in its [`Kind`] variant. [`Kind::from_spec`] is the one conversion from
//! the YAML form ([`RuleSpec`]) to a kind, and it does the kind-specific validation. Nothing
//! here is compiled: the engine turns rules into matchers (and keeps them in the set's
//! [`RuleSet::derived`] slots), the rules layer never looks inside them.
//!
//! Adding a rule kind: a variant of [`Kind`] (and of [`RuleKind`] in `schema.rs`, with its
//! fields on [`RuleSpec`]), one arm in [`Kind::from_spec`], one file in `engine/`, one arm in
//! the engine's `run`.

use super::error::Location;
use super::load::Pack;
use super::schema::{Examples, Replacement, RuleKind, RuleSpec, Subject, When, Within};
use super::terms::TermSet;
use super::vocabulary::VocabularyList;
use crate::posting::{SectionKind, Vocabulary};
use crate::taxonomy::{Category, Language, Severity};
use std::any::Any;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A rule ready for the engine: validated, with its kind's data in [`Rule::kind`].
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id. Shared (`Arc`) with every finding of the rule, as `message` is.
    pub id: Arc<str>,
    /// Barrier category.
    pub category: Category,
    /// The language it applies to; `None` for all.
    pub language: Option<Language>,
    /// Severity of its findings (after overrides).
    pub severity: Severity,
    /// The kind of check, with what only that kind needs.
    pub kind: Kind,
    /// Sections where it applies; `None` for all.
    pub scope: Option<Vec<SectionKind>>,
    /// Terms that cancel a match near it.
    pub unless: Option<Unless>,
    /// Document conditions.
    pub when: When,
    /// Whom a match must be about.
    pub subject: Subject,
    /// One-line message. Shared (`Arc`) with every finding whose message has no placeholder:
    /// an ad can have hundreds of thousands of findings, and each used to carry a copy.
    pub message: Arc<str>,
    /// The reason, with its source.
    pub why: String,
    /// Pasteable better wording, shared with every finding of the rule (see `message`).
    pub suggestion: Arc<str>,
    /// What `terskel fix` writes for a finding of this rule, if anything.
    pub replacement: Option<Replacement>,
    /// The rule's own test cases.
    pub examples: Examples,
    /// Where the rule was defined.
    pub origin: Location,
}

/// `unless` terms and how far from a match they reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Unless {
    /// The terms (as written; term sets already expanded).
    pub terms: Vec<String>,
    /// How far from a match they are looked for.
    pub within: Within,
}

/// What a rule checks, one variant per kind (one engine file each).
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Find any of the terms.
    Phrases(Phrases),
    /// Find a regex.
    Pattern(Pattern),
    /// Report when none of the terms (or the regex) is present.
    Missing(Missing),
    /// Count terms, or the items in scope, against a limit.
    Count(Count),
    /// LIX and sentence length.
    Readability(Readability),
}

/// `kind: phrases`.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrases {
    /// The terms to find (as written; term sets already expanded).
    pub terms: Vec<String>,
}

/// `kind: pattern`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The regex as written (syntax checked at load).
    pub regex: String,
}

/// `kind: missing`.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    /// Terms whose presence satisfies the rule (may be empty when `pattern` is given).
    pub any_of: Vec<String>,
    /// A regex whose match satisfies the rule.
    pub pattern: Option<String>,
}

/// `kind: count`.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The terms to count; empty to count the items in scope.
    pub terms: Vec<String>,
    /// When a count gives a finding.
    pub limit: Limit,
    /// At least one counted term must also be one of these.
    pub require_any: Option<Vec<String>>,
    /// Items count only under a heading containing one of these (as written).
    pub headings: Vec<String>,
}

/// The limit of a `count` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `min`: a finding when the count is at least this.
    AtLeast(usize),
    /// `max`: a finding when the count is above this.
    AtMost(usize),
}

impl Limit {
    /// The count that gives a finding, and the limit named in messages (`{limit}`).
    pub fn threshold(self) -> (usize, usize) {
        match self {
            Limit::AtLeast(min) => (min, min),
            Limit::AtMost(max) => (max.saturating_add(1), max),
        }
    }
}

/// `kind: readability`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    /// A finding when the LIX of the scope is above this.
    pub max_lix: Option<f64>,
    /// A finding for each sentence with more words than this.
    pub max_sentence_words: Option<usize>,
}

impl Kind {
    /// The kind as written in YAML.
    pub fn id(&self) -> &'static str {
        self.tag().id()
    }

    /// The YAML tag of the kind.
    pub fn tag(&self) -> RuleKind {
        match self {
            Kind::Phrases(_) => RuleKind::Phrases,
            Kind::Pattern(_) => RuleKind::Pattern,
            Kind::Missing(_) => RuleKind::Missing,
            Kind::Count(_) => RuleKind::Count,
            Kind::Readability(_) => RuleKind::Readability,
        }
    }

    /// Takes the kind's fields out of `spec` and checks them; `fail(field, message)` gets every
    /// problem. Fields of another kind left in `spec` are errors too. `None` when a required
    /// field is missing.
    pub fn from_spec(spec: &mut RuleSpec, fail: &mut dyn FnMut(&str, String)) -> Option<Kind> {
        let kind = spec.kind;
        let needs = |field: &str| format!("a `{}` rule needs a `{field}` field", kind.id());
        let built = match kind {
            RuleKind::Phrases => match spec.phrases.take() {
                Some(terms) => Some(Kind::Phrases(Phrases { terms })),
                None => {
                    fail("kind", needs("phrases"));
                    None
                }
            },
            RuleKind::Pattern => match spec.pattern.take() {
                Some(regex) => Some(Kind::Pattern(Pattern { regex })),
                None => {
                    fail("kind", needs("pattern"));
                    None
                }
            },
            RuleKind::Missing => match (spec.any_of.take(), spec.pattern.take()) {
                (None, None) => {
                    fail("kind", needs("any_of` or `pattern"));
                    None
                }
                (any_of, pattern) => Some(Kind::Missing(Missing {
                    any_of: any_of.unwrap_or_default(),
                    pattern,
                })),
            },
            RuleKind::Count => {
                let terms = spec.phrases.take().unwrap_or_default();
                let require_any = spec.require_any.take();
                let headings = spec.headings.take().unwrap_or_default();
                let limit = match (spec.min.take(), spec.max.take()) {
                    (Some(min), max) => {
                        if max.is_some() {
                            fail("min", "give either `min` or `max`, not both".to_string());
                        }
                        Some(Limit::AtLeast(min))
                    }
                    (None, Some(max)) => Some(Limit::AtMost(max)),
                    (None, None) => {
                        fail("kind", needs("min` or `max"));
                        None
                    }
                };
                limit.map(|limit| {
                    Kind::Count(Count {
                        terms,
                        limit,
                        require_any,
                        headings,
                    })
                })
            }
            RuleKind::Readability => {
                let (max_lix, max_sentence_words) =
                    (spec.max_lix.take(), spec.max_sentence_words.take());
                if let Some(lix) = max_lix {
                    if !(lix.is_finite() && lix > 0.0) {
                        fail("max_lix", "`max_lix` must be a positive number".to_string());
                    }
                }
                if max_lix.is_none() && max_sentence_words.is_none() {
                    fail("kind", needs("max_lix` or `max_sentence_words"));
                    None
                } else {
                    Some(Kind::Readability(Readability {
                        max_lix,
                        max_sentence_words,
                    }))
                }
            }
        };
        let foreign = [
            ("phrases", spec.phrases.is_some()),
            ("pattern", spec.pattern.is_some()),
            ("any_of", spec.any_of.is_some()),
            ("min", spec.min.is_some()),
            ("max", spec.max.is_some()),
            ("require_any", spec.require_any.is_some()),
            ("headings", spec.headings.is_some()),
            ("max_lix", spec.max_lix.is_some()),
            ("max_sentence_words", spec.max_sentence_words.is_some()),
        ];
        for (field, present) in foreign {
            if present {
                fail(
                    field,
                    format!(
                        "`{field}` has no meaning in a `{}` rule; remove it or change `kind`",
                        kind.id()
                    ),
                );
            }
        }
        built
    }
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

    /// The terms the rule finds or counts (`phrases`; empty for other kinds), for `explain`.
    pub fn phrases(&self) -> &[String] {
        match &self.kind {
            Kind::Phrases(p) => &p.terms,
            Kind::Count(c) => &c.terms,
            _ => &[],
        }
    }

    /// The `any_of` terms of a `missing` rule (empty for other kinds), for `explain`.
    pub fn any_of(&self) -> &[String] {
        match &self.kind {
            Kind::Missing(m) => &m.any_of,
            _ => &[],
        }
    }

    /// The regex as written, of `pattern` and `missing` rules.
    pub fn pattern(&self) -> Option<&str> {
        match &self.kind {
            Kind::Pattern(p) => Some(&p.regex),
            Kind::Missing(m) => m.pattern.as_deref(),
            _ => None,
        }
    }
}

/// What a consumer derived from a [`RuleSet`] for one language (type-erased: the rules layer
/// does not know what the engine keeps).
type Derived = OnceLock<Arc<dyn Any + Send + Sync>>;

/// The active rules, sorted by id, and one slot per language for what the engine builds from
/// them on first use (compiled matchers), shared by every thread that checks ads.
#[derive(Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    term_sets: Vec<TermSet>,
    word_lists: Vec<VocabularyList>,
    vocabulary: Option<Arc<Vocabulary>>,
    derived: [Derived; 3],
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.rules)
            .finish_non_exhaustive()
    }
}

impl RuleSet {
    /// The set of `rules`, sorted by id (so output never depends on file order).
    pub fn new(rules: Vec<Rule>) -> RuleSet {
        RuleSet::with_term_sets(rules, Vec::new())
    }

    /// The set of `rules` with the term sets they were loaded with (the engine's word lists
    /// are among them).
    pub fn with_term_sets(mut rules: Vec<Rule>, term_sets: Vec<TermSet>) -> RuleSet {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        RuleSet {
            rules,
            term_sets,
            word_lists: Vec::new(),
            vocabulary: None,
            derived: Default::default(),
        }
    }

    /// The set of everything `pack` defines: rules, term sets and the reader's word lists.
    pub fn from_pack(pack: Pack) -> RuleSet {
        let vocabulary = Arc::new(super::vocabulary::build(&pack.word_lists));
        RuleSet {
            word_lists: pack.word_lists,
            vocabulary: Some(vocabulary),
            ..RuleSet::with_term_sets(pack.rules, pack.term_sets)
        }
    }

    /// Every word list of the reader's vocabulary, by name and language (empty for a set made
    /// without a pack).
    pub fn word_lists(&self) -> &[VocabularyList] {
        &self.word_lists
    }

    /// The reader's vocabulary these rules were loaded with, for
    /// [`crate::posting::ReadOptions::vocabulary`]; `None` for a set made without a pack (the
    /// reader then uses the embedded pack's).
    pub fn vocabulary(&self) -> Option<Arc<Vocabulary>> {
        self.vocabulary.clone()
    }

    /// Every term set, by name and language.
    pub fn term_sets(&self) -> &[TermSet] {
        &self.term_sets
    }

    /// The terms of the sets named `name`, of every language, in the order of
    /// [`RuleSet::term_sets`].
    pub fn words<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.term_sets
            .iter()
            .filter(move |s| s.name == name)
            .flat_map(|s| s.terms.iter().map(String::as_str))
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .binary_search_by(|r| (*r.id).cmp(id))
            .ok()
            .and_then(|i| self.rules.get(i))
    }

    /// What `init` derives from these rules for `language`, built on the first call and shared
    /// afterwards (by all threads). The engine keeps its compiled matchers here; what it keeps
    /// must not depend on severities, which [`RuleSet::override_severity`] may change later.
    /// `None` only if the slot already holds a value of another type.
    pub fn derived<T: Any + Send + Sync>(
        &self,
        language: Language,
        init: impl FnOnce() -> T,
    ) -> Option<&T> {
        let slot = match language {
            Language::Nb => 0,
            Language::Nn => 1,
            Language::En => 2,
        };
        let cell = self.derived.get(slot)?;
        cell.get_or_init(|| Arc::new(init())).downcast_ref::<T>()
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
