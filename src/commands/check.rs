//! `terskel check`: findings per ad, streamed in input order in the chosen format, to standard
//! output or atomically to `--output FILE`.

use super::batch::{prepare, Handled, Tally};
use super::output::{exclude_output, AtomicOutput};
use super::{CliError, Outcome};
use crate::cli::{CheckArgs, CheckFormat};
use std::io::{self, Write};
use terskel::batch;
use terskel::report::github::GithubReporter;
use terskel::report::json::JsonReporter;
use terskel::report::markdown::MarkdownReporter;
use terskel::report::sarif::SarifReporter;
use terskel::report::text::TextReporter;
use terskel::report::Reporter;

/// Runs `terskel check`.
///
/// # Errors
/// [`CliError`] for rule and flag errors and failed writes. Unreadable ads are reported on
/// `err` (and named again in a summary at the end) and make the outcome [`Outcome::Failed`], but
/// the other ads are still checked.
pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let options = &args.batch;
    let mut prepared = prepare(options, err)?;
    if let Some(output) = &options.output {
        exclude_output(output, &mut prepared.expanded.inputs)?;
    }
    let setup = &prepared.setup;
    let mut tally = Tally::new(setup.threshold(options.fail_on), &prepared.expanded.inputs);
    for e in &prepared.expanded.errors {
        tally.unread(e, err)?;
    }
    let mut reporter: Box<dyn Reporter> = match args.format {
        CheckFormat::Markdown => Box::new(MarkdownReporter::new(&setup.rules)),
        CheckFormat::Json => Box::new(JsonReporter::new()),
        CheckFormat::Text => Box::new(TextReporter::new()),
        CheckFormat::Sarif => Box::new(SarifReporter::new(&setup.rules)),
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
    batch::for_each(
        &setup.rules,
        prepared.expanded.inputs,
        &setup.read,
        prepared.pool.as_ref(),
        |result| -> io::Result<()> {
            match tally.take(result, setup, err)? {
                Handled::Checked(checked) => reporter.document(&checked, out),
                Handled::Skipped(Some(skipped)) => reporter.skipped(&skipped, out),
                Handled::Unread(_) | Handled::Skipped(None) => Ok(()),
            }
        },
    )?;
    reporter.finish(out)?;
    if let Some(file) = file {
        file.commit()?;
    }
    Ok(tally.finish(err)?)
}
