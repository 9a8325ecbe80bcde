//! Command-line definitions (clap) and their conversion into plain options. No logic lives here
//! that a library user would need.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// terskel finds the thresholds in job ads: requirements and wording that keep out people who
/// could do the job (bachelor for an assistant post, "perfekt norsk", driving licence by habit,
/// no word on adaptation or alternative paths), and suggests better wording.
#[derive(Debug, Parser)]
#[command(
    name = "terskel",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  terskel check annonse.md                 suggestions for one ad (Markdown)\n  terskel check annonser/ --format json    every ad in a directory, as JSON\n  cat annonse.txt | terskel check -        an ad on standard input\n  terskel check ads/ --fail-on warning     exit 1 when a warning or error is found (CI)\n  terskel explain nb.driving-licence.required\n\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, rule or input errors."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check ads and print findings with suggestions.
    #[command(
        after_help = "PATH may be a file (.md, .txt, .html), a directory (searched recursively for those, honouring .gitignore) or - for standard input."
    )]
    Check(CheckArgs),
    /// List the active rules, or verify the examples of rule files.
    Rules(RulesArgs),
    /// Show why a rule exists, its source, suggestion and examples.
    Explain(ExplainArgs),
}

/// Options shared by the commands that load rules.
#[derive(Debug, Args, Clone)]
pub struct RuleArgs {
    /// Add the rules in DIR (a directory of *.yaml files, or one file); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Do not load the default rule pack embedded in terskel.
    #[arg(long)]
    pub no_default_rules: bool,
}

/// `terskel check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories or - (standard input). Directories are searched for .md, .txt, .html,
    /// .json (one ad, an array of ads or a page {"content": [...]}) and .jsonl/.ndjson (one ad
    /// per line) files.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Markdown)]
    pub format: CheckFormat,
    /// Write the report to FILE instead of standard output. The file is replaced only when the
    /// report is complete (written to a temporary file next to it, then renamed).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave files and directories matching GLOB out of directory walks (matched against the
    /// path below the directory and the name alone, e.g. `README.md`, `arkiv/**`); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// The language of the ads; `auto` takes front matter `lang`, else detects it from the text.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
    /// Report only these rules or categories (rule id, id prefix such as `nb.formal-competence`,
    /// or category such as `driving-licence`); repeatable or comma-separated.
    #[arg(long, value_name = "ID|CATEGORY")]
    pub select: Vec<String>,
    /// Do not report these rules or categories; repeatable or comma-separated.
    #[arg(long, value_name = "ID|CATEGORY")]
    pub ignore: Vec<String>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Rule loading.
    #[command(flatten)]
    pub rule_args: RuleArgs,
}

/// `terskel rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// list (default) or test.
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// Options of `list` when no action is given.
    #[command(flatten)]
    pub list: ListArgs,
}

/// Options of `terskel rules list`.
#[derive(Debug, Args, Clone)]
pub struct ListArgs {
    /// Rule loading.
    #[command(flatten)]
    pub rule_args: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// `terskel rules …`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// List the active rules with category, language, severity and kind.
    List(ListArgs),
    /// Verify that every `flagged` example of the rules in DIR gives a finding and no `clean` one
    /// does (the default pack is loaded too, unless --no-default-rules, so rules may depend on it).
    Test {
        /// A directory of rule files (or one file).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Do not load the default rule pack.
        #[arg(long)]
        no_default_rules: bool,
    },
}

/// `terskel explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `nb.driving-licence.required`.
    #[arg(value_name = "RULE-ID")]
    pub rule: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Markdown)]
    pub format: ExplainFormat,
    /// Rule loading.
    #[command(flatten)]
    pub rule_args: RuleArgs,
}

/// Formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Suggestions per ad, for people (terminal, pull-request comment).
    Markdown,
    /// The stable JSON report (version 1).
    Json,
    /// One line per finding: `path:line:col: severity [rule] message`.
    Text,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands, shown as annotations.
    Github,
}

/// Formats of `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Text,
    /// A JSON array.
    Json,
}

/// Formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Front matter, else detected from the text.
    Auto,
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
    /// English.
    En,
}

impl LangArg {
    /// The forced language, if any.
    pub fn language(self) -> Option<terskel::taxonomy::Language> {
        use terskel::taxonomy::Language;
        match self {
            LangArg::Auto => None,
            LangArg::Nb => Some(Language::Nb),
            LangArg::Nn => Some(Language::Nn),
            LangArg::En => Some(Language::En),
        }
    }
}

impl FailOn {
    /// The lowest severity that fails the run, or `None` for `never`.
    pub fn threshold(self) -> Option<terskel::taxonomy::Severity> {
        use terskel::taxonomy::Severity;
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

impl RuleArgs {
    /// The rule-loading options.
    pub fn options(&self) -> terskel::rules::RuleOptions {
        terskel::rules::RuleOptions {
            no_default_rules: self.no_default_rules,
            dirs: self.rules.clone(),
        }
    }
}
