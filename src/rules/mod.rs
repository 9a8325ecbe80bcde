//! Rules as data: the YAML schema, loading (embedded default pack and user directories) with
//! precise errors, compiling into a [`RuleSet`], and verifying every rule's own examples.
//!
//! It does not run rules over ads; that is the engine.

mod compile;
mod error;
mod load;
pub mod schema;
mod selftest;

pub use compile::{Rule, RuleSet};
pub use error::{LoadError, Location, RuleError};
pub use load::{dir_sources, embedded_sources, parse_sources, LoadedRule, RuleSource};
pub use selftest::{selftest, ExampleFailure};

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
        let ids: std::collections::HashSet<String> =
            rules.iter().map(|r| r.spec.id.clone()).collect();
        let embedded = parse_sources(&embedded_sources())?;
        rules.extend(embedded.into_iter().filter(|r| !ids.contains(&r.spec.id)));
    }
    RuleSet::compile(rules)
}

/// Loads and compiles the active rules: the embedded pack (unless left out) plus every directory.
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
    RuleSet::compile(parse_sources(&sources)?)
}
