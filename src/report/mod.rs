//! Reporters: one per output format, all reading the same findings.

pub mod context;
pub mod csv;
pub mod escape;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
mod logs_table;
mod network_table;
pub mod output;
pub mod record;
mod rendered;
pub mod sarif;
pub mod scope;

use std::time::Duration;

use crate::finding::{Finding, Severity};
use crate::scan::{InputError, LogStats};

/// What a run produced, as every reporter sees it.
#[derive(Debug)]
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub files: usize,
    pub records: usize,
    pub bytes: u64,
    pub skipped_large: usize,
    pub skipped_binary: usize,
    /// charterlint's own reports found in the tree, skipped.
    pub skipped_reports: usize,
    /// Files that could not be read or parsed, skipped.
    pub errors: &'a [InputError],
    /// What could not be audited without being a read failure (an unknown export shape).
    pub notices: &'a [InputError],
    pub elapsed: Duration,
    pub charter_source: String,
    /// What `--baseline` hid and which of its entries are fixed, when one was given.
    pub baseline: Option<&'a crate::baseline::Applied>,
    /// Prompt-log counts (empty when no log was read).
    pub logs: &'a LogStats,
    /// Findings by the user who sent the text (prompt logs, audit records).
    pub findings_by_user: &'a std::collections::BTreeMap<String, usize>,
    /// What was scanned, under which charter, and the charter status of the AI tools seen.
    pub scope: &'a scope::Scope,
    /// Threads that may render the findings (`-j`): a large report renders them in parallel.
    pub threads: usize,
}

/// The formats a scan can write, on stdout (`--format`) or to files (`--output FORMAT=FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics and a summary.
    #[default]
    Human,
    /// The JSON contract (one object).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML, one test case per finding.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// CSV with a header row, for spreadsheets.
    Csv,
    /// A self-contained HTML audit report with charts, for an AI committee.
    Html,
    /// JSON lines: one finding per line (the JSON contract's fields), then one summary line.
    Jsonl,
}

impl Report<'_> {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}
