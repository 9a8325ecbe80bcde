//! What `check` and `audit` share: turning the flags into rules, a thread pool and a list of
//! inputs, and keeping the tally of a run (unreadable inputs, findings at or above `--fail-on`,
//! the progress bar) that decides the exit code.

use super::setup::{pool, Setup};
use super::{CliError, Outcome};
use crate::cli::{BatchArgs, StdinFormat};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal, Read, Write};
use terskel::batch::{self, Expanded, Input, WalkFilter};
use terskel::posting::{Given, InputError};
use terskel::report::{Checked, Skipped};
use terskel::taxonomy::Severity;

/// Runs longer than this many inputs show a progress bar (on a terminal, outside CI).
const PROGRESS_FROM: usize = 200;

/// How many unreadable inputs the closing summary names.
const NAMED_FAILURES: usize = 10;

/// Everything a batch command needs before the first ad is read.
pub struct Prepared {
    /// Rules, selection, reading options and configuration.
    pub setup: Setup,
    /// The worker threads (`None`: rayon's global pool).
    pub pool: Option<rayon::ThreadPool>,
    /// The inputs found, and the paths that could not be used.
    pub expanded: Expanded,
}

/// Most worker threads per core: more only cost memory and start-up (each thread has its own
/// stack), and tens of thousands cannot be started at all.
const MAX_JOBS_PER_CORE: usize = 4;

/// `--jobs`, capped at [`MAX_JOBS_PER_CORE`] times the cores, with a note on `err` when capped.
fn capped_jobs(jobs: Option<usize>, err: &mut dyn Write) -> io::Result<Option<usize>> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let max = cores.saturating_mul(MAX_JOBS_PER_CORE);
    match jobs {
        Some(n) if n > max => {
            writeln!(
                err,
                "note: --jobs {n} is more than {MAX_JOBS_PER_CORE} per core; using {max} ({cores} cores)"
            )?;
            Ok(Some(max))
        }
        other => Ok(other),
    }
}

/// Loads the configuration and rules, starts the pool and expands the paths (directory walks
/// honour `--exclude` and the configuration's `include`/`exclude`). Warns on `err` when no ad
/// was found.
///
/// # Errors
/// [`CliError`] for configuration, rule and flag errors.
pub fn prepare(args: &BatchArgs, err: &mut dyn Write) -> Result<Prepared, CliError> {
    let mut setup = Setup::new(&args.rule_args, &args.select, &args.ignore, args.lang)?;
    setup.read.max_size = Some(args.max_size);
    let usage = |e: batch::GlobError| CliError::Usage(e.to_string());
    let mut filter = WalkFilter::new(&args.exclude).map_err(usage)?;
    if let Some(config) = &setup.config {
        filter = filter.with_config(config.globs()).map_err(usage)?;
    }
    let pool = pool(capped_jobs(args.jobs, err)?)?;
    let mut expanded = batch::expand_with(&args.paths, &filter, || {
        // One byte over the limit is enough to refuse it.
        let mut bytes = Vec::new();
        io::stdin()
            .take(args.max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map(|_| bytes)
    });
    for input in &mut expanded.inputs {
        if let Input::Stdin(bytes) = input {
            *input = Input::Given(Given::new(
                std::mem::take(bytes),
                args.stdin_format.map(StdinFormat::format),
                args.stdin_filename.as_deref(),
            ));
        }
    }
    if expanded.inputs.is_empty() && expanded.errors.is_empty() {
        writeln!(
            err,
            "warning: no ads found (looked for {} files)",
            batch::AD_EXTENSIONS.join(", ")
        )?;
    }
    Ok(Prepared {
        setup,
        pool,
        expanded,
    })
}

/// What became of one input.
pub enum Handled {
    /// Read and checked; `--select`/`--ignore` applied.
    Checked(Box<Checked>),
    /// Could not be read (reported on standard error; fails the run).
    Unread(InputError),
    /// Skipped with a warning (a binary file or a JSON file without ads found in a directory;
    /// an ad without text, which the reports count).
    Skipped(Option<Skipped>),
}

/// The running tally of a batch: whether a finding reached `--fail-on`, which inputs could not
/// be read, and the progress bar.
pub struct Tally {
    threshold: Option<Severity>,
    failing: bool,
    failed: Vec<String>,
    skipped: usize,
    reencoded: Option<String>,
    progress: ProgressBar,
}

impl Tally {
    /// A tally failing on findings at or above `threshold` (`None`: never), with a progress bar
    /// when `inputs` make a long run on a terminal.
    pub fn new(threshold: Option<Severity>, inputs: &[Input]) -> Tally {
        Tally {
            threshold,
            failing: false,
            failed: Vec::new(),
            skipped: 0,
            reencoded: None,
            progress: progress_bar(inputs),
        }
    }

    /// Reports a path that could not be used (a missing file, an unreadable directory).
    ///
    /// # Errors
    /// Writing to `err` failed.
    pub fn unread(&mut self, error: &InputError, err: &mut dyn Write) -> io::Result<()> {
        self.failed.push(place(error));
        self.progress.suspend(|| writeln!(err, "error: {error}"))
    }

    /// Takes one result of the batch: applies the selection to a checked ad and notes whether
    /// it fails the run; reports an unreadable or skipped input on `err`.
    ///
    /// # Errors
    /// Writing to `err` failed.
    pub fn take(
        &mut self,
        result: Result<Checked, InputError>,
        setup: &Setup,
        err: &mut dyn Write,
    ) -> io::Result<Handled> {
        self.progress.inc(1);
        match result {
            Ok(mut checked) => {
                if let Some(encoding) = checked.document.encoding {
                    // Once per file, not once per ad of an export.
                    let path = terskel::posting::json::file_of(&checked.document);
                    if self.reencoded.as_deref() != Some(path) {
                        self.progress.suspend(|| {
                            writeln!(
                                err,
                                "note: {path}: re-encoded from {encoding} to UTF-8 (byte offsets count in the UTF-8 text)"
                            )
                        })?;
                        self.reencoded = Some(path.to_string());
                    }
                }
                setup.selection.apply(&mut checked.findings);
                let threshold = self.threshold;
                self.failing |=
                    threshold.is_some_and(|t| checked.findings.iter().any(|f| f.severity >= t));
                Ok(Handled::Checked(Box::new(checked)))
            }
            Err(e) if e.is_skip() => {
                self.progress.suspend(|| writeln!(err, "warning: {e}"))?;
                let skipped = match e {
                    InputError::Skipped { name, reason, .. } => {
                        Some(Skipped { path: name, reason })
                    }
                    _ => None,
                };
                self.skipped += usize::from(skipped.is_some());
                Ok(Handled::Skipped(skipped))
            }
            Err(e) => {
                self.unread(&e, err)?;
                Ok(Handled::Unread(e))
            }
        }
    }

    /// Clears the progress bar, names the inputs that could not be read, and gives the outcome:
    /// `Failed` when any could not, else `Findings` when a finding reached `--fail-on`.
    ///
    /// # Errors
    /// Writing to `err` failed.
    pub fn finish(self, err: &mut dyn Write) -> io::Result<Outcome> {
        self.progress.finish_and_clear();
        if self.skipped > 0 {
            let noun = if self.skipped == 1 { "ad" } else { "ads" };
            writeln!(
                err,
                "warning: {} {noun} skipped (no text to check)",
                self.skipped
            )?;
        }
        if self.failed.is_empty() {
            return Ok(if self.failing {
                Outcome::Findings
            } else {
                Outcome::Clean
            });
        }
        let more = self.failed.len().saturating_sub(NAMED_FAILURES);
        let named: Vec<&str> = self
            .failed
            .iter()
            .take(NAMED_FAILURES)
            .map(String::as_str)
            .collect();
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let noun = if self.failed.len() == 1 {
            "input"
        } else {
            "inputs"
        };
        writeln!(
            err,
            "error: {} {noun} could not be checked: {}{tail}",
            self.failed.len(),
            named.join(", ")
        )?;
        Ok(Outcome::Failed)
    }
}

/// The file (and line) an input error is about, for the closing summary.
fn place(error: &InputError) -> String {
    match error {
        InputError::Io { path, .. } => path.display().to_string(),
        InputError::Empty { path } | InputError::Binary { path } | InputError::NoAds { path } => {
            path.clone()
        }
        InputError::TooLarge { path, .. } => path.clone(),
        InputError::Skipped { name, .. } => name.clone(),
        InputError::BinaryNamed { path } => path.clone(),
        InputError::NotText { path, line, .. } => format!("{path}:{line}"),
        InputError::NotUtf8 { path, line, .. }
        | InputError::UnclosedFrontMatter { path, line }
        | InputError::FrontMatter { path, line, .. }
        | InputError::Record { path, line, .. }
        | InputError::UnknownShape { path, line, .. }
        | InputError::UnknownLanguage { path, line, .. } => format!("{path}:{line}"),
    }
}

/// A progress bar on standard error for long runs on a terminal; hidden otherwise (in CI, in
/// pipes, and for short runs). Counts ads; when JSON exports are among the inputs their number of
/// ads is not known up front, and the bar is a counter.
fn progress_bar(inputs: &[Input]) -> ProgressBar {
    let has_exports = inputs
        .iter()
        .filter_map(Input::path)
        .any(|path| terskel::posting::format_for_path(path) == terskel::posting::Format::Json);
    let interactive = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive || (inputs.len() <= PROGRESS_FROM && !has_exports) {
        return ProgressBar::hidden();
    }
    let (bar, template) = if has_exports {
        (
            ProgressBar::no_length(),
            "{spinner} {pos} ads read ({per_sec}, {elapsed})",
        )
    } else {
        (
            ProgressBar::new(inputs.len() as u64),
            "{bar:40} {pos}/{len} ads ({per_sec}, eta {eta})",
        )
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
