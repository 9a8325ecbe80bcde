//! `terskel.yaml`: finding, reading and validating the configuration file.
//!
//! Owns discovery (upward from a directory, like typos and ruff), strict reading (unknown keys,
//! wrong types and bad values are errors with the file, line and column, taken from the YAML
//! parser), resolving paths against the file's directory, and the parts of merging that need the
//! rules: checking selectors and applying severity overrides. Which value wins when a flag is
//! also given is decided by the command line (`commands/setup.rs`): flags beat the file.
//!
//! ```yaml
//! rules: [regler/]                 # extra rule directories, relative to this file
//! no-default-rules: false
//! select: [driving-licence]        # rule ids, id prefixes or categories
//! ignore: [nb.readability]
//! severity:                        # rule id, id prefix or category → error | warning | info
//!   missing-salary: warning
//!   nb.driving-licence.required: info
//! fail-on: warning                 # error | warning | info | never
//! lang: nb                         # auto | nb | nn | en
//! include: ["annonser/**"]         # globs for directory walks (see Config::globs)
//! exclude: ["**/utkast/**"]
//! roles:                           # extra titles per role family
//!   entry-level: [miljøveileder]
//!   specialist: [spesialrådgiver]
//! ```

use crate::posting::RoleFamily;
use crate::rules::{Location, RuleError, RuleSet};
use crate::select::{self, Selection};
use crate::taxonomy::{Category, Language, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The names a configuration file may have, in the order they are looked for in each directory.
pub const FILE_NAMES: [&str; 2] = ["terskel.yaml", ".terskel.yaml"];

/// Why a configuration could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read the configuration: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid configuration: bad YAML, an unknown key, a wrong type or value, an
    /// unknown selector.
    #[error("{}", excerpt(.location, .message, .source_line))]
    Invalid {
        /// Where the problem is.
        location: Location,
        /// What is wrong and what to do.
        message: String,
        /// The offending line, for an excerpt with a caret.
        source_line: Option<String>,
    },
}

/// `file:line:col: message` with an excerpt and a caret, as rule errors are shown.
fn excerpt(location: &Location, message: &str, source_line: &Option<String>) -> String {
    RuleError {
        location: location.clone(),
        rule: None,
        message: message.to_string(),
        source_line: source_line.clone(),
    }
    .to_string()
}

/// `fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only (the default).
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, or `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// `lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Front matter, else detected from the text.
    Auto,
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
    /// English.
    En,
}

impl Lang {
    /// The forced language, if any.
    pub fn language(self) -> Option<Language> {
        match self {
            Lang::Auto => None,
            Lang::Nb => Some(Language::Nb),
            Lang::Nn => Some(Language::Nn),
            Lang::En => Some(Language::En),
        }
    }
}

/// The role families a `roles:` key may name (`unknown` is not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RoleKey {
    EntryLevel,
    SkilledTrade,
    Specialist,
    Leader,
}

impl RoleKey {
    fn family(self) -> RoleFamily {
        match self {
            RoleKey::EntryLevel => RoleFamily::EntryLevel,
            RoleKey::SkilledTrade => RoleFamily::SkilledTrade,
            RoleKey::Specialist => RoleFamily::Specialist,
            RoleKey::Leader => RoleFamily::Leader,
        }
    }
}

/// The file as written; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    rules: Option<Vec<PathBuf>>,
    no_default_rules: Option<bool>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    severity: Option<BTreeMap<String, Severity>>,
    fail_on: Option<FailOn>,
    lang: Option<Lang>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    roles: Option<BTreeMap<RoleKey, Vec<String>>>,
}

/// A read configuration file. Paths in it are already resolved against its directory.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, as shown in messages.
    path: PathBuf,
    /// Its text, for locating values in messages.
    text: String,
    /// Extra rule directories or files (`rules:`), resolved against the file's directory.
    pub rules: Vec<PathBuf>,
    /// `no-default-rules:`.
    pub no_default_rules: bool,
    /// `select:` as written (rule ids, prefixes, categories; comma-separated lists allowed).
    pub select: Vec<String>,
    /// `ignore:` as written.
    pub ignore: Vec<String>,
    /// `severity:`: rule id, id prefix or category → severity.
    pub severity: BTreeMap<String, Severity>,
    /// `fail-on:`.
    pub fail_on: Option<FailOn>,
    /// `lang:`.
    pub lang: Option<Lang>,
    /// `include:` globs, as written (see [`Config::globs`]).
    include: Vec<String>,
    /// `exclude:` globs, as written (see [`Config::globs`]).
    exclude: Vec<String>,
    /// `roles:`: extra titles per role family (for [`crate::posting::ReadOptions::roles`]).
    pub roles: BTreeMap<RoleFamily, Vec<String>>,
}

/// The `include`/`exclude` globs of a configuration, with the directory they are relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Globs<'a> {
    /// The directory of the configuration file: patterns are matched against paths relative to it.
    pub root: &'a Path,
    /// Gitignore-style globs; when not empty, a directory walk keeps only files matching one.
    pub include: &'a [String],
    /// Gitignore-style globs; a directory walk skips files (and directories) matching one.
    pub exclude: &'a [String],
}

/// The configuration file for a run started in `start`: the first of [`FILE_NAMES`] found in
/// `start` or its parents, up to the filesystem root. The search also stops after the root of a
/// repository (a directory holding `.git`), so a file outside the repository never changes its
/// results.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

impl Config {
    /// Reads the configuration file at `path`.
    ///
    /// # Errors
    /// [`ConfigError::Io`] when it cannot be read, [`ConfigError::Invalid`] when it is not a
    /// valid configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// Parses `text` as the configuration file at `path` (relative `rules:` paths are resolved
    /// against the directory of `path`).
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] for invalid YAML, unknown keys, wrong types, bad severities,
    /// languages, role families or globs.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut config = Config {
            path: path.to_path_buf(),
            text: text.to_string(),
            ..Config::default()
        };
        let has_content = text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---");
        let raw: RawConfig = if has_content {
            serde_yaml_ng::from_str(text).map_err(|e| config.yaml_error(&e))?
        } else {
            RawConfig::default()
        };
        let dir = config.dir().to_path_buf();
        config.rules = raw
            .rules
            .unwrap_or_default()
            .into_iter()
            .map(|p| if p.is_absolute() { p } else { dir.join(p) })
            .collect();
        config.no_default_rules = raw.no_default_rules.unwrap_or(false);
        config.select = raw.select.unwrap_or_default();
        config.ignore = raw.ignore.unwrap_or_default();
        config.severity = raw.severity.unwrap_or_default();
        config.fail_on = raw.fail_on;
        config.lang = raw.lang;
        config.include = raw.include.unwrap_or_default();
        config.exclude = raw.exclude.unwrap_or_default();
        for (key, titles) in raw.roles.unwrap_or_default() {
            let titles: Vec<String> = titles
                .iter()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            if titles.iter().any(String::is_empty) {
                return Err(config.invalid(
                    "roles",
                    "a title in `roles` is empty; give the words of a job title".to_string(),
                ));
            }
            config.roles.insert(key.family(), titles);
        }
        for glob in config.include.iter().chain(&config.exclude) {
            let mut builder = ignore::overrides::OverrideBuilder::new(&dir);
            if let Err(e) = builder.add(glob) {
                return Err(config.invalid(glob, format!("`{glob}` is not a valid glob: {e}")));
            }
        }
        Ok(config)
    }

    /// The configuration file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The directory of the configuration file (`.` for a bare file name).
    pub fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// The `include` and `exclude` globs for directory walks, as written, with the directory they
    /// are relative to. The walk that honours `--exclude` adds the flag's patterns to `exclude`
    /// (flags add to these rather than replace them, since every exclusion is wanted).
    pub fn globs(&self) -> Globs<'_> {
        Globs {
            root: self.dir(),
            include: &self.include,
            exclude: &self.exclude,
        }
    }

    /// Checks that every `select`, `ignore` and `severity` key names a rule, an id prefix, a
    /// category or a built-in rule.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] naming the first unknown selector and where it is.
    pub fn check_selectors(&self, rules: &RuleSet) -> Result<(), ConfigError> {
        if let Err(unknown) = Selection::new(&self.select, &self.ignore, rules) {
            return Err(self.invalid(&unknown.0, unknown.to_string()));
        }
        for key in self.severity.keys() {
            let known = Category::from_id(key).is_some()
                || rules
                    .rules()
                    .iter()
                    .any(|r| select::matches(key, &r.id, r.category));
            if !known {
                return Err(self.invalid(
                    key,
                    format!(
                        "`{key}` in `severity` is neither a rule id, a rule id prefix nor a category; see `terskel rules list`"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Applies the `severity` overrides to `rules`. The more specific key wins whatever the
    /// order in the file: a rule id beats an id prefix, a longer prefix a shorter one, and any of
    /// them a category.
    pub fn apply_severity(&self, rules: &mut RuleSet) {
        let mut overrides: Vec<(&String, Severity)> =
            self.severity.iter().map(|(k, s)| (k, *s)).collect();
        overrides.sort_by_key(|(key, _)| specificity(key, rules));
        for (key, severity) in overrides {
            rules.override_severity(|r| select::matches(key, &r.id, r.category), severity);
        }
    }

    /// An error about the configuration: the file, line and column where YAML parsing failed.
    fn yaml_error(&self, e: &serde_yaml_ng::Error) -> ConfigError {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = e.to_string();
        if let Some(l) = e.location() {
            let suffix = format!(" at line {} column {}", l.line(), l.column());
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        ConfigError::Invalid {
            location: Location {
                file: self.path.display().to_string(),
                line,
                column,
            },
            message,
            source_line: self
                .text
                .lines()
                .nth(line.saturating_sub(1))
                .map(str::to_string),
        }
    }

    /// An error about `value`, located at its first occurrence in the file (line 1 if it cannot
    /// be found).
    fn invalid(&self, value: &str, message: String) -> ConfigError {
        let (line, column, source_line) =
            locate(&self.text, value).map_or((1, 1, None), |(l, c, s)| (l, c, Some(s)));
        ConfigError::Invalid {
            location: Location {
                file: self.path.display().to_string(),
                line,
                column,
            },
            message,
            source_line,
        }
    }
}

/// How specific a severity key is: 0 for a category, the number of parts for an id prefix, the
/// most for a whole rule id.
fn specificity(key: &str, rules: &RuleSet) -> usize {
    if rules.get(key).is_some() {
        usize::MAX
    } else if Category::from_id(key).is_some() {
        0
    } else {
        key.split('.').count()
    }
}

/// The 1-based line and column of the first whole occurrence of `needle` in `text` outside
/// comments, with the line.
fn locate(text: &str, needle: &str) -> Option<(usize, usize, String)> {
    let part_of_id = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_');
    if needle.is_empty() {
        return None;
    }
    text.lines().enumerate().find_map(|(i, line)| {
        let code = strip_comment(line);
        let mut from = 0;
        while let Some(found) = code.get(from..).and_then(|s| s.find(needle)) {
            let start = from + found;
            let end = start + needle.len();
            let before = code.get(..start).and_then(|s| s.chars().next_back());
            let after = code.get(end..).and_then(|s| s.chars().next());
            if !before.is_some_and(part_of_id) && !after.is_some_and(part_of_id) {
                let column = code.get(..start).map_or(0, |s| s.chars().count()) + 1;
                return Some((i + 1, column, line.to_string()));
            }
            from = end;
        }
        None
    })
}

/// `line` without a YAML comment (`#` at the start or after whitespace).
fn strip_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return line.get(..i).unwrap_or(line);
        }
        previous = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/ads/terskel.yaml"), text)
    }

    fn location(e: &ConfigError) -> (usize, usize) {
        match e {
            ConfigError::Invalid { location, .. } => (location.line, location.column),
            ConfigError::Io { .. } => panic!("{e}"),
        }
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "rules: [regler, /abs]\nno-default-rules: true\nselect: [driving-licence]\n\
             ignore: [nb.readability]\nseverity: {missing-salary: warning}\nfail-on: never\n\
             lang: nn\ninclude: ['**/*.md']\nexclude: [utkast/]\n\
             roles: {entry-level: [miljøveileder], specialist: ['  spesial  rådgiver ']}\n",
        )
        .unwrap();
        assert_eq!(
            c.rules,
            [PathBuf::from("/ads/regler"), PathBuf::from("/abs")]
        );
        assert!(c.no_default_rules);
        assert_eq!(c.select, ["driving-licence"]);
        assert_eq!(c.ignore, ["nb.readability"]);
        assert_eq!(c.severity.get("missing-salary"), Some(&Severity::Warning));
        assert_eq!(c.fail_on, Some(FailOn::Never));
        assert_eq!(c.lang, Some(Lang::Nn));
        let globs = c.globs();
        assert_eq!(globs.root, Path::new("/ads"));
        assert_eq!((globs.include.len(), globs.exclude.len()), (1, 1));
        assert_eq!(
            c.roles.get(&RoleFamily::EntryLevel).unwrap(),
            &["miljøveileder"]
        );
        assert_eq!(
            c.roles.get(&RoleFamily::Specialist).unwrap(),
            &["spesial rådgiver"]
        );
    }

    #[test]
    fn empty_and_comment_only_files_are_empty_configurations() {
        for text in ["", "\n# nothing yet\n", "---\n"] {
            let c = parse(text).unwrap();
            assert!(c.rules.is_empty() && c.fail_on.is_none(), "{text:?}");
        }
    }

    #[test]
    fn unknown_keys_are_located() {
        let e = parse("lang: nb\nselct: [x]\n").unwrap_err();
        assert_eq!(location(&e), (2, 1));
        let text = e.to_string();
        assert!(
            text.starts_with("/ads/terskel.yaml:2:1: unknown field `selct`"),
            "{text}"
        );
        assert!(text.contains("2 | selct: [x]"), "{text}");
    }

    #[test]
    fn bad_values_are_located() {
        let e = parse("severity:\n  driving-licence: critical\n").unwrap_err();
        assert_eq!(location(&e).0, 2);
        assert!(e.to_string().contains("critical"), "{e}");
        let e = parse("fail-on: sometimes\n").unwrap_err();
        assert_eq!(location(&e), (1, 10));
        let e = parse("select: driving-licence\n").unwrap_err();
        assert_eq!(location(&e).0, 1);
        let e = parse("roles:\n  unknown: [x]\n").unwrap_err();
        assert_eq!(location(&e).0, 2);
        let e = parse("exclude: ['a/[b']\n").unwrap_err();
        assert_eq!(location(&e), (1, 12));
        let e = parse("- just\n- a list\n").unwrap_err();
        assert_eq!(location(&e).0, 1);
    }

    #[test]
    fn values_are_found_outside_comments() {
        let text = "# driving-licence here is a comment\nselect: [nb.driving-licence, driving-licence]  # driving-licence\n";
        assert_eq!(
            locate(text, "driving-licence").map(|l| (l.0, l.1)),
            Some((2, 30))
        );
        assert_eq!(locate(text, "licence"), None);
    }

    #[test]
    fn discovery_walks_up_and_stops_at_a_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(discover(&nested), None);
        std::fs::write(dir.path().join(".terskel.yaml"), "").unwrap();
        assert_eq!(discover(&nested), Some(dir.path().join(".terskel.yaml")));
        std::fs::write(dir.path().join("a/terskel.yaml"), "").unwrap();
        assert_eq!(discover(&nested), Some(dir.path().join("a/terskel.yaml")));
        std::fs::remove_file(dir.path().join("a/terskel.yaml")).unwrap();
        std::fs::create_dir_all(nested.join(".git")).unwrap();
        assert_eq!(discover(&nested), None);
    }
}
