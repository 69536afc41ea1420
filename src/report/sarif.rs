//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Every rule that ran is
//! listed with its documentation (short and full description, help in text and Markdown, the
//! default level); each result points at a path relative to `%SRCROOT%` (the directory the scan
//! ran from) with a region in Unicode code points, and carries the line-independent fingerprint
//! so code scanning tracks an alert across edits that move it.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use super::Report;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

/// The schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Key of our fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "charterlint/v1";

/// Where the rules are documented: `{base}/{ID}.yaml` when the package names its repository.
fn help_uri(base: Option<&str>, id: &str) -> Option<String> {
    let base = base?.trim_end_matches('/');
    if base.is_empty() { None } else { Some(format!("{base}/{id}.yaml")) }
}

/// The documentation base of this build: the package's repository, if Cargo.toml names one.
pub fn default_help_base() -> Option<String> {
    let repo = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    if repo.is_empty() { None } else { Some(format!("{repo}/blob/main/rules")) }
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub sorts and filters security alerts by this score (0.0–10.0).
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

fn rule_markdown(r: &Rule) -> String {
    let mut md = format!("**{}** ({})\n\n{}\n\n", r.title, r.id, r.description.trim());
    let _ = write!(md, "**How to fix**\n\n{}\n\n**Why**: AI-usage charter {}", r.help.trim(), r.charter_ref);
    for reference in &r.references {
        let _ = write!(md, " · {reference}");
    }
    md.push('\n');
    md
}

fn rule_text(r: &Rule) -> String {
    let mut t = format!("{}\n\nWhy: AI-usage charter {}", r.help.trim(), r.charter_ref);
    for reference in &r.references {
        let _ = write!(t, "; {reference}");
    }
    t
}

fn rule_descriptor(r: &Rule, help_base: Option<&str>) -> Value {
    let mut v = json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": r.description.trim() },
        "help": { "text": rule_text(r), "markdown": rule_markdown(r) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "tags": ["security", r.category.as_str()],
            "category": r.category.as_str(),
            "charter_ref": r.charter_ref,
            "references": r.references,
            "security-severity": security_severity(r.severity),
            "precision": "high",
        },
    });
    if let (Some(uri), Some(obj)) = (help_uri(help_base, &r.id), v.as_object_mut()) {
        obj.insert("helpUri".into(), Value::String(uri));
    }
    v
}

/// Percent-encodes a relative path for a URI reference, keeping `/`.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A finding's path as a URI relative to `root`: absolute paths under it are made relative.
fn relative_uri(path: &str, root: Option<&Path>) -> String {
    let p = Path::new(path);
    let rel = match root {
        Some(root) if p.is_absolute() => {
            p.strip_prefix(root).map_or_else(|_| path.to_string(), |r| r.to_string_lossy().replace('\\', "/"))
        }
        _ => path.to_string(),
    };
    uri_path(rel.trim_start_matches("./").trim_start_matches('/'))
}

/// `root` as a `file://` URI with a trailing slash, for `originalUriBaseIds`.
fn root_uri(root: &Path) -> String {
    let s = root.to_string_lossy().replace('\\', "/");
    let mut encoded = uri_path(&s);
    if !encoded.starts_with('/') {
        encoded.insert(0, '/');
    }
    if !encoded.ends_with('/') {
        encoded.push('/');
    }
    format!("file://{encoded}")
}

fn result(f: &Finding, rule_index: Option<usize>, root: Option<&Path>) -> Value {
    let mut region = json!({
        "startLine": f.start.line.max(1),
        "startColumn": f.start.column.max(1),
        "endLine": f.end.line.max(f.start.line).max(1),
        "endColumn": f.end.column.max(1),
    });
    if !f.snippet.is_empty()
        && let Some(obj) = region.as_object_mut()
    {
        obj.insert("snippet".into(), json!({ "text": f.snippet }));
    }
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": relative_uri(&f.path, root), "uriBaseId": "%SRCROOT%" },
            "region": region,
        }
    });
    if let (Some(rec), Some(obj)) = (&f.record, location.as_object_mut()) {
        obj.insert("message".into(), json!({ "text": rec }));
    }
    let mut props = json!({ "category": f.category.as_str(), "severity": f.severity.as_str() });
    if let (Some(tool), Some(obj)) = (&f.tool, props.as_object_mut()) {
        obj.insert("tool".into(), Value::String(tool.to_string()));
    }
    let mut v = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [location],
        "partialFingerprints": { FINGERPRINT_KEY: f.fingerprint },
        "properties": props,
    });
    if let (Some(i), Some(obj)) = (rule_index, v.as_object_mut()) {
        obj.insert("ruleIndex".into(), json!(i));
    }
    v
}

/// Renders the SARIF log. `rules` are the rules that ran; `root` is the directory relative
/// paths start from (the working directory), `help_base` where rule documentation lives.
pub fn render(r: &Report<'_>, rules: &[&Rule], root: Option<&Path>, help_base: Option<&str>) -> String {
    let mut rules: Vec<&Rule> = rules.to_vec();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut descriptors: Vec<Value> = rules.iter().map(|rule| rule_descriptor(rule, help_base)).collect();
    // Findings of checks that have no rule file (unused or reason-less suppressions) still get
    // a descriptor, so every result resolves to a rule.
    let mut ids: Vec<&str> = rules.iter().map(|rule| rule.id.as_str()).collect();
    for f in r.findings {
        if !ids.contains(&&*f.rule) {
            ids.push(&f.rule);
            descriptors.push(json!({
                "id": f.rule,
                "shortDescription": { "text": &*f.title },
                "fullDescription": { "text": &*f.title },
                "help": { "text": &*f.help, "markdown": &*f.help },
                "defaultConfiguration": { "level": level(f.severity) },
                "properties": { "tags": ["maintainability"], "category": f.category.as_str() },
            }));
        }
    }
    let results: Vec<Value> =
        r.findings.iter().map(|f| result(f, ids.iter().position(|id| *id == &*f.rule), root)).collect();
    // Each file that could not be read (`error`) or audited (`note`), with the file as location.
    let notifications: Vec<Value> = r
        .errors
        .iter()
        .map(|e| ("error", e))
        .chain(r.notices.iter().map(|e| ("note", e)))
        .map(|(level, e)| {
            json!({
                "level": level,
                "message": { "text": format!("{}: {}", e.path, e.message) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": relative_uri(&e.path, root), "uriBaseId": "%SRCROOT%" }
                    }
                }],
            })
        })
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "charterlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/charterlint",
                "rules": descriptors,
            }
        },
        "invocations": [{
            "executionSuccessful": r.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let (Some(root), Some(obj)) = (root, run.as_object_mut()) {
        obj.insert("originalUriBaseIds".into(), json!({ "%SRCROOT%": { "uri": root_uri(root) } }));
    }
    let log = json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri_path("src/a b/é.py"), "src/a%20b/%C3%A9.py");
        assert_eq!(relative_uri("./src/x.py", None), "src/x.py");
        assert_eq!(relative_uri("/repo/src/x.py", Some(Path::new("/repo"))), "src/x.py");
        assert_eq!(root_uri(Path::new("/home/me/repo")), "file:///home/me/repo/");
    }

    #[test]
    fn help_uri_needs_a_base() {
        assert_eq!(help_uri(None, "SHADOW002"), None);
        assert_eq!(
            help_uri(Some("https://x.example/rules/"), "SHADOW002").as_deref(),
            Some("https://x.example/rules/SHADOW002.yaml")
        );
    }
}
