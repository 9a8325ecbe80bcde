//! What every command that checks ads needs before it starts: the compiled rules, the selection
//! and the reading options, from the flags.

use super::CliError;
use crate::cli::{LangArg, RuleArgs};
use terskel::posting::ReadOptions;
use terskel::rules::{self, RuleSet};
use terskel::select::Selection;

/// Rules, selection and reading options for a run.
pub struct Setup {
    /// The active rules.
    pub rules: RuleSet,
    /// Which findings to report.
    pub selection: Selection,
    /// How to read ads.
    pub read: ReadOptions,
}

impl Setup {
    /// Loads the rules and checks the selectors.
    ///
    /// # Errors
    /// [`CliError`] for rule errors and unknown selectors.
    pub fn new(
        rule_args: &RuleArgs,
        select: &[String],
        ignore: &[String],
        lang: LangArg,
    ) -> Result<Setup, CliError> {
        let rules = rules::load(&rule_args.options())?;
        let selection = Selection::new(select, ignore, &rules)?;
        Ok(Setup {
            rules,
            selection,
            read: ReadOptions {
                language: lang.language(),
                ..ReadOptions::default()
            },
        })
    }
}

/// A rayon pool of `jobs` threads, or `None` for rayon's global pool (one thread per core).
///
/// # Errors
/// [`CliError::Usage`] for `--jobs 0` or when the threads cannot be started.
pub fn pool(jobs: Option<usize>) -> Result<Option<rayon::ThreadPool>, CliError> {
    match jobs {
        None => Ok(None),
        Some(0) => Err(CliError::Usage("--jobs must be at least 1".into())),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(Some)
            .map_err(|e| CliError::Usage(format!("cannot start {n} threads: {e}"))),
    }
}
