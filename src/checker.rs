//! The library's one entry point for checking ads the way the `terskel` command does: a
//! [`Checker`] holds the rules (with the configuration's severity overrides), the selection
//! (`select`/`ignore`) and the reading options (`lang`, `roles`), and [`Checker::check`] turns a
//! document into a [`Checked`] with its inline suppressions and the selection applied.
//!
//! `check`, `audit`, `fix` and `serve` all go through it, so a library user gets exactly what the
//! command line and the writers' page report. (The page reads each ad with its own language, so
//! [`Checker::check_bytes_with`] takes the reading options per call.) It owns the precedence of settings over the
//! configuration file; it does not discover the file (that is [`crate::config::discover`]), read
//! inputs in parallel (that is [`crate::batch`]) or format anything.
//!
//! ```no_run
//! use terskel::checker::{Checker, Settings};
//! use terskel::posting::Format;
//!
//! let checker = Checker::configure(None, &Settings::default())?;
//! let text = "# Assistent\n\nDu må ha bachelor.";
//! let checked = checker.check_bytes("annonse.md", text.as_bytes(), Format::Markdown)?;
//! for finding in &checked.findings {
//!     println!("{} {}", finding.rule, finding.message);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::batch;
use crate::config::{self, Config, ConfigError};
use crate::posting::{self, Document, Format, InputError, ReadOptions};
use crate::report::Checked;
use crate::rules::{self, LoadError, RuleOptions, RuleSet};
use crate::select::{Selection, UnknownSelector};
use crate::taxonomy::Severity;
use std::path::PathBuf;

/// Settings given besides the configuration file (the command line's flags). Each one that is
/// set beats the file: `select` and `ignore` replace the file's lists (each on its own),
/// `rule_dirs` add to its `rules`, `no_default_rules` and the file's `no-default-rules: true`
/// each leave out the default pack, `lang` replaces its `lang`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// More rule directories or files, after the configuration's.
    pub rule_dirs: Vec<PathBuf>,
    /// Leave out the embedded default pack.
    pub no_default_rules: bool,
    /// Report only these (rule ids, id prefixes, categories); `None`: the file's `select`.
    pub select: Option<Vec<String>>,
    /// Never report these; `None`: the file's `ignore`.
    pub ignore: Option<Vec<String>>,
    /// The ads' language; `None`: the file's `lang`, else detected.
    pub lang: Option<config::Lang>,
}

/// Why a [`Checker`] could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum CheckerError {
    /// The rules could not be loaded.
    #[error("{0}")]
    Rules(#[from] LoadError),
    /// The configuration names an unknown rule or category.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// A `select`/`ignore` setting names no rule and no category.
    #[error("{0}")]
    Selector(#[from] UnknownSelector),
}

/// Rules, selection and reading options: everything needed to check an ad as `terskel check`
/// does.
#[derive(Debug)]
pub struct Checker {
    /// The active rules (with the configuration's severity overrides).
    pub rules: RuleSet,
    /// Which findings to report.
    pub selection: Selection,
    /// How to read ads.
    pub read: ReadOptions,
    /// The configuration file in use, if any.
    pub config: Option<Config>,
}

impl Checker {
    /// A checker with `rules` as they are: everything selected, no configuration.
    pub fn with_rules(rules: RuleSet) -> Checker {
        Checker {
            rules,
            selection: Selection::default(),
            read: ReadOptions::default(),
            config: None,
        }
    }

    /// Loads the rules that `config` and `settings` ask for, applies the configuration's
    /// severity overrides and checks every selector.
    ///
    /// # Errors
    /// [`CheckerError`] for rule errors, unknown rules or categories in the configuration and
    /// unknown selectors.
    pub fn configure(config: Option<Config>, settings: &Settings) -> Result<Checker, CheckerError> {
        let rules = load_rules(config.as_ref(), settings)?;
        let pick = |setting: &Option<Vec<String>>, file: Option<&Vec<String>>| -> Vec<String> {
            match setting {
                Some(values) if !values.is_empty() => values.clone(),
                _ => file.cloned().unwrap_or_default(),
            }
        };
        let selection = Selection::new(
            &pick(&settings.select, config.as_ref().map(|c| &c.select)),
            &pick(&settings.ignore, config.as_ref().map(|c| &c.ignore)),
            &rules,
        )?;
        let language = settings
            .lang
            .or_else(|| config.as_ref().and_then(|c| c.lang))
            .and_then(config::Lang::language);
        let vocabulary = rules.vocabulary();
        Ok(Checker {
            rules,
            selection,
            read: ReadOptions {
                max_size: None,
                language,
                roles: config.as_ref().map(|c| c.roles.clone()).unwrap_or_default(),
                vocabulary,
            },
            config,
        })
    }

    /// Checks one document: the rules, its inline suppressions, then the selection.
    pub fn check(&self, document: Document) -> Checked {
        let mut checked = batch::check_document(&self.rules, document);
        self.selection.apply(&mut checked.findings);
        checked
    }

    /// Reads `bytes` (named `name` in reports) as `format` with this checker's reading options
    /// and checks it.
    ///
    /// # Errors
    /// [`InputError`] when the bytes are not a readable ad (empty, not UTF-8, bad front matter).
    pub fn check_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        format: Format,
    ) -> Result<Checked, InputError> {
        self.check_bytes_with(&self.read, name, bytes, format)
    }

    /// As [`Checker::check_bytes`], but read with `read` instead of this checker's reading
    /// options (the writers' page and `fix` read each ad in the language asked for then).
    ///
    /// # Errors
    /// [`InputError`] when the bytes are not a readable ad (empty, not UTF-8, bad front matter).
    pub fn check_bytes_with(
        &self,
        read: &ReadOptions,
        name: &str,
        bytes: &[u8],
        format: Format,
    ) -> Result<Checked, InputError> {
        let document = posting::read_bytes(name, bytes, format, read)?;
        Ok(self.check(document))
    }

    /// The lowest severity that fails a run: `flag` when given, else the configuration's
    /// `fail-on`, else `error`; `None` for `never`.
    pub fn threshold(&self, flag: Option<config::FailOn>) -> Option<Severity> {
        flag.or_else(|| self.config.as_ref().and_then(|c| c.fail_on))
            .unwrap_or(config::FailOn::Error)
            .threshold()
    }
}

/// The rules `config` and `settings` ask for, with the configuration's severity overrides
/// applied and its selectors checked.
///
/// # Errors
/// [`CheckerError`] for rule errors and unknown rules or categories in the configuration.
pub fn load_rules(config: Option<&Config>, settings: &Settings) -> Result<RuleSet, CheckerError> {
    let mut dirs: Vec<PathBuf> = config.map(|c| c.rules.clone()).unwrap_or_default();
    for dir in &settings.rule_dirs {
        if !dirs.contains(dir) {
            dirs.push(dir.clone());
        }
    }
    let options = RuleOptions {
        no_default_rules: settings.no_default_rules || config.is_some_and(|c| c.no_default_rules),
        dirs,
    };
    let mut rules = rules::load(&options)?;
    if let Some(config) = config {
        config.check_selectors(&rules)?;
        config.apply_severity(&mut rules);
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AD: &[u8] = b"---\nlang: nb\n---\n# Assistent\n\n## Kvalifikasjoner\n\n- Du m\xc3\xa5 ha f\xc3\xb8rerkort klasse B.\n\n<!-- terskel-disable-next-line driving-licence: Jobben er kj\xc3\xb8ring. -->\n- F\xc3\xb8rerkort er et krav.\n";

    #[test]
    fn check_applies_suppressions_and_the_selection() {
        let all = Checker::configure(None, &Settings::default()).unwrap();
        let checked = all.check_bytes("a.md", AD, Format::Markdown).unwrap();
        assert!(checked
            .findings
            .iter()
            .any(|f| f.category.id() == "driving-licence"));
        assert_eq!(checked.suppressions.len(), 1);
        let driving = checked
            .findings
            .iter()
            .filter(|f| f.category.id() == "driving-licence")
            .count();

        let settings = Settings {
            select: Some(vec!["driving-licence".into()]),
            ..Settings::default()
        };
        let selected = Checker::configure(None, &settings).unwrap();
        let checked = selected.check_bytes("a.md", AD, Format::Markdown).unwrap();
        assert_eq!(checked.findings.len(), driving);
        assert!(checked
            .findings
            .iter()
            .all(|f| f.category.id() == "driving-licence"));
    }

    #[test]
    fn an_unknown_selector_is_an_error() {
        let settings = Settings {
            ignore: Some(vec!["driving-license".into()]),
            ..Settings::default()
        };
        assert!(matches!(
            Checker::configure(None, &settings),
            Err(CheckerError::Selector(_))
        ));
    }
}
