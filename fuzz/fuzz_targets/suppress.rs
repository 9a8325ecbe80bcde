//! The inline suppression parser on arbitrary text, then applying the directives to the findings
//! of the document (rules loaded once per process).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use terskel::batch::check_document;
use terskel::posting::{read_bytes, Format, ReadOptions};
use terskel::rules::{load, RuleOptions, RuleSet};
use terskel::suppress;

static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = suppress::parse(text);
    let Some(rules) = RULES
        .get_or_init(|| load(&RuleOptions::default()).ok())
        .as_ref()
    else {
        return;
    };
    if let Ok(doc) = read_bytes("fuzz.md", data, Format::Markdown, &ReadOptions::default()) {
        let _ = check_document(rules, doc);
    }
});
