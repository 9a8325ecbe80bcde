//! Turning paths into inputs and checking them in parallel.
//!
//! Owns expanding files, directories (recursively, honouring `.gitignore`, `.terskelignore` and
//! hidden-file rules)
//! and `-` (stdin) into a list of inputs in a deterministic order, and checking them with rayon
//! while keeping that order in the results. It does not format anything.

use crate::engine;
use crate::posting::{self, Document, Format, InputError, ReadOptions};
use crate::report::Checked;
use crate::rules::RuleSet;
use crate::suppress;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory.
pub const AD_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

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

/// Expands `paths` (`-` means standard input, whose bytes are `stdin`).
pub fn expand(paths: &[PathBuf], stdin: impl FnOnce() -> std::io::Result<Vec<u8>>) -> Expanded {
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
            walk(path, &mut expanded);
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

fn walk(dir: &Path, expanded: &mut Expanded) {
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .sort_by_file_path(|a, b| a.cmp(b))
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

fn read_input(input: &Input, options: &ReadOptions) -> Result<Document, InputError> {
    match input {
        Input::File(path) => posting::read_path(path, options),
        Input::Stdin(bytes) => posting::read_bytes("<stdin>", bytes, Format::Markdown, options),
    }
}

/// Reads and checks `inputs` in batches of [`BATCH_SIZE`], each batch in parallel (on `pool`,
/// or rayon's global pool), and hands every result to `sink` in input order, on the calling
/// thread. Stops at the first error `sink` returns.
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
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        let batch: Vec<Input> = inputs.by_ref().take(BATCH_SIZE).collect();
        let work = || -> Vec<Result<Checked, InputError>> {
            batch
                .par_iter()
                .map(|input| Ok(check_document(rules, read_input(input, options)?)))
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
