//! The YAML rule schema (design.md §3) as serde types.
//!
//! Owns the shape of a rule file and nothing else: checks that need more than the shape (regexes
//! compile, ids are unique, the kind has its fields) live in `load.rs`.

use crate::posting::{RoleFamily, SectionKind};
use crate::taxonomy::{Category, Language, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One rule as written in YAML. Unknown fields are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id, `LANG.CATEGORY.NAME`, lowercase, e.g. `nb.formal-competence.higher-education`.
    pub id: String,
    /// The barrier category (domain.md).
    pub category: Category,
    /// The language of ads the rule applies to.
    pub language: RuleLanguage,
    /// Severity; the category's default when absent.
    pub severity: Option<Severity>,
    /// What kind of check this is.
    pub kind: RuleKind,
    /// Section kinds where it applies; all when absent.
    pub scope: Option<Vec<SectionKind>>,
    /// `phrases`: terms to find; `count`: terms to count. Case-insensitive, whole words;
    /// a trailing `*` also matches longer words (`fagbrev*` → `fagbrevet`), a leading `*` compounds.
    pub phrases: Option<Vec<String>>,
    /// `pattern`: a Rust regex to find; `missing`: a regex whose match counts as present.
    pub pattern: Option<String>,
    /// `missing`: a finding when none of these is present in scope.
    pub any_of: Option<Vec<String>>,
    /// Terms that cancel a match when found within `unless_within` of it.
    pub unless: Option<Vec<String>>,
    /// How far from a match `unless` terms are looked for; `sentence` when absent.
    pub unless_within: Option<Within>,
    /// Document conditions; the rule runs only when they all hold.
    pub when: Option<When>,
    /// Whom a match must be about.
    pub subject: Option<Subject>,
    /// `count`: a finding when the count is at least this.
    pub min: Option<usize>,
    /// `count`: a finding when the count is above this.
    pub max: Option<usize>,
    /// `count` of terms: at least one counted term must also be one of these.
    pub require_any: Option<Vec<String>>,
    /// `count` of items: only items under a heading containing one of these (case-insensitive),
    /// e.g. `[kvalifikasjon, krav]` counts the qualifications list but not "Vi søker deg som".
    pub headings: Option<Vec<String>>,
    /// `readability`: a finding when the LIX of the scope is above this.
    pub max_lix: Option<f64>,
    /// `readability`: a finding for each sentence with more words than this. With `max_lix`
    /// too, the long sentences are reported only when the LIX is above `max_lix` (and the LIX
    /// itself is not reported): long sentences matter in a text that is hard overall.
    pub max_sentence_words: Option<usize>,
    /// One line shown with each finding, in the rule's language. `count` and `readability`
    /// messages may use `{count}`, `{limit}`, `{value}` and `{terms}`.
    pub message: String,
    /// Why this keeps people out, naming its source (law, case, guidance, research).
    pub why: String,
    /// Better wording the writer can paste (Markdown).
    pub suggestion: String,
    /// Texts that must and must not give a finding of this rule; verified by the test suite.
    pub examples: Examples,
}

/// The language a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLanguage {
    /// Bokmål ads.
    Nb,
    /// Nynorsk ads.
    Nn,
    /// English ads.
    En,
    /// Ads in any language.
    Any,
}

impl RuleLanguage {
    /// The single language, or `None` for `any`.
    pub fn language(self) -> Option<Language> {
        match self {
            RuleLanguage::Nb => Some(Language::Nb),
            RuleLanguage::Nn => Some(Language::Nn),
            RuleLanguage::En => Some(Language::En),
            RuleLanguage::Any => None,
        }
    }

    /// The id as written in YAML.
    pub fn id(self) -> &'static str {
        self.language().map_or("any", Language::id)
    }
}

/// The kinds of rule (one engine file each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// Find any of `phrases`.
    Phrases,
    /// Find `pattern`.
    Pattern,
    /// Report when none of `any_of` is present.
    Missing,
    /// Count `phrases` (or the items in scope) against `min`/`max`.
    Count,
    /// LIX and sentence length.
    Readability,
}

impl RuleKind {
    /// The id as written in YAML.
    pub fn id(self) -> &'static str {
        match self {
            RuleKind::Phrases => "phrases",
            RuleKind::Pattern => "pattern",
            RuleKind::Missing => "missing",
            RuleKind::Count => "count",
            RuleKind::Readability => "readability",
        }
    }
}

/// How far from a match `unless` terms are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Within {
    /// The match's sentence (the default).
    #[default]
    Sentence,
    /// The match's list item or paragraph.
    Item,
    /// The consecutive items under the match's heading.
    Block,
    /// Anywhere in the ad.
    Document,
}

/// Whom a match must be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    /// The applicant or employee: matches in sentences about service users (brukere, pasienter,
    /// elever, beboere, …) that do not name the employee are ignored.
    Employee,
    /// Something the employee receives (training, adaptation, follow-up): besides sentences about
    /// service users, matches in the duties, in sentences describing the work ("jobbe med",
    /// "ansvar for") and as the object of the work ("oppfølging av enhetslederne") are ignored,
    /// unless the sentence names the employee as receiver ("du får", "deg", "ansatte").
    EmployeeBenefit,
    /// Anyone (the default).
    Any,
}

/// Document conditions of a rule. All given conditions must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The ad's role family is one of these.
    pub role: Option<OneOrMany<RoleFamily>>,
    /// The ad's role family is none of these.
    pub not_role: Option<OneOrMany<RoleFamily>>,
    /// At least one of these terms occurs (in `mentions_in`, or anywhere).
    pub mentions: Option<Vec<String>>,
    /// None of these terms occurs (in `mentions_in`, or anywhere).
    pub not_mentions: Option<Vec<String>>,
    /// Sections searched by `mentions` and `not_mentions`.
    pub mentions_in: Option<Vec<SectionKind>>,
    /// The ad has a finding of one of these categories (from rules without `has_finding`).
    pub has_finding: Option<Vec<Category>>,
    /// Front matter / metadata keys whose value (case-insensitive) is one of the given values.
    pub metadata: Option<BTreeMap<String, OneOrMany<String>>>,
}

/// A single value or a list of values.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// One value.
    One(T),
    /// Several values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a slice.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }
}

/// A rule's own test cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts that must give a finding of the rule.
    pub flagged: Vec<Example>,
    /// Texts that must not.
    pub clean: Vec<Example>,
}

/// One example: a text (Markdown), or a map with the text and document context.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Example {
    /// Just the text.
    Text(String),
    /// The text with context.
    Context(ExampleContext),
}

/// An example with document context.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleContext {
    /// The ad text (Markdown; may contain headings).
    pub text: String,
    /// The ad's title (used for role families).
    pub title: Option<String>,
    /// The role family.
    pub role: Option<RoleFamily>,
}

impl Example {
    /// The example's text.
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) => t,
            Example::Context(c) => &c.text,
        }
    }
}
