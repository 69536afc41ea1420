//! Encodings and oversized records: a UTF-16 LE PowerShell export is read as the audit JSON it
//! is; a Windows-1252 Excel CSV keeps its accented rows; a UTF-8 BOM CSV is read with rows on
//! their lines; one invalid byte costs one character, not a conversation; an unclosed quote is
//! reported at its row and the rows after it keep their users; a record over the cap is skipped
//! and reported, and the records around it are read.

use std::path::{Path, PathBuf};

use crate::util::{charterlint, scan_json};

fn logs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/logs")
}

type Found = (String, String, String, u64, String);

/// `(rule, severity, path, line, record)` of every finding, sorted.
fn found(v: &serde_json::Value) -> Vec<Found> {
    crate::util::findings_with(v, "record")
}

fn row(rule: &str, sev: &str, path: &str, line: u64, record: &str) -> Found {
    (rule.into(), sev.into(), path.into(), line, record.into())
}

fn errors(v: &serde_json::Value) -> Vec<(String, String)> {
    problems(v, "errors")
}

/// Problems the run reports without failing: repaired bytes.
fn notices(v: &serde_json::Value) -> Vec<(String, String)> {
    problems(v, "notices")
}

fn problems(v: &serde_json::Value, key: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v[key]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (e["path"].as_str().unwrap_or("").into(), e["message"].as_str().unwrap_or("").into()))
        .collect();
    out.sort();
    out
}

#[test]
fn utf16_powershell_audit_export_is_read() {
    let (v, _) = scan_json(&["encodings/search-unifiedauditlog-utf16.json"], &logs_dir());
    assert_eq!(
        found(&v),
        [row(
            "CONF006",
            "info",
            "encodings/search-unifiedauditlog-utf16.json",
            2,
            "user hélène.durand@acme-industries.fr › Copilot in Word › record 1 (audit record \
             7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e01) › 2026-04-07T08:12:45Z"
        )]
    );
    assert_eq!(
        v["findings"][0]["message"].as_str().map(|m| m.contains("\"Prévisions trésorerie 2026.docx\"")),
        Some(true)
    );
    assert_eq!(v["summary"]["records_by_format"]["m365-copilot"], 2);
    assert_eq!(v["summary"]["skipped"]["binary"], 0);
    assert!(errors(&v).is_empty(), "{:?}", errors(&v));
}

#[test]
fn csv_in_windows_1252_and_utf8_with_bom() {
    let (v, _) = scan_json(&["encodings/usage-excel-fr.csv", "encodings/usage-utf8-bom.csv"], &logs_dir());
    let (fr, bom) = ("encodings/usage-excel-fr.csv", "encodings/usage-utf8-bom.csv");
    assert_eq!(
        found(&v),
        [
            row(
                "CONF002",
                "warning",
                fr,
                4,
                "user b.petit@acme-industries.fr › conversation \"row 4\" › message 1 (user) › 2025-04-01 10:00:00"
            ),
            row(
                "CONF003",
                "error",
                fr,
                3,
                "user e.dupre@acme-industries.fr › conversation \"row 3\" › message 1 (user) › 2025-04-01 09:30:00"
            ),
            row(
                "CONF003",
                "error",
                bom,
                4,
                "user noé.roux@acme-industries.fr › conversation \"row 4\" › message 1 (user) › 2025-04-02 08:05"
            ),
        ]
    );
    // Every row was read, the accented ones too.
    assert_eq!(v["summary"]["records_by_format"]["csv"], 5);
    assert_eq!(v["summary"]["records_by_tool"]["mistral"], 2);
    assert!(errors(&v).is_empty(), "{:?}", errors(&v));
    // The excerpt shows the Windows-1252 text decoded.
    let out = charterlint()
        .current_dir(logs_dir())
        .args(["scan", "--show-secrets", "encodings/usage-excel-fr.csv"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Synthèse du projet Bluebird pour le comité – version préliminaire"), "{text}");
}

#[test]
fn one_invalid_byte_keeps_the_conversation() {
    let (v, _) = scan_json(&["encodings/chatgpt"], &logs_dir());
    let p = "encodings/chatgpt/conversations.json";
    // Message 3 of the conversation whose message 1 holds the bad byte.
    assert_eq!(
        found(&v),
        [row(
            "CONF003",
            "error",
            p,
            86,
            "conversation \"Note Bluebird\" › message 3 (user) › 2025-04-01T08:00:03Z"
        )]
    );
    assert_eq!(v["summary"]["records_by_format"]["chatgpt"], 5);
    assert!(errors(&v).is_empty(), "a repaired byte is a notice, not an error: {:?}", errors(&v));
    assert_eq!(
        notices(&v),
        [(
            p.to_string(),
            "conversation 0 (byte 4): 1 invalid UTF-8 sequence(s), the first at byte 685, replaced with U+FFFD"
                .to_string()
        )]
    );
}

#[test]
fn an_unclosed_quote_is_reported_at_its_row() {
    let (v, _) = scan_json(&["encodings/unclosed-quote.csv"], &logs_dir());
    let p = "encodings/unclosed-quote.csv";
    // The rows after the broken one keep their own users and tools.
    assert_eq!(
        found(&v),
        [
            row(
                "CONF002",
                "warning",
                p,
                4,
                "user u.three@acme-industries.fr › conversation \"row 4\" › message 1 (user) › 2025-04-03 08:10"
            ),
            row(
                "CONF003",
                "error",
                p,
                3,
                "user u.two@acme-industries.fr › conversation \"row 3\" › message 1 (user) › 2025-04-03 08:05"
            ),
        ]
    );
    assert_eq!(
        errors(&v),
        [(
            p.to_string(),
            "row 1 (line 2) (byte 22): unclosed quote; the row was read up to the end of its line, the lines after \
             it as rows"
                .to_string()
        )]
    );
}

/// Runs the scan with a record cap of `cap` bytes.
fn scan_capped(dir: &Path, cap: usize) -> serde_json::Value {
    let out = charterlint()
        .current_dir(dir)
        .env("CHARTERLINT_RECORD_CAP", cap.to_string())
        .args(["scan", "--format", "json", "."])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

#[test]
fn records_over_the_cap_are_skipped_and_the_next_read() {
    let big = "x".repeat(300_000);
    let secret = "Note du projet Bluebird";
    let jsonl = format!(
        "{{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"user\",\"content\":\"{big}\"}}]}}\n\
         {{\"model\":\"gpt-4o\",\"messages\":[{{\"role\":\"user\",\"content\":\"{secret}\"}}]}}\n"
    );
    let conv = |title: &str, text: &str| {
        format!(
            "{{\"title\":\"{title}\",\"mapping\":{{\"u\":{{\"id\":\"u\",\"message\":{{\"author\":{{\"role\":\"user\"}},\
             \"content\":{{\"content_type\":\"text\",\"parts\":[\"{text}\"]}}}}}}}}}}"
        )
    };
    let export = format!("[{},\n{}]\n", conv("big", &big), conv("small", secret));
    let csv =
        format!("date,user,tool,prompt\n1,a@acme.fr,mistral,\"{big}\"\n2,b@acme.fr,deepseek,{secret}\n");
    let dir = crate::util::tree(&[
        ("ai-charter.yaml", "version: 1\ndata:\n  codenames: [Bluebird]\n"),
        ("req.jsonl", &jsonl),
        ("chat/conversations.json", &export),
        ("usage.csv", &csv),
    ]);
    let v = scan_capped(dir.path(), 100_000);
    let hits: Vec<(String, String, u64)> =
        crate::util::rule_hits(&v).into_iter().filter(|h| h.0 == "CONF003").collect();
    assert_eq!(
        hits,
        [
            ("CONF003".into(), "chat/conversations.json".into(), 2),
            ("CONF003".into(), "req.jsonl".into(), 2),
            ("CONF003".into(), "usage.csv".into(), 3),
        ]
    );
    let errs = errors(&v);
    let long = |p: &str, what: &str, len: usize| {
        (p.to_string(), format!("{what}: longer than 100000 bytes ({len} bytes), skipped"))
    };
    assert_eq!(
        errs,
        [
            long("chat/conversations.json", "conversation 0 (byte 1)", conv("big", &big).len()),
            long("req.jsonl", "line 1 (byte 0)", jsonl.find('\n').map_or(0, |i| i + 1)),
            long("usage.csv", "row 1 (line 2) (byte 22)", 300_000 + 2 + "1,a@acme.fr,mistral,\n".len()),
        ]
    );
    // The default cap reads them all.
    let v = scan_capped(dir.path(), usize::MAX);
    assert!(errors(&v).is_empty(), "{:?}", errors(&v));
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn utf16_text_files_and_csv_are_checked_as_their_utf8_would_be() {
    let dir = crate::util::tree(&[("ai-charter.yaml", "version: 1\ndata:\n  codenames: [Bluebird]\n")]);
    let write = |rel: &str, bytes: Vec<u8>| {
        let path = dir.path().join(rel);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    };
    let requirements = "requests==2.32.3\r\nopenai>=1.40  # summarise tickets\r\n";
    write("requirements.txt", utf16(requirements, false));
    write("usage.csv", utf16("date,user,tool,prompt\r\n1,a@acme.fr,deepseek,Synthèse Bluebird\r\n", true));
    let (v, _) = scan_json(&["."], dir.path());
    assert_eq!(
        crate::util::rule_hits(&v),
        [("CONF003".into(), "usage.csv".into(), 2), ("SHADOW001".into(), "requirements.txt".into(), 2)]
    );
    assert_eq!(v["summary"]["skipped"]["binary"], 0);
}
