//! Unit tests of `fix` on small ads.

use super::*;
use crate::posting::{read_bytes, Format, ReadOptions};
use crate::rules::{self, RuleOptions};

fn rules() -> RuleSet {
    rules::load(&RuleOptions::default()).unwrap()
}

fn fix_text(text: &str, format: Format) -> Fixed {
    let read = ReadOptions::default();
    let doc = read_bytes("annonse.md", text.as_bytes(), format, &read).unwrap();
    fix(&Checker::with_rules(rules()), &read, doc).unwrap()
}

const AD: &str = "---\ntitle: Assistent\nlang: nb\n---\n# Assistent i barnehage\n\nVi er et ungt og dynamisk miljø.\n\n## Kvalifikasjoner\n\n- Fagbrev som barne- og ungdomsarbeider er et krav.\n- Perfekt norsk.\n\n## Vi tilbyr\n\n- Et godt arbeidsmiljø.\n\n## Søknad\n\nSøknadsfrist 1. mars.\n<!-- terskel-disable-next-line driving-licence: vi kjører barna -->\nFørerkort klasse B.\n";

#[test]
fn unambiguous_wordings_are_replaced_keeping_capitals() {
    let fixed = fix_text(AD, Format::Markdown);
    assert!(
        fixed.revised.contains("- Norsk på B1-nivå.\n"),
        "{}",
        fixed.revised
    );
    assert!(fixed
        .revised
        .contains("Vi er et engasjert og dynamisk miljø."));
    let replaced: Vec<&str> = fixed
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Replace)
        .map(|c| c.original.as_str())
        .collect();
    assert_eq!(replaced, ["ungt og dynamisk", "Perfekt norsk"]);
}

#[test]
fn front_matter_suppressions_and_other_lines_are_kept() {
    let fixed = fix_text(AD, Format::Markdown);
    assert!(fixed
        .revised
        .starts_with("---\ntitle: Assistent\nlang: nb\n---\n# Assistent i barnehage\n"));
    assert!(fixed.revised.contains(
        "<!-- terskel-disable-next-line driving-licence: vi kjører barna -->\nFørerkort klasse B.\n"
    ));
    assert!(fixed
        .revised
        .contains("- Fagbrev som barne- og ungdomsarbeider er et krav.\n"));
    // Removing every change's written text and putting the original words back gives the ad.
    let mut back = fixed.revised.clone();
    for c in fixed.changes.iter().rev() {
        back.replace_range(c.revised.clone(), &c.original);
    }
    assert_eq!(back, AD);
}

#[test]
fn missing_paragraphs_go_into_their_sections() {
    let fixed = fix_text(AD, Format::Markdown);
    let section = |rule: &str| {
        fixed
            .changes
            .iter()
            .find(|c| c.rule == rule)
            .unwrap_or_else(|| panic!("no change for {rule}: {:#?}", fixed.changes))
            .section
    };
    assert_eq!(
        section("nb.missing-alternative-path.no-route-in"),
        Some(SectionKind::Requirements)
    );
    assert_eq!(
        section("nb.missing-salary.no-pay"),
        Some(SectionKind::Offer)
    );
    assert_eq!(
        section("nb.missing-contact.no-contact"),
        Some(SectionKind::Application)
    );
    let requirements = fixed.revised.find("## Vi tilbyr").unwrap();
    let route = fixed.revised.find("Vi vurderer realkompetanse").unwrap();
    assert!(route < requirements, "{}", fixed.revised);
    // The revision has nothing missing any more.
    let options = ReadOptions::default();
    let again = read_bytes("r.md", fixed.revised.as_bytes(), Format::Markdown, &options).unwrap();
    let again = Checker::with_rules(rules()).check(again);
    let missing: Vec<&str> = again
        .findings
        .iter()
        .filter(|f| f.category.id().starts_with("missing-"))
        .map(|f| &*f.rule)
        .collect();
    assert!(missing.is_empty(), "{missing:?}\n{}", fixed.revised);
}

#[test]
fn wordings_without_a_replacement_are_left_and_reported() {
    let ad = "# Assistent\n\n## Kvalifikasjoner\n\n- Du må beherske norsk muntlig og skriftlig.\n- Du må ha god helse.\n";
    let fixed = fix_text(ad, Format::Markdown);
    let left: Vec<(&str, LeftReason)> = fixed
        .left
        .iter()
        .filter(|l| !l.finding.is_document_level())
        .map(|l| (&*l.finding.rule, l.reason))
        .collect();
    assert!(
        left.contains(&("nb.language-level.vague-norwegian", LeftReason::Ambiguous)),
        "{left:?}"
    );
    assert!(
        left.contains(&("nb.discrimination.health", LeftReason::NoReplacement)),
        "{left:?}"
    );
    assert!(fixed
        .revised
        .contains("- Du må beherske norsk muntlig og skriftlig.\n"));
}

#[test]
fn html_gets_paragraphs_after_elements_and_keeps_markup() {
    let html = "<html><body><h1>Renholder</h1><h2>Kvalifikasjoner</h2><ul><li>Perfekt norsk</li><li>Fagbrev er et krav</li></ul><h2>Søknad</h2><p>Søk innen fredag.</p></body></html>";
    let fixed = fix_text(html, Format::Html);
    assert!(
        fixed.revised.contains("<li>Norsk på B1-nivå</li>"),
        "{}",
        fixed.revised
    );
    assert!(
        fixed.revised.contains("<p>Søk innen fredag.</p>\n<p>"),
        "{}",
        fixed.revised
    );
    assert!(fixed.revised.ends_with("</body></html>"));
}

#[test]
fn json_exports_are_refused() {
    let read = ReadOptions::default();
    let json = br#"{"title": "x", "text": "Perfekt norsk."}"#;
    let doc = read_bytes("a.json", json, Format::Json, &read).unwrap();
    assert!(matches!(
        fix(&Checker::with_rules(rules()), &read, doc),
        Err(FixError::Unsupported { .. })
    ));
}

#[test]
fn match_case_capitalises_only_when_the_original_does() {
    assert_eq!(
        match_case("Perfekt norsk", "norsk på B1-nivå"),
        "Norsk på B1-nivå"
    );
    assert_eq!(
        match_case("perfekt norsk", "norsk på B1-nivå"),
        "norsk på B1-nivå"
    );
    assert_eq!(
        match_case("fluent norwegian", "Norwegian at B1 level"),
        "Norwegian at B1 level"
    );
}

#[test]
fn every_replacement_made_in_a_rule_example_answers_the_finding() {
    use crate::rules::schema::Example;
    let checker = Checker::with_rules(rules());
    let mut replaced = 0;
    let mut failures = Vec::new();
    for rule in checker
        .rules
        .rules()
        .iter()
        .filter(|r| r.replacement.is_some())
    {
        if rule.kind.tag() == RuleKind::Missing {
            continue;
        }
        let read = ReadOptions {
            language: rule.language,
            ..ReadOptions::default()
        };
        for example in &rule.examples.flagged {
            let Example::Text(text) = example else {
                continue;
            };
            let doc = read_bytes("e.md", text.as_bytes(), Format::Markdown, &read).unwrap();
            let fixed = fix(&checker, &read, doc).unwrap();
            let ours = |c: &Checked| c.findings.iter().filter(|f| f.rule == rule.id).count();
            let made = fixed
                .changes
                .iter()
                .filter(|c| *c.rule == *rule.id && c.kind == ChangeKind::Replace)
                .count();
            if made == 0 {
                continue;
            }
            replaced += made;
            let again = checker
                .check_bytes_with(&read, "r.md", fixed.revised.as_bytes(), Format::Markdown)
                .unwrap();
            if ours(&again) + made > ours(&fixed.checked) {
                failures.push(format!("{}: «{text}» → «{}»", rule.id, fixed.revised));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        replaced >= 10,
        "only {replaced} replacements in the examples"
    );
}

#[test]
fn offsets_in_a_revision_map_back_to_the_original() {
    let change = |start: usize, end: usize, written: &str, revised: Range<usize>| Change {
        kind: ChangeKind::Replace,
        rule: "r".into(),
        category: Category::LanguageLevel,
        section: None,
        start,
        end,
        original: String::new(),
        text: written.into(),
        written: written.into(),
        revised,
    };
    // "abc XY def" → "abc LONGER def": XY (4..6) became LONGER (4..10).
    let changes = [change(4, 6, "LONGER", 4..10)];
    assert_eq!(to_original(2, &changes), 2);
    assert_eq!(to_original(11, &changes), 7);
    // Inside the written text: after the change in the original.
    assert_eq!(to_original(6, &changes), 6);
}

#[test]
fn applying_keeps_order_and_drops_what_overlaps() {
    let original = "Perfekt norsk og ungt miljø.";
    let mut plan = Plan::default();
    let mut add = |start: usize, end: usize, text: &str| {
        plan.changes.push(Change {
            kind: ChangeKind::Replace,
            rule: "r".into(),
            category: Category::LanguageLevel,
            section: None,
            start,
            end,
            original: original[start..end].into(),
            text: text.into(),
            written: text.into(),
            revised: 0..0,
        })
    };
    add(17, 28, "engasjert miljø");
    add(0, 13, "Norsk på B1-nivå");
    add(5, 15, "X");
    let revised = apply(original, &mut plan.changes);
    assert_eq!(revised, "Norsk på B1-nivå og engasjert miljø.");
    assert_eq!(plan.changes.len(), 2);
    assert_eq!(&revised[plan.changes[1].revised.clone()], "engasjert miljø");
}
