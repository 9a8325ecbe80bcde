//! Running the subcommands: load rules, read inputs, check, render, decide the exit code.
//! Output goes to the given writers; nothing here exits the process.

mod audit;
mod batch;
mod check;
mod completions;
mod explain;
mod fix;
mod init;
mod output;
mod rules;
mod serve;
mod setup;

use crate::cli::{ColorChoice, Command};
use std::io::{self, IsTerminal, Write};
use terskel::checker::CheckerError;
use terskel::config::ConfigError;
use terskel::rules::LoadError;
use terskel::select::UnknownSelector;

/// How a run ended, as the exit code design.md §4 gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// 0: nothing at or above `--fail-on`.
    Clean = 0,
    /// 1: findings at or above `--fail-on` (or failing rule examples).
    Findings = 1,
    /// 2: usage, configuration, rule or input errors.
    Failed = 2,
}

/// Errors that stop a command before it produces a report.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Rules could not be loaded.
    #[error("{0}")]
    Rules(#[from] LoadError),
    /// The configuration file could not be read or is invalid.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// A flag value is wrong.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

impl From<CheckerError> for CliError {
    fn from(e: CheckerError) -> Self {
        match e {
            CheckerError::Rules(e) => CliError::Rules(e),
            CheckerError::Config(e) => CliError::Config(e),
            CheckerError::Selector(e) => e.into(),
        }
    }
}

impl From<UnknownSelector> for CliError {
    fn from(e: UnknownSelector) -> Self {
        CliError::Usage(e.to_string())
    }
}

/// What the commands need to know about the terminal: `--color`, and whether standard output
/// is one.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// `--color`.
    pub color: ColorChoice,
}

impl Terminal {
    /// True when standard output is a terminal.
    pub fn stdout_is_terminal(self) -> bool {
        io::stdout().is_terminal()
    }

    /// True when output should carry ANSI colours: `--color always`; for `auto` when standard
    /// output (not a file: `to_file`) is a terminal, unless NO_COLOR is set or CLICOLOR=0, or
    /// whenever CLICOLOR_FORCE is set (anstream's rules).
    pub fn styled(self, to_file: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if to_file => false,
            ColorChoice::Auto => {
                anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

/// Runs one command.
///
/// # Errors
/// [`CliError`] when rules or flags are wrong or output cannot be written.
pub fn run(
    command: Command,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    match command {
        Command::Check(args) => check::run(args, terminal, out, err),
        Command::Audit(args) => audit::run(args, out, err),
        Command::Fix(args) => fix::run(args, out, err),
        Command::Serve(args) => serve::run(args, err),
        Command::Rules(args) => rules::run(args, out, err),
        Command::Explain(args) => explain::run(args, out),
        Command::Categories(args) => rules::categories(&args, out),
        Command::Completions { shell } => completions::run(shell, out),
        Command::Init { path } => init::run(&path, out),
    }
}
