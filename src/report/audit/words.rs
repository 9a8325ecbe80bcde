//! The words of the audit report frame (headings, column names, category labels) in Bokmål,
//! Nynorsk and English. Owns only vocabulary; the renderers decide where the words go.

use crate::taxonomy::{Category, Language, Severity};

/// The frame words in one language.
pub(crate) struct Words {
    pub title: &'static str,
    pub made_by: &'static str,
    pub totals: &'static str,
    pub ads: &'static str,
    pub ads_with_findings: &'static str,
    pub ads_without_findings: &'static str,
    pub findings: &'static str,
    pub suppressions_count: &'static str,
    pub unread_count: &'static str,
    /// Totals row: ads skipped because they have no text.
    pub skipped_count: &'static str,
    pub per_category: &'static str,
    pub per_category_intro: &'static str,
    pub category: &'static str,
    pub share: &'static str,
    pub no_findings_at_all: &'static str,
    pub per_severity: &'static str,
    pub severity: &'static str,
    pub top_ads: &'static str,
    pub score_explained: &'static str,
    pub ad: &'static str,
    pub score: &'static str,
    pub by_employer: &'static str,
    pub employer: &'static str,
    pub department: &'static str,
    pub with_findings: &'static str,
    pub mean_score: &'static str,
    pub not_given: &'static str,
    pub no_employer_metadata: &'static str,
    pub suppressions: &'static str,
    pub suppressions_intro: &'static str,
    pub place: &'static str,
    pub rule_or_category: &'static str,
    pub reason: &'static str,
    pub no_reason: &'static str,
    pub none: &'static str,
    pub unread: &'static str,
    pub the_ads: &'static str,
    pub no_ads: &'static str,
    pub clean_ad: &'static str,
    pub whole_ad: &'static str,
    /// "and N more findings: run …"; `{n}` and `{path}` are filled in.
    pub more: &'static str,
    pub language: &'static str,
    pub contents: &'static str,
    decimal_separator: char,
    severity_words: [&'static str; 3],
    severity_plural: [&'static str; 3],
    categories: [&'static str; 15],
}

const NB: Words = Words {
    title: "Terskler i stillingsannonsene",
    made_by: "Laget av terskel",
    totals: "Totalt",
    ads: "Annonser",
    ads_with_findings: "Annonser med funn",
    ads_without_findings: "Annonser uten funn",
    findings: "Funn",
    suppressions_count: "Unntak",
    unread_count: "Filer som ikke kunne leses",
    skipped_count: "Annonser hoppet over (uten tekst)",
    per_category: "Annonser per kategori",
    per_category_intro: "Hvor mange annonser som har minst ett funn i hver kategori.",
    category: "Kategori",
    share: "Andel",
    no_findings_at_all: "Ingen funn.",
    per_severity: "Funn per alvorlighetsgrad",
    severity: "Alvorlighetsgrad",
    top_ads: "Annonsene med høyest terskel",
    score_explained: "Terskelpoeng = feil × 10 + advarsler × 3 + info × 1.",
    ad: "Annonse",
    score: "Poeng",
    by_employer: "Per arbeidsgiver og enhet",
    employer: "Arbeidsgiver",
    department: "Enhet",
    with_findings: "Med funn",
    mean_score: "Snittpoeng",
    not_given: "(ikke oppgitt)",
    no_employer_metadata: "Ingen annonser har `employer` eller `department` i metadata.",
    suppressions: "Unntak",
    suppressions_intro: "Funn som er slått av i annonsene, med hvor og hvorfor.",
    place: "Sted",
    rule_or_category: "Regel eller kategori",
    reason: "Begrunnelse",
    no_reason: "(ingen begrunnelse)",
    none: "Ingen.",
    unread: "Filer som ikke kunne leses",
    the_ads: "Annonsene",
    no_ads: "Fant ingen annonser.",
    clean_ad: "Ingen terskler funnet.",
    whole_ad: "hele annonsen",
    more: "… og {n} funn til: kjør `terskel check {path}`",
    language: "Språk",
    contents: "Innhold",
    decimal_separator: ',',
    severity_words: ["info", "advarsel", "feil"],
    severity_plural: ["info", "advarsler", "feil"],
    categories: [
        "Formelle krav",
        "Krav om års erfaring",
        "Språkkrav",
        "Diskriminering",
        "Kjønnskodede ord",
        "Førerkort",
        "Krevende egenskaper",
        "For mange krav",
        "Lesbarhet",
        "Mangler inkluderingserklæring",
        "Mangler alternativ vei inn",
        "Mangler tilrettelegging",
        "Mangler kontaktperson",
        "Tung søknadsprosess",
        "Mangler lønn",
    ],
};

const NN: Words = Words {
    title: "Tersklar i stillingsannonsane",
    made_by: "Laga av terskel",
    totals: "Totalt",
    ads: "Annonsar",
    ads_with_findings: "Annonsar med funn",
    ads_without_findings: "Annonsar utan funn",
    findings: "Funn",
    suppressions_count: "Unntak",
    unread_count: "Filer som ikkje kunne lesast",
    skipped_count: "Annonsar hoppa over (utan tekst)",
    per_category: "Annonsar per kategori",
    per_category_intro: "Kor mange annonsar som har minst eitt funn i kvar kategori.",
    category: "Kategori",
    share: "Del",
    no_findings_at_all: "Ingen funn.",
    per_severity: "Funn per alvorsgrad",
    severity: "Alvorsgrad",
    top_ads: "Annonsane med høgast terskel",
    score_explained: "Terskelpoeng = feil × 10 + åtvaringar × 3 + info × 1.",
    ad: "Annonse",
    score: "Poeng",
    by_employer: "Per arbeidsgjevar og eining",
    employer: "Arbeidsgjevar",
    department: "Eining",
    with_findings: "Med funn",
    mean_score: "Snittpoeng",
    not_given: "(ikkje oppgitt)",
    no_employer_metadata: "Ingen annonsar har `employer` eller `department` i metadata.",
    suppressions: "Unntak",
    suppressions_intro: "Funn som er slått av i annonsane, med kvar og kvifor.",
    place: "Stad",
    rule_or_category: "Regel eller kategori",
    reason: "Grunngjeving",
    no_reason: "(inga grunngjeving)",
    none: "Ingen.",
    unread: "Filer som ikkje kunne lesast",
    the_ads: "Annonsane",
    no_ads: "Fann ingen annonsar.",
    clean_ad: "Ingen tersklar funne.",
    whole_ad: "heile annonsen",
    more: "… og {n} funn til: køyr `terskel check {path}`",
    language: "Språk",
    contents: "Innhald",
    decimal_separator: ',',
    severity_words: ["info", "åtvaring", "feil"],
    severity_plural: ["info", "åtvaringar", "feil"],
    categories: [
        "Formelle krav",
        "Krav om års erfaring",
        "Språkkrav",
        "Diskriminering",
        "Kjønnskoda ord",
        "Førarkort",
        "Krevjande eigenskapar",
        "For mange krav",
        "Lesbarheit",
        "Manglar inkluderingsfråsegn",
        "Manglar alternativ veg inn",
        "Manglar tilrettelegging",
        "Manglar kontaktperson",
        "Tung søknadsprosess",
        "Manglar løn",
    ],
};

const EN: Words = Words {
    title: "Thresholds in the job ads",
    made_by: "Made by terskel",
    totals: "Totals",
    ads: "Ads",
    ads_with_findings: "Ads with findings",
    ads_without_findings: "Ads without findings",
    findings: "Findings",
    suppressions_count: "Suppressions",
    unread_count: "Files that could not be read",
    skipped_count: "Ads skipped (no text)",
    per_category: "Ads per category",
    per_category_intro: "How many ads have at least one finding in each category.",
    category: "Category",
    share: "Share",
    no_findings_at_all: "No findings.",
    per_severity: "Findings per severity",
    severity: "Severity",
    top_ads: "Ads with the highest thresholds",
    score_explained: "Threshold score = errors × 10 + warnings × 3 + info × 1.",
    ad: "Ad",
    score: "Score",
    by_employer: "By employer and department",
    employer: "Employer",
    department: "Department",
    with_findings: "With findings",
    mean_score: "Mean score",
    not_given: "(not given)",
    no_employer_metadata: "No ad has `employer` or `department` in its metadata.",
    suppressions: "Suppressions",
    suppressions_intro: "Findings switched off in the ads, with where and why.",
    place: "Where",
    rule_or_category: "Rule or category",
    reason: "Reason",
    no_reason: "(no reason given)",
    none: "None.",
    unread: "Files that could not be read",
    the_ads: "The ads",
    no_ads: "No ads found.",
    clean_ad: "No thresholds found.",
    whole_ad: "whole ad",
    more: "… and {n} more findings: run `terskel check {path}`",
    language: "Language",
    contents: "Contents",
    decimal_separator: '.',
    severity_words: ["info", "warning", "error"],
    severity_plural: ["info", "warnings", "errors"],
    categories: [
        "Formal competence",
        "Years of experience",
        "Language level",
        "Discrimination",
        "Gender-coded words",
        "Driving licence",
        "Demanding traits",
        "Too many requirements",
        "Readability",
        "No inclusion statement",
        "No alternative path",
        "No adaptation or training",
        "No contact person",
        "Application burden",
        "No salary information",
    ],
};

/// The frame words for `language`.
pub(crate) fn words(language: Language) -> &'static Words {
    match language {
        Language::Nb => &NB,
        Language::Nn => &NN,
        Language::En => &EN,
    }
}

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

impl Words {
    /// The word for one finding of severity `s`.
    pub fn severity_word(&self, s: Severity) -> &'static str {
        self.severity_words
            .get(severity_index(s))
            .copied()
            .unwrap_or("")
    }

    /// The word for `n` findings of severity `s` (singular for 1).
    pub fn severity_count_word(&self, s: Severity, n: usize) -> &'static str {
        let list = if n == 1 {
            &self.severity_words
        } else {
            &self.severity_plural
        };
        list.get(severity_index(s)).copied().unwrap_or("")
    }

    /// The heading word for severity `s` in tables (capitalised plural).
    pub fn severity_heading(&self, s: Severity) -> String {
        capitalise(self.severity_count_word(s, 2))
    }

    /// The label of category `c`.
    pub fn category(&self, c: Category) -> &'static str {
        let i = Category::ALL.iter().position(|k| *k == c).unwrap_or(0);
        self.categories.get(i).copied().unwrap_or("")
    }

    /// "N errors, M warnings" for the non-zero counts, most severe first.
    pub fn counts(&self, counts: &super::SeverityCounts) -> String {
        super::SEVERITIES
            .into_iter()
            .filter_map(|s| {
                let n = counts.get(s);
                (n > 0).then(|| format!("{n} {}", self.severity_count_word(s, n)))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `value` with one decimal and the language's decimal separator.
    pub fn decimal(&self, value: f64) -> String {
        format!("{value:.1}").replace('.', &self.decimal_separator.to_string())
    }

    /// The "… and N more" line for an ad.
    pub fn more(&self, n: usize, path: &str) -> String {
        self.more
            .replace("{n}", &n.to_string())
            .replace("{path}", path)
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_label_in_every_language() {
        for language in Language::ALL {
            let w = words(language);
            for c in Category::ALL {
                assert!(!w.category(c).is_empty(), "{language} {c}");
            }
        }
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(words(Language::Nb).decimal(21.0), "21,0");
        assert_eq!(words(Language::En).decimal(2.5), "2.5");
    }

    #[test]
    fn severity_headings_are_capitalised() {
        assert_eq!(
            words(Language::Nb).severity_heading(Severity::Warning),
            "Advarsler"
        );
        assert_eq!(
            words(Language::Nn).severity_heading(Severity::Warning),
            "Åtvaringar"
        );
    }
}
