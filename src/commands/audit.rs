//! `terskel audit`: one aggregated report over many ads, in Markdown, HTML or JSON, to standard
//! output or atomically to a file.
//!
//! Owns the wiring (rules, inputs, the parallel batch, the exit code, where the report goes).
//! The numbers are `report::audit`'s, the layout its renderers'.

use super::setup::{pool, Setup};
use super::{CliError, Outcome};
use crate::cli::{AuditArgs, AuditFormat};
use std::io::{self, Read, Write};
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
    let setup = Setup::new(&args.rule_args, &args.select, &args.ignore, args.lang)?;
    let pool = pool(args.jobs)?;
    // Opened first, so a wrong --output fails before the work, not after it.
    let target = args.output.as_deref().map(Target::open).transpose()?;
    let mut expanded = batch::expand(&args.paths, || {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    });
    if let Some(output) = &args.output {
        // A report written among the ads (`terskel audit . -o audit.md`) is not an ad.
        expanded.inputs.retain(|input| !is_same_file(input, output));
    }
    let mut audit = match &args.output {
        Some(output) => link_base(output).map_or_else(Audit::new, Audit::with_links),
        None => Audit::new(),
    };
    let mut outcome = Outcome::Clean;
    for e in &expanded.errors {
        writeln!(err, "error: {e}")?;
        audit.add_unread(e.to_string());
        outcome = Outcome::Failed;
    }
    if expanded.inputs.is_empty() && expanded.errors.is_empty() {
        writeln!(
            err,
            "warning: no ads found (looked for {} files)",
            batch::AD_EXTENSIONS.join(", ")
        )?;
    }

    let threshold = setup.threshold(args.fail_on);
    let mut failing = false;
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
                    Ok(())
                }
                Err(e) if e.is_skip() => writeln!(err, "warning: {e}"),
                Err(e) => {
                    outcome = Outcome::Failed;
                    audit.add_unread(e.to_string());
                    writeln!(err, "error: {e}")
                }
            }
        },
    )?;

    let text = render(&audit.report(), args.format)?;
    match target {
        Some(target) => target.commit(text.as_bytes())?,
        None => out.write_all(text.as_bytes())?,
    }
    if outcome == Outcome::Clean && failing {
        outcome = Outcome::Findings;
    }
    Ok(outcome)
}

fn render(report: &AuditReport, format: AuditFormat) -> io::Result<String> {
    match format {
        AuditFormat::Markdown => Ok(audit::markdown::render(report)),
        AuditFormat::Html => Ok(audit::html::render(report)),
        AuditFormat::Json => audit::json::render(report),
    }
}

fn is_same_file(input: &batch::Input, output: &Path) -> bool {
    match (input, output.canonicalize()) {
        (batch::Input::File(path), Ok(output)) => path.canonicalize().is_ok_and(|p| p == output),
        _ => false,
    }
}

/// Links in a report written to `output` are relative to its directory.
fn link_base(output: &Path) -> Option<LinkBase> {
    let cwd = std::env::current_dir().ok()?;
    let dir = output.parent().map(Path::to_path_buf).unwrap_or_default();
    Some(LinkBase { cwd, dir })
}

/// A report file being written: a temporary file in the same directory that is renamed over
/// the path at the end, so an interrupted audit never leaves half a report (the temporary file
/// is removed when it is dropped).
struct Target<'a> {
    path: &'a Path,
    file: tempfile::NamedTempFile,
}

impl<'a> Target<'a> {
    /// Creates the temporary file next to `path`.
    fn open(path: &'a Path) -> Result<Self, CliError> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let file = tempfile::Builder::new()
            .prefix(".terskel-audit-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| named(path, e))?;
        Ok(Target { path, file })
    }

    /// Writes `bytes` and moves the file into place.
    fn commit(mut self, bytes: &[u8]) -> Result<(), CliError> {
        let path = self.path;
        self.file.write_all(bytes).map_err(|e| named(path, e))?;
        self.file.as_file().sync_all().map_err(|e| named(path, e))?;
        set_permissions(self.file.as_file(), path).map_err(|e| named(path, e))?;
        self.file.persist(path).map_err(|e| named(path, e.error))?;
        Ok(())
    }
}

/// The error with `path` in front. `tempfile` adds the temporary file's random name to its
/// errors, which means nothing to the user, so those are described by their kind.
fn named(path: &Path, e: io::Error) -> CliError {
    let reason = match (e.raw_os_error(), e.kind()) {
        (Some(code), _) => io::Error::from_raw_os_error(code).to_string(),
        (None, io::ErrorKind::NotFound) => "the directory does not exist".to_string(),
        (None, kind) => io::Error::from(kind).to_string(),
    };
    CliError::Output(io::Error::new(
        e.kind(),
        format!("{}: {reason}", path.display()),
    ))
}

/// A report is for sharing: keep the permissions of the file it replaces, else make it readable
/// like any new file (the temporary file is private to the user).
fn set_permissions(file: &std::fs::File, path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(existing) => file.set_permissions(existing.permissions()),
        Err(_) => default_permissions(file),
    }
}

#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_file: &std::fs::File) -> io::Result<()> {
    Ok(())
}
