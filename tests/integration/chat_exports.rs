//! Grok, Google AI Studio and Chatbot UI exports, and ChatGPT's tool traffic: each fixture of
//! fixtures/logs gives exactly its expected findings under the fixture charter, with the
//! conversation, message, role and (for tool traffic) recipient in the record.

use std::path::PathBuf;

use crate::util::{findings_with, scan_json};

fn logs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/logs")
}

/// `(rule, severity, line, record)` of every finding, sorted.
fn found(v: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    findings_with(v, "record").into_iter().map(|(rule, sev, _, line, rec)| (rule, sev, line, rec)).collect()
}

fn row(rule: &str, sev: &str, line: u64, record: &str) -> (String, String, u64, String) {
    (rule.into(), sev.into(), line, record.into())
}

fn tools(v: &serde_json::Value) -> Vec<String> {
    let mut t: Vec<String> = v["findings"]
        .as_array()
        .map(|a| a.iter().map(|f| f["tool"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default();
    t.dedup();
    t
}

#[test]
fn grok_export() {
    let (v, code) = scan_json(&["grok"], &logs_dir());
    assert_eq!(code, 1);
    let rec = "user 8c3f6a52-1d0e-4b7e-a0a9-6f0f3c2d4e11 › conversation \"Entretien annuel de Karim\" › message 1 (user) › 2025-04-14T08:02:11Z";
    // The email and the phone of the employee, sent to Grok (not approved): errors. The team
    // outing conversation is clean.
    assert_eq!(found(&v), [row("CONF002", "error", 19, rec), row("CONF002", "error", 19, rec)]);
    assert_eq!(tools(&v), ["xai"]);
    assert_eq!(v["summary"]["conversations"], 2);
    assert_eq!(v["summary"]["records_by_format"]["grok"], 5);
}

#[test]
fn ai_studio_prompt_without_an_extension() {
    let (v, code) = scan_json(&["ai-studio"], &logs_dir());
    assert_eq!(code, 1);
    let base = "conversation \"Rappel fournisseur\" › message";
    // Gemini is tolerated: the code name in the system instructions is still an error, the IBAN
    // a warning.
    assert_eq!(
        found(&v),
        [
            row("CONF002", "warning", 31, &format!("{base} 2 (user)")),
            row("CONF003", "error", 24, &format!("{base} 1 (user) › system instructions")),
        ]
    );
    assert_eq!(tools(&v), ["google-gemini"]);
    // System instructions, the prompt, the thoughts and the answer; the empty draft is not a message.
    assert_eq!(v["summary"]["records_by_format"]["ai-studio"], 4);
}

#[test]
fn chatbot_ui_export() {
    let (v, code) = scan_json(&["chatbot-ui"], &logs_dir());
    assert_eq!(code, 1);
    assert_eq!(
        found(&v),
        [
            row("CONF001", "error", 10, "conversation \"Script d'export S3\" › message 2 (user)"),
            row("CONF003", "error", 46, "conversation \"Slogan salon\" › message 1 (user) › system prompt"),
        ]
    );
    assert_eq!(tools(&v), ["openai"]);
    assert_eq!(v["summary"]["conversations"], 2);
    assert_eq!(v["summary"]["records_by_format"]["chatbot-ui"], 6);
}

#[test]
fn chatgpt_tool_calls_and_outputs_are_audited() {
    let (v, code) = scan_json(&["chatgpt-tools"], &logs_dir());
    assert_eq!(code, 1);
    let c = "conversation \"Contrôle paie et candidate\"";
    let search = format!("{c} › message 2 (tool) › assistant to tool `web.search` › 2025-03-10T09:46:42Z");
    let python = format!("{c} › message 4 (tool) › output of tool `python` › 2025-03-10T09:46:48Z");
    // The candidate's email went to the search engine; the payroll IBANs came out of the
    // uploaded file (twice). The web page's contact address is the web's, not audited.
    assert_eq!(
        found(&v),
        [
            row("CONF002", "error", 1, &search),
            row("CONF002", "error", 1, &python),
            row("CONF002", "error", 1, &python)
        ]
    );
    // The user's question, two tool calls, the interpreter's output and the answer.
    assert_eq!(v["summary"]["records_by_format"]["chatgpt"], 5);
}
