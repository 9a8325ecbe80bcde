//! Turning paths into inputs and checking them in parallel.
//!
//! Owns expanding files, directories (recursively, honouring `.gitignore`, `.terskelignore`,
//! hidden-file rules, `--exclude` globs and the configuration's `include`/`exclude`) and `-`
//! (stdin) into a list of inputs in a deterministic order, and checking them with rayon while
//! keeping that order in the results.
//! It does not format anything.
//!
//! A JSON or JSON Lines file holds many ads. Its records are cut out on the calling thread as
//! batches need them — a JSON Lines file line by line, never read whole — and checked in
//! parallel like files, so a huge export is checked with the memory of one batch.

use crate::checker::Checker;
use crate::config::Globs;
use crate::engine;
use crate::posting::json::{self, JsonLines, Record};
use crate::posting::jstream::JsonStream;
use crate::posting::{self, Document, Format, Given, InputError, ReadOptions};
use crate::report::Checked;
use crate::rules::RuleSet;
use crate::suppress;
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// File extensions read when walking a directory.
pub const AD_EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "html", "htm", "json", "jsonl", "ndjson", "jstream",
];

/// A file of gitignore-style patterns naming files in a directory that are not ads (`README.md`).
pub const IGNORE_FILE: &str = ".terskelignore";

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file named by the user: always read.
    File(PathBuf),
    /// A file found by walking a directory: read like [`Input::File`], except that a `.json`
    /// file in which no object has a text field is skipped with a warning (a directory of ads
    /// may hold labels or settings too).
    Found(PathBuf),
    /// Standard input, already read (read as Markdown, named `<stdin>`).
    Stdin(Vec<u8>),
    /// A text given with its name and format (standard input with `--stdin-format` or
    /// `--stdin-filename`).
    Given(Given),
}

impl Input {
    /// The file, or `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File(path) | Input::Found(path) => Some(path),
            Input::Stdin(_) | Input::Given(_) => None,
        }
    }
}

/// The inputs found for a list of paths, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Inputs in order: each path's files sorted, paths in the order given.
    pub inputs: Vec<Input>,
    /// Problems with the given paths (missing paths, unreadable directories).
    pub errors: Vec<InputError>,
}

/// Which files a directory walk keeps: `--exclude` globs, and the `include`/`exclude` globs of a
/// configuration file.
///
/// An `--exclude` pattern is matched against the path relative to the directory being walked and
/// against the file or directory name alone, so `README.md` leaves out every README,
/// `*.draft.md` every draft and `arkiv/**` (or `arkiv`) one subdirectory. `*` also matches `/`.
/// The configuration's globs work the same way, but relative to the configuration file's
/// directory, and only for files below it; when `include` is not empty, a walk keeps only the
/// files matching one of its patterns. Files named on the command line are always read.
#[derive(Debug, Clone, Default)]
pub struct WalkFilter {
    /// `--exclude`, relative to each walked directory.
    exclude: Option<globset::GlobSet>,
    /// The configuration's globs, relative to its directory.
    config: Option<ConfigGlobs>,
}

#[derive(Debug, Clone)]
struct ConfigGlobs {
    /// The configuration file's directory, absolute and without `.`/`..`.
    base: PathBuf,
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

/// A walk pattern that is not a valid glob.
#[derive(Debug, thiserror::Error)]
#[error("{origin} {pattern:?} is not a valid glob: {message}")]
pub struct GlobError {
    /// Where the pattern comes from (`--exclude`, or the configuration key).
    pub origin: String,
    /// The pattern.
    pub pattern: String,
    /// What is wrong with it.
    pub message: String,
}

impl WalkFilter {
    /// A filter leaving out what the `--exclude` `patterns` match.
    ///
    /// # Errors
    /// [`GlobError`] for the first pattern that is not a valid glob.
    pub fn new(patterns: &[String]) -> Result<Self, GlobError> {
        Ok(Self {
            exclude: glob_set("--exclude", patterns)?,
            config: None,
        })
    }

    /// Adds a configuration file's `include` and `exclude` globs.
    ///
    /// # Errors
    /// [`GlobError`] for the first pattern that is not a valid glob.
    pub fn with_config(mut self, globs: Globs<'_>) -> Result<Self, GlobError> {
        let include = glob_set("include", globs.include)?;
        let exclude = glob_set("exclude", globs.exclude)?;
        if include.is_some() || exclude.is_some() {
            let base = std::path::absolute(globs.root).map_err(|e| GlobError {
                origin: "configuration".into(),
                pattern: globs.root.display().to_string(),
                message: e.to_string(),
            })?;
            self.config = Some(ConfigGlobs {
                base: normalize(&base),
                include,
                exclude,
            });
        }
        Ok(self)
    }

    /// True when the walk of `root` should not enter the directory or read the file at `path`.
    pub fn skips(&self, root: &Path, path: &Path, is_dir: bool) -> bool {
        let matches = |set: &globset::GlobSet, relative: &Path| {
            set.is_match(relative) || path.file_name().is_some_and(|n| set.is_match(n))
        };
        if let Some(set) = &self.exclude {
            if matches(set, path.strip_prefix(root).unwrap_or(path)) {
                return true;
            }
        }
        let Some(config) = &self.config else {
            return false;
        };
        let Ok(absolute) = std::path::absolute(path) else {
            return false;
        };
        let absolute = normalize(&absolute);
        let Ok(relative) = absolute.strip_prefix(&config.base) else {
            return false;
        };
        if config
            .exclude
            .as_ref()
            .is_some_and(|set| matches(set, relative))
        {
            return true;
        }
        !is_dir
            && config
                .include
                .as_ref()
                .is_some_and(|set| !matches(set, relative))
    }
}

/// The glob set of `patterns`, `None` when there are none.
fn glob_set(origin: &str, patterns: &[String]) -> Result<Option<globset::GlobSet>, GlobError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let error = |pattern: &str, message: String| GlobError {
        origin: origin.to_string(),
        pattern: pattern.to_string(),
        message,
    };
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in patterns {
        let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
        let glob = globset::GlobBuilder::new(trimmed)
            .backslash_escape(true)
            .build()
            .map_err(|e| error(pattern, e.kind().to_string()))?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| error(&patterns.join(", "), e.to_string()))
}

/// `path` with `.` removed and `..` applied to the component before it, without asking the file
/// system (so `sub/../annonser/a.md` is `annonser/a.md`).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Expands `paths` (`-` means standard input, whose bytes are `stdin`).
pub fn expand(paths: &[PathBuf], stdin: impl FnOnce() -> std::io::Result<Vec<u8>>) -> Expanded {
    expand_with(paths, &WalkFilter::default(), stdin)
}

/// Expands `paths` like [`expand`], leaving what `filter` skips out of directory walks.
pub fn expand_with(
    paths: &[PathBuf],
    filter: &WalkFilter,
    stdin: impl FnOnce() -> std::io::Result<Vec<u8>>,
) -> Expanded {
    let mut expanded = Expanded::default();
    let mut stdin = Some(stdin);
    for path in paths {
        if path.as_os_str() == "-" {
            if let Some(read) = stdin.take() {
                match read() {
                    Ok(bytes) => expanded.inputs.push(Input::Stdin(bytes)),
                    Err(source) => expanded.errors.push(InputError::Io {
                        path: PathBuf::from("<stdin>"),
                        source,
                    }),
                }
            }
        } else if path.is_dir() {
            walk(path, filter, &mut expanded);
        } else if path.exists() {
            expanded.inputs.push(Input::File(path.clone()));
        } else {
            expanded.errors.push(InputError::Io {
                path: path.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            });
        }
    }
    expanded
}

fn walk(dir: &Path, filter: &WalkFilter, expanded: &mut Expanded) {
    let mut files = Vec::new();
    let root = dir.to_path_buf();
    let filter = filter.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !filter.skips(&root, entry.path(), is_dir)
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let wanted = entry.file_type().is_some_and(|t| t.is_file())
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| AD_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if wanted {
                    files.push(path.to_path_buf());
                }
            }
            Err(e) => expanded.errors.push(InputError::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::other(e.to_string()),
            }),
        }
    }
    files.sort();
    expanded.inputs.extend(files.into_iter().map(Input::Found));
}

/// How many inputs are checked in parallel before their results are handed on; bounds memory.
pub const BATCH_SIZE: usize = 256;

/// Runs the engine on one document and applies its inline suppressions: the single place where
/// a document becomes a [`Checked`].
pub fn check_document(rules: &RuleSet, document: Document) -> Checked {
    let mut findings = engine::check(rules, &document);
    let suppressions = suppress::apply(rules, &document, &mut findings);
    Checked {
        document,
        findings,
        suppressions,
    }
}

/// One piece of work for a batch: a file, standard input, one record of a JSON or JSON Lines
/// file, or an error met while cutting records out of such a file.
#[derive(Debug)]
enum Work {
    /// A file; `named` when the user named it (then a binary file is an error, not a skip).
    File(PathBuf, bool),
    Given(Given),
    Record(Record),
    Failed(InputError),
}

impl Work {
    fn read(self, options: &ReadOptions) -> Result<Document, InputError> {
        match self {
            Work::File(path, named) => {
                posting::read_path(&path, options).map_err(|e| refuse_named(e, named))
            }
            Work::Given(given) => posting::read_given(&given, options),
            Work::Record(record) => {
                options.check_size(&record.name, record.text.len() as u64)?;
                json::read_record(record, options)
            }
            Work::Failed(error) => Err(error),
        }
    }
}

/// A file the user named (or gave on standard input) that looks binary cannot be checked: an
/// error, not the skip it is in a directory walk.
fn refuse_named(error: InputError, named: bool) -> InputError {
    match error {
        InputError::Binary { path } if named => InputError::BinaryNamed { path },
        other => other,
    }
}

/// The inputs as work, expanding JSON files into their records lazily: a JSON Lines file is read
/// one line per record asked for; a `.json` file is cut into records when it comes up.
struct Works<I> {
    inputs: I,
    lines: Option<JsonLines<json::ExportReader>>,
    stream: Option<JsonStream<json::ExportReader>>,
    records: std::vec::IntoIter<Record>,
}

impl<I> Works<I> {
    /// The work for the file at `path`: the file itself, or for a JSON file `None` after
    /// queueing its records (a JSON Lines file is opened to be read line by line). A JSON file
    /// `found` in a directory walk in which no record has a text field is skipped.
    fn open(&mut self, path: PathBuf, found: bool) -> Option<Work> {
        let format = posting::format_for_path(&path);
        if format != Format::Json && !(format == Format::Text && posting::sniffs_as_json(&path)) {
            return Some(Work::File(path, !found));
        }
        let name = path.to_string_lossy();
        if json::is_lines(&name) {
            match json::open_lines(&path) {
                Ok(lines) => self.lines = Some(lines),
                Err(error) => return Some(Work::Failed(error)),
            }
            return None;
        }
        if json::is_stream(&name) {
            match json::open_stream(&path) {
                Ok(stream) => self.stream = Some(stream),
                Err(error) => return Some(Work::Failed(error)),
            }
            return None;
        }
        match json::read_file(&path).map_err(|e| refuse_named(e, !found)) {
            Ok(records) if found && !records.iter().any(json::has_text_field) => {
                Some(Work::Failed(InputError::NoAds {
                    path: path.display().to_string(),
                }))
            }
            Ok(records) => {
                self.records = records.into_iter();
                None
            }
            Err(InputError::UnknownShape { path, .. }) if found => {
                Some(Work::Failed(InputError::NoAds { path }))
            }
            Err(error) => Some(Work::Failed(error)),
        }
    }
}

impl<I: Iterator<Item = Input>> Iterator for Works<I> {
    type Item = Work;

    fn next(&mut self) -> Option<Work> {
        loop {
            if let Some(record) = self.records.next() {
                return Some(Work::Record(record));
            }
            if let Some(lines) = &mut self.lines {
                match lines.next() {
                    Some(Ok(record)) => return Some(Work::Record(record)),
                    Some(Err(error)) => return Some(Work::Failed(error)),
                    None => self.lines = None,
                }
            }
            if let Some(stream) = &mut self.stream {
                match stream.next() {
                    Some(Ok(record)) => return Some(Work::Record(record)),
                    Some(Err(error)) => return Some(Work::Failed(error)),
                    None => self.stream = None,
                }
            }
            match self.inputs.next()? {
                Input::File(path) => {
                    if let Some(work) = self.open(path, false) {
                        return Some(work);
                    }
                }
                Input::Found(path) => {
                    if let Some(work) = self.open(path, true) {
                        return Some(work);
                    }
                }
                Input::Stdin(bytes) => {
                    return Some(Work::Given(Given::new(bytes, None, None)));
                }
                Input::Given(given) if given.format == Format::Json => {
                    match posting::given_records(&given) {
                        Ok(records) => self.records = records.into_iter(),
                        Err(error) => return Some(Work::Failed(refuse_named(error, true))),
                    }
                }
                Input::Given(given) => return Some(Work::Given(given)),
            }
        }
    }
}

/// Reads and checks `inputs` in batches of [`BATCH_SIZE`], each batch in parallel (on `pool`,
/// or rayon's global pool), and hands every result to `sink` in input order, on the calling
/// thread. Stops at the first error `sink` returns.
///
/// A JSON or JSON Lines input gives one result per ad (see the module docs); its records are
/// read only as batches need them.
///
/// # Errors
/// The first error of `sink`.
pub fn for_each<E>(
    rules: &RuleSet,
    inputs: impl IntoIterator<Item = Input>,
    options: &ReadOptions,
    pool: Option<&rayon::ThreadPool>,
    sink: impl FnMut(Result<Checked, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    in_batches(
        inputs,
        pool,
        |work| Ok(check_document(rules, work.read(options)?)),
        sink,
    )
}

/// Reads and checks `inputs` like [`for_each`], each document through [`Checker::check`] (rules,
/// inline suppressions and the selection) and read with the checker's options: what `check` and
/// `audit` use.
///
/// # Errors
/// The first error of `sink`.
pub fn check_each<E>(
    checker: &Checker,
    inputs: impl IntoIterator<Item = Input>,
    pool: Option<&rayon::ThreadPool>,
    sink: impl FnMut(Result<Checked, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    in_batches(
        inputs,
        pool,
        |work| Ok(checker.check(work.read(&checker.read)?)),
        sink,
    )
}

fn in_batches<E>(
    inputs: impl IntoIterator<Item = Input>,
    pool: Option<&rayon::ThreadPool>,
    check: impl Fn(Work) -> Result<Checked, InputError> + Sync,
    mut sink: impl FnMut(Result<Checked, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    let check = &check;
    let mut works = Works {
        inputs: inputs.into_iter(),
        lines: None,
        stream: None,
        records: Vec::new().into_iter(),
    };
    loop {
        let batch: Vec<Work> = works.by_ref().take(BATCH_SIZE).collect();
        if batch.is_empty() {
            break;
        }
        let work = move || -> Vec<Result<Checked, InputError>> {
            batch.into_par_iter().map(check).collect()
        };
        let results = match pool {
            Some(pool) => pool.install(work),
            None => work(),
        };
        for result in results {
            sink(result)?;
        }
    }
    Ok(())
}

/// Reads and checks every input in parallel; results keep the order of `inputs`.
pub fn check_all(
    rules: &RuleSet,
    inputs: &[Input],
    options: &ReadOptions,
) -> Vec<Result<Checked, InputError>> {
    let mut results = Vec::with_capacity(inputs.len());
    let done: Result<(), std::convert::Infallible> =
        for_each(rules, inputs.iter().cloned(), options, None, |r| {
            results.push(r);
            Ok(())
        });
    let _ = done;
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_applies_dot_and_dot_dot_without_the_file_system() {
        assert_eq!(
            normalize(Path::new("/repo/sub/../annonser/./a.md")),
            Path::new("/repo/annonser/a.md")
        );
        assert_eq!(normalize(Path::new("../x")), Path::new("../x"));
    }

    #[test]
    fn exclude_matches_the_relative_path_or_the_name() {
        let filter = WalkFilter::new(&["arkiv/**".into(), "README.md".into()]).unwrap();
        let root = Path::new("ads");
        assert!(filter.skips(root, Path::new("ads/arkiv/a.md"), false));
        assert!(filter.skips(root, Path::new("ads/x/README.md"), false));
        assert!(!filter.skips(root, Path::new("ads/a.md"), false));
    }

    #[test]
    fn config_include_keeps_only_matching_files_below_its_directory() {
        let include = vec!["annonser/**".to_string()];
        let globs = Globs {
            root: Path::new("/repo"),
            include: &include,
            exclude: &[],
        };
        let filter = WalkFilter::default().with_config(globs).unwrap();
        let root = Path::new("/repo");
        assert!(!filter.skips(root, Path::new("/repo/annonser/a.md"), false));
        assert!(filter.skips(root, Path::new("/repo/annet/a.md"), false));
        // Directories are entered (files below them may match); other trees are not filtered.
        assert!(!filter.skips(root, Path::new("/repo/annet"), true));
        assert!(!filter.skips(root, Path::new("/elsewhere/a.md"), false));
    }
}
