//! Shared helpers: run the binary, build temporary trees.

use std::path::Path;

use assert_cmd::Command;

pub fn charterlint() -> Command {
    let mut c = match Command::cargo_bin("charterlint") {
        Ok(c) => c,
        Err(e) => panic!("binary not built: {e}"),
    };
    c.env("NO_COLOR", "1").env("COLUMNS", "120");
    c
}

/// Writes `files` (path, contents) under a new temporary directory.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    for (p, text) in files {
        write(dir.path(), p, text);
    }
    dir
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Runs `scan --format json` and returns the parsed output and the exit code.
pub fn scan_json(args: &[&str], cwd: &Path) -> (serde_json::Value, i32) {
    let out = charterlint()
        .current_dir(cwd)
        .arg("scan")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let code = out.status.code().unwrap_or(-1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, code)
}

/// `(rule, path, line)` of every finding, sorted.
pub fn rule_hits(v: &serde_json::Value) -> Vec<(String, String, u64)> {
    findings_with(v, "rule").into_iter().map(|(rule, _, path, line, _)| (rule, path, line)).collect()
}

/// `(rule, severity, path, line, <last>)` of every finding, sorted; `last` names the fifth field
/// (`tool`, `message`, …).
pub fn findings_with(v: &serde_json::Value, last: &str) -> Vec<(String, String, String, u64, String)> {
    let text = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or("").to_string();
    let mut out: Vec<_> = v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        text(f, "rule"),
                        text(f, "severity"),
                        text(f, "path"),
                        f["line"].as_u64().unwrap_or(0),
                        text(f, last),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
