//! Choosing which findings to report: `--select` and `--ignore` by rule id, id prefix
//! (`nb.formal-competence`) or category id. Selection filters findings, not rules, so rules that
//! depend on other findings (`when: has_finding`) still see them. The built-in findings about
//! inline suppressions (`terskel.suppression.*`, see [`crate::suppress`]) are selected by the
//! same rules.

use crate::engine::Finding;
use crate::rules::RuleSet;
use crate::taxonomy::Category;

/// Which findings to keep.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

/// A selector that names no rule and no category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is neither a rule id, a rule id prefix nor a category; see `terskel rules list`")]
pub struct UnknownSelector(pub String);

/// True when `selector` (a category id, a rule id or a rule id prefix ending at a `.`) names a
/// finding of `rule` in `category`.
pub fn matches(selector: &str, rule: &str, category: Category) -> bool {
    selector == category.id()
        || selector == rule
        || rule
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('.'))
}

impl Selection {
    /// A selection from `--select` and `--ignore` values (comma-separated lists allowed),
    /// checked against the rules.
    ///
    /// # Errors
    /// [`UnknownSelector`] for a value that matches no rule and no category.
    pub fn new(
        select: &[String],
        ignore: &[String],
        rules: &RuleSet,
    ) -> Result<Selection, UnknownSelector> {
        let split = |values: &[String]| -> Vec<String> {
            values
                .iter()
                .flat_map(|v| v.split(','))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect()
        };
        let selection = Selection {
            select: split(select),
            ignore: split(ignore),
        };
        for selector in selection.select.iter().chain(&selection.ignore) {
            let known = Category::from_id(selector).is_some()
                || crate::suppress::is_builtin_selector(selector)
                || rules
                    .rules()
                    .iter()
                    .any(|r| matches(selector, &r.id, r.category));
            if !known {
                return Err(UnknownSelector(selector.clone()));
            }
        }
        Ok(selection)
    }

    /// True when a finding of `rule` in `category` is reported.
    pub fn keeps(&self, rule: &str, category: Category) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| matches(s, rule, category)))
            && !self.ignore.iter().any(|s| matches(s, rule, category))
    }

    /// Drops the findings this selection does not keep.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.keeps(&f.rule, f.category));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_match_ids_prefixes_and_categories() {
        assert!(matches(
            "driving-licence",
            "nb.driving-licence.required",
            Category::DrivingLicence
        ));
        assert!(matches(
            "nb.driving-licence",
            "nb.driving-licence.required",
            Category::DrivingLicence
        ));
        assert!(!matches(
            "nb.driving",
            "nb.driving-licence.required",
            Category::DrivingLicence
        ));
        let s = Selection {
            select: vec![],
            ignore: vec!["nb".into()],
        };
        assert!(!s.keeps("nb.x.y", Category::Readability));
        assert!(s.keeps("nn.x.y", Category::Readability));
    }
}
