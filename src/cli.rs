//! The command line, as clap derive definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::finding::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "charterlint",
    version,
    about = "Check what people do with AI against your AI-usage charter: shadow AI, leaked keys, hidden prompt injection.",
    long_about = None,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories against the charter.
    Scan(ScanArgs),
    /// List the rules: id, category, severity, title.
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why (charter section and regulation), examples.
    Explain {
        /// Rule id, e.g. SHADOW002.
        id: String,
    },
    /// Write a commented starter ai-charter.yaml (never overwrites).
    Init {
        /// Where to write it.
        #[arg(default_value = crate::charter::FILE_NAME)]
        path: PathBuf,
        /// The language of the comments (and of the charter's `language` key with `fr`).
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// Work with the charter file.
    Charter {
        #[command(subcommand)]
        command: CharterCommand,
    },
    /// List the AI service catalogue, optionally filtered by a query (id, name, vendor, kind, host, package).
    Catalog(CatalogArgs),
    /// Record today's findings so that later scans report only new ones.
    Baseline {
        #[command(subcommand)]
        command: BaselineCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `charterlint man > charterlint.1`; with a command,
    /// that command's page (`charterlint man scan > charterlint-scan.1`).
    Man {
        /// A command, e.g. scan.
        command: Option<String>,
    },
    /// Check a commit message file (the commit-msg hook): AI use needs the charter's trailer.
    CommitMsg(CommitMsgArgs),
}

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Scan and write every finding's line-independent fingerprint (no secrets, no line numbers).
    Create(BaselineCreateArgs),
}

#[derive(Debug, Args)]
pub struct BaselineCreateArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the baseline.
    #[arg(long, short = 'o', value_name = "FILE", default_value = crate::baseline::DEFAULT_FILE)]
    pub output: PathBuf,
    /// Charter file (default: found by walking up from the first path, else the embedded default).
    #[arg(long, value_name = "FILE")]
    pub charter: Option<PathBuf>,
    /// Skip paths matching this glob; repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Do not honour .gitignore, .ignore and git excludes.
    #[arg(long)]
    pub no_ignore: bool,
}

#[derive(Debug, Args)]
pub struct CommitMsgArgs {
    /// The commit message file git passes to the hook (e.g. .git/COMMIT_EDITMSG).
    pub file: PathBuf,
    /// Charter file (default: ai-charter.yaml found from the current directory).
    #[arg(long, value_name = "FILE")]
    pub charter: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the run exit 1 (and the hook refuse the commit).
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
}

#[derive(Debug, Subcommand)]
pub enum CharterCommand {
    /// Validate a charter and print the effective charter (extends merged, built-ins included).
    Check {
        /// The charter file; by default the one found from the current directory, else the embedded default.
        file: Option<PathBuf>,
    },
    /// Write the charter for people: tools, data, labels, human oversight, contacts, references.
    Render(RenderArgs),
    /// Print the JSON Schema of ai-charter.yaml, for editors.
    Schema,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The charter file; by default the one found from the current directory, else the embedded default.
    pub file: Option<PathBuf>,
    /// Markdown, or one self-contained HTML page (prints cleanly).
    #[arg(long, value_enum, default_value_t = RenderFormat::Md)]
    pub format: RenderFormat,
    /// Language (default: the charter's `language`; French for the embedded default; else English).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Md,
    Html,
}

/// A language of texts for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Fr,
    En,
}

impl From<Lang> for crate::charter::Language {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Fr => crate::charter::Language::Fr,
            Lang::En => crate::charter::Language::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
}

/// The formats a scan can write, on stdout (`--format`) or to files (`--output FORMAT=FILE`).
pub use crate::report::Format as ScanFormat;

/// One `--output FORMAT=FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: ScanFormat,
    pub path: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputSpec, String> {
    let (name, path) =
        s.split_once('=').ok_or_else(|| format!("`{s}` is not FORMAT=FILE, e.g. sarif=charterlint.sarif"))?;
    let format = ScanFormat::from_str(name, true).map_err(|_| {
        let names: Vec<String> = ScanFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("unknown format `{name}` (one of {})", names.join(", "))
    })?;
    if path.is_empty() {
        return Err(format!("`{s}` names no file"));
    }
    Ok(OutputSpec { format, path: PathBuf::from(path) })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Default, Args)]
pub struct ScanArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Charter file (default: ai-charter.yaml found by walking up from the first path, else the embedded default).
    #[arg(long, value_name = "FILE")]
    pub charter: Option<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = ScanFormat::Human)]
    pub format: ScanFormat,
    /// Also write FORMAT to FILE (e.g. sarif=charterlint.sarif); repeatable.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub output: Vec<OutputSpec>,
    /// Check what is staged in git's index, as it will be committed (for pre-commit hooks).
    /// Files named with it are read from the index whether staged or not (as pre-commit
    /// passes them, also under `pre-commit run --all-files`); directories limit the staged files.
    #[arg(long)]
    pub staged: bool,
    /// Hide the findings recorded in this baseline file (see `charterlint baseline create`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Exit 0 even when there are findings or unreadable files (usage and charter errors, and
    /// paths named here that cannot be read, still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 2 when a file cannot be read or parsed (by default it is reported and skipped).
    #[arg(long)]
    pub strict: bool,
    /// Print only the findings: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print how many findings each rule produced.
    #[arg(long)]
    pub stats: bool,
    /// Lowest severity that makes the run exit 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Only run these rules (ids or prefixes, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub select: Vec<String>,
    /// Never run these rules (ids or prefixes).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub ignore: Vec<String>,
    /// Worker threads (default: the number of cores; at most four per core).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Skip paths matching this glob (relative to the charter's directory); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Do not honour .gitignore, .ignore and git excludes.
    #[arg(long)]
    pub no_ignore: bool,
    /// Show secrets and personal data in full (they are masked by default).
    #[arg(long)]
    pub show_secrets: bool,
    /// Also check the messages of the commits in this git range (e.g. origin/main..HEAD).
    #[arg(long, value_name = "RANGE")]
    pub git_log: Option<String>,
    /// Columns of CSV prompt logs: `prompt=COL,user=COL,tool=COL,time=COL` (also response,
    /// role, conversation); overrides the charter's `prompt_logs.csv_map`.
    #[arg(long, value_delimiter = ',', value_name = "KEY=COLUMN")]
    pub csv_map: Vec<String>,
    /// Language of the HTML report (default: the charter's `language`, else English).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::report::html::i18n::Lang>,
    /// CSV flavour: `rfc` (`,`), or `excel` (UTF-8 BOM and `;`, for spreadsheets in French and
    /// other decimal-comma locales).
    #[arg(long, value_enum, default_value_t = crate::report::csv::Dialect::Rfc, value_name = "DIALECT")]
    pub csv_dialect: crate::report::csv::Dialect,
    /// Cut snippets and excerpts to N characters on each side of the matched (masked) text, in
    /// every output, so that reports do not carry the rest of a private message.
    #[arg(long, value_name = "N")]
    pub context: Option<usize>,
    /// Read a network log from standard input instead of paths (needs --input-format).
    #[arg(long, requires = "input_format")]
    pub stdin: bool,
    /// The format of standard input: squid, squid-common, zscaler-json, zscaler-csv, zeek,
    /// zeek-json, umbrella-dns, umbrella-proxy, panos, cloudflare-http, cloudflare-dns, w3c,
    /// net-csv, net-jsonl.
    #[arg(long, value_name = "FORMAT", requires = "stdin")]
    pub input_format: Option<String>,
    /// Columns of network logs: `time=COL,user=COL,client=COL,host=COL,url=COL,action=COL,…`
    /// (also device, method, bytes_up, bytes_down, prompt, zone); overrides the charter's
    /// `network.field_map`.
    #[arg(long, value_delimiter = ',', value_name = "KEY=COLUMN")]
    pub log_map: Vec<String>,
    /// Replace the people of every input (prompt-log users and accounts, audit-record users,
    /// commit authors, network-log users, client addresses and devices) by keyed pseudonyms
    /// (HMAC-SHA256 with the key in KEYFILE, kept by the data-protection officer).
    #[arg(long, value_name = "KEYFILE")]
    pub pseudonymize: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    pub query: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}
