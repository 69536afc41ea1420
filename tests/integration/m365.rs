//! Microsoft 365 Copilot audit records (Purview `CopilotInteraction`): the portal CSV export,
//! a PowerShell `Search-UnifiedAuditLog` JSON array and Management Activity API JSONL give one
//! info finding per sensitivity-labelled resource Copilot read and one warning per detected
//! cross-prompt injection; records with neither still count; a malformed AuditData cell is
//! reported at its row and the rest of the file is read.

use std::path::PathBuf;

use crate::util::{scan_json, tree};

fn m365_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/logs")
}

/// `(rule, severity, path, line, message)` of every finding, sorted.
fn found(v: &serde_json::Value) -> Vec<(String, String, String, u64, String)> {
    crate::util::findings_with(v, "message")
}

fn row(rule: &str, sev: &str, path: &str, line: u64, msg: &str) -> (String, String, String, u64, String) {
    (rule.into(), sev.into(), path.into(), line, msg.into())
}

const CONF: &str = "sensitivity label 9fbde396-1a24-4c79-8edf-9254a0f35055";
const SP: &str = "https://acmeindustries.sharepoint.com/sites";
const INTERNAL: &str = "sensitivity label e2f1c2a4-3b5d-4c8e-9f0a-1b2c3d4e5f60";

#[test]
fn copilot_audit_records_in_three_shapes() {
    let (v, code) = scan_json(&["m365"], &m365_dir());
    // The malformed AuditData cell is reported, after every other record was read; the
    // findings decide the exit code.
    assert_eq!(code, 1);
    let (csv, ps, api) =
        ("m365/audit-export.csv", "m365/search-unifiedauditlog.json", "m365/activity-api.jsonl");
    assert_eq!(
        found(&v),
        [
            row(
                "CONF006",
                "info",
                api,
                1,
                &format!(
                    "Copilot in Loop accessed \"Plan qualité.loop\" (loop, {INTERNAL}) on {SP}/Production, \
                     with web search on"
                )
            ),
            row(
                "CONF006",
                "info",
                csv,
                2,
                &format!(
                    "Copilot in Word accessed \"Budget 2026.xlsx\" (xlsx, {CONF}) on {SP}/Finance, with web search on"
                )
            ),
            row(
                "CONF006",
                "info",
                csv,
                5,
                &format!(
                    "Copilot in BizChat accessed \"Projet Transalp - term sheet.docx\" (docx, {CONF}) on {SP}/Direction"
                )
            ),
            row(
                "CONF006",
                "info",
                ps,
                2,
                &format!(
                    "Copilot in Excel accessed \"Salaires 2026.xlsx\" (xlsx, {INTERNAL}) on \
                     https://acmeindustries-my.sharepoint.com/personal/marc_lefebvre"
                )
            ),
            row(
                "INJECT006",
                "warning",
                api,
                1,
                "Copilot in Loop detected a cross-prompt injection in \"Offre fournisseur (web)\""
            ),
            row(
                "INJECT006",
                "warning",
                csv,
                5,
                "Copilot in BizChat detected a cross-prompt injection in \"RE: Facture impayée n°2026-0142\""
            ),
        ]
    );
    // Every finding names the user, the app, the audit record and the time as UTC.
    let recs: Vec<&str> =
        v["findings"].as_array().into_iter().flatten().filter_map(|f| f["record"].as_str()).collect();
    assert!(recs.contains(
        &"user claire.martin@acme-industries.fr › Copilot in Word › row 1 (line 2) (audit record \
          4b2a8f1e-6c3d-4e9a-b1f2-0a9d8c7b6e51) › plugins BingWebSearch › model gpt-4o › 2026-03-02T09:14:11Z"
    ));
    assert!(
        recs.iter()
            .any(|r| r.starts_with("user marc.lefebvre@acme-industries.fr › Copilot in Excel › record 1 ")
                && r.ends_with("2026-03-04T14:20:31Z"))
    );
    // Seven records read (three CSV rows, two PowerShell records, two API lines), with or
    // without labelled resources; the malformed one is not among them.
    assert_eq!(v["summary"]["records"], 7);
    assert_eq!(v["summary"]["records_by_format"]["m365-copilot"], 7);
    assert_eq!(v["summary"]["records_by_tool"]["microsoft-copilot"], 7);
    assert!(v["summary"]["records_by_format"].get("csv").is_none());
    // Which apps Copilot was used in, records without labelled resources included.
    assert_eq!(
        v["summary"]["records_by_app"],
        serde_json::json!({"Copilot in BizChat": 2, "Copilot in Excel": 1, "Copilot in Loop": 1,
            "Copilot in Outlook": 1, "Copilot in Teams": 1, "Copilot in Word": 1})
    );
    let errors: Vec<&str> =
        v["errors"].as_array().into_iter().flatten().filter_map(|e| e["message"].as_str()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("row 3 (line 4) (byte 2806): AuditData is malformed JSON: expected `:`"),
        "{errors:?}"
    );
}

#[test]
fn human_summary_counts_copilot_users() {
    let out = crate::util::charterlint()
        .current_dir(m365_dir())
        .args(["scan", "m365"])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("prompt logs"), "{text}");
    let line = |key: &str| text.lines().find(|l| l.trim_start().starts_with(key)).map(str::split_whitespace);
    let count = |key: &str| line(key).and_then(|w| w.last().map(str::to_string)).unwrap_or_default();
    assert_eq!(count("microsoft-copilot"), "7");
    assert_eq!(count("Copilot in BizChat"), "2");
    // No prompt text is not the same as no findings: the table says what was not checked.
    assert!(text.contains("Copilot audit records hold no prompt text"), "{text}");
    assert_eq!(count("julie.dupont@acme-industries.fr"), "2");
    assert_eq!(count("marc.lefebvre@acme-industries.fr"), "1");
}

#[test]
fn broken_records_never_crash_and_other_logs_keep_their_reader() {
    let dir = tree(&[
        // A truncated API line and a record of another workload: the first is reported, the
        // second is not a Copilot interaction and is passed over.
        (
            "audit/copilot.jsonl",
            "{\"CreationTime\":\"2026-03-05T07:58:40\",\"Operation\":\"CopilotInteraction\",\"Workload\":\"Copilot\",\"UserId\":\"a@b.fr\",\"CopilotEventData\":{\"AppHost\":\"Teams\",\"AccessedResources\":[{\"Name\":\"CR CSE.docx\",\"Type\":\"docx\",\"SensitivityLabelId\":\"abc\"},{\"Name\":\"Relance de paul.girard@transalp-logistique.fr\",\"Type\":\"Email\",\"XPIADetected\":true}]}}\n\
             {\"CreationTime\":\"2026-03-05T08:00:00\",\"Operation\":\"CopilotInteraction\",\"CopilotEventData\":{\"AppHost\":\n\
             {\"CreationTime\":\"2026-03-05T08:01:00\",\"Operation\":\"FileAccessed\",\"Workload\":\"SharePoint\"}\n",
        ),
        // An ordinary prompt CSV still goes to the CSV reader.
        ("usage.csv", "time,user,prompt\n2026-03-01,a@b.fr,Bonjour\n"),
    ]);
    let (v, code) = scan_json(&["."], dir.path());
    assert_eq!(code, 1);
    let mut rules: Vec<&str> =
        v["findings"].as_array().into_iter().flatten().filter_map(|f| f["rule"].as_str()).collect();
    rules.sort();
    assert_eq!(rules, ["CONF006", "INJECT006"]);
    // The address in the mail subject is masked.
    let out = v.to_string();
    assert!(!out.contains("paul.girard@transalp-logistique.fr"), "{out}");
    assert!(out.contains("cross-prompt injection in \\\"Relance de p"), "{out}");
    assert_eq!(v["summary"]["records_by_format"]["m365-copilot"], 1);
    assert_eq!(v["summary"]["records_by_format"]["csv"], 1);
    let errors: Vec<&str> =
        v["errors"].as_array().into_iter().flatten().filter_map(|e| e["message"].as_str()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("line 2 (byte ") && errors[0].contains("truncated JSON"), "{errors:?}");
}

#[test]
fn a_single_pretty_printed_search_result() {
    // `Search-UnifiedAuditLog … | ConvertTo-Json` writes one result as an object, not an array.
    let audit = r#"{\"CreationTime\":\"2026-03-06T13:02:09\",\"Id\":\"e4f5a6b7-c8d9-4e0f-9a1b-3c4d5e6f7a08\",\"Operation\":\"CopilotInteraction\",\"RecordType\":261,\"Workload\":\"Copilot\",\"UserId\":\"claire.martin@acme-industries.fr\",\"CopilotEventData\":{\"AppHost\":\"PowerPoint\",\"AccessedResources\":[{\"Name\":\"Comite de direction mars.pptx\",\"Type\":\"pptx\",\"SensitivityLabelId\":\"9fbde396-1a24-4c79-8edf-9254a0f35055\"}]}}"#;
    let text = format!(
        "{{\n    \"RecordType\":  \"CopilotInteraction\",\n    \"CreationDate\":  \"2026-03-06T13:02:09\",\n    \
         \"UserIds\":  \"claire.martin@acme-industries.fr\",\n    \"Operations\":  \"CopilotInteraction\",\n    \
         \"AuditData\":  \"{audit}\",\n    \"ResultIndex\":  1,\n    \"ResultCount\":  1\n}}\n"
    );
    let dir = tree(&[("audit/one-result.json", &text)]);
    let (v, code) = scan_json(&["."], dir.path());
    // Info findings alone do not fail the run.
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["findings"][0]["rule"], "CONF006");
    assert_eq!(v["findings"][0]["line"], 1);
    assert_eq!(
        v["findings"][0]["message"],
        format!("Copilot in PowerPoint accessed \"Comite de direction mars.pptx\" (pptx, {CONF})")
    );
    assert_eq!(v["summary"]["records_by_app"]["Copilot in PowerPoint"], 1);
}
