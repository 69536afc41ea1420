//! Reporters: one per output format, all reading the same findings.

pub mod csv;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod output;
pub mod sarif;

use std::time::Duration;

use crate::finding::{Finding, Severity};
use crate::inputs::walk::InputError;

/// What a run produced, as every reporter sees it.
#[derive(Debug)]
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub files: usize,
    pub records: usize,
    pub bytes: u64,
    pub skipped_large: usize,
    pub skipped_binary: usize,
    pub errors: &'a [InputError],
    pub elapsed: Duration,
    pub charter_source: String,
    /// What `--baseline` hid and which of its entries are fixed, when one was given.
    pub baseline: Option<&'a crate::baseline::Applied>,
    /// Prompt-log counts (empty when no log was read).
    pub logs: &'a crate::inputs::logs::Stats,
}

impl Report<'_> {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}
