//! The YAML rule loader on arbitrary text: parsing and validating a user rule file, then
//! building every matcher of every language (what `check` builds lazily). Errors are fine;
//! panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terskel::engine::verify;
use terskel::rules::{embedded_sources, parse_sources, RuleSet, RuleSource};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let user = RuleSource::new("fuzz/rules.yaml", text);
    if let Ok(rules) = parse_sources(std::slice::from_ref(&user)) {
        let _ = verify(&RuleSet::new(rules));
    }
    // Once in a while parsed with the embedded pack, for duplicate ids across files (building
    // the whole pack per input would leave little time for anything else).
    if data.len() % 16 == 0 {
        let mut sources = embedded_sources();
        sources.push(user);
        let _ = parse_sources(&sources);
    }
});
