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
    },
    /// Work with the charter file.
    Charter {
        #[command(subcommand)]
        command: CharterCommand,
    },
    /// List the AI service catalogue, optionally filtered by a query (id, name, vendor, kind, host, package).
    Catalog(CatalogArgs),
}

#[derive(Debug, Subcommand)]
pub enum CharterCommand {
    /// Validate a charter and print the effective charter (extends merged, built-ins included).
    Check {
        /// The charter file; by default the one found from the current directory, else the embedded default.
        file: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
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

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Charter file (default: ai-charter.yaml found by walking up from the first path, else the embedded default).
    #[arg(long, value_name = "FILE")]
    pub charter: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the run exit 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Only run these rules (ids or prefixes, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub select: Vec<String>,
    /// Never run these rules (ids or prefixes).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub ignore: Vec<String>,
    /// Worker threads (default: the number of cores).
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
    /// Columns of CSV prompt logs: `prompt=COL,user=COL,tool=COL,time=COL` (also response,
    /// role, conversation); overrides the charter's `prompt_logs.csv_map`.
    #[arg(long, value_delimiter = ',', value_name = "KEY=COLUMN")]
    pub csv_map: Vec<String>,
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
