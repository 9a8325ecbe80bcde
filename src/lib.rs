//! terskel finds the *thresholds* in job advertisements: requirements and wording that keep out
//! people who could do the job (see `shared/domain.md` for the taxonomy).
//!
//! The data flows one way: bytes → [`posting::Document`] → [`engine::check`] →
//! [`engine::Finding`]s → a report. [`checker::Checker`] is the entry point that checks an ad
//! with the configuration and inline suppressions applied, as the command line does.

#![warn(missing_docs)]

pub mod batch;
pub mod checker;
pub mod config;
pub mod engine;
pub mod fix;
pub mod posting;
pub mod report;
pub mod rules;
pub mod select;
#[cfg(feature = "cli")]
pub mod serve;
pub mod span;
pub mod suppress;
pub mod taxonomy;
