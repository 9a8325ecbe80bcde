//! What every command that checks ads needs before it starts: the configuration file, the
//! compiled rules, the selection and the reading options, from the flags and the file.
//!
//! Precedence: a flag beats the configuration file, which beats the built-in default.
//! `--select` and `--ignore` replace the file's `select` and `ignore` (each on its own);
//! `--rules DIR` adds to the file's `rules`; `--no-default-rules` and `no-default-rules: true`
//! each leave out the default pack; `severity` and `roles` come only from the file.

use super::CliError;
use crate::cli::{FailOn, LangArg, RuleArgs};
use terskel::checker::{self, Checker, Settings};
use terskel::config::{self, Config};
use terskel::rules::RuleSet;
use terskel::taxonomy::Severity;

/// Rules, selection and reading options for a run: the library's [`Checker`], configured from
/// the flags and the file.
pub struct Setup {
    /// What checks every ad (rules, selection, reading options, the configuration in use).
    pub checker: Checker,
}

impl Setup {
    /// Reads the configuration, loads the rules and checks the selectors. `lang` is `None` when
    /// the flag was not given (then the configuration's `lang` applies).
    ///
    /// # Errors
    /// [`CliError`] for configuration and rule errors and unknown selectors.
    pub fn new(
        rule_args: &RuleArgs,
        select: &[String],
        ignore: &[String],
        lang: impl Into<Option<LangArg>>,
    ) -> Result<Setup, CliError> {
        let config = load_config(rule_args)?;
        let mut settings = settings(rule_args);
        settings.select = (!select.is_empty()).then(|| select.to_vec());
        settings.ignore = (!ignore.is_empty()).then(|| ignore.to_vec());
        settings.lang = lang.into().map(LangArg::setting);
        Ok(Setup {
            checker: Checker::configure(config, &settings)?,
        })
    }

    /// The active rules.
    pub fn rules(&self) -> &RuleSet {
        &self.checker.rules
    }

    /// The configuration file in use, if any (its `include`/`exclude` globs: [`Config::globs`]).
    pub fn config(&self) -> Option<&Config> {
        self.checker.config.as_ref()
    }

    /// The lowest severity that fails the run: `--fail-on` when given, else the configuration's
    /// `fail-on`, else `error`; `None` for `never`.
    pub fn threshold(&self, flag: Option<FailOn>) -> Option<Severity> {
        self.checker.threshold(flag.map(FailOn::setting))
    }
}

/// The rule loading flags as library settings.
fn settings(rule_args: &RuleArgs) -> Settings {
    Settings {
        rule_dirs: rule_args.rules.clone(),
        no_default_rules: rule_args.no_default_rules,
        ..Settings::default()
    }
}

/// The configuration for a run: the file named with `--config`, else the one discovered from the
/// working directory, else none.
///
/// # Errors
/// [`CliError::Config`] when the file cannot be read or is invalid.
pub fn load_config(rule_args: &RuleArgs) -> Result<Option<Config>, CliError> {
    let path = match &rule_args.config {
        Some(path) => Some(path.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|dir| config::discover(&dir)),
    };
    Ok(path.map(|p| Config::load(&p)).transpose()?)
}

/// The configuration and the rules it and the flags ask for, with its severity overrides
/// applied and its selectors checked.
///
/// # Errors
/// [`CliError`] for configuration and rule errors.
pub fn load_rules(rule_args: &RuleArgs) -> Result<(RuleSet, Option<Config>), CliError> {
    let config = load_config(rule_args)?;
    let rules = checker::load_rules(config.as_ref(), &settings(rule_args))?;
    Ok((rules, config))
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
