//! `terskel audit`: one aggregated report over many ads, in Markdown, HTML or JSON, to standard
//! output or atomically to a file.
//!
//! Owns the wiring (rules, inputs, the parallel batch, the exit code, where the report goes).
//! The numbers are `report::audit`'s, the layout its renderers'.

use super::batch::{prepare, Handled, Tally};
use super::output::{exclude_output, AtomicOutput};
use super::{CliError, Outcome};
use crate::cli::{AuditArgs, AuditFormat};
use std::io::{self, Write};
use std::path::Path;
use terskel::batch;
use terskel::report::audit::{self, Audit, AuditReport, AuditSuppression, LinkBase};

/// Runs `terskel audit`.
///
/// Every inline suppression (design.md §6) of every ad goes to [`Audit::add_suppression`], so
/// the report lists who switched what off and why.
///
/// # Errors
/// [`CliError`] for rule and flag errors and failed writes. Unreadable ads are reported on
/// `err`, listed in the report and make the outcome [`Outcome::Failed`], but the other ads are
/// still audited.
pub fn run(args: AuditArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let options = &args.batch;
    let mut prepared = prepare(options, err)?;
    if let Some(output) = &options.output {
        // A report written among the ads (`terskel audit . -o audit.md`) is not an ad, and a
        // named ad is never replaced by the report.
        exclude_output(output, &mut prepared.expanded.inputs)?;
    }
    // Opened first, so a wrong --output fails before the work, not after it.
    let target = options
        .output
        .as_deref()
        .map(AtomicOutput::create)
        .transpose()?;
    let setup = &prepared.setup;
    let mut audit = match &options.output {
        Some(output) => link_base(output).map_or_else(Audit::new, Audit::with_links),
        None => Audit::new(),
    };
    let mut tally = Tally::new(setup.threshold(options.fail_on), &prepared.expanded.inputs);
    for e in &prepared.expanded.errors {
        tally.unread(e, err)?;
        audit.add_unread(e.to_string());
    }
    batch::for_each(
        &setup.rules,
        prepared.expanded.inputs,
        &setup.read,
        prepared.pool.as_ref(),
        |result| -> io::Result<()> {
            match tally.take(result, setup, err)? {
                Handled::Checked(checked) => {
                    for suppression in &checked.suppressions {
                        for target in &suppression.targets {
                            audit.add_suppression(AuditSuppression {
                                path: checked.document.path.clone(),
                                line: suppression.span.line,
                                rule_or_category: target.clone(),
                                reason: suppression.reason.clone(),
                            });
                        }
                    }
                    audit.add(&checked);
                }
                Handled::Unread(e) => audit.add_unread(e.to_string()),
                Handled::Skipped(Some(skipped)) => audit.add_skipped(skipped),
                Handled::Skipped(None) => {}
            }
            Ok(())
        },
    )?;

    let text = render(&audit.report(), args.format)?;
    match target {
        Some(mut target) => {
            target.write_all(text.as_bytes())?;
            target.commit()?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(tally.finish(err)?)
}

fn render(report: &AuditReport, format: AuditFormat) -> io::Result<String> {
    match format {
        AuditFormat::Markdown => Ok(audit::markdown::render(report)),
        AuditFormat::Html => Ok(audit::html::render(report)),
        AuditFormat::Json => audit::json::render(report),
    }
}

/// Links in a report written to `output` are relative to its directory.
fn link_base(output: &Path) -> Option<LinkBase> {
    let cwd = std::env::current_dir().ok()?;
    let dir = output.parent().map(Path::to_path_buf).unwrap_or_default();
    Some(LinkBase { cwd, dir })
}
