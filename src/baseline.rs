//! Baselines: the findings a team has accepted for now, so that a scan reports only new ones.
//! The file holds, per finding, its rule, its path and its line-independent fingerprint (a hash
//! of rule, path and matched text): no line numbers, so inserting code above a finding does not
//! churn it, and no snippet, so the file never carries a secret. Entries are sorted, so the
//! file diffs cleanly in review.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// Where `charterlint baseline create` writes by default.
pub const DEFAULT_FILE: &str = ".charterlint-baseline.json";

/// The baseline file format version.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// What applying a baseline did to a scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings hidden because the baseline knows them.
    pub hidden: usize,
    /// Baseline entries that no longer occur (in the part of the tree that was scanned).
    pub fixed: Vec<Entry>,
}

fn entry(f: &Finding) -> Entry {
    Entry { rule: f.rule.to_string(), path: f.path.to_string(), fingerprint: f.fingerprint.clone() }
}

impl Baseline {
    /// The baseline of a set of findings: one entry per finding (a secret pasted twice in one
    /// file is two entries), sorted.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings.iter().map(entry).collect();
        entries.sort();
        Baseline { version: VERSION, entries }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{}"));
        s.push('\n');
        s
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("baseline {}: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            format!(
                "baseline {}: line {}, column {}: {e} (write one with `charterlint baseline create`)",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if b.version != VERSION {
            return Err(format!(
                "baseline {}: version {} is not supported (this charterlint writes version {VERSION})",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    /// Removes the findings the baseline knows from `findings`. Matching counts occurrences:
    /// a baseline with one entry hides one finding, and a second copy of the same secret shows.
    /// `in_scope` says whether an entry's path was part of this scan; only those can be fixed.
    pub fn apply(&self, findings: &mut Vec<Finding>, in_scope: impl Fn(&str) -> bool) -> Applied {
        // The fingerprint hashes the rule, the path relative to the charter's directory and the
        // matched text, so it alone identifies a finding, wherever the scan started from.
        let mut known: HashMap<&str, usize> = HashMap::new();
        for e in &self.entries {
            *known.entry(e.fingerprint.as_str()).or_insert(0) += 1;
        }
        let before = findings.len();
        findings.retain(|f| match known.get_mut(f.fingerprint.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        let hidden = before - findings.len();
        let mut fixed = Vec::new();
        for e in &self.entries {
            if !in_scope(&e.path) {
                continue;
            }
            if let Some(n) = known.get_mut(e.fingerprint.as_str())
                && *n > 0
            {
                *n -= 1;
                fixed.push(e.clone());
            }
        }
        Applied { hidden, fixed }
    }
}

/// Whether `path` (as findings show it) lies under one of the scanned `roots`.
pub fn under_roots(path: &str, roots: &[String]) -> bool {
    roots.iter().any(|r| {
        let r = r.trim_start_matches("./").trim_end_matches('/');
        r.is_empty()
            || r == "."
            || path == r
            || path.strip_prefix(r).is_some_and(|rest| rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Position;

    fn finding(rule: &str, path: &str, fp: &str, line: usize) -> Finding {
        Finding {
            end: Position { line, column: 5 },
            snippet: "secret-ish".into(),
            fingerprint: fp.into(),
            ..Finding::sample(rule, path, line)
        }
    }

    #[test]
    fn hides_by_occurrence_and_reports_fixed() {
        let old = vec![
            finding("A", "x.py", "sha256:1", 3),
            finding("A", "x.py", "sha256:1", 9),
            finding("B", "y.py", "sha256:2", 1),
        ];
        let b = Baseline::from_findings(&old);
        let mut now = vec![
            finding("A", "x.py", "sha256:1", 30),
            finding("A", "x.py", "sha256:1", 31),
            finding("A", "x.py", "sha256:1", 32),
        ];
        let applied = b.apply(&mut now, |_| true);
        assert_eq!(applied.hidden, 2);
        assert_eq!(now.len(), 1);
        assert_eq!(
            applied.fixed,
            vec![Entry { rule: "B".into(), path: "y.py".into(), fingerprint: "sha256:2".into() }]
        );
        let json = b.to_json();
        assert!(!json.contains("secret-ish") && !json.contains("line"));
    }

    #[test]
    fn roots_limit_what_can_be_fixed() {
        assert!(under_roots("src/a.py", &[".".into()]));
        assert!(under_roots("src/a.py", &["./src/".into()]));
        assert!(!under_roots("srcx/a.py", &["src".into()]));
        assert!(under_roots("a.py", &["a.py".into()]));
    }
}
