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
    after_help = "Examples:\n  terskel check annonse.md                 suggestions for one ad (Markdown)\n  terskel check annonser/ --format json    every ad in a directory, as JSON\n  cat annonse.txt | terskel check -        an ad on standard input\n  terskel check ads/ --fail-on warning     exit 1 when a warning or error is found (CI)\n  terskel audit annonser/ --format html -o audit.html   one report over many ads\n  terskel explain nb.driving-licence.required\n\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, rule or input errors."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Colours on standard output and standard error: `auto` when it is a terminal, unless
    /// NO_COLOR is set (CLICOLOR_FORCE forces them).
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set; always when CLICOLOR_FORCE is.
    Auto,
    /// Always, also into files and pipes.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check ads and print findings with suggestions.
    #[command(
        after_help = "PATH may be a file (.md, .txt, .html, .json, .jsonl), a directory (searched recursively for those, honouring .gitignore, .terskelignore, --exclude and the configuration's include/exclude) or - for standard input.\n\nExamples:\n  terskel check annonse.md                          findings for one ad\n  terskel check annonser/ --statistics              how often each rule fired\n  terskel check annonser/ --format text             path:line:col: severity [rule] message\n  terskel check annonser/ --format sarif -o t.sarif for code scanning\n  terskel check eksport.jsonl --format json         an export, one ad per line"
    )]
    Check(CheckArgs),
    /// One report over many ads: totals, ads per category, the highest thresholds, per employer
    /// and department, suppressions with their reasons, and a short section per ad.
    #[command(
        after_help = "PATH may be a file (.md, .txt, .html, .json, .jsonl), a directory (searched recursively for those, honouring .gitignore, .terskelignore, --exclude and the configuration's include/exclude) or - for standard input.\n\nExamples:\n  terskel audit annonser/                              Markdown to standard output\n  terskel audit annonser/ --format html -o audit.html  one self-contained page\n  terskel audit annonser/ --format json                for further processing"
    )]
    Audit(AuditArgs),
    /// A suggested revision of one ad: unambiguous better wordings replaced, missing paragraphs
    /// (inclusion, alternative paths, adaptation, contact, salary) inserted in the ad's sections.
    #[command(
        after_help = "The revision goes to standard output; --diff shows it as a unified diff, --write replaces the file (atomically, through symlinks). What could not be fixed unambiguously is listed on standard error.\n\nExamples:\n  terskel fix annonse.md --diff       what would change\n  terskel fix annonse.md --write      apply it\n  cat annonse.md | terskel fix -      revise standard input"
    )]
    Fix(FixArgs),
    /// The writers' page: a local web page that checks an ad as you type and suggests fixes.
    #[command(
        after_help = "The page and its JSON API (POST /api/check, POST /api/fix, GET /api/rules) are served by terskel itself, with no request to anything outside; it binds to 127.0.0.1 unless --addr says otherwise."
    )]
    Serve(ServeArgs),
    /// List the active rules, or verify the examples of rule files.
    Rules(RulesArgs),
    /// Show why a rule exists, its source, suggestion and examples; or the rules of a category.
    Explain(ExplainArgs),
    /// List the categories of thresholds, with their names and how many rules each has
    /// (the same as `rules list --categories`).
    Categories(ListArgs),
    /// Print a shell completion script, e.g. `terskel completions bash > ~/.local/share/bash-completion/completions/terskel`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a starter terskel.yaml in the working directory (or FILE); never overwrites one.
    Init {
        /// Where to write it.
        #[arg(value_name = "FILE", default_value = "terskel.yaml")]
        path: PathBuf,
    },
}

/// Options shared by the commands that load rules.
#[derive(Debug, Args, Clone)]
pub struct RuleArgs {
    /// Read the configuration from FILE instead of the terskel.yaml or .terskel.yaml found in the
    /// working directory or its parents (up to a repository root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
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
    /// Output format [default: full on a terminal, else markdown].
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Print the findings and nothing else: no closing count, no progress bar, no warnings about
    /// skipped files (errors are still shown).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print how often each rule was found instead of the findings (as `ruff --statistics`);
    /// with `--format json` a JSON array.
    #[arg(long)]
    pub statistics: bool,
    /// Also write FORMAT to FILE in the same run (repeatable): a check format (markdown, json,
    /// text, sarif, github) or an audit (audit-markdown, audit-html, audit-json, audit-summary). Each file is
    /// written completely or not at all, like --output. E.g. `--report sarif=terskel.sarif`.
    #[arg(long = "report", value_name = "FORMAT=FILE")]
    pub reports: Vec<String>,
    /// Inputs, selection and rules.
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// `terskel audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Markdown)]
    pub format: AuditFormat,
    /// Inputs, selection and rules.
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// Options shared by the commands that read many ads (`check`, `audit`).
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Files, directories or - (standard input). Directories are searched for .md, .txt, .html,
    /// .json (one ad, an array of ads or a page {"content": [...]}) and .jsonl/.ndjson (one ad
    /// per line) files.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the report to FILE instead of standard output. The file is replaced only when the
    /// report is complete (written to a temporary file next to it, then renamed).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave files and directories matching GLOB out of directory walks (matched against the
    /// path below the directory and the name alone, e.g. `README.md`, `arkiv/**`); repeatable.
    /// Adds to `exclude` of the configuration.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Exit with 1 when a finding of this severity or higher is reported [default: `fail-on` of
    /// the configuration, else error].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// The language of the ads; `auto` takes front matter `lang`, else detects it from the text
    /// [default: `lang` of the configuration, else auto].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Report only these rules or categories (rule id, id prefix such as `nb.formal-competence`,
    /// or category such as `driving-licence`); repeatable or comma-separated. Replaces `select`
    /// of the configuration.
    #[arg(long, value_name = "ID|CATEGORY")]
    pub select: Vec<String>,
    /// Do not report these rules or categories; repeatable or comma-separated. Replaces `ignore`
    /// of the configuration.
    #[arg(long, value_name = "ID|CATEGORY")]
    pub ignore: Vec<String>,
    /// Worker threads (default: one per core; at most 4 per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Refuse an ad larger than SIZE (bytes, or with KB, MB, GB: powers of 1024). Each ad of a
    /// JSON or JSON Lines export is held to it, not the whole export.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = parse_size)]
    pub max_size: u64,
    /// Read standard input (`-`) as this format [default: the extension of --stdin-filename,
    /// else by content: JSON, an HTML page, else Markdown].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub stdin_format: Option<StdinFormat>,
    /// The name standard input has in reports (and whose extension gives its format, as in
    /// ruff and Vale), e.g. `annonse.html`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Rule loading.
    #[command(flatten)]
    pub rule_args: RuleArgs,
}

/// `terskel fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// The ad: a .md, .txt or .html file, or - for standard input (read as Markdown).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Print a unified diff of the changes instead of the revision.
    #[arg(long, conflicts_with = "write")]
    pub diff: bool,
    /// Replace the file with the revision (written to a temporary file in the same directory,
    /// then renamed; a symlink is followed and its target replaced).
    #[arg(long)]
    pub write: bool,
    /// The language of the ad [default: `lang` of the configuration, else auto].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Fix only these rules or categories; repeatable or comma-separated.
    #[arg(long, value_name = "ID|CATEGORY")]
    pub select: Vec<String>,
    /// Do not fix these rules or categories; repeatable or comma-separated.
    #[arg(long, value_name = "ID|CATEGORY")]
    pub ignore: Vec<String>,
    /// Rule loading.
    #[command(flatten)]
    pub rule_args: RuleArgs,
}

/// `terskel serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. Anything but a loopback address makes the page reachable
    /// from other machines.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
    /// Open the page in the default browser once the server listens.
    #[arg(long)]
    pub open: bool,
    /// Rule loading.
    #[command(flatten)]
    pub rule_args: RuleArgs,
}

/// A size such as `500000`, `512KB`, `10MB` or `1GB` (powers of 1024), in bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let upper = text.trim().to_ascii_uppercase();
    let (digits, unit) = match upper.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => upper.split_at(i),
        None => (upper.as_str(), ""),
    };
    let factor: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        other => return Err(format!("unknown unit {other:?}; use KB, MB or GB")),
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 10MB"))?;
    match number.checked_mul(factor) {
        Some(0) | None => Err(format!("{text:?} is not a size from 1 byte to 16 EB")),
        Some(size) => Ok(size),
    }
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
    /// Only the rules for ads in this language (`any`: the rules for every language).
    #[arg(long, value_enum)]
    pub lang: Option<RuleLangArg>,
    /// Only the rules of these categories; repeatable or comma-separated.
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
    pub category: Vec<String>,
    /// List the categories instead of the rules.
    #[arg(long)]
    pub categories: bool,
    /// List the reader's word lists (headings, markers, role titles, language words) instead of
    /// the rules; `terskel explain @NAME` shows one.
    #[arg(long, conflicts_with = "categories")]
    pub word_lists: bool,
}

/// `rules list --lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleLangArg {
    /// Bokmål rules.
    Nb,
    /// Nynorsk rules.
    Nn,
    /// English rules.
    En,
    /// Rules for every language.
    Any,
}

impl RuleLangArg {
    /// The id as `rules list` shows it.
    pub fn id(self) -> &'static str {
        match self {
            RuleLangArg::Nb => "nb",
            RuleLangArg::Nn => "nn",
            RuleLangArg::En => "en",
            RuleLangArg::Any => "any",
        }
    }
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
    /// Write one Markdown page per rule of the default pack (and the built-in rules) into DIR,
    /// with an index: the pages SARIF's `helpUri` points at. `cargo test` checks that
    /// `docs/rules/` is up to date.
    Docs {
        /// The directory to write to.
        #[arg(value_name = "DIR", default_value = "docs/rules")]
        dir: PathBuf,
    },
}

/// `terskel explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `nb.driving-licence.required`, a category such as `driving-licence`, or
    /// `@NAME` for a term set or one of the reader's word lists (`@headings-requirements`).
    #[arg(value_name = "RULE-ID|CATEGORY")]
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
    /// For a person at a terminal: coloured findings with the source line, the match underlined,
    /// why and suggestion, and a closing count (the default on a terminal).
    Full,
    /// Suggestions per ad, for people (pull-request comment, job summary; the default in files
    /// and pipes).
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

/// Formats of `audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// A GitHub-renderable page with a Mermaid chart (the default).
    Markdown,
    /// One self-contained HTML page: inline CSS and SVG charts, no scripts, no requests.
    Html,
    /// The stable JSON audit (version 1).
    Json,
    /// Only the totals and the ads with the highest thresholds, in Markdown: short enough for a
    /// CI job summary however many ads there are.
    Summary,
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

/// `--stdin-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    /// Markdown (with front matter).
    Markdown,
    /// Plain text.
    Text,
    /// An HTML page or fragment.
    Html,
    /// A JSON ad, an array of ads, a page or a stream of them.
    Json,
}

impl StdinFormat {
    /// The reader's format.
    pub fn format(self) -> terskel::posting::Format {
        use terskel::posting::Format;
        match self {
            StdinFormat::Markdown => Format::Markdown,
            StdinFormat::Text => Format::Text,
            StdinFormat::Html => Format::Html,
            StdinFormat::Json => Format::Json,
        }
    }
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
    /// The same choice as the configuration file spells it.
    pub fn setting(self) -> terskel::config::Lang {
        use terskel::config::Lang;
        match self {
            LangArg::Auto => Lang::Auto,
            LangArg::Nb => Lang::Nb,
            LangArg::Nn => Lang::Nn,
            LangArg::En => Lang::En,
        }
    }
}

impl FailOn {
    /// The same choice as the configuration file spells it.
    pub fn setting(self) -> terskel::config::FailOn {
        use terskel::config::FailOn as Setting;
        match self {
            FailOn::Error => Setting::Error,
            FailOn::Warning => Setting::Warning,
            FailOn::Info => Setting::Info,
            FailOn::Never => Setting::Never,
        }
    }
}
