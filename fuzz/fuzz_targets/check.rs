//! The whole `check` path on arbitrary bytes: read (format from the first byte), check with the
//! embedded rules (loaded once per process), apply suppressions, and render every report format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use terskel::batch::check_document;
use terskel::posting::{read_bytes, Format, ReadOptions};
use terskel::report::github::GithubReporter;
use terskel::report::json::JsonReporter;
use terskel::report::markdown::MarkdownReporter;
use terskel::report::sarif::SarifReporter;
use terskel::report::text::TextReporter;
use terskel::report::Reporter;
use terskel::rules::{load, RuleOptions, RuleSet};

static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(rules) = RULES
        .get_or_init(|| load(&RuleOptions::default()).ok())
        .as_ref()
    else {
        return;
    };
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (name, format) = match selector % 4 {
        0 => ("fuzz.md", Format::Markdown),
        1 => ("fuzz.txt", Format::Text),
        2 => ("fuzz.html", Format::Html),
        _ => ("fuzz.json", Format::Json),
    };
    let Ok(doc) = read_bytes(name, bytes, format, &ReadOptions::default()) else {
        return;
    };
    let checked = check_document(rules, doc);
    let doc = &checked.document;
    for finding in &checked.findings {
        if let Some(range) = &finding.range {
            assert!(doc.text.get(range.clone()).is_some(), "range outside the text");
        }
        if let Some(span) = finding.span {
            let source = &doc.source.text;
            assert!(span.start <= span.end, "span reversed");
            assert!(source.get(span.start..span.end).is_some(), "span outside the input");
        }
    }
    let mut reporters: Vec<Box<dyn Reporter>> = vec![
        Box::new(MarkdownReporter::new(rules)),
        Box::new(JsonReporter::new()),
        Box::new(TextReporter::new()),
        Box::new(SarifReporter::new(rules)),
        Box::new(GithubReporter::new()),
    ];
    for reporter in &mut reporters {
        let mut out = Vec::new();
        let _ = reporter.start(&mut out);
        let _ = reporter.document(&checked, &mut out);
        let _ = reporter.finish(&mut out);
    }
});
