//! `terskel check`: findings per ad, streamed in input order in the chosen format, to standard
//! output or atomically to `--output FILE`.

use super::batch::{prepare, Handled, Tally};
use super::output::AtomicOutput;
use super::{CliError, Outcome, Terminal};
use crate::cli::{CheckArgs, CheckFormat};
use std::io::{self, Write};
use terskel::batch;
use terskel::report::github::GithubReporter;
use terskel::report::json::JsonReporter;
use terskel::report::markdown::MarkdownReporter;
use terskel::report::sarif::SarifReporter;
use terskel::report::statistics::StatisticsReporter;
use terskel::report::terminal::TerminalReporter;
use terskel::report::text::TextReporter;
use terskel::report::Reporter;

/// Runs `terskel check`.
///
/// # Errors
/// [`CliError`] for rule and flag errors and failed writes. Unreadable ads are reported on
/// `err` (and named again in a summary at the end) and make the outcome [`Outcome::Failed`], but
/// the other ads are still checked.
pub fn run(
    args: CheckArgs,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let options = &args.batch;
    let prepared = prepare(options, err)?;
    let setup = &prepared.setup;
    let mut tally =
        Tally::new(setup.threshold(options.fail_on), &prepared.expanded.inputs).quiet(args.quiet);
    for e in &prepared.expanded.errors {
        tally.unread(e, err)?;
    }
    let to_file = options.output.is_some();
    let format = args
        .format
        .unwrap_or(if !to_file && terminal.stdout_is_terminal() {
            CheckFormat::Full
        } else {
            CheckFormat::Markdown
        });
    let mut reporter: Box<dyn Reporter> = match format {
        _ if args.statistics => Box::new(StatisticsReporter::new(format == CheckFormat::Json)),
        CheckFormat::Full => Box::new(TerminalReporter::new(
            setup.rules(),
            terminal.styled(to_file),
            !args.quiet,
        )),
        CheckFormat::Markdown => Box::new(MarkdownReporter::new(setup.rules())),
        CheckFormat::Json => Box::new(JsonReporter::new()),
        CheckFormat::Text => Box::new(TextReporter::new()),
        CheckFormat::Sarif => {
            let sarif = SarifReporter::new(setup.rules());
            Box::new(match std::env::current_dir() {
                Ok(dir) => sarif.with_base(dir),
                Err(_) => sarif,
            })
        }
        CheckFormat::Github => Box::new(GithubReporter::new()),
    };
    let mut file = options
        .output
        .as_deref()
        .map(AtomicOutput::create)
        .transpose()?;
    let out: &mut dyn Write = match &mut file {
        Some(file) => file,
        None => out,
    };
    reporter.start(out)?;
    batch::check_each(
        &setup.checker,
        prepared.expanded.inputs,
        prepared.pool.as_ref(),
        |result| -> io::Result<()> {
            match tally.take(result, err)? {
                Handled::Checked(checked) => {
                    let flush = tally.shows_progress() && !to_file;
                    tally.suspended(|| {
                        reporter.document(&checked, out)?;
                        if flush {
                            out.flush()?;
                        }
                        Ok(())
                    })
                }
                Handled::Unread(_) | Handled::Skipped => Ok(()),
            }
        },
    )?;
    reporter.finish(out)?;
    if let Some(file) = file {
        file.commit()?;
    }
    Ok(tally.finish(err)?)
}
