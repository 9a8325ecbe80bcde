//! Loading rule files: the embedded default pack and user directories.
//!
//! Owns finding rule files, splitting them into YAML documents, deserialising them strictly and
//! validating what the schema cannot express (id format, fields per kind, regexes, empty lists,
//! duplicate ids), and converting each rule into a plain [`Rule`]. Every problem becomes a [`RuleError`] with file, line, column and rule id;
//! all problems are gathered before loading fails. Compiling into matchers is the engine's.

use super::chunk::{split_documents, Chunk};
use super::error::{LoadError, Location, RuleError};
use super::rule::{Kind, Rule, Unless};
use super::schema::{Example, RuleSpec, Subject};
use super::terms::{self, TermSet};
use super::vocabulary::{self, VocabularyList};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The compiled size a user's `pattern` may have; the same as the engine's limit.
const PATTERN_SIZE_LIMIT: usize = 1 << 22;

/// The text of one rule file and the name it is shown under.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Shown in messages: a path, or `<embedded>/nb/formal-competence.yaml`.
    pub name: String,
    /// The YAML text.
    pub text: String,
    /// For embedded files: (first line, JSON) of each document, converted at build time.
    converted: &'static [(usize, &'static str)],
}

impl RuleSource {
    /// A rule file named `name` with the YAML `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> RuleSource {
        RuleSource {
            name: name.into(),
            text: text.into(),
            converted: &[],
        }
    }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// How the names of embedded rule files start.
pub(super) const EMBEDDED_PREFIX: &str = "<embedded>/";

/// The default rule pack compiled into the binary (the `rules/` directory at build time).
pub fn embedded_sources() -> Vec<RuleSource> {
    embedded::RULE_FILES
        .iter()
        .map(|&(name, text, converted)| RuleSource {
            name: format!("{EMBEDDED_PREFIX}{name}"),
            text: text.to_string(),
            converted,
        })
        .collect()
}

/// All `*.yaml`/`*.yml` files under `dir` (recursively), in path order.
///
/// # Errors
/// [`LoadError::Io`] when the directory cannot be read, [`LoadError::NoRules`] when it holds no
/// rule files.
pub fn dir_sources(dir: &Path) -> Result<Vec<RuleSource>, LoadError> {
    let mut files = Vec::new();
    collect_yaml_files(dir, &mut files)?;
    if files.is_empty() {
        return Err(LoadError::NoRules {
            path: dir.to_path_buf(),
        });
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            Ok(RuleSource::new(path.display().to_string(), text))
        })
        .collect()
}

fn collect_yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_yaml_files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses and validates every rule and term set of every source; rule ids must be unique
/// across all of them, and so must term set names per language.
///
/// # Errors
/// [`LoadError::Invalid`] with every problem found.
pub fn parse_sources(sources: &[RuleSource]) -> Result<Vec<Rule>, LoadError> {
    parse_with(sources, &[])
}

/// [`parse_sources`] for `sources`, where rules may also use the term sets of `also` (whose
/// rules are not loaded); a set in `sources` replaces one of the same name in `also`.
///
/// # Errors
/// [`LoadError::Invalid`] with every problem found.
pub fn parse_with(sources: &[RuleSource], also: &[RuleSource]) -> Result<Vec<Rule>, LoadError> {
    parse_pack(sources, also).map(|(rules, _)| rules)
}

/// [`parse_with`], also returning every term set (those of `also` included), sorted by name and
/// language.
///
/// # Errors
/// [`LoadError::Invalid`] with every problem found.
pub fn parse_pack(
    sources: &[RuleSource],
    also: &[RuleSource],
) -> Result<(Vec<Rule>, Vec<TermSet>), LoadError> {
    parse_all(sources, also).map(|pack| (pack.rules, pack.term_sets))
}

/// Everything a rule pack defines.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// Every term set, sorted by name and language.
    pub term_sets: Vec<TermSet>,
    /// Every word list of the reader's vocabulary, sorted by name and language.
    pub word_lists: Vec<VocabularyList>,
}

/// [`parse_pack`], also returning the word lists (those of `also` included, as for term sets:
/// a list in `sources` replaces one of the same name and language in `also`).
///
/// # Errors
/// [`LoadError::Invalid`] with every problem found.
pub fn parse_all(sources: &[RuleSource], also: &[RuleSource]) -> Result<Pack, LoadError> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let chunks = documents(sources);
    let mut sets = terms::Sets::new();
    let mut extensions = Vec::new();
    for (source, list) in &chunks {
        for chunk in of(list, Defines::TermSet) {
            match terms::parse(&source.name, chunk, converted(source, chunk)) {
                Ok(set) if set.extend => extensions.push(set),
                Ok(set) => {
                    if let Err(e) = terms::insert(&mut sets, set) {
                        errors.push(e);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    let also_chunks = documents(also);
    for (source, list) in &also_chunks {
        for chunk in of(list, Defines::TermSet) {
            if let Ok(set) = terms::parse(&source.name, chunk, converted(source, chunk)) {
                if !set.extend {
                    sets.entry((set.language, set.name.clone())).or_insert(set);
                }
            }
        }
    }
    for set in extensions {
        if let Err(e) = terms::extend(&mut sets, set) {
            errors.push(e);
        }
    }
    let word_lists = word_lists(&chunks, &also_chunks, &mut errors);
    for (source, list) in &chunks {
        for chunk in of(list, Defines::Rule) {
            match parse_chunk(&source.name, chunk, converted(source, chunk), &sets) {
                Ok(rule) => rules.push(rule),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    for rule in &rules {
        if let Some(first) = seen.get(&*rule.id) {
            errors.push(RuleError {
                location: rule.origin.clone(),
                rule: Some(rule.id.to_string()),
                message: format!("duplicate rule id; it is already defined at {first}"),
                source_line: None,
            });
        } else {
            seen.insert(&rule.id, &rule.origin);
        }
    }
    if errors.is_empty() {
        let mut sets: Vec<TermSet> = sets.into_values().collect();
        sets.sort_by(|a, b| (&a.name, a.language.id()).cmp(&(&b.name, b.language.id())));
        Ok(Pack {
            rules,
            term_sets: sets,
            word_lists,
        })
    } else {
        Err(LoadError::Invalid(errors))
    }
}

/// What a YAML document defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defines {
    /// A rule (`id:`).
    Rule,
    /// A term set (`term_set:`).
    TermSet,
    /// A word list of the reader (`word_list:`).
    WordList,
}

/// What `chunk` defines, from a top-level `term_set:` or `word_list:` key: one pass over its
/// lines (start-up reads every document of the pack).
fn defines(chunk: &Chunk) -> Defines {
    for line in chunk.text.lines() {
        if line.starts_with("term_set:") {
            return Defines::TermSet;
        }
        if line.starts_with("word_list:") {
            return Defines::WordList;
        }
    }
    Defines::Rule
}

/// The documents of every source, each with what it defines.
type Documents<'s> = Vec<(&'s RuleSource, Vec<(Defines, Chunk)>)>;

/// Splits every source into its documents.
fn documents(sources: &[RuleSource]) -> Documents<'_> {
    sources
        .iter()
        .map(|s| {
            let list = split_documents(&s.text)
                .into_iter()
                .map(|c| (defines(&c), c))
                .collect();
            (s, list)
        })
        .collect()
}

/// The documents of `list` that define `what`.
fn of(list: &[(Defines, Chunk)], what: Defines) -> impl Iterator<Item = &Chunk> {
    list.iter().filter(move |(d, _)| *d == what).map(|(_, c)| c)
}

/// The word lists of `chunks` (of `sources`) and of `also`, extensions applied, sorted by name
/// and language; problems go to `errors`.
fn word_lists(
    chunks: &Documents<'_>,
    also: &Documents<'_>,
    errors: &mut Vec<RuleError>,
) -> Vec<VocabularyList> {
    let mut lists = vocabulary::Lists::new();
    let mut extensions = Vec::new();
    for (source, list) in chunks {
        for chunk in of(list, Defines::WordList) {
            match vocabulary::parse(&source.name, chunk, converted(source, chunk)) {
                Ok(l) if l.extend => extensions.push(l),
                Ok(l) => {
                    if let Err(e) = vocabulary::insert(&mut lists, l) {
                        errors.push(e);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    for (source, list) in also {
        for chunk in of(list, Defines::WordList) {
            if let Ok(l) = vocabulary::parse(&source.name, chunk, converted(source, chunk)) {
                if !l.extend {
                    lists.entry((l.language, l.name)).or_insert(l);
                }
            }
        }
    }
    for l in extensions {
        vocabulary::extend(&mut lists, l);
    }
    let mut lists: Vec<VocabularyList> = lists.into_values().collect();
    lists.sort_by(|a, b| (a.name, a.language.id()).cmp(&(b.name, b.language.id())));
    lists
}

/// The JSON the build converted `chunk` of `source` to, if it did.
fn converted(source: &RuleSource, chunk: &Chunk) -> Option<&'static str> {
    source
        .converted
        .iter()
        .find(|(line, _)| *line == chunk.first_line)
        .map(|&(_, json)| json)
}

/// The word lists of the embedded pack, built into a [`crate::posting::Vocabulary`] on first
/// use: what the reader uses when it is given none. The pack's lists load (a unit test checks
/// it); were one broken, the lists that load are used.
pub fn default_vocabulary() -> &'static crate::posting::Vocabulary {
    static DEFAULT: std::sync::OnceLock<crate::posting::Vocabulary> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(|| {
        let sources = embedded_sources();
        let mut errors = Vec::new();
        vocabulary::build(&word_lists(&documents(&sources), &Vec::new(), &mut errors))
    })
}

/// Reads one document: from its JSON form when the build converted it (and it reads), else from
/// the YAML, whose errors carry the place.
fn parse_chunk(
    file: &str,
    chunk: &Chunk,
    json: Option<&str>,
    sets: &terms::Sets,
) -> Result<Rule, Vec<RuleError>> {
    let from_json = json.and_then(|json| serde_json::from_str::<RuleSpec>(json).ok());
    let parsed = match from_json {
        Some(spec) => Ok(spec),
        None => serde_yaml_ng::from_str(&chunk.text),
    };
    let mut spec: RuleSpec = parsed.map_err(|e| {
        let (line, column) = e.location().map_or((chunk.first_line, 1), |l| {
            (chunk.first_line + l.line() - 1, l.column())
        });
        let mut message = e.to_string();
        if let Some(l) = e.location() {
            let suffix = format!(" at line {} column {}", l.line(), l.column());
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        vec![RuleError {
            location: Location {
                file: file.to_string(),
                line,
                column,
            },
            rule: chunk.id(),
            source_line: chunk.line(line),
            message,
        }]
    })?;
    let origin = Location::of_key(file, chunk, "id");
    let unknown = terms::expand(&mut spec, sets, chunk, file);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let (kind, errors) = validate(&mut spec, chunk, file);
    match kind {
        Some(kind) if errors.is_empty() => Ok(into_rule(spec, kind, origin)),
        _ => Err(errors),
    }
}

/// The validated rule: defaults filled in, texts trimmed.
fn into_rule(spec: RuleSpec, kind: Kind, origin: Location) -> Rule {
    Rule {
        severity: spec.severity.unwrap_or(spec.category.default_severity()),
        language: spec.language.language(),
        category: spec.category,
        kind,
        scope: spec.scope,
        unless: spec.unless.map(|terms| Unless {
            terms,
            within: spec.unless_within.unwrap_or_default(),
        }),
        when: spec.when.unwrap_or_default(),
        subject: spec.subject.unwrap_or(Subject::Any),
        message: spec.message.trim().into(),
        why: spec.why.trim().to_string(),
        suggestion: spec.suggestion.trim_end().into(),
        replacement: spec.replacement,
        examples: spec.examples,
        id: spec.id.into(),
        origin,
    }
}

/// Checks what serde cannot (id format, regexes, empty lists and texts) and converts the kind
/// ([`Kind::from_spec`], which checks the fields per kind).
fn validate(spec: &mut RuleSpec, chunk: &Chunk, file: &str) -> (Option<Kind>, Vec<RuleError>) {
    let mut errors = Vec::new();
    let id = spec.id.clone();
    let mut fail = |field: &str, message: String| {
        let (line, column, source_line) = chunk
            .field_location(field)
            .map_or((chunk.first_line, 1, None), |(l, c, s)| (l, c, Some(s)));
        errors.push(RuleError {
            location: Location {
                file: file.to_string(),
                line,
                column,
            },
            rule: Some(id.clone()),
            message,
            source_line,
        });
    };

    let expected_prefix = format!("{}.{}.", spec.language.id(), spec.category.id());
    let well_formed = spec.id.split('.').count() >= 3
        && spec.id.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        });
    if !well_formed || !spec.id.starts_with(&expected_prefix) {
        fail(
            "id",
            format!(
                "the id must be lowercase LANG.CATEGORY.NAME matching its language and category, e.g. `{expected_prefix}my-rule`"
            ),
        );
    }

    if spec.unless_within.is_some() && spec.unless.is_none() {
        fail(
            "unless_within",
            "`unless_within` needs an `unless` list".to_string(),
        );
    }
    let when = spec.when.as_ref();
    let lists = [
        ("phrases", spec.phrases.as_ref()),
        ("any_of", spec.any_of.as_ref()),
        ("unless", spec.unless.as_ref()),
        ("require_any", spec.require_any.as_ref()),
        ("headings", spec.headings.as_ref()),
        ("mentions", when.and_then(|w| w.mentions.as_ref())),
        ("not_mentions", when.and_then(|w| w.not_mentions.as_ref())),
    ];
    for (field, list) in lists {
        let Some(list) = list else { continue };
        if list.is_empty() {
            fail(
                field,
                format!("`{field}` is an empty list; give at least one term or remove it"),
            );
        }
        for term in list {
            let bare = term.trim().trim_matches('*').trim();
            if bare.is_empty() {
                fail(field, format!("`{field}` holds an empty term"));
            } else if term
                .trim()
                .trim_start_matches('*')
                .trim_end_matches('*')
                .contains('*')
            {
                fail(
                    field,
                    format!("`{field}` term `{term}`: `*` is only allowed at the start or end"),
                );
            }
        }
    }
    if spec.scope.as_ref().is_some_and(Vec::is_empty) {
        fail(
            "scope",
            "`scope` is an empty list; remove it to apply everywhere".to_string(),
        );
    }
    if let Some(pattern) = &spec.pattern {
        // Parsing finds the mistakes people make; the engine builds the regex when it is first
        // needed. The embedded pack only gets the cheap syntax parse (translating every pattern
        // with Unicode case folding was a third of start-up): the test suite builds all of it.
        let checked = if file.starts_with(EMBEDDED_PREFIX) {
            regex_syntax::ast::parse::Parser::new()
                .parse(pattern)
                .map(drop)
                .map_err(|e| e.to_string())
        } else {
            regex_syntax::Parser::new()
                .parse(pattern)
                .map(drop)
                .map_err(|e| e.to_string())
        };
        if let Err(e) = checked {
            fail(
                "pattern",
                format!("invalid regex in `pattern`: {}", one_line(&e)),
            );
        } else if !file.starts_with("<embedded>") {
            // A user's regex may parse but be too big to compile (`(\w{1000}){1000}`): say so
            // at the pattern, not at the rule. The limit is the engine's (engine/pattern.rs).
            if let Err(e) = regex::RegexBuilder::new(pattern)
                .size_limit(PATTERN_SIZE_LIMIT)
                .build()
            {
                fail(
                    "pattern",
                    format!("invalid regex in `pattern`: {}", one_line(&e.to_string())),
                );
            }
        }
    }

    for (field, text) in [
        ("message", &spec.message),
        ("why", &spec.why),
        ("suggestion", &spec.suggestion),
    ] {
        if text.trim().is_empty() {
            fail(
                field,
                format!("`{field}` is empty; every rule explains itself"),
            );
        }
    }
    if spec.message.trim().contains('\n') {
        fail("message", "`message` must be one line".to_string());
    }
    if spec.examples.flagged.is_empty() || spec.examples.clean.is_empty() {
        fail(
            "examples",
            "`examples` needs at least one `flagged` and one `clean` text".to_string(),
        );
    }
    if spec
        .examples
        .flagged
        .iter()
        .chain(&spec.examples.clean)
        .any(|e: &Example| e.text().trim().is_empty())
    {
        fail("examples", "an example text is empty".to_string());
    }
    let kind = Kind::from_spec(spec, &mut fail);
    (kind, errors)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"id: nb.driving-licence.required
category: driving-licence
language: nb
severity: warning
kind: phrases
phrases: [førerkort, "sertifikat*"]
message: "Krav om førerkort."
why: "LDO 11/1272."
suggestion: "Skriv hvorfor."
examples:
  flagged: ["Du må ha førerkort."]
  clean: ["Vi tilbyr kurs."]
"#;

    fn load(text: &str) -> Result<Vec<Rule>, Vec<RuleError>> {
        parse_sources(&[RuleSource::new("r.yaml", text)]).map_err(|e| match e {
            LoadError::Invalid(v) => v,
            other => panic!("{other}"),
        })
    }

    const SET: &str = "term_set: licence\nlanguage: nb\ndescription: Førerkort.\nterms: [førerkort, sertifikat*]\n";

    #[test]
    fn a_term_set_reference_expands_in_place() {
        let rule = GOOD.replace("[førerkort, \"sertifikat*\"]", "[lappen, \"@licence\"]");
        let rules = load(&format!("{SET}---\n{rule}")).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].phrases(), ["lappen", "førerkort", "sertifikat*"]);
    }

    #[test]
    fn an_unknown_term_set_is_an_error_where_it_is_written() {
        let rule = GOOD.replace("[førerkort, \"sertifikat*\"]", "[lappen, \"@license\"]");
        let errs = load(&rule).unwrap_err();
        assert_eq!(errs.len(), 1);
        let e = &errs[0];
        assert_eq!(e.rule.as_deref(), Some("nb.driving-licence.required"));
        assert_eq!((e.location.line, e.location.column), (6, 20));
        assert!(e.message.contains("`@licence`") || e.message.contains("`@license`"));
        assert!(
            e.message.contains("not defined for language `nb`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_term_set_of_another_language_is_not_found() {
        let set = SET.replace("language: nb", "language: nn");
        let rule = GOOD.replace("[førerkort, \"sertifikat*\"]", "[\"@licence\"]");
        let errs = load(&format!("{set}---\n{rule}")).unwrap_err();
        assert!(errs[0].message.contains("not defined for language `nb`"));
    }

    #[test]
    fn empty_and_duplicate_term_sets_are_errors() {
        let errs = load(&SET.replace("[førerkort, sertifikat*]", "[]")).unwrap_err();
        assert!(
            errs[0].message.contains("the term set is empty"),
            "{}",
            errs[0].message
        );
        assert_eq!(errs[0].location.line, 4);
        assert_eq!(errs[0].rule.as_deref(), Some("@licence"));
        let errs = load(&format!("{SET}---\n{SET}")).unwrap_err();
        assert!(
            errs[0].message.contains("duplicate term set `licence` for language `nb`; it is already defined at r.yaml:1:1"),
            "{}",
            errs[0].message
        );
        let errs = load(&SET.replace("sertifikat*", "\"@other\"")).unwrap_err();
        assert!(errs[0].message.contains("cannot refer to another set"));
        let errs = load(&SET.replace("term_set: licence", "term_set: Licence")).unwrap_err();
        assert!(errs[0].message.contains("lowercase"));
    }

    #[test]
    fn a_user_rule_can_use_a_term_set_of_the_embedded_pack() {
        let rule = GOOD
            .replace("nb.driving-licence.required", "nb.driving-licence.mine")
            .replace("[førerkort, \"sertifikat*\"]", "[\"@driving-licence\"]");
        let mut sources = embedded_sources();
        sources.push(RuleSource::new("mine.yaml", rule.clone()));
        let rules = parse_sources(&sources).unwrap();
        let mine = rules
            .iter()
            .find(|r| &*r.id == "nb.driving-licence.mine")
            .unwrap();
        assert!(mine.phrases().contains(&"førerkort*".to_string()));
        let alone = parse_with(&[RuleSource::new("mine.yaml", rule)], &embedded_sources()).unwrap();
        assert_eq!(alone[0].phrases(), mine.phrases());
    }

    #[test]
    fn the_json_converted_at_build_time_gives_the_same_pack_as_the_yaml() {
        let embedded = embedded_sources();
        assert!(embedded.iter().all(|s| !s.converted.is_empty()));
        let yaml: Vec<RuleSource> = embedded
            .iter()
            .map(|s| RuleSource::new(s.name.clone(), s.text.clone()))
            .collect();
        // Rules, term sets and word lists alike.
        let fast = format!("{:?}", parse_all(&embedded, &[]).unwrap());
        let slow = format!("{:?}", parse_all(&yaml, &[]).unwrap());
        assert_eq!(fast, slow);
    }

    #[test]
    fn loads_several_documents_with_their_lines() {
        let text = format!(
            "# comment\n---\n{GOOD}---\n{}",
            GOOD.replace("required", "other")
        );
        let rules = load(&text).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].origin.line, 3);
        assert_eq!(rules[1].origin.line, 3 + GOOD.lines().count() + 1);
    }

    #[test]
    fn unknown_field_names_file_line_column_and_rule() {
        let text = format!("{GOOD}bogus: 1\n");
        let errs = load(&format!("---\n{text}")).unwrap_err();
        assert_eq!(errs.len(), 1);
        let e = &errs[0];
        assert_eq!(
            (e.location.line, e.location.column),
            (GOOD.lines().count() + 2, 1)
        );
        assert_eq!(e.rule.as_deref(), Some("nb.driving-licence.required"));
        assert!(e.message.contains("unknown field `bogus`"), "{}", e.message);
    }

    #[test]
    fn unknown_category_is_an_error_at_its_value() {
        let errs =
            load(&GOOD.replace("category: driving-licence", "category: car-stuff")).unwrap_err();
        assert_eq!((errs[0].location.line, errs[0].location.column), (2, 11));
        assert!(errs[0].message.contains("unknown variant `car-stuff`"));
    }

    #[test]
    fn invalid_regex_points_at_the_pattern_line() {
        let text = GOOD.replace("kind: phrases", "kind: pattern").replace(
            "phrases: [førerkort, \"sertifikat*\"]",
            "pattern: '(?i)førerkort ('",
        );
        let errs = load(&text).unwrap_err();
        assert_eq!(errs[0].location.line, 6);
        assert!(
            errs[0].message.starts_with("invalid regex"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn duplicate_ids_and_empty_lists_are_all_reported() {
        let text = format!(
            "{GOOD}---\n{}",
            GOOD.replace("[førerkort, \"sertifikat*\"]", "[]")
        );
        let errs = load(&text).unwrap_err();
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("empty list")),
            "{messages:?}"
        );
        let text = format!("{GOOD}---\n{GOOD}");
        let errs = load(&text).unwrap_err();
        assert!(errs[0]
            .message
            .contains("duplicate rule id; it is already defined at r.yaml:1:1"));
    }

    #[test]
    fn id_must_match_language_and_category() {
        let errs =
            load(&GOOD.replace("nb.driving-licence.required", "nn.driving-licence.required"))
                .unwrap_err();
        assert!(errs[0].message.contains("LANG.CATEGORY.NAME"));
    }

    #[test]
    fn yaml_syntax_error_has_a_location() {
        let errs = load("id: x\nphrases: [a\n").unwrap_err();
        assert!(errs[0].location.line >= 2);
        assert_eq!(errs[0].rule.as_deref(), Some("x"));
    }

    // See: issue 3 — validating a term that ends in a multi-byte letter panicked.
    #[test]
    fn terms_ending_in_non_ascii_letters_load() {
        let text = GOOD.replace(
            "[førerkort, \"sertifikat*\"]",
            "[hektisk arbeidsmiljø, \"*førerkortø*\"]",
        );
        assert!(load(&text).is_ok());
        let errs =
            load(&GOOD.replace("[førerkort, \"sertifikat*\"]", "[\"før*kort\"]")).unwrap_err();
        assert!(errs[0].message.contains("only allowed at the start or end"));
    }

    #[test]
    fn fields_of_another_kind_are_rejected() {
        let errs =
            load(&GOOD.replace("severity: warning", "severity: warning\nmax_lix: 50")).unwrap_err();
        assert!(errs[0]
            .message
            .contains("`max_lix` has no meaning in a `phrases` rule"));
    }
}
