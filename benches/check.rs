//! Throughput of `check` on the bundled corpus: reading + checking (the whole job per ad), the
//! engine alone on already-read documents, the corpus as a JSON Lines export, and every `check`
//! output format. Reports bytes/s (divan `BytesCount`).
//!
//! Run: `cargo bench --bench check`. The comparison with ripgrep, 2 threads against 1 and the
//! memory of a 1 GB export are in `benches/compare.sh`.

// A benchmark has nobody to report to: a broken default pack should stop it loudly.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use terskel::batch;
use terskel::posting::{self, json, ReadOptions};
use terskel::report::{self, Checked};
use terskel::rules::{self, RuleOptions};

fn main() {
    divan::main();
}

fn corpus() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let expanded = batch::expand(&[root], || Ok(Vec::new()));
    expanded
        .inputs
        .into_iter()
        .filter_map(|i| i.path().map(PathBuf::from))
        .collect()
}

fn corpus_bytes(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len() as usize))
        .sum()
}

/// Read and check every corpus ad (one thread), as `terskel check --jobs 1` does.
#[divan::bench(sample_count = 20)]
fn read_and_check(bencher: divan::Bencher) {
    let rules = rules::load(&RuleOptions::default()).expect("default rules load");
    let files = corpus();
    let bytes = corpus_bytes(&files);
    let options = ReadOptions::default();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for path in &files {
                if let Ok(doc) = posting::read_path(path, &options) {
                    divan::black_box(terskel::engine::check(&rules, &doc));
                }
            }
        });
}

/// The engine alone: documents already read.
#[divan::bench(sample_count = 20)]
fn engine_only(bencher: divan::Bencher) {
    let rules = rules::load(&RuleOptions::default()).expect("default rules load");
    let files = corpus();
    let bytes = corpus_bytes(&files);
    let options = ReadOptions::default();
    let docs: Vec<_> = files
        .iter()
        .filter_map(|p| posting::read_path(p, &options).ok())
        .collect();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for doc in &docs {
                divan::black_box(terskel::engine::check(&rules, doc));
            }
        });
}

/// Loading and compiling the embedded default pack (start-up cost of every run).
#[divan::bench(sample_count = 20)]
fn load_default_rules() {
    divan::black_box(rules::load(&RuleOptions::default()).expect("default rules load"));
}

/// The corpus as a JSON Lines export (one ad per line, the text in `text`/`description`).
fn corpus_jsonl(files: &[PathBuf]) -> Vec<u8> {
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let field = if posting::format_for_path(path) == posting::Format::Html {
            "description"
        } else {
            "text"
        };
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().replace('-', " "));
        let ad = serde_json::json!({"title": title, field: text});
        out.extend_from_slice(ad.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

/// Read and check the corpus as one JSON Lines export (one thread): splitting lines, JSON
/// decoding with the source map, HTML extraction, checking.
#[divan::bench(sample_count = 20)]
fn jsonl_read_and_check(bencher: divan::Bencher) {
    let rules = rules::load(&RuleOptions::default()).expect("default rules load");
    let export = corpus_jsonl(&corpus());
    let options = ReadOptions::default();
    bencher
        .counter(divan::counter::BytesCount::new(export.len()))
        .bench(|| {
            for record in json::JsonLines::new("corpus.jsonl", export.as_slice()).flatten() {
                if let Ok(doc) = json::read_record(record, &options) {
                    divan::black_box(terskel::engine::check(&rules, &doc));
                }
            }
        });
}

/// Rendering the checked corpus in each `check` format.
#[divan::bench(args = ["markdown", "json", "text", "sarif", "github"], sample_count = 20)]
fn render(bencher: divan::Bencher, format: &str) {
    let rules = rules::load(&RuleOptions::default()).expect("default rules load");
    let options = ReadOptions::default();
    let checked: Vec<Checked> = corpus()
        .iter()
        .filter_map(|p| posting::read_path(p, &options).ok())
        .map(|doc| batch::check_document(&rules, doc))
        .collect();
    bencher.bench(|| {
        let mut reporter: Box<dyn report::Reporter> = match format {
            "markdown" => Box::new(report::markdown::MarkdownReporter::new(&rules)),
            "json" => Box::new(report::json::JsonReporter::new()),
            "text" => Box::new(report::text::TextReporter::new()),
            "sarif" => Box::new(report::sarif::SarifReporter::new(&rules)),
            _ => Box::new(report::github::GithubReporter::new()),
        };
        divan::black_box(report::render_all(reporter.as_mut(), &checked))
    });
}
