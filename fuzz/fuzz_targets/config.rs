//! The configuration loader (`terskel.yaml`) on arbitrary text, and checking its selectors
//! against the embedded rules (loaded once per process).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use terskel::config::Config;
use terskel::rules::{load, RuleOptions, RuleSet};

static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = Config::parse(Path::new("/fuzz/terskel.yaml"), text) else {
        return;
    };
    let _ = config.globs();
    if let Some(rules) = RULES
        .get_or_init(|| load(&RuleOptions::default()).ok())
        .as_ref()
    {
        let _ = config.check_selectors(rules);
        let mut rules = rules.clone();
        config.apply_severity(&mut rules);
    }
});
