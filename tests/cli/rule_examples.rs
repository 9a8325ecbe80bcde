//! Every rule of the default pack carries examples; every flagged example must give a finding of
//! its rule and no clean example may. All failures are listed before the test fails.

use terskel::rules::{self, RuleOptions};
use terskel::taxonomy::Category;

#[test]
fn every_default_rule_example_behaves() {
    let set = rules::load(&RuleOptions::default()).expect("the default pack loads");
    let (count, failures) = terskel::engine::selftest(&set, |_| true);
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed:\n{}",
        failures.len(),
        report.join("\n")
    );
    assert!(count > 0);
}

#[test]
fn default_rules_have_three_flagged_and_three_clean_examples() {
    let set = rules::load(&RuleOptions::default()).expect("the default pack loads");
    let thin: Vec<&str> = set
        .rules()
        .iter()
        .filter(|r| r.examples.flagged.len() < 3 || r.examples.clean.len() < 3)
        .map(|r| &*r.id)
        .collect();
    assert!(
        thin.is_empty(),
        "rules with fewer than 3 flagged or 3 clean examples: {thin:?}"
    );
}

#[test]
fn default_pack_has_every_kind_in_bokmal() {
    use terskel::rules::schema::RuleKind;
    let set = rules::load(&RuleOptions::default()).expect("the default pack loads");
    for kind in [
        RuleKind::Phrases,
        RuleKind::Pattern,
        RuleKind::Missing,
        RuleKind::Count,
        RuleKind::Readability,
    ] {
        assert!(
            set.rules()
                .iter()
                .any(|r| r.kind.tag() == kind && r.language_id() == "nb"),
            "no nb rule of kind {}",
            kind.id()
        );
    }
}

#[test]
fn every_category_has_rules_in_every_language() {
    let set = rules::load(&RuleOptions::default()).expect("the default pack loads");
    let mut missing = Vec::new();
    for lang in ["nb", "nn", "en"] {
        for category in Category::ALL {
            if !set
                .rules()
                .iter()
                .any(|r| r.category == category && r.language_id() == lang)
            {
                missing.push(format!("{lang}:{category}"));
            }
        }
    }
    assert!(missing.is_empty(), "categories without rules: {missing:?}");
}

#[test]
fn every_rule_names_a_source_in_why() {
    let set = rules::load(&RuleOptions::default()).expect("the default pack loads");
    let markers = [
        "§",
        "LDO",
        "lov",
        "law",
        "Act",
        "KS",
        "NAV",
        "Språkrådet",
        "Gaucher",
        "direktiv",
        "Directive",
        "inkluderingsdugnad",
        "Inclusion",
        "forskning",
        "research",
        "nemnda",
        "klarspråk",
    ];
    let vague: Vec<&str> = set
        .rules()
        .iter()
        .filter(|r| !markers.iter().any(|m| r.why.contains(m)))
        .map(|r| &*r.id)
        .collect();
    assert!(
        vague.is_empty(),
        "rules whose `why` names no source: {vague:?}"
    );
}

#[test]
fn every_matcher_of_the_default_pack_builds() {
    // The embedded pack's regexes are only syntax-checked at load and built when first needed;
    // this builds every one of every language.
    let set = rules::load(&RuleOptions::default()).expect("the default pack loads");
    let errors = terskel::engine::verify(&set);
    assert!(errors.is_empty(), "{errors:#?}");
}
