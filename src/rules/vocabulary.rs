//! The reader's word lists as data: headings, modality markers, role titles and language words.
//!
//! A YAML document with a `word_list:` key (instead of `id:` or `term_set:`) gives the words of
//! one list of the [`Vocabulary`] for one language:
//!
//! ```yaml
//! word_list: headings-requirements   # one of posting::ListName; `terskel explain @NAME`
//! language: nb
//! description: Headings of the requirements.
//! words: ["kvalifikasjon*", "krav til *", hvem er du]
//! extend: true                       # in a user pack: add to the default pack's list
//! ```
//!
//! Owns the document schema, its validation (unknown list, empty list, entries that break the
//! list's [`Syntax`], duplicates) with file, line and column, `extend: true`, and building the
//! [`Vocabulary`] the reader is given. The default pack's lists are in
//! `rules/{nb,nn,en}/vocabulary.yaml`; what the words *do* is the reader's (`posting`).

use super::chunk::Chunk;
use super::error::{Location, RuleError};
use super::load::EMBEDDED_PREFIX;
use super::schema::RuleLanguage;
use super::terms;
use crate::posting::{ListName, Syntax, Vocabulary};
use serde::Deserialize;
use std::collections::HashMap;

/// A word list as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyListSpec {
    /// Which list (`headings-requirements`, `markers-must`, `roles-leader`, …).
    pub word_list: String,
    /// The language the words are of.
    pub language: RuleLanguage,
    /// What the words have in common.
    pub description: Option<String>,
    /// The entries, in the list's syntax.
    pub words: Vec<String>,
    /// True to add the words to the list of this name and language from an earlier file (the
    /// default pack's, say) instead of giving it.
    pub extend: Option<bool>,
}

/// A loaded word list of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct VocabularyList {
    /// Which list.
    pub name: ListName,
    /// The language the words are of.
    pub language: RuleLanguage,
    /// What the words have in common.
    pub description: String,
    /// The entries: lowercase, single spaces.
    pub words: Vec<String>,
    /// Where it is defined.
    pub origin: Location,
    /// True when it adds to the list of the same name and language.
    pub extend: bool,
}

/// Word lists by (language, name).
pub(super) type Lists = HashMap<(RuleLanguage, ListName), VocabularyList>;

/// Reads and checks the word list in `chunk`: from `json` when the build converted it (and it
/// reads), else from the YAML, whose errors carry the place.
pub(super) fn parse(
    file: &str,
    chunk: &Chunk,
    json: Option<&str>,
) -> Result<VocabularyList, Vec<RuleError>> {
    let from_json = json.and_then(|j| serde_json::from_str::<VocabularyListSpec>(j).ok());
    let spec = match from_json {
        Some(spec) => spec,
        None => serde_yaml_ng::from_str(&chunk.text).map_err(|e| {
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
                message: format!("word list: {e}"),
            }]
        })?,
    };
    let label = Some(format!("@{}", spec.word_list));
    let Some(name) = ListName::from_id(&spec.word_list) else {
        let closest = ListName::ALL
            .iter()
            .map(|l| (strsim::levenshtein(&spec.word_list, l.id()), l.id()))
            .min()
            .filter(|(distance, _)| *distance <= 3);
        let hint = match closest {
            Some((_, id)) => format!("did you mean `{id}`?"),
            None => {
                let known: Vec<&str> = ListName::ALL.iter().map(|l| l.id()).collect();
                format!("the reader's lists are {}", known.join(", "))
            }
        };
        return Err(vec![terms::error(
            file,
            chunk,
            "word_list",
            label,
            format!("unknown word list `{}`; {hint}", spec.word_list),
        )]);
    };
    let mut errors = Vec::new();
    if name == ListName::LanguageWords && spec.language == RuleLanguage::Any {
        errors.push(terms::error(
            file,
            chunk,
            "language",
            label.clone(),
            "`language-words` tell one language from the others; give `nb`, `nn` or `en`".into(),
        ));
    }
    if spec.words.is_empty() {
        errors.push(terms::error(
            file,
            chunk,
            "words",
            label.clone(),
            "the word list is empty; give at least one entry".into(),
        ));
    }
    // The embedded pack is trusted to be in normal form and to pass the checks (a unit test
    // checks it): start-up does not redo them for every one of its entries.
    if file.starts_with(EMBEDDED_PREFIX) && errors.is_empty() {
        return Ok(VocabularyList {
            name,
            language: spec.language,
            description: spec.description.unwrap_or_default().trim().to_string(),
            words: spec.words,
            origin: Location::of_key(file, chunk, "word_list"),
            extend: spec.extend.unwrap_or(false),
        });
    }
    let mut words = Vec::with_capacity(spec.words.len());
    for entry in &spec.words {
        let normal = normal(entry);
        match check(&normal, name.syntax()) {
            Ok(()) => words.push(normal),
            Err(problem) => {
                let mut e = terms::error(
                    file,
                    chunk,
                    "words",
                    label.clone(),
                    format!("`{}` in `{}`: {problem}", entry.trim(), name.id()),
                );
                if let Some((line, column, text)) = terms::place_of(chunk, entry) {
                    e.location.line = line;
                    e.location.column = column;
                    e.source_line = Some(text);
                }
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(VocabularyList {
        name,
        language: spec.language,
        description: spec.description.unwrap_or_default().trim().to_string(),
        words,
        origin: Location::of_key(file, chunk, "word_list"),
        extend: spec.extend.unwrap_or(false),
    })
}

/// `entry` in normal form: lowercase, one space between words.
fn normal(entry: &str) -> String {
    entry
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What is wrong with the (lowercased) `entry` in a list of `syntax`, if anything.
fn check(entry: &str, syntax: Syntax) -> Result<(), String> {
    if entry.is_empty() {
        return Err("an entry is empty".into());
    }
    let wildcards = matches!(syntax, Syntax::Patterns { .. });
    for word in entry.split(' ') {
        if let Some(c) = word
            .chars()
            .find(|c| !(c.is_alphanumeric() || (wildcards && *c == '*')))
        {
            return Err(if c == '*' {
                "`*` has no meaning here: role titles already match by their end, and language \
                 words and endings are whole words"
                    .into()
            } else {
                format!(
                    "`{c}` never matches: the reader splits text into words at every character \
                     that is not a letter or a digit (write the words with spaces between them)"
                )
            });
        }
        let inner = word.trim_start_matches('*').trim_end_matches('*');
        if word != "*" && (inner.is_empty() || inner.contains('*')) {
            return Err(format!(
                "`{word}`: `*` may stand at the start or the end of a word, or alone for any word"
            ));
        }
        if word.starts_with('*') && word.ends_with('*') && word != "*" {
            return Err(format!(
                "`{word}`: a word may start or end with `*`, not both"
            ));
        }
    }
    let count = entry.split(' ').count();
    match syntax {
        Syntax::Words if count > 1 => Err("an entry of this list is one word".into()),
        Syntax::Patterns {
            max_words: Some(max),
        } if count > max => Err(format!(
            "{count} words; a heading phrase has at most {max} (longer lines are never \
             looked up as headings)"
        )),
        _ => Ok(()),
    }
}

/// Adds `list` to `lists`; a second list of the same language and name is an error.
pub(super) fn insert(lists: &mut Lists, list: VocabularyList) -> Result<(), RuleError> {
    let key = (list.language, list.name);
    if let Some(first) = lists.get(&key) {
        return Err(RuleError {
            location: list.origin.clone(),
            rule: Some(format!("@{}", list.name.id())),
            message: format!(
                "duplicate word list `{}` for language `{}`; it is already defined at {} (add `extend: true` to add words to it)",
                list.name.id(),
                list.language.id(),
                first.origin
            ),
            source_line: None,
        });
    }
    lists.insert(key, list);
    Ok(())
}

/// Adds the words of the extending `list` to the list it names (which it starts when that
/// language has none yet: the list names are fixed, so there is no typo to catch).
pub(super) fn extend(lists: &mut Lists, list: VocabularyList) {
    match lists.get_mut(&(list.language, list.name)) {
        Some(base) => {
            for word in list.words {
                if !base.words.contains(&word) {
                    base.words.push(word);
                }
            }
        }
        None => {
            lists.insert((list.language, list.name), list);
        }
    }
}

/// The vocabulary of `lists`.
pub(super) fn build(lists: &[VocabularyList]) -> Vocabulary {
    Vocabulary::new(
        lists
            .iter()
            .map(|l| (l.name, l.language.language(), l.words.as_slice())),
    )
}

#[cfg(test)]
mod tests {
    use super::super::load::{embedded_sources, parse_all, RuleSource};
    use super::*;
    use crate::rules::LoadError;

    const LIST: &str = "word_list: headings-requirements\nlanguage: nb\ndescription: Krav.\nwords: [\"kvalifikasjon*\", hvem er du]\n";

    fn load(text: &str) -> Result<Vec<VocabularyList>, Vec<RuleError>> {
        parse_all(&[RuleSource::new("v.yaml", text)], &[])
            .map(|pack| pack.word_lists)
            .map_err(|e| match e {
                LoadError::Invalid(v) => v,
                other => panic!("{other}"),
            })
    }

    #[test]
    fn a_word_list_loads_lowercased() {
        let lists = load(&LIST.replace("hvem er du", "Hvem  er du")).unwrap();
        assert_eq!(lists.len(), 1);
        assert_eq!(lists[0].name, ListName::Requirements);
        assert_eq!(lists[0].words, ["kvalifikasjon*", "hvem er du"]);
        assert_eq!(lists[0].origin.to_string(), "v.yaml:1:1");
    }

    #[test]
    fn an_unknown_list_is_an_error_at_its_name() {
        let errs = load(&format!(
            "# c\n{}",
            LIST.replace("requirements", "requirement")
        ))
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].location.line, errs[0].location.column), (2, 1));
        assert!(
            errs[0]
                .message
                .contains("unknown word list `headings-requirement`"),
            "{}",
            errs[0].message
        );
        assert!(
            errs[0]
                .message
                .contains("did you mean `headings-requirements`?"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn empty_lists_and_bad_entries_are_errors_where_they_are_written() {
        let errs = load(&LIST.replace("[\"kvalifikasjon*\", hvem er du]", "[]")).unwrap_err();
        assert!(errs[0].message.contains("the word list is empty"));
        assert_eq!(errs[0].location.line, 4);

        let text = "word_list: headings-duties\nlanguage: nb\nwords:\n  - oppgaver\n  - \"must-have\"\n  - \"opp*gaver\"\n";
        let errs = load(text).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!((errs[0].location.line, errs[0].location.column), (5, 6));
        assert!(
            errs[0].message.contains("`-` never matches"),
            "{}",
            errs[0].message
        );
        assert_eq!((errs[1].location.line, errs[1].location.column), (6, 6));
        assert!(
            errs[1].message.contains("`*` may stand"),
            "{}",
            errs[1].message
        );
        assert_eq!(errs[0].rule.as_deref(), Some("@headings-duties"));

        let long = "a b c d e f g h i j k";
        let errs = load(&LIST.replace("hvem er du", long)).unwrap_err();
        assert!(
            errs[0].message.contains("at most 10"),
            "{}",
            errs[0].message
        );

        let role = "word_list: roles-leader\nlanguage: nb\nwords: [\"sjef*\"]\n";
        let errs = load(role).unwrap_err();
        assert!(errs[0].message.contains("`*` has no meaning here"));
        let endings = "word_list: roles-title-endings\nlanguage: nb\nwords: [er ne]\n";
        assert!(load(endings).unwrap_err()[0].message.contains("one word"));
    }

    #[test]
    fn unknown_fields_are_errors() {
        let errs = load(&format!("{LIST}terms: [x]\n")).unwrap_err();
        assert!(
            errs[0].message.contains("unknown field `terms`"),
            "{}",
            errs[0].message
        );
        assert_eq!(errs[0].location.line, 5);
    }

    #[test]
    fn a_user_list_extends_the_default_and_a_second_definition_is_an_error() {
        let mut sources = embedded_sources();
        sources.push(RuleSource::new(
            "mine.yaml",
            "word_list: headings-requirements\nlanguage: nb\nextend: true\nwords: [det vi ser etter hos deg]\n",
        ));
        let pack = parse_all(&sources, &[]).unwrap();
        let nb = pack
            .word_lists
            .iter()
            .find(|l| l.name == ListName::Requirements && l.language == RuleLanguage::Nb)
            .unwrap();
        assert!(nb.words.contains(&"det vi ser etter hos deg".to_string()));
        assert!(nb.words.contains(&"kvalifikasjon*".to_string()));

        let mut sources = embedded_sources();
        sources.push(RuleSource::new("mine.yaml", LIST));
        let Err(LoadError::Invalid(errs)) = parse_all(&sources, &[]) else {
            panic!("a second nb headings-requirements list loaded");
        };
        assert!(
            errs[0]
                .message
                .contains("duplicate word list `headings-requirements` for language `nb`")
                && errs[0].message.contains("extend: true"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn a_user_pack_without_the_default_rules_still_extends_the_default_lists() {
        let mine = RuleSource::new(
            "mine.yaml",
            "word_list: markers-must\nlanguage: en\nextend: true\nwords: [a must]\n",
        );
        let pack = parse_all(&[mine], &embedded_sources()).unwrap();
        let v = build(&pack.word_lists);
        assert!(v
            .words(ListName::MustMarkers)
            .contains(&"a must".to_string()));
        assert!(v.words(ListName::MustMarkers).contains(&"må".to_string()));
    }

    #[test]
    fn the_embedded_lists_are_in_normal_form_and_pass_the_checks() {
        let pack = parse_all(&embedded_sources(), &[]).unwrap();
        assert!(!pack.word_lists.is_empty());
        for list in &pack.word_lists {
            assert!(!list.words.is_empty(), "{}", list.origin);
            for word in &list.words {
                assert_eq!(&normal(word), word, "{}", list.origin);
                let checked = check(word, list.name.syntax());
                assert!(checked.is_ok(), "{}: `{word}`: {checked:?}", list.origin);
            }
        }
    }

    #[test]
    fn the_default_pack_gives_every_list() {
        let v = crate::rules::default_vocabulary();
        for name in ListName::ALL {
            assert!(!v.words(*name).is_empty(), "{}", name.id());
        }
    }
}
