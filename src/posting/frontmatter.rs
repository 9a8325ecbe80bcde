//! YAML front matter at the top of Markdown and text files.
//!
//! Owns finding the front matter (a first line `---`, a closing line `---` or `...`, CRLF
//! allowed), parsing it into a metadata map, and reporting YAML errors at their line and column
//! *in the file*. It also knows where the `title:` value sits, so the title can carry a span when
//! the body has no `#` heading. It does not interpret the keys; the reader does.

use super::InputError;
use std::collections::BTreeMap;
use std::ops::Range;

/// Front matter found at the start of a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    /// The parsed map (empty when the block is empty).
    pub map: BTreeMap<String, serde_json::Value>,
    /// Byte offset where the body starts (after the closing line).
    pub body_start: usize,
    /// Byte range of the top-level `title:` value, without quotes, if there is one.
    pub title_span: Option<Range<usize>>,
}

/// Splits off and parses the front matter of `text`; `None` when the text has none.
///
/// # Errors
/// [`InputError::UnclosedFrontMatter`] when the opening `---` has no closing line,
/// [`InputError::FrontMatter`] when the block is not a YAML map,
/// [`InputError::UnknownLanguage`] when its `lang`/`language` names no language terskel knows.
pub(crate) fn parse(path: &str, text: &str) -> Result<Option<FrontMatter>, InputError> {
    let mut lines = lines_with_offsets(text);
    match lines.next() {
        Some((_, line)) if line.trim_end() == "---" => {}
        _ => return Ok(None),
    }
    let yaml_start = lines.clone().next().map_or(text.len(), |(start, _)| start);
    let mut close = None;
    for (start, line) in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            close = Some((start, start + line.len()));
            break;
        }
    }
    let Some((yaml_end, body_start)) = close else {
        return Err(InputError::UnclosedFrontMatter {
            path: path.to_string(),
            line: 1,
        });
    };
    let yaml = text.get(yaml_start..yaml_end).unwrap_or("");
    let map = parse_map(path, yaml)?;
    check_language(path, text, yaml_start, &map)?;
    Ok(Some(FrontMatter {
        map,
        body_start,
        title_span: title_span(yaml).map(|r| r.start + yaml_start..r.end + yaml_start),
    }))
}

/// Lines of `text` with their start offsets; each line keeps its line break.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

/// Parses the YAML between the fences; errors are placed in the file (the YAML starts on line 2).
/// A `lang:`/`language:` value must be a language terskel has rules for or one it knows it has
/// none for (which gets a notice); anything else is a mistake, reported at its line as in
/// `terskel.yaml`.
fn check_language(
    path: &str,
    text: &str,
    yaml_start: usize,
    map: &BTreeMap<String, serde_json::Value>,
) -> Result<(), InputError> {
    for key in ["lang", "language"] {
        let Some(value) = map.get(key) else {
            continue;
        };
        let shown = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let known = crate::taxonomy::Language::parse(&shown).is_some()
            || super::visible::unsupported_name(&shown).is_some()
            || shown.trim().eq_ignore_ascii_case("auto");
        if known {
            continue;
        }
        let before = text.get(..yaml_start).unwrap_or("");
        let offset = text
            .get(yaml_start..)
            .and_then(|yaml| {
                yaml.match_indices(&format!("{key}:"))
                    .find(|&(i, _)| i == 0 || yaml.get(i - 1..i) == Some("\n"))
            })
            .map_or(0, |(i, _)| i);
        let line = before.matches('\n').count()
            + text
                .get(yaml_start..yaml_start + offset)
                .map_or(0, |s| s.matches('\n').count())
            + 1;
        return Err(InputError::UnknownLanguage {
            path: path.to_string(),
            line,
            value: shown,
        });
    }
    Ok(())
}

fn parse_map(path: &str, yaml: &str) -> Result<BTreeMap<String, serde_json::Value>, InputError> {
    if yaml.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let value: serde_json::Value = serde_yaml_ng::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |at| (at.line(), at.column()));
        InputError::FrontMatter {
            path: path.to_string(),
            line: line + 1,
            column,
            message: without_position(&e.to_string()),
        }
    })?;
    match value {
        serde_json::Value::Object(map) => Ok(map.into_iter().collect()),
        serde_json::Value::Null => Ok(BTreeMap::new()),
        other => Err(InputError::FrontMatter {
            path: path.to_string(),
            line: 2,
            column: 1,
            message: format!(
                "expected a map of `key: value` lines, found {}",
                kind_of(&other)
            ),
        }),
    }
}

/// The parser's message without its own " at line L column C" parts, which count lines inside
/// the front matter and would contradict the file position we report. (The position itself comes
/// from the error's location, never from this text.)
fn without_position(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + " at line ".len()..).unwrap_or("");
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
        let after = after.strip_prefix(" column ").unwrap_or(after);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// A short name for the type of a YAML value.
fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Null | serde_json::Value::Object(_) => "something else",
    }
}

/// The range of the value of a top-level `title:` line in `yaml`, quotes removed.
fn title_span(yaml: &str) -> Option<Range<usize>> {
    for (start, line) in lines_with_offsets(yaml) {
        let Some(rest) = line.strip_prefix("title:") else {
            continue;
        };
        let value_start = start + "title:".len();
        let leading = rest.len() - rest.trim_start().len();
        let value = rest.trim();
        let mut from = value_start + leading;
        let mut to = from + value.len();
        let quoted = value.len() >= 2
            && ((value.starts_with('"') && value.ends_with('"'))
                || (value.starts_with('\'') && value.ends_with('\'')));
        if quoted {
            from += 1;
            to -= 1;
        }
        return (from < to).then_some(from..to);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_map_and_finds_the_body() {
        let text = "---\ntitle: \"Reinhaldar\"\nlang: nn\n---\n# Reinhaldar\n";
        let fm = parse("a.md", text).unwrap().unwrap();
        assert_eq!(fm.map["lang"], serde_json::json!("nn"));
        assert_eq!(text.get(fm.body_start..), Some("# Reinhaldar\n"));
        assert_eq!(text.get(fm.title_span.clone().unwrap()), Some("Reinhaldar"));
    }

    #[test]
    fn accepts_crlf_and_a_dot_fence() {
        let text = "---\r\nrole: entry-level\r\n...\r\nTekst\r\n";
        let fm = parse("a.md", text).unwrap().unwrap();
        assert_eq!(fm.map["role"], serde_json::json!("entry-level"));
        assert_eq!(text.get(fm.body_start..), Some("Tekst\r\n"));
    }

    #[test]
    fn no_front_matter_is_none() {
        assert_eq!(parse("a.md", "# Tittel\n---\n").unwrap(), None);
    }

    #[test]
    fn unclosed_front_matter_names_its_line() {
        match parse("a.md", "---\ntitle: x\n\n# Tittel\n") {
            Err(InputError::UnclosedFrontMatter { line, .. }) => assert_eq!(line, 1),
            other => panic!("expected UnclosedFrontMatter, got {other:?}"),
        }
    }

    #[test]
    fn bad_yaml_is_reported_at_its_file_line() {
        let text = "---\ntitle: ok\nlang: [nb\n---\nTekst\n";
        match parse("a.md", text) {
            Err(InputError::FrontMatter { line, message, .. }) => {
                assert!((3..=4).contains(&line), "line {line}");
                assert!(!message.contains(" at line "), "{message}");
            }
            other => panic!("expected FrontMatter, got {other:?}"),
        }
        let text = "---\ntitle: ok\nrole: a: b\n---\n";
        match parse("a.md", text) {
            Err(InputError::FrontMatter { line, column, .. }) => {
                assert_eq!(line, 3);
                assert!(column > 1);
            }
            other => panic!("expected FrontMatter, got {other:?}"),
        }
    }

    #[test]
    fn a_list_is_not_a_map() {
        assert!(matches!(
            parse("a.md", "---\n- a\n- b\n---\n"),
            Err(InputError::FrontMatter { line: 2, .. })
        ));
    }
}
