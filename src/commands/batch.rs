//! What `check` and `audit` share: turning the flags into rules, a thread pool and a list of
//! inputs, and keeping the tally of a run (unreadable inputs, findings at or above `--fail-on`,
//! the progress bar) that decides the exit code.

use super::setup::{pool, Setup};
use super::{CliError, Outcome};
use crate::cli::{BatchArgs, StdinFormat};
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::collections::BTreeSet;
use std::io::{self, IsTerminal, Read, Write};
use terskel::batch::{self, Expanded, Input, WalkFilter};
use terskel::posting::{Given, InputError};
use terskel::report::audit::words;
use terskel::report::{Checked, Skipped};
use terskel::taxonomy::{Language, Severity};

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
    setup.checker.read.max_size = Some(args.max_size);
    let usage = |e: batch::GlobError| CliError::Usage(e.to_string());
    let mut filter = WalkFilter::new(&args.exclude).map_err(usage)?;
    if let Some(config) = setup.config() {
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
    /// The language the bar speaks: the ads' when they share one, else Bokmål.
    language: Language,
    languages: BTreeSet<Language>,
    counter: bool,
    quiet: bool,
}

impl Tally {
    /// A tally failing on findings at or above `threshold` (`None`: never), with a progress bar
    /// when `inputs` make a long run on a terminal.
    pub fn new(threshold: Option<Severity>, inputs: &[Input]) -> Tally {
        let (progress, counter) = progress_bar(inputs);
        let tally = Tally {
            threshold,
            failing: false,
            failed: Vec::new(),
            skipped: 0,
            reencoded: None,
            progress,
            language: Language::Nb,
            languages: BTreeSet::new(),
            counter,
            quiet: false,
        };
        tally.restyle();
        tally
    }

    /// `--quiet`: no progress bar, no closing line, no warnings about skipped inputs.
    pub fn quiet(mut self, quiet: bool) -> Tally {
        if quiet {
            self.progress = ProgressBar::hidden();
        }
        self.quiet = quiet;
        self
    }

    /// Runs `write` (which writes a report's part to standard output and flushes it) with the
    /// progress bar taken off the screen, so that no stale bar lines end up among the findings.
    ///
    /// # Errors
    /// The error of `write`.
    pub fn suspended(&self, write: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
        if self.progress.is_hidden() {
            write()
        } else {
            self.progress.suspend(write)
        }
    }

    /// True when a progress bar is on the screen (standard output should then be flushed inside
    /// [`Tally::suspended`]).
    pub fn shows_progress(&self) -> bool {
        !self.progress.is_hidden()
    }

    fn restyle(&self) {
        if self.progress.is_hidden() {
            return;
        }
        if let Ok(style) = progress_style(self.counter, self.language) {
            self.progress.set_style(style);
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

    /// Takes one result of the batch (the selection is already applied by the library's
    /// checker): notes whether a checked ad fails the run; reports an unreadable or skipped input
    /// on `err`.
    ///
    /// # Errors
    /// Writing to `err` failed.
    pub fn take(
        &mut self,
        result: Result<Checked, InputError>,
        err: &mut dyn Write,
    ) -> io::Result<Handled> {
        self.progress.inc(1);
        match result {
            Ok(checked) => {
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
                if self.languages.insert(checked.document.language) {
                    let language = match self.languages.iter().collect::<Vec<_>>().as_slice() {
                        [only] => **only,
                        _ => Language::Nb,
                    };
                    if language != self.language {
                        self.language = language;
                        self.restyle();
                    }
                }
                let threshold = self.threshold;
                self.failing |=
                    threshold.is_some_and(|t| checked.findings.iter().any(|f| f.severity >= t));
                Ok(Handled::Checked(Box::new(checked)))
            }
            Err(e) if e.is_skip() => {
                if !self.quiet {
                    self.progress.suspend(|| writeln!(err, "warning: {e}"))?;
                }
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
        if !self.progress.is_hidden() {
            let read = usize::try_from(self.progress.position()).unwrap_or(usize::MAX);
            let seconds = self.progress.elapsed().as_secs_f64();
            self.progress.finish_and_clear();
            writeln!(
                err,
                "{}",
                words::progress_done(self.language, read, seconds)
            )?;
        }
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
/// ads is not known up front, and the bar is a counter (the second value: true).
fn progress_bar(inputs: &[Input]) -> (ProgressBar, bool) {
    let has_exports = inputs
        .iter()
        .filter_map(Input::path)
        .any(|path| terskel::posting::format_for_path(path) == terskel::posting::Format::Json);
    let interactive = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive || (inputs.len() <= PROGRESS_FROM && !has_exports) {
        return (ProgressBar::hidden(), has_exports);
    }
    let bar = if has_exports {
        ProgressBar::no_length()
    } else {
        ProgressBar::new(inputs.len() as u64)
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    (bar, has_exports)
}

/// Ads per second since the start: ads arrive a batch at a time, which makes an instantaneous
/// rate jump; the mean over the run is what the estimate of the time left needs.
fn mean_rate(state: &ProgressState) -> f64 {
    let elapsed = state.elapsed().as_secs_f64();
    if elapsed > 0.0 {
        state.pos() as f64 / elapsed
    } else {
        0.0
    }
}

/// How many ads, and how long, before the bar dares an estimate of the time left: the first
/// ads include the start-up and say little about the rest.
const ESTIMATE_AFTER: (u64, f64) = (20, 1.5);

/// The bar's look in `language`: `━━━━━━    123/1 000 annonser · 250 annonser/s · 4 s igjen`,
/// or for a counter `⠙ 1 234 annonser · 250 annonser/s · 5 s`.
fn progress_style(
    counter: bool,
    language: Language,
) -> Result<ProgressStyle, indicatif::style::TemplateError> {
    let template = if counter {
        "{spinner} {count} · {rate} · {took}"
    } else {
        "{bar:32} {count} · {rate}{left}"
    };
    let words_of = words::progress_words(language);
    Ok(ProgressStyle::with_template(template)?
        .with_key(
            "count",
            move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let pos = usize::try_from(state.pos()).unwrap_or(usize::MAX);
                let _ = match state.len() {
                    Some(len) => write!(
                        w,
                        "{}/{} {}",
                        words::number(language, pos),
                        words::number(language, usize::try_from(len).unwrap_or(usize::MAX)),
                        words_of.ads
                    ),
                    None => write!(w, "{} {}", words::number(language, pos), words_of.ads),
                };
            },
        )
        .with_key(
            "rate",
            move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", words::rate(language, mean_rate(state)));
            },
        )
        .with_key(
            "took",
            move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(
                    w,
                    "{}",
                    words::duration(language, state.elapsed().as_secs_f64())
                );
            },
        )
        .with_key(
            "left",
            move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let elapsed = state.elapsed().as_secs_f64();
                let rate = mean_rate(state);
                if state.pos() >= ESTIMATE_AFTER.0 && elapsed >= ESTIMATE_AFTER.1 && rate > 0.0 {
                    let left = state.len().unwrap_or(0).saturating_sub(state.pos()) as f64 / rate;
                    let _ = write!(
                        w,
                        " · {} {}",
                        words::duration(language, left),
                        words_of.left
                    );
                }
            },
        ))
}
