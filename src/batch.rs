//! Turning paths into inputs and checking them in parallel.
//!
//! Owns expanding files, directories (recursively, honouring `.gitignore`, `.terskelignore`,
//! hidden-file rules and `--exclude` globs) and `-` (stdin) into a list of inputs in a
//! deterministic order, and checking them with rayon while keeping that order in the results.
//! It does not format anything.
//!
//! A JSON or JSON Lines file holds many ads. Its records are cut out on the calling thread as
//! batches need them — a JSON Lines file line by line, never read whole — and checked in
//! parallel like files, so a huge export is checked with the memory of one batch.

use crate::engine;
use crate::posting::json::{self, JsonLines, Record};
use crate::posting::{self, Document, Format, InputError, ReadOptions};
use crate::report::Checked;
use crate::rules::RuleSet;
use crate::suppress;
use rayon::prelude::*;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory.
pub const AD_EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "html", "htm", "json", "jsonl", "ndjson",
];

/// A file of gitignore-style patterns naming files in a directory that are not ads (`README.md`).
pub const IGNORE_FILE: &str = ".terskelignore";

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input, already read.
    Stdin(Vec<u8>),
}

/// The inputs found for a list of paths, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Inputs in order: each path's files sorted, paths in the order given.
    pub inputs: Vec<Input>,
    /// Problems with the given paths (missing paths, unreadable directories).
    pub errors: Vec<InputError>,
}

/// Glob patterns of files and directories left out of directory walks (`--exclude`).
///
/// A pattern is matched against the path relative to the directory being walked and against the
/// file or directory name alone, so `README.md` leaves out every README, `*.draft.md` every draft
/// and `arkiv/**` (or `arkiv`) one subdirectory. `*` also matches `/`. Files named on the command
/// line are always read.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    set: globset::GlobSet,
}

/// An `--exclude` pattern that is not a valid glob.
#[derive(Debug, thiserror::Error)]
#[error("--exclude {pattern:?} is not a valid glob: {message}")]
pub struct ExcludeError {
    /// The pattern.
    pub pattern: String,
    /// What is wrong with it.
    pub message: String,
}

impl Exclude {
    /// Compiles `patterns`.
    ///
    /// # Errors
    /// [`ExcludeError`] for the first pattern that is not a valid glob.
    pub fn new(patterns: &[String]) -> Result<Self, ExcludeError> {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(trimmed)
                .backslash_escape(true)
                .build()
                .map_err(|e| ExcludeError {
                    pattern: pattern.clone(),
                    message: e.kind().to_string(),
                })?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| ExcludeError {
            pattern: patterns.join(", "),
            message: e.to_string(),
        })?;
        Ok(Self { set })
    }

    /// True when `path`, found under the walked directory `root`, is left out.
    pub fn matches(&self, root: &Path, path: &Path) -> bool {
        if self.set.is_empty() {
            return false;
        }
        let relative = path.strip_prefix(root).unwrap_or(path);
        self.set.is_match(relative) || path.file_name().is_some_and(|n| self.set.is_match(n))
    }
}

/// Expands `paths` (`-` means standard input, whose bytes are `stdin`).
pub fn expand(paths: &[PathBuf], stdin: impl FnOnce() -> std::io::Result<Vec<u8>>) -> Expanded {
    expand_with(paths, &Exclude::default(), stdin)
}

/// Expands `paths` like [`expand`], leaving `exclude`d files and directories out of walks.
pub fn expand_with(
    paths: &[PathBuf],
    exclude: &Exclude,
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
            walk(path, exclude, &mut expanded);
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

fn walk(dir: &Path, exclude: &Exclude, expanded: &mut Expanded) {
    let mut files = Vec::new();
    let root = dir.to_path_buf();
    let filter = exclude.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |entry| entry.depth() == 0 || !filter.matches(&root, entry.path()))
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
    expanded.inputs.extend(files.into_iter().map(Input::File));
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
    File(PathBuf),
    Stdin(Vec<u8>),
    Record(Record),
    Failed(InputError),
}

impl Work {
    fn read(self, options: &ReadOptions) -> Result<Document, InputError> {
        match self {
            Work::File(path) => posting::read_path(&path, options),
            Work::Stdin(bytes) => posting::read_bytes("<stdin>", &bytes, Format::Markdown, options),
            Work::Record(record) => json::read_record(record, options),
            Work::Failed(error) => Err(error),
        }
    }
}

/// The inputs as work, expanding JSON files into their records lazily: a JSON Lines file is read
/// one line per record asked for; a `.json` file is cut into records when it comes up.
struct Works<I> {
    inputs: I,
    lines: Option<JsonLines<BufReader<std::fs::File>>>,
    records: std::vec::IntoIter<Record>,
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
            match self.inputs.next()? {
                Input::File(path) if posting::format_for_path(&path) == Format::Json => {
                    if json::is_lines(&path.to_string_lossy()) {
                        match json::open_lines(&path) {
                            Ok(lines) => self.lines = Some(lines),
                            Err(error) => return Some(Work::Failed(error)),
                        }
                    } else {
                        match json::read_file(&path) {
                            Ok(records) => self.records = records.into_iter(),
                            Err(error) => return Some(Work::Failed(error)),
                        }
                    }
                }
                Input::File(path) => return Some(Work::File(path)),
                Input::Stdin(bytes) => return Some(Work::Stdin(bytes)),
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
    mut sink: impl FnMut(Result<Checked, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    let mut works = Works {
        inputs: inputs.into_iter(),
        lines: None,
        records: Vec::new().into_iter(),
    };
    loop {
        let batch: Vec<Work> = works.by_ref().take(BATCH_SIZE).collect();
        if batch.is_empty() {
            break;
        }
        let work = move || -> Vec<Result<Checked, InputError>> {
            batch
                .into_par_iter()
                .map(|work| Ok(check_document(rules, work.read(options)?)))
                .collect()
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
