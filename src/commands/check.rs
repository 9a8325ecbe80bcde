//! `terskel check`: findings per ad, streamed in input order in the chosen format, to standard
//! output or atomically to `--output FILE`.

use super::batch::{prepare, Handled, Tally};
use super::output::{exclude_output, AtomicOutput};
use super::{CliError, Outcome, Terminal};
use crate::cli::{AuditFormat, CheckArgs, CheckFormat};
use std::io::{self, Write};
use std::path::Path;
use terskel::batch;
use terskel::posting::InputError;
use terskel::report::audit::{Audit, LinkBase};
use terskel::report::github::GithubReporter;
use terskel::report::json::JsonReporter;
use terskel::report::markdown::MarkdownReporter;
use terskel::report::sarif::SarifReporter;
use terskel::report::statistics::StatisticsReporter;
use terskel::report::terminal::TerminalReporter;
use terskel::report::text::TextReporter;
use terskel::report::Reporter;
use terskel::report::{Checked, Skipped};

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
    let mut prepared = prepare(options, err)?;
    if let Some(output) = &options.output {
        exclude_output(output, &mut prepared.expanded.inputs)?;
    }
    let setup = &prepared.setup;
    let mut tally =
        Tally::new(setup.threshold(options.fail_on), &prepared.expanded.inputs).quiet(args.quiet);
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
        CheckFormat::Sarif => Box::new(sarif(setup)),
        CheckFormat::Github => Box::new(GithubReporter::new()),
    };
    let mut extra = Extra::open(&args.reports, setup)?;
    for e in &prepared.expanded.errors {
        tally.unread(e, err)?;
        extra.unread(e);
    }
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
    extra.start()?;
    batch::check_each(
        &setup.checker,
        prepared.expanded.inputs,
        prepared.pool.as_ref(),
        |result| -> io::Result<()> {
            match tally.take(result, err)? {
                Handled::Checked(checked) => {
                    extra.document(&checked)?;
                    let flush = tally.shows_progress() && !to_file;
                    tally.suspended(|| {
                        reporter.document(&checked, out)?;
                        if flush {
                            out.flush()?;
                        }
                        Ok(())
                    })
                }
                Handled::Unread(e) => {
                    extra.unread(&e);
                    Ok(())
                }
                Handled::Skipped(Some(skipped)) => {
                    extra.skipped(&skipped)?;
                    tally.suspended(|| reporter.skipped(&skipped, out))
                }
                Handled::Skipped(None) => Ok(()),
            }
        },
    )?;
    reporter.finish(out)?;
    if let Some(file) = file {
        file.commit()?;
    }
    extra.finish()?;
    Ok(tally.finish(err)?)
}

/// The formats `--report FORMAT=FILE` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExtraFormat {
    Check(CheckFormat),
    Audit(AuditFormat),
}

fn extra_format(name: &str) -> Option<ExtraFormat> {
    Some(match name {
        "markdown" => ExtraFormat::Check(CheckFormat::Markdown),
        "json" => ExtraFormat::Check(CheckFormat::Json),
        "text" => ExtraFormat::Check(CheckFormat::Text),
        "sarif" => ExtraFormat::Check(CheckFormat::Sarif),
        "github" => ExtraFormat::Check(CheckFormat::Github),
        "audit-markdown" => ExtraFormat::Audit(AuditFormat::Markdown),
        "audit-html" => ExtraFormat::Audit(AuditFormat::Html),
        "audit-json" => ExtraFormat::Audit(AuditFormat::Json),
        "audit-summary" => ExtraFormat::Audit(AuditFormat::Summary),
        _ => return None,
    })
}

/// The reports of `--report`: check formats streamed like the main one, audits aggregated and
/// written at the end, each into its own file, committed only when the run completes.
struct Extra<'a> {
    streams: Vec<(Box<dyn Reporter + 'a>, AtomicOutput)>,
    audits: Vec<(AuditFormat, AtomicOutput)>,
    audit: Option<Audit>,
}

impl<'a> Extra<'a> {
    fn open(specs: &[String], setup: &'a super::setup::Setup) -> Result<Extra<'a>, CliError> {
        let mut extra = Extra {
            streams: Vec::new(),
            audits: Vec::new(),
            audit: None,
        };
        for spec in specs {
            let (name, path) = spec.split_once('=').ok_or_else(|| {
                CliError::Usage(format!(
                    "--report {spec}: expected FORMAT=FILE, e.g. sarif=terskel.sarif"
                ))
            })?;
            let format = extra_format(name).ok_or_else(|| {
                CliError::Usage(format!(
                    "--report {spec}: unknown format `{name}` (markdown, json, text, sarif, github, audit-markdown, audit-html, audit-json, audit-summary)"
                ))
            })?;
            let path = Path::new(path);
            let file = AtomicOutput::create(path)?;
            match format {
                ExtraFormat::Check(format) => {
                    let reporter: Box<dyn Reporter + 'a> = match format {
                        CheckFormat::Markdown | CheckFormat::Full => {
                            Box::new(MarkdownReporter::new(setup.rules()))
                        }
                        CheckFormat::Json => Box::new(JsonReporter::new()),
                        CheckFormat::Text => Box::new(TextReporter::new()),
                        CheckFormat::Sarif => Box::new(sarif(setup)),
                        CheckFormat::Github => Box::new(GithubReporter::new()),
                    };
                    extra.streams.push((reporter, file));
                }
                ExtraFormat::Audit(format) => {
                    if extra.audit.is_none() {
                        let cwd = std::env::current_dir().ok();
                        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        extra.audit = Some(match cwd {
                            Some(cwd) => Audit::with_links(LinkBase { cwd, dir }),
                            None => Audit::new(),
                        });
                    }
                    extra.audits.push((format, file));
                }
            }
        }
        Ok(extra)
    }

    fn start(&mut self) -> io::Result<()> {
        for (reporter, file) in &mut self.streams {
            reporter.start(file)?;
        }
        Ok(())
    }

    fn document(&mut self, checked: &Checked) -> io::Result<()> {
        for (reporter, file) in &mut self.streams {
            reporter.document(checked, file)?;
        }
        if let Some(audit) = &mut self.audit {
            super::audit::add_checked(audit, checked);
        }
        Ok(())
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        for (reporter, file) in &mut self.streams {
            reporter.skipped(skipped, file)?;
        }
        if let Some(audit) = &mut self.audit {
            audit.add_skipped(skipped.clone());
        }
        Ok(())
    }

    fn unread(&mut self, error: &InputError) {
        if let Some(audit) = &mut self.audit {
            audit.add_unread(error.to_string());
        }
    }

    fn finish(self) -> Result<(), CliError> {
        for (mut reporter, mut file) in self.streams {
            reporter.finish(&mut file)?;
            file.commit()?;
        }
        if let Some(audit) = self.audit {
            let report = audit.report();
            for (format, mut file) in self.audits {
                let text = super::audit::render(&report, format)?;
                file.write_all(text.as_bytes())?;
                file.commit()?;
            }
        }
        Ok(())
    }
}

/// The SARIF reporter, with absolute paths below the working directory made relative.
fn sarif(setup: &super::setup::Setup) -> SarifReporter<'_> {
    let sarif = SarifReporter::new(setup.rules());
    match std::env::current_dir() {
        Ok(dir) => sarif.with_base(dir),
        Err(_) => sarif,
    }
}
