//! `terskel check`: findings per ad, streamed in input order in the chosen format, to standard
//! output or atomically to `--output FILE`; a progress bar on a terminal for long runs.

use super::setup::{pool, Setup};
use super::{CliError, Outcome};
use crate::cli::{CheckArgs, CheckFormat};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use terskel::batch::{self, Exclude, Input};
use terskel::posting::InputError;
use terskel::report::github::GithubReporter;
use terskel::report::json::JsonReporter;
use terskel::report::markdown::MarkdownReporter;
use terskel::report::sarif::SarifReporter;
use terskel::report::text::TextReporter;
use terskel::report::Reporter;

/// Runs longer than this many inputs show a progress bar (on a terminal, outside CI).
const PROGRESS_FROM: usize = 200;

/// How many unreadable inputs the closing summary names.
const NAMED_FAILURES: usize = 10;

/// Runs `terskel check`.
///
/// # Errors
/// [`CliError`] for rule and flag errors and failed writes. Unreadable ads are reported on
/// `err` (and named again in a summary at the end) and make the outcome [`Outcome::Failed`], but
/// the other ads are still checked.
pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let setup = Setup::new(&args.rule_args, &args.select, &args.ignore, args.lang)?;
    let exclude = Exclude::new(&args.exclude).map_err(|e| CliError::Usage(e.to_string()))?;
    let expanded = batch::expand_with(&args.paths, &exclude, || {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    });
    let mut outcome = Outcome::Clean;
    let mut failed: Vec<String> = Vec::new();
    for e in &expanded.errors {
        writeln!(err, "error: {e}")?;
        failed.push(place(e));
        outcome = Outcome::Failed;
    }
    if expanded.inputs.is_empty() && expanded.errors.is_empty() {
        writeln!(
            err,
            "warning: no ads found (looked for {} files)",
            batch::AD_EXTENSIONS.join(", ")
        )?;
    }

    let mut reporter: Box<dyn Reporter> = match args.format {
        CheckFormat::Markdown => Box::new(MarkdownReporter::new(&setup.rules)),
        CheckFormat::Json => Box::new(JsonReporter::new()),
        CheckFormat::Text => Box::new(TextReporter::new()),
        CheckFormat::Sarif => Box::new(SarifReporter::new(&setup.rules)),
        CheckFormat::Github => Box::new(GithubReporter::new()),
    };
    let threshold = setup.threshold(args.fail_on);
    let mut failing = false;
    let pool = pool(args.jobs)?;
    let progress = progress_bar(&expanded.inputs);
    let mut file = match &args.output {
        Some(path) => Some(AtomicOutput::create(path)?),
        None => None,
    };
    let out: &mut dyn Write = match &mut file {
        Some(file) => file,
        None => out,
    };
    reporter.start(out)?;
    batch::for_each(
        &setup.rules,
        expanded.inputs,
        &setup.read,
        pool.as_ref(),
        |result| -> io::Result<()> {
            progress.inc(1);
            match result {
                Ok(mut checked) => {
                    setup.selection.apply(&mut checked.findings);
                    failing |=
                        threshold.is_some_and(|t| checked.findings.iter().any(|f| f.severity >= t));
                    reporter.document(&checked, out)
                }
                Err(e) if e.is_skip() => progress.suspend(|| writeln!(err, "warning: {e}")),
                Err(e) => {
                    outcome = Outcome::Failed;
                    failed.push(place(&e));
                    progress.suspend(|| writeln!(err, "error: {e}"))
                }
            }
        },
    )?;
    reporter.finish(out)?;
    progress.finish_and_clear();
    if let Some(file) = file {
        file.commit()?;
    }
    if !failed.is_empty() {
        let more = failed.len().saturating_sub(NAMED_FAILURES);
        let named: Vec<&str> = failed
            .iter()
            .take(NAMED_FAILURES)
            .map(String::as_str)
            .collect();
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let noun = if failed.len() == 1 { "input" } else { "inputs" };
        writeln!(
            err,
            "error: {} {noun} could not be checked: {}{tail}",
            failed.len(),
            named.join(", ")
        )?;
    }
    if outcome == Outcome::Clean && failing {
        outcome = Outcome::Findings;
    }
    Ok(outcome)
}

/// The file (and line) an input error is about, for the closing summary.
fn place(error: &InputError) -> String {
    match error {
        InputError::Io { path, .. } => path.display().to_string(),
        InputError::Empty { path } | InputError::Binary { path } => path.clone(),
        InputError::NotUtf8 { path, line, .. }
        | InputError::UnclosedFrontMatter { path, line }
        | InputError::FrontMatter { path, line, .. }
        | InputError::Record { path, line, .. } => format!("{path}:{line}"),
    }
}

/// A progress bar on standard error for long runs on a terminal; hidden otherwise (in CI, in
/// pipes, and for short runs). Counts ads; when JSON exports are among the inputs their number of
/// ads is not known up front, and the bar is a counter.
fn progress_bar(inputs: &[Input]) -> ProgressBar {
    let has_exports = inputs.iter().any(|i| match i {
        Input::File(path) => {
            terskel::posting::format_for_path(path) == terskel::posting::Format::Json
        }
        Input::Stdin(_) => false,
    });
    let interactive = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive || (inputs.len() <= PROGRESS_FROM && !has_exports) {
        return ProgressBar::hidden();
    }
    let (bar, template) = if has_exports {
        (
            ProgressBar::no_length(),
            "{spinner} {pos} ads checked ({per_sec}, {elapsed})",
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

/// `--output FILE`: the report is written to a temporary file in the same directory and renamed
/// over FILE only when complete, so an interrupted run never leaves half a report (the temporary
/// file is removed when the run fails or is dropped).
struct AtomicOutput {
    path: PathBuf,
    file: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicOutput {
    fn create(path: &Path) -> Result<Self, CliError> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".terskel-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| output_error(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            file: BufWriter::new(temp),
        })
    }

    /// Flushes the report and puts it in place.
    fn commit(self) -> Result<(), CliError> {
        let path = self.path;
        let temp = self
            .file
            .into_inner()
            .map_err(|e| output_error(&path, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| output_error(&path, e))?;
        set_report_permissions(&temp, &path);
        temp.persist(&path)
            .map_err(|e| output_error(&path, e.error))?;
        Ok(())
    }
}

/// A temporary file is private (0600); a report gets the permissions of the file it replaces,
/// or the usual 0644.
#[cfg(unix)]
fn set_report_permissions(temp: &tempfile::NamedTempFile, path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let permissions = std::fs::metadata(path)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
    let _ = temp.as_file().set_permissions(permissions);
}

#[cfg(not(unix))]
fn set_report_permissions(_temp: &tempfile::NamedTempFile, _path: &Path) {}

fn output_error(path: &Path, e: io::Error) -> CliError {
    CliError::Output(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}
