//! Named term sets: lists of terms that several rules share, defined once per language.
//!
//! A YAML document with a `term_set:` key (instead of `id:`) defines one:
//!
//! ```yaml
//! term_set: driving-jobs       # referenced as "@driving-jobs" in the rules of its language
//! language: nb
//! description: Work that needs a car.
//! terms: [hjemmetjeneste*, ambulerende, kjøre mellom]
//! ```
//!
//! Any term list of a rule (`phrases`, `any_of`, `unless`, `require_any`, `when.mentions`,
//! `when.not_mentions`) may hold `"@NAME"` entries; loading replaces each by the set's terms, so
//! the engine only ever sees plain lists. Owns the set schema, its validation (name format,
//! empty sets, duplicate names, bad terms) and the expansion with its errors (unknown set).
//!
//! The engine's own word lists are term sets too, so rule writers can see them (`terskel explain
//! @NAME`) and a user pack can add words with `extend: true`: `subject-*` (whom a sentence is
//! about), `owner-*` (whose a match is, by its neighbours), `clause-*` (what a clause does:
//! no demand, an alternative, a softener), `contact-*` (what counts as a contact) and
//! `count-group-words`. The engine reads them by name; no rule of the default pack uses them.

use super::chunk::Chunk;
use super::error::{Location, RuleError};
use super::schema::{RuleLanguage, RuleSpec};
use serde::Deserialize;
use std::collections::HashMap;

/// A term set as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSetSpec {
    /// The name, lowercase letters, digits and `-`; rules write `@NAME`.
    pub term_set: String,
    /// The language of the rules that can use it.
    pub language: RuleLanguage,
    /// What the terms have in common.
    pub description: Option<String>,
    /// The terms (same syntax as in rules; no `@` references).
    pub terms: Vec<String>,
    /// True to add the terms to the set of this name from an earlier file (the default pack's,
    /// say) instead of defining a new one.
    pub extend: Option<bool>,
}

/// A loaded term set.
#[derive(Debug, Clone, PartialEq)]
pub struct TermSet {
    /// The name (without `@`).
    pub name: String,
    /// The language of the rules that can use it.
    pub language: RuleLanguage,
    /// What the terms have in common.
    pub description: String,
    /// The terms.
    pub terms: Vec<String>,
    /// Where it is defined.
    pub origin: Location,
    /// True when it extends the set of the same name instead of defining one.
    pub extend: bool,
}

/// Term sets by (language, name).
pub(super) type Sets = HashMap<(RuleLanguage, String), TermSet>;

pub(super) fn error(
    file: &str,
    chunk: &Chunk,
    field: &str,
    rule: Option<String>,
    message: String,
) -> RuleError {
    let (line, column, source_line) = chunk
        .field_location(field)
        .map_or((chunk.first_line, 1, None), |(l, c, s)| (l, c, Some(s)));
    RuleError {
        location: Location {
            file: file.to_string(),
            line,
            column,
        },
        rule,
        message,
        source_line,
    }
}

/// Reads and checks the term set in `chunk`: from `json` when the build converted it (and it
/// reads: JSON is many times faster than YAML at start-up), else from the YAML, whose errors
/// carry the place.
pub(super) fn parse(
    file: &str,
    chunk: &Chunk,
    json: Option<&str>,
) -> Result<TermSet, Vec<RuleError>> {
    let from_json = json.and_then(|j| serde_json::from_str::<TermSetSpec>(j).ok());
    let parsed = match from_json {
        Some(spec) => Ok(spec),
        None => serde_yaml_ng::from_str(&chunk.text),
    };
    let spec: TermSetSpec = parsed.map_err(|e| {
        let (line, column) = e.location().map_or((chunk.first_line, 1), |l| {
            (chunk.first_line + l.line() - 1, l.column())
        });
        vec![RuleError {
            location: Location {
                file: file.to_string(),
                line,
                column,
            },
            rule: None,
            source_line: chunk.line(line),
            message: format!("term set: {e}"),
        }]
    })?;
    let name = spec.term_set.clone();
    let mut errors = Vec::new();
    let label = Some(format!("@{name}"));
    let well_formed = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !well_formed {
        errors.push(error(
            file,
            chunk,
            "term_set",
            label.clone(),
            "a term set name is lowercase letters, digits and `-`, e.g. `driving-jobs`".into(),
        ));
    }
    if spec.terms.is_empty() {
        errors.push(error(
            file,
            chunk,
            "terms",
            label.clone(),
            "the term set is empty; give at least one term".into(),
        ));
    }
    for term in &spec.terms {
        let bare = term.trim().trim_matches('*').trim();
        let message = if bare.is_empty() {
            Some("the term set holds an empty term".to_string())
        } else if term.trim().starts_with('@') {
            Some(format!(
                "term `{term}`: a term set cannot refer to another set"
            ))
        } else if bare.contains('*') {
            Some(format!(
                "term `{term}`: `*` is only allowed at the start or end"
            ))
        } else {
            None
        };
        if let Some(message) = message {
            errors.push(error(file, chunk, "terms", label.clone(), message));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let origin = Location::of_key(file, chunk, "term_set");
    Ok(TermSet {
        name,
        language: spec.language,
        description: spec.description.unwrap_or_default().trim().to_string(),
        terms: spec.terms,
        origin,
        extend: spec.extend.unwrap_or(false),
    })
}

/// Adds `set` to `sets`; a second set of the same language and name is an error.
pub(super) fn insert(sets: &mut Sets, set: TermSet) -> Result<(), RuleError> {
    let key = (set.language, set.name.clone());
    if let Some(first) = sets.get(&key) {
        return Err(RuleError {
            location: set.origin.clone(),
            rule: Some(format!("@{}", set.name)),
            message: format!(
                "duplicate term set `{}` for language `{}`; it is already defined at {}",
                set.name,
                set.language.id(),
                first.origin
            ),
            source_line: None,
        });
    }
    sets.insert(key, set);
    Ok(())
}

/// Adds the terms of the extending `set` to the set it names; an error when there is none.
pub(super) fn extend(sets: &mut Sets, set: TermSet) -> Result<(), RuleError> {
    match sets.get_mut(&(set.language, set.name.clone())) {
        Some(base) => {
            base.terms.extend(set.terms);
            Ok(())
        }
        None => Err(RuleError {
            location: set.origin.clone(),
            rule: Some(format!("@{}", set.name)),
            message: format!(
                "`extend: true`, but there is no term set `{}` for language `{}` to extend",
                set.name,
                set.language.id()
            ),
            source_line: None,
        }),
    }
}

/// Replaces every `@NAME` entry in the term lists of `spec` by the terms of the set `NAME` of
/// the rule's language. An unknown name is an error at the place it is written.
pub(super) fn expand(
    spec: &mut RuleSpec,
    sets: &Sets,
    chunk: &Chunk,
    file: &str,
) -> Vec<RuleError> {
    let language = spec.language;
    let id = spec.id.clone();
    let mut errors = Vec::new();
    let when = spec.when.as_mut();
    let (mentions, not_mentions) = match when {
        Some(w) => (w.mentions.as_mut(), w.not_mentions.as_mut()),
        None => (None, None),
    };
    let lists = [
        ("phrases", spec.phrases.as_mut()),
        ("any_of", spec.any_of.as_mut()),
        ("unless", spec.unless.as_mut()),
        ("require_any", spec.require_any.as_mut()),
        ("mentions", mentions),
        ("not_mentions", not_mentions),
    ];
    for (field, list) in lists {
        let Some(list) = list else { continue };
        if !list.iter().any(|t| t.trim().starts_with('@')) {
            continue;
        }
        let mut expanded = Vec::with_capacity(list.len());
        for term in list.drain(..) {
            let Some(name) = term.trim().strip_prefix('@') else {
                expanded.push(term);
                continue;
            };
            match sets.get(&(language, name.to_string())) {
                Some(set) => expanded.extend(set.terms.iter().cloned()),
                None => {
                    let mut e = error(
                        file,
                        chunk,
                        field,
                        Some(id.clone()),
                        format!(
                            "`{field}` refers to the term set `@{name}`, which is not defined for language `{}`",
                            language.id()
                        ),
                    );
                    if let Some((line, column, text)) = place_of(chunk, &term) {
                        e.location.line = line;
                        e.location.column = column;
                        e.source_line = Some(text);
                    }
                    errors.push(e);
                }
            }
        }
        *list = expanded;
    }
    errors
}

/// The file line, column and text of the first place `term` is written in `chunk`.
pub(super) fn place_of(chunk: &Chunk, term: &str) -> Option<(usize, usize, String)> {
    let needle = term.trim();
    chunk.text.lines().enumerate().find_map(|(i, line)| {
        let at = line.find(needle)?;
        let column = line.get(..at)?.chars().count() + 1;
        Some((chunk.first_line + i, column, line.to_string()))
    })
}
