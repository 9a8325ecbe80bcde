//! Throughput of `check` on the bundled corpus: reading + checking (the whole job per ad) and
//! the engine alone on already-read documents. Reports bytes/s (divan `BytesCount`).
//!
//! Run: `cargo bench --bench check`.

// A benchmark has nobody to report to: a broken default pack should stop it loudly.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use terskel::batch::{self, Input};
use terskel::posting::{self, ReadOptions};
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
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            Input::Stdin(_) => None,
        })
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
