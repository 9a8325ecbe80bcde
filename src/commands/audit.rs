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
use terskel::report::Checked;

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
    batch::check_each(
        &setup.checker,
        prepared.expanded.inputs,
        prepared.pool.as_ref(),
        |result| -> io::Result<()> {
            match tally.take(result, err)? {
                Handled::Checked(checked) => add_checked(&mut audit, &checked),
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

/// Adds one checked ad to `audit`, with its inline suppressions (who switched what off, and why).
pub fn add_checked(audit: &mut Audit, checked: &Checked) {
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
    audit.add(checked);
}

/// `report` in `format`.
///
/// # Errors
/// When the JSON cannot be serialised.
pub fn render(report: &AuditReport, format: AuditFormat) -> io::Result<String> {
    match format {
        AuditFormat::Markdown => Ok(audit::markdown::render(report)),
        AuditFormat::Html => Ok(audit::html::render_dated(report, Some(&today()))),
        AuditFormat::Json => audit::json::render(report),
        AuditFormat::Summary => Ok(audit::markdown::render_summary(report)),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, for the report; `SOURCE_DATE_EPOCH` (seconds since 1970)
/// gives a fixed one, for reproducible reports and tests.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The Gregorian date of day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Links in a report written to `output` are relative to its directory.
fn link_base(output: &Path) -> Option<LinkBase> {
    let cwd = std::env::current_dir().ok()?;
    let dir = output.parent().map(Path::to_path_buf).unwrap_or_default();
    Some(LinkBase { cwd, dir })
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_become_dates() {
        assert_eq!(super::civil_date(0), (1970, 1, 1));
        assert_eq!(super::civil_date(11_016), (2000, 2, 29));
        assert_eq!(super::civil_date(20_788), (2026, 12, 1));
    }
}
