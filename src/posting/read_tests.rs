//! End-to-end tests of [`super::read_bytes`]: formats, offsets, sections, language, role.

use super::*;
use crate::taxonomy::Language;

fn read(name: &str, text: &str, format: Format) -> Document {
    read_bytes(name, text.as_bytes(), format, &ReadOptions::default()).unwrap()
}

fn item_with<'d>(doc: &'d Document, needle: &str) -> &'d Item {
    doc.items()
        .find(|i| doc.slice(i.span.clone()).contains(needle))
        .unwrap_or_else(|| panic!("no item with {needle:?}:\n{}", outline(doc)))
}

#[test]
fn markdown_item_ranges_slice_the_original_file() {
    let text = "---\r\ntitle: \"Helsefagarbeidar – Øygarden\"\r\nlanguage: nn\r\n---\r\n\r\n\
                # Helsefagarbeidar – Øygarden\r\n\r\n## Kvalifikasjonar\r\n\r\n\
                - Fagbrev som helsefagarbeidar er ønskjeleg, gjerne med erfaring\r\n\
                - Førarkort klasse B\r\n\r\n**Vi tilbyr:** Løn etter tariff. Ærleg og god opplæring.\r\n";
    let doc = read("ad.md", text, Format::Markdown);
    assert_eq!(doc.text, text);
    assert_eq!(doc.offsets, OffsetMap::Identity);
    let item = item_with(&doc, "Førarkort");
    assert_eq!(&text[item.span.clone()], "Førarkort klasse B");
    assert_eq!(item.section, SectionKind::Requirements);
    let span = doc.span(item.span.clone());
    assert_eq!((span.line, span.column), (11, 3));
    let pref = item_with(&doc, "Fagbrev");
    assert_eq!(pref.section, SectionKind::Preferred);
    assert_eq!(
        &text[pref.span.clone()],
        "Fagbrev som helsefagarbeidar er ønskjeleg, gjerne med erfaring"
    );
    let offer = item_with(&doc, "Ærleg");
    assert_eq!(offer.section, SectionKind::Offer);
    assert_eq!(
        offer
            .sentences
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>(),
        vec!["Løn etter tariff.", "Ærleg og god opplæring."]
    );
    assert_eq!(doc.title.as_deref(), Some("Helsefagarbeidar – Øygarden"));
    assert_eq!(doc.language, Language::Nn);
    assert!(!doc.language_detected);
    assert_eq!(doc.role, RoleFamily::EntryLevel);
    let title = doc.blocks.first().unwrap();
    assert_eq!(title.section, SectionKind::Title);
    assert_eq!(
        &text[title.items[0].span.clone()],
        "Helsefagarbeidar – Øygarden"
    );
}

#[test]
fn every_item_and_sentence_range_is_valid_and_ordered() {
    let text = "# Kokk\n\nVi søker en kokk. Du må ha fagbrev.\n\nSpråk: Norsk\n";
    let doc = read("ad.md", text, Format::Markdown);
    let mut last = 0;
    for item in doc.items() {
        assert!(item.span.start >= last);
        assert!(text.get(item.span.clone()).is_some());
        let first = item.sentences.first().unwrap();
        let end = item.sentences.last().unwrap();
        assert_eq!((first.start, end.end), (item.span.start, item.span.end));
        last = item.span.end;
    }
    assert_eq!(item_with(&doc, "Du må").section, SectionKind::Requirements);
    assert_eq!(item_with(&doc, "Vi søker").section, SectionKind::Other);
    assert_eq!(item_with(&doc, "Språk").kind, ItemKind::Field);
}

#[test]
fn front_matter_title_is_the_title_item_without_a_heading() {
    let text = "---\ntitle: Vaktmester\nrole: leader\n---\nVi søker en vaktmester.\n";
    let doc = read("ad.md", text, Format::Markdown);
    let title = doc.items().next().unwrap();
    assert_eq!(title.kind, ItemKind::Title);
    assert_eq!(&text[title.span.clone()], "Vaktmester");
    assert_eq!(doc.role, RoleFamily::Leader);
}

#[test]
fn bold_lead_ins_colon_lines_and_fields_in_a_markdown_ad() {
    let text = "# Renholder\n\nVi søker deg som vil jobbe hos oss.\n\n\
                **Kvalifikasjoner:**\n\n- Erfaring fra renhold er en fordel\n- Du må kunne snakke norsk\n\n\
                Vi ønsker at du:\n\n- er blid\n\nPersonlige egenskaper\n\n- Punktlig\n\n\
                Utdanningsnivå: Ingen krav\n\nSøknadsfrist: 1. mai\n";
    let doc = read("ad.md", text, Format::Markdown);
    let headings: Vec<(Option<&str>, SectionKind)> = doc
        .blocks
        .iter()
        .map(|b| (b.heading.as_deref(), b.section))
        .collect();
    assert_eq!(
        headings,
        vec![
            (None, SectionKind::Title),
            (None, SectionKind::Other),
            (Some("Kvalifikasjoner"), SectionKind::Requirements),
            (Some("Vi ønsker at du"), SectionKind::Requirements),
            (Some("Personlige egenskaper"), SectionKind::Personal),
        ]
    );
    assert_eq!(
        item_with(&doc, "renhold er").section,
        SectionKind::Preferred
    );
    assert_eq!(
        item_with(&doc, "snakke norsk").section,
        SectionKind::Requirements
    );
    assert_eq!(
        item_with(&doc, "er blid").section,
        SectionKind::Requirements
    );
    let field = item_with(&doc, "Utdanningsnivå");
    assert_eq!(
        (field.kind, field.section),
        (ItemKind::Field, SectionKind::Other)
    );
    assert_eq!(item_with(&doc, "Søknadsfrist").kind, ItemKind::Field);
}

#[test]
fn english_ad_sections_and_language() {
    let text = "# Cleaner\n\n## Requirements\n\n- You must be able to work weekends\n\
                - Experience is an advantage\n\n## What we offer\n\n- A permanent position\n";
    let doc = read("ad.md", text, Format::Markdown);
    assert_eq!(doc.language, Language::En);
    assert!(doc.language_detected);
    assert_eq!(
        item_with(&doc, "weekends").section,
        SectionKind::Requirements
    );
    assert_eq!(item_with(&doc, "advantage").section, SectionKind::Preferred);
    assert_eq!(item_with(&doc, "permanent").section, SectionKind::Offer);
    assert_eq!(doc.role, RoleFamily::EntryLevel);
}

#[test]
fn plain_text_ads_keep_file_offsets() {
    let text = "Barnehageassistent\r\n\r\nKRAV\r\n- Gode norskkunnskaper\r\n\r\nVi tilbyr:\r\n• Fast stilling\r\n";
    let doc = read("ad.txt", text, Format::Text);
    assert_eq!(doc.title.as_deref(), Some("Barnehageassistent"));
    let item = item_with(&doc, "norskkunnskaper");
    assert_eq!(&text[item.span.clone()], "Gode norskkunnskaper");
    assert_eq!(item.section, SectionKind::Requirements);
    assert_eq!(item_with(&doc, "Fast").section, SectionKind::Offer);
    assert_eq!(doc.role, RoleFamily::EntryLevel);
}

#[test]
fn html_words_map_back_to_the_page() {
    let src = "<html><head><title>Sjukepleiar</title></head><body>\n\
               <h2>Kvalifikasjonar</h2>\n<ul><li>Norsk autorisasjon &amp; førarkort</li>\n\
               <li>Erfaring er ein fordel</li></ul>\n<p>Søknadsfrist: 1. mai</p></body></html>";
    let doc = read("ad.html", src, Format::Html);
    assert_eq!(doc.title.as_deref(), Some("Sjukepleiar"));
    let item = item_with(&doc, "førarkort");
    assert_eq!(
        doc.slice(item.span.clone()),
        "Norsk autorisasjon & førarkort"
    );
    let word = doc.text.find("førarkort").unwrap();
    let span = doc.span(word..word + "førarkort".len());
    assert_eq!(&src[span.start..span.end], "førarkort");
    assert_eq!(span.line, 3);
    assert_eq!(item.section, SectionKind::Requirements);
    assert_eq!(item_with(&doc, "fordel").section, SectionKind::Preferred);
    assert_eq!(item_with(&doc, "Søknadsfrist").kind, ItemKind::Field);
    assert_eq!(doc.role, RoleFamily::Specialist);
}

#[test]
fn input_errors() {
    let opts = ReadOptions::default();
    let err = read_bytes("a.md", b"---\ntitle: x\n", Format::Markdown, &opts).unwrap_err();
    assert!(
        matches!(err, InputError::UnclosedFrontMatter { line: 1, .. }),
        "{err}"
    );
    let err = read_bytes("a.md", b"Hei\n\xff\x01", Format::Markdown, &opts).unwrap_err();
    assert!(
        matches!(
            err,
            InputError::NotText {
                line: 2,
                column: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = read_bytes("a.json", b"{}", Format::Json, &opts).unwrap_err();
    assert!(matches!(err, InputError::UnknownShape { .. }), "{err}");
    let err = read_bytes("a.md", b"\n\n", Format::Markdown, &opts).unwrap_err();
    assert!(matches!(err, InputError::Empty { .. }), "{err}");
}

#[test]
fn forced_language_wins() {
    let opts = ReadOptions {
        language: Some(Language::Nn),
        ..ReadOptions::default()
    };
    let doc = read_bytes("a.md", b"Vi s\xc3\xb8ker en kokk.", Format::Markdown, &opts).unwrap();
    assert_eq!((doc.language, doc.language_detected), (Language::Nn, false));
}

#[test]
fn outline_shows_sections() {
    let doc = read(
        "a.md",
        "# Kokk\n\n## Krav\n\n- Fagbrev er ønskelig\n",
        Format::Markdown,
    );
    assert_eq!(
        outline(&doc),
        "## (no heading) → title\n  [title] title: Kokk\n## Krav → requirements\n  [preferred] list-item: Fagbrev er ønskelig\n"
    );
}

/// Tiny deterministic generator for the no-panic test (no extra dependency).
fn next(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    usize::try_from(*seed >> 33).unwrap_or(0)
}

#[test]
fn no_input_panics_and_every_range_is_valid() {
    const PIECES: &[&str] = &[
        "#",
        "## ",
        "*",
        "**",
        "_",
        "-",
        "- ",
        "1. ",
        ":",
        "\n",
        "\r\n",
        "\n\n",
        " ",
        ".",
        ". ",
        ";",
        "?",
        "<",
        ">",
        "&",
        "&amp;",
        "&#248;",
        "<p>",
        "</p>",
        "<li>",
        "</li>",
        "<br>",
        "<strong>",
        "</strong>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "---\n",
        "æ",
        "ø",
        "å",
        "Æ",
        "\u{a0}",
        "\t",
        "Krav",
        "Kvalifikasjoner",
        "ønskelig",
        "Språk: Norsk",
        "f.eks.",
        "kl. 14.00",
        "Vi tilbyr:",
        "REINHOLDER",
        "må",
        "\u{feff}",
        "`",
        "[lenke](x)",
        "| a | b |\n|---|---|\n",
        "> ",
        "    kode\n",
    ];
    let mut seed = 7;
    for _ in 0..800 {
        let len = next(&mut seed) % 40;
        let text: String = (0..len)
            .map(|_| PIECES[next(&mut seed) % PIECES.len()])
            .collect();
        for format in [Format::Markdown, Format::Text, Format::Html] {
            let Ok(doc) = read_bytes("fuzz", text.as_bytes(), format, &ReadOptions::default())
            else {
                continue;
            };
            for item in doc.items() {
                assert!(doc.text.get(item.span.clone()).is_some(), "{text:?}");
                assert!(!item.sentences.is_empty(), "{text:?}");
                for s in &item.sentences {
                    assert!(doc.text.get(s.clone()).is_some(), "{text:?}");
                    assert!(
                        s.start >= item.span.start && s.end <= item.span.end,
                        "{text:?}"
                    );
                }
                let span = doc.span(item.span.clone());
                assert!(span.end <= doc.source.text.len(), "{text:?}");
            }
            let _ = outline(&doc);
        }
    }
}
