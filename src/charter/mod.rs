//! Temporary stub of the charter model.
use std::path::{Path, PathBuf};

use crate::finding::Severity;

pub const FILE_NAME: &str = "ai-charter.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ToolStatus { Approved, Tolerated, Unapproved, Forbidden }

#[derive(Debug, Clone, Default)]
pub struct Charter {
    pub approved: Vec<String>,
    pub tolerated: Vec<String>,
    pub forbidden: Vec<String>,
    pub disable: Vec<String>,
    pub exclude: Vec<String>,
}

impl Charter {
    pub fn tool_status(&self, id: &str) -> ToolStatus {
        if self.approved.iter().any(|x| x == id) { ToolStatus::Approved }
        else if self.forbidden.iter().any(|x| x == id) { ToolStatus::Forbidden }
        else if self.tolerated.iter().any(|x| x == id) { ToolStatus::Tolerated }
        else { ToolStatus::Unapproved }
    }
    pub fn rule_disabled(&self, id: &str) -> bool { crate::rules::selected_by(id, &self.disable) }
    pub fn severity_override(&self, _id: &str) -> Option<Severity> { None }
}

#[derive(Debug)]
pub enum Source { Embedded, File { path: PathBuf, chain: Vec<PathBuf> } }
impl Source { pub fn display(&self) -> String { match self { Source::Embedded => "embedded default".into(), Source::File { path, .. } => path.display().to_string() } } }
#[derive(Debug)]
pub struct Loaded { pub charter: Charter, pub source: Source }
pub struct Known<'a> { pub tool_ids: &'a [&'a str], pub rule_ids: &'a [&'a str] }
pub fn discover(start: &Path) -> Option<PathBuf> { let _ = start; None }
pub fn embedded_default(_k: &Known) -> Loaded { Loaded { charter: Charter::default(), source: Source::Embedded } }
#[derive(Debug, miette::Diagnostic)]
pub struct CharterError;
impl std::fmt::Display for CharterError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("stub") } }
impl std::error::Error for CharterError {}
pub fn load(_p: &Path, _k: &Known) -> Result<Loaded, CharterError> { Err(CharterError) }
pub fn starter_template() -> &'static str { "version: 1\n" }
impl Charter { pub fn to_yaml(&self) -> String { String::new() } }
