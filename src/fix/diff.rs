//! The unified diff between an ad and its revision (`terskel fix --diff`), by the `similar`
//! crate, line by line with three lines of context, as `diff -u` and `git diff` show it.

/// The unified diff from `original` to `revised`, with `a/NAME` and `b/NAME` headers; empty
/// when they are the same.
pub fn unified(name: &str, original: &str, revised: &str) -> String {
    if original == revised {
        return String::new();
    }
    similar::TextDiff::from_lines(original, revised)
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_shows_as_minus_and_plus() {
        let diff = unified(
            "x.md",
            "a\nPerfekt norsk.\nc\n",
            "a\nNorsk på B1-nivå.\nc\n",
        );
        assert!(diff.starts_with("--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n"));
        assert!(diff.contains("\n-Perfekt norsk.\n+Norsk på B1-nivå.\n"));
    }

    #[test]
    fn no_change_is_no_diff() {
        assert_eq!(unified("x.md", "a\n", "a\n"), "");
    }
}
