//! Rules as data: the YAML schema, loading (embedded default pack and user directories) with
//! precise errors, and validating each rule into a plain [`Rule`] with its kind as a [`Kind`].
//!
//! It does not compile or run rules (that is the engine, which also runs the rules' own
//! examples) and imports nothing from it.

mod chunk;
mod error;
mod load;
mod rule;
pub mod schema;

pub use error::{LoadError, Location, RuleError};
pub use load::{dir_sources, embedded_sources, parse_sources, RuleSource};
pub use rule::{Count, Kind, Limit, Missing, Pattern, Phrases, Readability, Rule, RuleSet, Unless};

use std::path::PathBuf;

/// Which rules to load.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    /// Leave out the embedded default pack (`--no-default-rules`).
    pub no_default_rules: bool,
    /// Extra rule directories or files (`--rules DIR`, config `rules:`), in order.
    pub dirs: Vec<PathBuf>,
}

/// Loads the rules of `dir` for testing them, together with the embedded pack (unless
/// `no_default_rules`) so that rules depending on other findings work. A rule in `dir` replaces
/// an embedded rule with the same id, so a checkout's own `rules/` can be tested against the
/// binary that embeds an older copy of it.
///
/// # Errors
/// [`LoadError`] with every problem found in `dir`.
pub fn load_for_test(dir: &std::path::Path, no_default_rules: bool) -> Result<RuleSet, LoadError> {
    let mut rules = parse_sources(&dir_sources(dir)?)?;
    if !no_default_rules {
        let ids: std::collections::HashSet<String> = rules.iter().map(|r| r.id.clone()).collect();
        let embedded = parse_sources(&embedded_sources())?;
        rules.extend(embedded.into_iter().filter(|r| !ids.contains(&r.id)));
    }
    Ok(RuleSet::new(rules))
}

/// Loads the active rules: the embedded pack (unless left out) plus every directory.
///
/// # Errors
/// [`LoadError`] with every problem found, each naming file, line, column and rule id.
pub fn load(options: &RuleOptions) -> Result<RuleSet, LoadError> {
    let mut sources = if options.no_default_rules {
        Vec::new()
    } else {
        embedded_sources()
    };
    for dir in &options.dirs {
        sources.extend(dir_sources(dir)?);
    }
    Ok(RuleSet::new(parse_sources(&sources)?))
}
