//! The scope of a run as the audit report states it: the inputs, the charter (organisation,
//! format version, a SHA-256 of its text, so that a committee can tell which charter was in
//! force) and the charter status of every AI tool the run saw.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::charter::ToolStatus;
use crate::engine::Engine;
use crate::finding::Finding;
use crate::scan::LogStats;

/// What the audit report says about the run beyond its findings.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The paths named on the command line.
    pub inputs: Vec<String>,
    pub organization: Option<String>,
    pub charter_version: Option<u32>,
    /// Hex SHA-256 of the charter file's text (of the embedded default's without a file).
    pub charter_sha256: Option<String>,
    /// The charter's language tag, when it names one (the report's default language).
    pub language: Option<String>,
    /// AI tools seen in findings and prompt logs, by catalogue id.
    pub tools: BTreeMap<String, Tool>,
}

/// An AI tool as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    pub name: String,
    /// `None` for a tool id the catalogue does not know (a model name in a JSONL log).
    pub status: Option<ToolStatus>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The scope of a finished scan. `charter_file` is the charter's path (`None` for the embedded
/// default); a charter that cannot be read again gets no hash rather than a wrong one.
pub fn build(
    engine: &Engine,
    charter_file: Option<&Path>,
    inputs: &[PathBuf],
    findings: &[Finding],
    logs: &LogStats,
) -> Scope {
    let charter = engine.charter();
    let charter_sha256 = match charter_file {
        Some(p) => std::fs::read(p).ok().map(|b| sha256_hex(&b)),
        None => Some(sha256_hex(crate::charter::default_template().as_bytes())),
    };
    let catalog = engine.catalog();
    let mut tools = BTreeMap::new();
    let seen =
        findings.iter().filter_map(|f| f.tool.as_deref()).chain(logs.by_tool.keys().map(String::as_str));
    for id in seen {
        if tools.contains_key(id) {
            continue;
        }
        let tool = match catalog.index_of(id) {
            Some(i) => Tool { name: catalog.services[i].name.clone(), status: Some(engine.status_of(i)) },
            None => Tool { name: id.to_string(), status: None },
        };
        tools.insert(id.to_string(), tool);
    }
    Scope {
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        organization: charter.organization.clone(),
        charter_version: Some(charter.version),
        charter_sha256,
        // `--lang` keeps precedence over it.
        language: charter.language.map(|l| l.as_str().to_string()),
        tools,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_sha256_of_the_text() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
