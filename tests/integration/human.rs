//! The human output's header (`╭─[path:line:column]`) gives the finding's own place in the file,
//! even when a secret masked earlier on the line makes the excerpt shorter than the file.
// charterlint: allow-file SHADOW002 -- the test plants an AI API host on purpose

use crate::util::{charterlint, scan_json, tree};

#[test]
fn the_header_column_is_the_files_when_a_mask_shortens_the_line() {
    // Built here so that no key-shaped literal sits in the test's source.
    let key = format!("sk-proj-{}", "AbCdEfGh01".repeat(6));
    let line = format!("cfg = {{\"key\": \"{key}\", \"base\": \"https://api.openai.com/v1\"}}\n");
    let dir = tree(&[("ai-charter.yaml", "version: 1\n"), ("app.py", &line)]);
    let (v, _) = scan_json(&["."], dir.path());
    let host = v["findings"].as_array().into_iter().flatten().find(|f| f["rule"] == "SHADOW002");
    let column = host.and_then(|f| f["column"].as_u64()).unwrap_or_else(|| panic!("no SHADOW002: {v}"));
    assert_eq!(column as usize, line.find("api.openai.com").unwrap_or_default() + 1);
    let out =
        charterlint().current_dir(dir.path()).args(["scan", "."]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(&key), "{text}");
    assert!(text.contains(&format!("[app.py:1:{column}]")), "{text}");
}
