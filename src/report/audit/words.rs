//! The words of the audit report frame (headings, column names, category labels) in Bokmål,
//! Nynorsk and English, and the counting words every report and the progress bar share ("1 ad",
//! "2 ads", durations and rates). Owns only vocabulary; the renderers decide where the words go.

use crate::taxonomy::{Category, Language, Severity};

/// The frame words in one language.
pub(crate) struct Words {
    pub title: &'static str,
    pub made_by: &'static str,
    /// Between the version and the date ("Laget av terskel 0.2.0 den 2026-12-01").
    pub on_date: &'static str,
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
    /// How the employer table is ordered.
    pub employers_ranked: &'static str,
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
    /// Counting words for the terminal report and the progress bar.
    pub(crate) counting: Counting,
    decimal_separator: char,
    severity_words: [&'static str; 3],
    severity_plural: [&'static str; 3],
    categories: [&'static str; 15],
}

const NB: Words = Words {
    title: "Terskler i stillingsannonsene",
    made_by: "Laget av terskel",
    on_date: "den",
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
    employers_ranked: "Sortert etter snittpoeng per annonse, høyest først.",
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
    counting: Counting {
        found: "Fant",
        no_findings: "Ingen funn",
        within: "i",
        ad: ["annonse", "annonser"],
        finding: ["funn", "funn"],
        rule: ["regel", "regler"],
        category: ["kategori", "kategorier"],
        skipped: "hoppet over",
        read: "Leste",
        took: "på",
        left: "igjen",
        per_second: "/s",
        thousands: '\u{a0}',
    },
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
    on_date: "den",
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
    employers_ranked: "Sortert etter snittpoeng per annonse, høgast først.",
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
    counting: Counting {
        found: "Fann",
        no_findings: "Ingen funn",
        within: "i",
        ad: ["annonse", "annonsar"],
        finding: ["funn", "funn"],
        rule: ["regel", "reglar"],
        category: ["kategori", "kategoriar"],
        skipped: "hoppa over",
        read: "Las",
        took: "på",
        left: "att",
        per_second: "/s",
        thousands: '\u{a0}',
    },
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
    on_date: "on",
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
    employers_ranked: "Ranked by the mean score per ad, highest first.",
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
    counting: Counting {
        found: "Found",
        no_findings: "No findings",
        within: "in",
        ad: ["ad", "ads"],
        finding: ["finding", "findings"],
        rule: ["rule", "rules"],
        category: ["category", "categories"],
        skipped: "skipped",
        read: "Read",
        took: "in",
        left: "left",
        per_second: "/s",
        thousands: ',',
    },
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

/// Words for counting things (the terminal report's closing line, the progress bar).
pub(crate) struct Counting {
    found: &'static str,
    no_findings: &'static str,
    within: &'static str,
    ad: [&'static str; 2],
    finding: [&'static str; 2],
    rule: [&'static str; 2],
    category: [&'static str; 2],
    skipped: &'static str,
    read: &'static str,
    took: &'static str,
    left: &'static str,
    per_second: &'static str,
    thousands: char,
}

/// Things the reports count, each with a singular and a plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// Ads.
    Ad,
    /// Findings.
    Finding,
    /// Rules.
    Rule,
    /// Categories.
    Category,
}

/// `n` with thousands grouped as `language` writes them (`12 345` in Norwegian, `12,345` in
/// English).
pub fn number(language: Language, n: usize) -> String {
    let digits = n.to_string();
    let separator = words(language).counting.thousands;
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// "1 ad", "2 ads", "1 annonse", "2 annonsar": `n` with the noun in the right number.
pub fn count(language: Language, n: usize, noun: Noun) -> String {
    let c = &words(language).counting;
    let forms = match noun {
        Noun::Ad => c.ad,
        Noun::Finding => c.finding,
        Noun::Rule => c.rule,
        Noun::Category => c.category,
    };
    let word = if n == 1 { forms[0] } else { forms[1] };
    format!("{} {word}", number(language, n))
}

/// The closing line of a report on a terminal: "Found 3 findings (1 error, 2 warnings) in 2
/// ads", "Fant 1 funn (1 advarsel) i 1 annonse", "No findings in 2 ads".
pub fn found(language: Language, summary: &crate::report::Summary) -> String {
    let w = words(language);
    let c = &w.counting;
    let ads = count(language, summary.documents, Noun::Ad);
    let skipped = if summary.skipped > 0 {
        format!(" ({} {})", number(language, summary.skipped), c.skipped)
    } else {
        String::new()
    };
    if summary.findings == 0 {
        return format!("{} {} {ads}{skipped}.", c.no_findings, c.within);
    }
    let parts: Vec<String> = super::SEVERITIES
        .into_iter()
        .filter_map(|s| {
            let n = summary.by_severity.get(&s).copied().unwrap_or(0);
            (n > 0).then(|| format!("{} {}", number(language, n), w.severity_count_word(s, n)))
        })
        .collect();
    format!(
        "{} {} ({}) {} {ads}{skipped}.",
        c.found,
        count(language, summary.findings, Noun::Finding),
        parts.join(", "),
        c.within
    )
}

/// A duration as people read it: `0,4 s`, `12 s`, `3 min 05 s`, `1 h 02 min`.
pub fn duration(language: Language, seconds: f64) -> String {
    let seconds = if seconds.is_finite() {
        seconds.max(0.0)
    } else {
        0.0
    };
    if seconds < 10.0 {
        return format!("{} s", words(language).decimal(seconds));
    }
    // Rounded to whole seconds: a count of seconds, never negative, fits easily.
    let whole = seconds.round() as u64;
    match whole {
        0..=59 => format!("{whole} s"),
        60..=3599 => format!("{} min {:02} s", whole / 60, whole % 60),
        _ => format!("{} h {:02} min", whole / 3600, (whole % 3600) / 60),
    }
}

/// A rate of ads per second: whole numbers, grouped (`1 042 annonser/s`).
pub fn rate(language: Language, per_second: f64) -> String {
    let c = &words(language).counting;
    let n = if per_second.is_finite() {
        per_second.max(0.0).round() as usize
    } else {
        0
    };
    format!("{} {}{}", number(language, n), c.ad[1], c.per_second)
}

/// The name of category `category` in `language` ("Førerkort", "Driving licence").
pub fn category_name(language: Language, category: Category) -> &'static str {
    words(language).category(category)
}

/// The progress bar's words.
#[derive(Debug, Clone, Copy)]
pub struct ProgressWords {
    /// The plural noun counted ("annonser", "ads").
    pub ads: &'static str,
    /// Before the time left ("3 s igjen": the word after).
    pub left: &'static str,
}

/// The progress bar's words in `language`.
pub fn progress_words(language: Language) -> ProgressWords {
    let c = &words(language).counting;
    ProgressWords {
        ads: c.ad[1],
        left: c.left,
    }
}

/// The line a finished progress bar leaves: "Leste 1 042 annonser på 4,1 s (254 annonser/s)".
pub fn progress_done(language: Language, ads: usize, seconds: f64) -> String {
    let c = &words(language).counting;
    let per_second = if seconds > 0.0 {
        ads as f64 / seconds
    } else {
        0.0
    };
    format!(
        "{} {} {} {} ({})",
        c.read,
        count(language, ads, Noun::Ad),
        c.took,
        duration(language, seconds),
        rate(language, per_second)
    )
}

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
    fn counts_take_singular_and_plural() {
        use crate::report::Summary;
        assert_eq!(count(Language::En, 1, Noun::Rule), "1 rule");
        assert_eq!(count(Language::En, 2, Noun::Rule), "2 rules");
        assert_eq!(count(Language::Nn, 2, Noun::Ad), "2 annonsar");
        assert_eq!(count(Language::Nb, 12345, Noun::Ad), "12\u{a0}345 annonser");
        let mut summary = Summary {
            documents: 2,
            findings: 3,
            ..Summary::default()
        };
        summary.by_severity.insert(Severity::Error, 1);
        summary.by_severity.insert(Severity::Warning, 2);
        assert_eq!(
            found(Language::En, &summary),
            "Found 3 findings (1 error, 2 warnings) in 2 ads."
        );
        assert_eq!(
            found(Language::Nb, &summary),
            "Fant 3 funn (1 feil, 2 advarsler) i 2 annonser."
        );
        let one = Summary {
            documents: 1,
            findings: 1,
            by_severity: [(Severity::Warning, 1)].into(),
            ..Summary::default()
        };
        assert_eq!(
            found(Language::Nb, &one),
            "Fant 1 funn (1 advarsel) i 1 annonse."
        );
        assert_eq!(
            found(
                Language::En,
                &Summary {
                    documents: 1,
                    ..Summary::default()
                }
            ),
            "No findings in 1 ad."
        );
    }

    #[test]
    fn durations_and_rates_are_rounded_for_people() {
        assert_eq!(duration(Language::Nb, 4.13), "4,1 s");
        assert_eq!(duration(Language::En, 42.4), "42 s");
        assert_eq!(duration(Language::En, 185.0), "3 min 05 s");
        assert_eq!(duration(Language::En, 3725.0), "1 h 02 min");
        assert_eq!(rate(Language::En, 1042.3592), "1,042 ads/s");
        assert_eq!(
            progress_done(Language::Nb, 1000, 4.0),
            "Leste 1\u{a0}000 annonser på 4,0 s (250 annonser/s)"
        );
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
