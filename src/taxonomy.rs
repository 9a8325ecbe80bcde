//! The fixed vocabulary shared by rules, engine and reports: barrier categories, severities and
//! languages (domain.md, design.md §3). These ids are public interface; keep them exactly.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A barrier category from the taxonomy in domain.md. Serialised as its kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)] // each variant is documented by its id in domain.md
pub enum Category {
    FormalCompetence,
    ExperienceYears,
    LanguageLevel,
    Discrimination,
    GenderCoded,
    DrivingLicence,
    DemandingTraits,
    RequirementOverload,
    Readability,
    MissingInclusionStatement,
    MissingAlternativePath,
    MissingAdaptation,
    MissingContact,
    ApplicationBurden,
    MissingSalary,
}

impl Category {
    /// Every category, in taxonomy order.
    pub const ALL: [Category; 15] = [
        Category::FormalCompetence,
        Category::ExperienceYears,
        Category::LanguageLevel,
        Category::Discrimination,
        Category::GenderCoded,
        Category::DrivingLicence,
        Category::DemandingTraits,
        Category::RequirementOverload,
        Category::Readability,
        Category::MissingInclusionStatement,
        Category::MissingAlternativePath,
        Category::MissingAdaptation,
        Category::MissingContact,
        Category::ApplicationBurden,
        Category::MissingSalary,
    ];

    /// The stable id, e.g. `formal-competence`.
    pub fn id(self) -> &'static str {
        match self {
            Category::FormalCompetence => "formal-competence",
            Category::ExperienceYears => "experience-years",
            Category::LanguageLevel => "language-level",
            Category::Discrimination => "discrimination",
            Category::GenderCoded => "gender-coded",
            Category::DrivingLicence => "driving-licence",
            Category::DemandingTraits => "demanding-traits",
            Category::RequirementOverload => "requirement-overload",
            Category::Readability => "readability",
            Category::MissingInclusionStatement => "missing-inclusion-statement",
            Category::MissingAlternativePath => "missing-alternative-path",
            Category::MissingAdaptation => "missing-adaptation",
            Category::MissingContact => "missing-contact",
            Category::ApplicationBurden => "application-burden",
            Category::MissingSalary => "missing-salary",
        }
    }

    /// The category with this id, if any.
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The default severity of the category (domain.md, "Severities").
    pub fn default_severity(self) -> Severity {
        match self {
            Category::Discrimination => Severity::Error,
            Category::FormalCompetence
            | Category::ExperienceYears
            | Category::LanguageLevel
            | Category::DrivingLicence
            | Category::MissingInclusionStatement
            | Category::MissingAlternativePath => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a build unless `--fail-on info`.
    Info,
    /// Likely keeps people out; should be changed.
    Warning,
    /// Wording the law forbids or nearly so.
    Error,
}

impl Severity {
    /// The lowercase id used in output and flags.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The language of an ad: Norwegian Bokmål, Norwegian Nynorsk or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Norwegian Bokmål.
    Nb,
    /// Norwegian Nynorsk.
    Nn,
    /// English.
    En,
}

impl Language {
    /// Every language, in a stable order.
    pub const ALL: [Language; 3] = [Language::Nb, Language::Nn, Language::En];

    /// The id (`nb`, `nn`, `en`).
    pub fn id(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
            Language::En => "en",
        }
    }

    /// Parses an id or a common alias (`no`, `nob`, `nno`, `eng`, `bokmål`, `nynorsk`, `english`).
    pub fn parse(value: &str) -> Option<Language> {
        match value.trim().to_lowercase().as_str() {
            "nb" | "no" | "nob" | "bokmål" | "bokmal" | "nb-no" | "nb_no" | "norwegian" => {
                Some(Language::Nb)
            }
            "nn" | "nno" | "nynorsk" | "nn-no" | "nn_no" => Some(Language::Nn),
            "en" | "eng" | "english" | "en-gb" | "en-us" | "en_gb" | "en_us" => Some(Language::En),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_ids_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.id())
            );
        }
    }

    #[test]
    fn severities_are_ordered() {
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
    }
}
