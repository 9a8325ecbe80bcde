//! `terskel init [FILE]`: writes a starter `terskel.yaml` with every key explained, and refuses to
//! overwrite a file that exists.

use super::{CliError, Outcome};
use std::io::Write;
use std::path::Path;

/// The starter configuration: every key, commented out except the few most teams set first.
pub const STARTER: &str = "# terskel's configuration: read by `terskel check`, `audit`, `rules list` and `explain` in this
# directory and below (up to the repository root). Every key is optional; flags beat the file.
# Documentation: the \"Configuration\" section of terskel's README.

# The lowest severity that makes `terskel check` exit with 1: error | warning | info | never.
fail-on: warning

# The ads' language: auto (front matter `lang`, else detected) | nb | nn | en.
lang: auto

# Globs for directory walks, relative to this file.
# include: [\"annonser/**\"]
exclude: [\"README.md\"]

# Report only these, or never these: rule ids, id prefixes (nb.driving-licence) or categories
# (`terskel categories` lists them).
# select: [driving-licence, language-level]
# ignore: [readability]

# Severity per rule id, id prefix or category: error | warning | info.
# severity:
#   missing-salary: warning

# Your own rule files or directories, relative to this file (`terskel rules test DIR` checks
# their examples).
# rules: [regler/]
# no-default-rules: false

# Extra job titles per role family: entry-level | skilled-trade | specialist | manager.
# roles:
#   entry-level: [miljøveileder]
";

/// Runs `terskel init`.
///
/// # Errors
/// [`CliError::Usage`] when `path` exists; [`CliError::Output`] when it cannot be written.
pub fn run(path: &Path, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(CliError::Usage(format!(
                "{} exists; not overwritten (remove it first, or name another file)",
                path.display()
            )));
        }
        Err(e) => {
            return Err(CliError::Output(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", path.display()),
            )))
        }
    };
    file.write_all(STARTER.as_bytes()).map_err(|e| {
        CliError::Output(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        ))
    })?;
    writeln!(
        out,
        "Wrote {}. `terskel check .` now uses it; edit it to suit your ads.",
        path.display()
    )?;
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_is_a_valid_configuration() {
        let config =
            terskel::config::Config::parse(std::path::Path::new("terskel.yaml"), super::STARTER)
                .unwrap();
        assert_eq!(config.fail_on, Some(terskel::config::FailOn::Warning));
    }
}
