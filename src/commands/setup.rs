//! What every command that checks ads needs before it starts: the configuration file, the
//! compiled rules, the selection and the reading options, from the flags and the file.
//!
//! Precedence: a flag beats the configuration file, which beats the built-in default.
//! `--select` and `--ignore` replace the file's `select` and `ignore` (each on its own);
//! `--rules DIR` adds to the file's `rules`; `--no-default-rules` and `no-default-rules: true`
//! each leave out the default pack; `severity` and `roles` come only from the file.

use super::CliError;
use crate::cli::{FailOn, LangArg, RuleArgs};
use std::path::PathBuf;
use terskel::config::{self, Config};
use terskel::posting::ReadOptions;
use terskel::rules::{self, RuleOptions, RuleSet};
use terskel::select::Selection;
use terskel::taxonomy::Severity;

/// Rules, selection and reading options for a run.
pub struct Setup {
    /// The active rules (with the configuration's severity overrides).
    pub rules: RuleSet,
    /// Which findings to report.
    pub selection: Selection,
    /// How to read ads.
    pub read: ReadOptions,
    /// The configuration file in use, if any (its `include`/`exclude` globs: [`Config::globs`]).
    pub config: Option<Config>,
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
        let (rules, config) = load_rules(rule_args)?;
        let pick = |flag: &[String], file: Option<&Vec<String>>| -> Vec<String> {
            if flag.is_empty() {
                file.cloned().unwrap_or_default()
            } else {
                flag.to_vec()
            }
        };
        let selection = Selection::new(
            &pick(select, config.as_ref().map(|c| &c.select)),
            &pick(ignore, config.as_ref().map(|c| &c.ignore)),
            &rules,
        )?;
        let language = match lang.into() {
            Some(flag) => flag.language(),
            None => config
                .as_ref()
                .and_then(|c| c.lang)
                .and_then(config::Lang::language),
        };
        Ok(Setup {
            rules,
            selection,
            read: ReadOptions {
                max_size: None,
                language,
                roles: config.as_ref().map(|c| c.roles.clone()).unwrap_or_default(),
            },
            config,
        })
    }

    /// The lowest severity that fails the run: `--fail-on` when given, else the configuration's
    /// `fail-on`, else `error`; `None` for `never`.
    pub fn threshold(&self, flag: Option<FailOn>) -> Option<Severity> {
        flag.map(FailOn::setting)
            .or_else(|| self.config.as_ref().and_then(|c| c.fail_on))
            .unwrap_or(config::FailOn::Error)
            .threshold()
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
    let mut dirs: Vec<PathBuf> = config.as_ref().map(|c| c.rules.clone()).unwrap_or_default();
    for dir in &rule_args.rules {
        if !dirs.contains(dir) {
            dirs.push(dir.clone());
        }
    }
    let options = RuleOptions {
        no_default_rules: rule_args.no_default_rules
            || config.as_ref().is_some_and(|c| c.no_default_rules),
        dirs,
    };
    let mut rules = rules::load(&options)?;
    if let Some(config) = &config {
        config.check_selectors(&rules)?;
        config.apply_severity(&mut rules);
    }
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
