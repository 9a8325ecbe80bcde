//! `terskel fix`: the revision of one ad to standard output, as a unified diff (`--diff`), or
//! written over the file (`--write`, atomically, following symlinks). The fixing is
//! [`terskel::fix`]; this only reads the input, writes the result and lists on `err` what was
//! changed and what is left for the writer.

use super::output::AtomicOutput;
use super::setup::Setup;
use super::{CliError, Outcome};
use crate::cli::FixArgs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use terskel::fix::{self, ChangeKind, Fixed};
use terskel::posting::{self, Format};

/// Runs `terskel fix`.
///
/// # Errors
/// [`CliError`] for rule, flag and input errors and failed writes.
pub fn run(args: FixArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let stdin = args.path.as_os_str() == "-";
    if stdin && args.write {
        return Err(CliError::Usage(
            "--write needs a file; standard input has nowhere to be written back".into(),
        ));
    }
    let setup = Setup::new(&args.rule_args, &args.select, &args.ignore, args.lang)?;
    let document = if stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        posting::read_bytes("<stdin>", &bytes, Format::Markdown, &setup.checker.read)
    } else {
        posting::read_path(&args.path, &setup.checker.read)
    };
    let document = match document {
        Ok(document) => document,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(Outcome::Failed);
        }
    };
    let fixed = match fix::fix(&setup.checker, &setup.checker.read, document) {
        Ok(fixed) => fixed,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(Outcome::Failed);
        }
    };
    if args.diff {
        let name = display_name(&args.path);
        out.write_all(fix::diff::unified(&name, fixed.original(), &fixed.revised).as_bytes())?;
    } else if args.write {
        if fixed.is_changed() {
            write_back(&args.path, &fixed.revised)?;
        }
    } else {
        out.write_all(fixed.revised.as_bytes())?;
    }
    report(&fixed, args.write, err)?;
    Ok(Outcome::Clean)
}

/// The path as shown in diff headers (forward slashes, no leading `./`).
fn display_name(path: &Path) -> String {
    let name = path.to_string_lossy().replace('\\', "/");
    name.strip_prefix("./").unwrap_or(&name).to_string()
}

/// Replaces the file at `path` (the target, when it is a symlink) with `text`.
fn write_back(path: &Path, text: &str) -> Result<(), CliError> {
    let target: PathBuf = std::fs::canonicalize(path).map_err(|e| {
        CliError::Output(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    })?;
    let mut file = AtomicOutput::create(&target)?;
    file.write_all(text.as_bytes())?;
    file.commit()
}

/// Lists the changes and what is left on `err`, one line each, then a count.
fn report(fixed: &Fixed, written: bool, err: &mut dyn Write) -> io::Result<()> {
    let source = &fixed.checked.document.source;
    let place = |offset: usize| {
        let p = source.lines.position(&source.text, offset);
        format!("{}:{}", p.line + source.first_line - 1, p.column)
    };
    let path = &fixed.checked.document.path;
    for change in &fixed.changes {
        match change.kind {
            ChangeKind::Replace => writeln!(
                err,
                "{path}:{}: replaced [{}] «{}» → «{}»",
                place(change.start),
                change.rule,
                change.original,
                change.text
            )?,
            ChangeKind::Insert => writeln!(
                err,
                "{path}:{}: inserted [{}] in {}",
                place(change.start),
                change.rule,
                change.section.map_or("the end", |s| s.id())
            )?,
        }
    }
    for left in &fixed.left {
        let finding = &left.finding;
        match finding.span {
            Some(span) => writeln!(
                err,
                "{path}:{}:{}: left [{}] «{}»: {}",
                span.line,
                span.column,
                finding.rule,
                finding.text,
                left.reason.describe()
            )?,
            None => writeln!(
                err,
                "{path}: left [{}] {}: {}",
                finding.rule,
                finding.message,
                left.reason.describe()
            )?,
        }
    }
    let replaced = fixed
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Replace)
        .count();
    let inserted = fixed.changes.len() - replaced;
    let verb = if written { "written" } else { "suggested" };
    writeln!(
        err,
        "fix: {replaced} replaced, {inserted} inserted ({verb}); {} left for you",
        fixed.left.len()
    )
}
