//! Rule quality on the bundled corpus: runs the real binary over `corpus/`, compares the set of
//! finding categories per ad with `corpus/expected.yaml`, prints precision and recall per category
//! and overall at the level of (ad, category), and fails below the recorded floors.
//! See: issue 4, "A quality test".

use crate::{json, run, stderr};
use std::collections::{BTreeMap, BTreeSet};
use terskel::taxonomy::Category;

/// Floors for every category and overall. Never lower these to get green: fix the rules.
const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.90;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn corpus_precision_and_recall_hold_their_floors() {
    let expected_text =
        std::fs::read_to_string(crate::root().join("corpus/expected.yaml")).unwrap();
    let expected: BTreeMap<String, Vec<Category>> =
        serde_yaml_ng::from_str(&expected_text).unwrap();

    let out = run(&["check", "--format", "json", "--fail-on", "never", "corpus/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let mut found: BTreeMap<String, BTreeSet<Category>> = BTreeMap::new();
    for doc in report["documents"].as_array().unwrap() {
        let path = doc["path"]
            .as_str()
            .unwrap()
            .trim_start_matches("corpus/")
            .to_string();
        let cats = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| Category::from_id(f["category"].as_str().unwrap()))
            .collect();
        found.insert(path, cats);
    }
    let unlabelled: Vec<&String> = found
        .keys()
        .filter(|p| !expected.contains_key(*p))
        .collect();
    let unread: Vec<&String> = expected
        .keys()
        .filter(|p| !found.contains_key(*p))
        .collect();
    assert!(
        unlabelled.is_empty() && unread.is_empty(),
        "unlabelled: {unlabelled:?}; not read: {unread:?}"
    );

    let mut per: BTreeMap<Category, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for (path, gold) in &expected {
        let gold: BTreeSet<Category> = gold.iter().copied().collect();
        let got = &found[path];
        for c in Category::ALL {
            let counts = per.entry(c).or_default();
            match (gold.contains(&c), got.contains(&c)) {
                (true, true) => counts.tp += 1,
                (false, true) => {
                    counts.fp += 1;
                    misses.push(format!("  false {c}: {path}"));
                }
                (true, false) => {
                    counts.fn_ += 1;
                    misses.push(format!("  missed {c}: {path}"));
                }
                (false, false) => {}
            }
        }
    }
    let mut table = format!(
        "{:30} {:>4} {:>4} {:>4} {:>6} {:>6}\n",
        "category", "TP", "FP", "FN", "prec", "recall"
    );
    let mut all = Counts::default();
    let mut below = Vec::new();
    for (c, n) in &per {
        table += &format!(
            "{:30} {:4} {:4} {:4} {:6.2} {:6.2}\n",
            c.id(),
            n.tp,
            n.fp,
            n.fn_,
            n.precision(),
            n.recall()
        );
        all.tp += n.tp;
        all.fp += n.fp;
        all.fn_ += n.fn_;
        if n.precision() < MIN_PRECISION || n.recall() < MIN_RECALL {
            below.push(c.id());
        }
    }
    table += &format!(
        "{:30} {:4} {:4} {:4} {:6.2} {:6.2}\n",
        "ALL",
        all.tp,
        all.fp,
        all.fn_,
        all.precision(),
        all.recall()
    );
    println!("{table}");
    println!("{}", misses.join("\n"));
    assert!(
        below.is_empty() && all.precision() >= MIN_PRECISION && all.recall() >= MIN_RECALL,
        "below the floors ({MIN_PRECISION} precision, {MIN_RECALL} recall): {below:?}\n{table}\n{}",
        misses.join("\n")
    );
}
