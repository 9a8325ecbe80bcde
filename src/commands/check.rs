//! `terskel check`: findings per ad, streamed in input order in the chosen format.

use super::setup::{pool, Setup};
use super::{CliError, Outcome};
use crate::cli::{CheckArgs, CheckFormat};
use std::io::{self, Read, Write};
use terskel::batch;
use terskel::report::json::JsonReporter;
use terskel::report::markdown::MarkdownReporter;
use terskel::report::Reporter;

/// Runs `terskel check`.
///
/// # Errors
/// [`CliError`] for rule and flag errors and failed writes. Unreadable ads are reported on
/// `err` and make the outcome [`Outcome::Failed`], but the other ads are still checked.
pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let setup = Setup::new(&args.rule_args, &args.select, &args.ignore, args.lang)?;
    let expanded = batch::expand(&args.paths, || {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    });
    let mut outcome = Outcome::Clean;
    for e in &expanded.errors {
        writeln!(err, "error: {e}")?;
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
    };
    let threshold = setup.threshold(args.fail_on);
    let mut failing = false;
    let pool = pool(args.jobs)?;
    reporter.start(out)?;
    batch::for_each(
        &setup.rules,
        expanded.inputs,
        &setup.read,
        pool.as_ref(),
        |result| -> io::Result<()> {
            match result {
                Ok(mut checked) => {
                    setup.selection.apply(&mut checked.findings);
                    failing |=
                        threshold.is_some_and(|t| checked.findings.iter().any(|f| f.severity >= t));
                    reporter.document(&checked, out)
                }
                Err(e) if e.is_skip() => writeln!(err, "warning: {e}"),
                Err(e) => {
                    outcome = Outcome::Failed;
                    writeln!(err, "error: {e}")
                }
            }
        },
    )?;
    reporter.finish(out)?;
    if outcome == Outcome::Clean && failing {
        outcome = Outcome::Findings;
    }
    Ok(outcome)
}
