//! Rules as data: the YAML schema, loading (embedded default pack and user directories) with
//! precise errors, and validating each rule into a plain [`Rule`] with its kind as a [`Kind`];
//! the shared term sets, and the reader's word lists ([`VocabularyList`], built into the
//! [`crate::posting::Vocabulary`] the reader is given).
//!
//! It does not compile or run rules (that is the engine, which also runs the rules' own
//! examples) and imports nothing from it.

mod chunk;
mod error;
mod load;
mod rule;
pub mod schema;
mod terms;
mod vocabulary;

pub use error::{LoadError, Location, RuleError};
pub use load::{
    default_vocabulary, dir_sources, embedded_sources, parse_all, parse_pack, parse_sources,
    parse_with, Pack, RuleSource,
};
pub use rule::{Count, Kind, Limit, Missing, Pattern, Phrases, Readability, Rule, RuleSet, Unless};
pub use terms::{TermSet, TermSetSpec};
pub use vocabulary::{VocabularyList, VocabularyListSpec};

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
    let embedded_pack = embedded_sources();
    let mut pack = parse_all(&dir_sources(dir)?, &embedded_pack)?;
    if !no_default_rules {
        let ids: std::collections::HashSet<std::sync::Arc<str>> =
            pack.rules.iter().map(|r| r.id.clone()).collect();
        let embedded = parse_sources(&embedded_pack)?;
        pack.rules
            .extend(embedded.into_iter().filter(|r| !ids.contains(&r.id)));
    }
    Ok(RuleSet::from_pack(pack))
}

/// Loads the active rules: the embedded pack (unless left out) plus every directory. The
/// embedded term sets and the reader's word lists are always there (a directory may extend
/// them).
///
/// # Errors
/// [`LoadError`] with every problem found, each naming file, line, column and rule id.
pub fn load(options: &RuleOptions) -> Result<RuleSet, LoadError> {
    let (mut sources, also) = if options.no_default_rules {
        (Vec::new(), embedded_sources())
    } else {
        (embedded_sources(), Vec::new())
    };
    for dir in &options.dirs {
        sources.extend(dir_sources(dir)?);
    }
    Ok(RuleSet::from_pack(parse_all(&sources, &also)?))
}
