//! Errors from loading rules, each with the file, line and column it concerns.

use std::fmt;
use std::path::PathBuf;

/// Where a rule (or a problem in it) sits: file and 1-based line/column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The rule file, as shown to the user (`rules/nb/x.yaml`, or `<embedded>/nb/x.yaml`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Location {
    /// Where `field:` stands in `chunk` of `file`, or the chunk's first line when it is absent.
    pub(crate) fn of_key(file: &str, chunk: &super::chunk::Chunk, field: &str) -> Location {
        let (line, column) = chunk
            .field_location(field)
            .map_or((chunk.first_line, 1), |(line, column, _)| (line, column));
        Location {
            file: file.to_string(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Where it is.
    pub location: Location,
    /// The id of the rule it concerns, when known.
    pub rule: Option<String>,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
    /// The offending source line, for an excerpt with a caret.
    pub source_line: Option<String>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(line) = &self.source_line {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = line
                .chars()
                .take(self.location.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{number} | {line}\n{pad} | {caret_pad}^")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}

/// Why rules could not be loaded: every problem found, not just the first.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A rule directory or file could not be read.
    #[error("{path}: cannot read rules: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A rule directory holds no rule files.
    #[error("{path}: no rule files (*.yaml or *.yml) found")]
    NoRules {
        /// The directory.
        path: PathBuf,
    },
    /// One or more rules are invalid.
    #[error("{}", render_all(.0))]
    Invalid(Vec<RuleError>),
}

fn render_all(errors: &[RuleError]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&e.to_string());
    }
    if errors.len() > 1 {
        out.push_str(&format!("\n\n{} errors in rule files", errors.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_an_excerpt_with_a_caret() {
        let e = RuleError {
            location: Location {
                file: "r.yaml".into(),
                line: 3,
                column: 10,
            },
            rule: Some("nb.x.y".into()),
            message: "invalid regex".into(),
            source_line: Some("pattern: '(a'".into()),
        };
        let s = e.to_string();
        assert!(s.starts_with("r.yaml:3:10: rule `nb.x.y`: invalid regex"));
        assert!(s.ends_with("3 | pattern: '(a'\n  |          ^"), "{s}");
    }
}
