//! The rules pack: one YAML file per rule under `rules/`, embedded in the binary, validated at
//! start. A rule carries its own documentation and its `fail`/`pass` examples, which both the
//! test suite and `charterlint explain` use.

pub mod compile;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::{Category, Severity};
use crate::unit::{FactKind, UnitKind};

pub use crate::pattern::check_ascii_semantics;
pub use compile::{CompiledRule, RegexMatcher};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));
}

/// A charter status, as rule files name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKey {
    Approved,
    Tolerated,
    Unapproved,
    Forbidden,
}

impl StatusKey {
    pub fn of(s: crate::charter::ToolStatus) -> StatusKey {
        match s {
            crate::charter::ToolStatus::Approved => StatusKey::Approved,
            crate::charter::ToolStatus::Tolerated => StatusKey::Tolerated,
            crate::charter::ToolStatus::Unapproved => StatusKey::Unapproved,
            crate::charter::ToolStatus::Forbidden => StatusKey::Forbidden,
        }
    }
}

/// A severity, or no finding at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusSeverity {
    None,
    Info,
    Warning,
    Error,
}

impl StatusSeverity {
    pub fn severity(self) -> Option<Severity> {
        match self {
            StatusSeverity::None => None,
            StatusSeverity::Info => Some(Severity::Info),
            StatusSeverity::Warning => Some(Severity::Warning),
            StatusSeverity::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    /// A regular expression (Rust syntax, ASCII word semantics).
    #[serde(default)]
    pub regex: Option<String>,
    /// Literals of which one must occur (case-insensitively) for the regex to run.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Capture group that holds the reported text (0 = whole match).
    #[serde(default)]
    pub group: usize,
    /// A detector by name (`detect::registry`), instead of a regex.
    #[serde(default)]
    pub detector: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// File kinds the rule reads; empty means every text file.
    #[serde(default)]
    pub kinds: Vec<UnitKind>,
    /// Globs on the path relative to the scan root; the rule reads only matching files.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Globs of files the rule never reads.
    #[serde(default)]
    pub exclude_paths: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The path the example text is scanned as (kinds come from it).
    pub path: String,
    pub text: String,
    /// A charter (YAML) to scan the example with, instead of the embedded default.
    #[serde(default)]
    pub charter: Option<String>,
    /// Unit kinds beyond those of the path: `[prompt]` for a message typed into an AI tool.
    #[serde(default)]
    pub kinds: Vec<UnitKind>,
    /// The example is a user message of a prompt log sent to this catalogue tool (unit kind
    /// `prompt`), instead of a file at `path`.
    #[serde(default)]
    pub tool: Option<String>,
    /// Typed facts the example states, each spanning the whole (trimmed) text: an audit
    /// record's `[labelled-resource]`.
    #[serde(default)]
    pub facts: Vec<FactKind>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    pub fail: Vec<Example>,
    pub pass: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// A slug naming the flagged pattern, e.g. `ai-api-host`.
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    pub title: String,
    pub charter_ref: String,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub applies_to: AppliesTo,
    /// Severity by file kind, for files where the risk is higher (assistant instructions).
    #[serde(default)]
    pub severity_by_kind: BTreeMap<UnitKind, Severity>,
    /// Severity follows the charter's status of the AI service involved: approved → no
    /// finding, tolerated → info, unapproved → `severity`, forbidden → error.
    #[serde(default)]
    pub severity_from_tool: bool,
    /// Severity per charter status of the AI service that receives the text (prompt logs):
    /// `none` means no finding. Statuses not listed keep the rule's severity.
    #[serde(default)]
    pub severity_by_status: BTreeMap<StatusKey, StatusSeverity>,
    /// The matched text is a secret: masked in every output.
    #[serde(default)]
    pub secret: bool,
    pub matcher: Matcher,
    /// Message template: `{match}`, `{tool}`, `{jurisdiction}` (` (CN)`: the provider's, or
    /// nothing), `{status}`, `{reason}` (` (jurisdiction CN)` when a charter policy rather than
    /// the tool's own entry decided the status, else nothing), `{detail}`.
    pub message: String,
    /// What the rule checks and why it matters.
    pub description: String,
    pub help: String,
    pub examples: Examples,
}

#[derive(Debug)]
pub struct PackError(pub String);

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for PackError {}

/// The embedded rules pack, parsed and checked (ids, file names, categories, examples).
pub fn embedded() -> Result<Vec<Rule>, PackError> {
    let mut rules = Vec::with_capacity(embedded::FILES.len());
    for (file, yaml, json) in embedded::FILES {
        let rule: Rule =
            crate::yaml::from_embedded(yaml, json).map_err(|e| PackError(format!("rules/{file}: {e}")))?;
        validate(file, &rule).map_err(|e| PackError(format!("rules/{file}: {e}")))?;
        rules.push(rule);
    }
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(PackError(format!("rule id {} is declared twice", w[0])));
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(rules)
}

fn validate(file: &str, r: &Rule) -> Result<(), String> {
    if file.strip_suffix(".yaml") != Some(r.id.as_str()) {
        return Err(format!("file name must be {}.yaml", r.id));
    }
    let prefix = r.category.id_prefix();
    let number =
        r.id.strip_prefix(prefix)
            .ok_or_else(|| format!("id {} must start with {prefix} (category {})", r.id, r.category))?;
    if number.len() != 3 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("id {} must be {prefix} followed by three digits", r.id));
    }
    if r.name.is_empty() || !r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return Err(format!("name `{}` must be a lowercase slug", r.name));
    }
    if r.examples.fail.is_empty() || r.examples.pass.is_empty() {
        return Err("a rule needs at least one `fail` and one `pass` example".into());
    }
    let suppression = r.category == Category::Suppression;
    match (&r.matcher.regex, &r.matcher.detector) {
        // Suppression findings come from the comments themselves, not from a matcher.
        (None, None) if suppression => {}
        _ if suppression => return Err("a suppression rule has no matcher".into()),
        (Some(_), Some(_)) | (None, None) => {
            return Err("matcher needs exactly one of `regex` or `detector`".into());
        }
        (Some(_), None) if r.matcher.keywords.is_empty() => {
            return Err("a regex matcher needs `keywords` for the prefilter".into());
        }
        _ => {}
    }
    let mut first = r.message.chars().filter(char::is_ascii_alphabetic);
    let capitalised = first.next().is_some_and(|c| c.is_ascii_uppercase())
        && first.next().is_some_and(|c| c.is_ascii_lowercase());
    if r.message.ends_with('.') || capitalised {
        return Err("message must start lowercase and have no trailing period".into());
    }
    Ok(())
}

/// The rule whose id is `id` (case-insensitive).
pub fn find<'a>(rules: &'a [Rule], id: &str) -> Option<&'a Rule> {
    rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// Whether `id` is selected by a list of ids or prefixes.
pub fn selected_by(id: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| {
        let p = p.trim();
        !p.is_empty() && id.len() >= p.len() && id[..p.len()].eq_ignore_ascii_case(p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_regex_compiles_with_its_group() {
        let rules = embedded().unwrap_or_else(|e| panic!("{e}"));
        let mut regexes = 0;
        for r in rules {
            let id = r.id.clone();
            let compiled = CompiledRule::new(r).unwrap_or_else(|e| panic!("{e}"));
            if let Some(m) = &compiled.regex {
                m.check().unwrap_or_else(|e| panic!("{id}: {e}"));
                regexes += 1;
            }
        }
        assert!(regexes >= 1, "{regexes}");
    }

    #[test]
    fn every_rule_file_is_read_from_its_build_time_json_with_the_yaml_meaning() {
        assert!(embedded::FILES.len() > 20);
        for (name, yaml, json) in embedded::FILES {
            let from_json: Rule = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{name}: the converted form does not read: {e}"));
            let from_yaml: Rule = crate::yaml::from_str(yaml).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(format!("{from_json:?}"), format!("{from_yaml:?}"), "{name}");
        }
    }
}
