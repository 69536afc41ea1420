//! The audit report of the fixtures' prompt logs and repository: the HTML report in French and
//! English (sections, figures, no script or network resource, no secret or personal datum in
//! full), the spreadsheet CSV dialect and its record columns, and `--context`.

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::util::{charterlint, scan_json};

const INPUTS: [&str; 4] =
    ["fixtures/logs", "fixtures/repos/support-bot", "--charter", "fixtures/logs/ai-charter.yaml"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scan(extra: &[&str]) -> String {
    let out = charterlint()
        .current_dir(root())
        .arg("scan")
        .args(INPUTS)
        .args(["--exit-zero"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

fn html(lang: &str) -> String {
    scan(&["--format", "html", "--lang", lang])
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let p = e.path();
        if p.is_dir() { files(&p, out) } else { out.push(p) }
    }
}

/// The secrets and personal data planted in the fixtures' texts (keys, IBAN, card, NIR, phone
/// numbers, e-mail addresses written in messages), read from the files themselves. The e-mail
/// addresses of the people who sent the messages are their identities in the per-person table
/// and are left out.
fn planted(identities: &[String]) -> Vec<String> {
    let mut paths = Vec::new();
    for d in ["fixtures/logs", "fixtures/repos/support-bot"] {
        files(&root().join(d), &mut paths);
    }
    let patterns = [
        r"sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}",
        r"AKIA[A-Z0-9]{16}",
        r"aws_secret_access_key=([A-Za-z0-9/+]{30,})",
        r"FR76(?: ?[0-9]{4}){5} ?[0-9]{3}",
        r"4970(?: ?[0-9]{4}){3}",
        r"[12] [0-9]{2} [0-9]{2} [0-9]{2} [0-9]{3} [0-9]{3} [0-9]{2}",
        r"(?:\+33 ?|0)[1-9](?:[ .]?[0-9]{2}){4}",
        // Unicode classes: an address such as chloé.martin@… must be taken whole (this is a
        // test, not a scan, so the speed of a Unicode class does not matter).
        r"[\w.%+-]+@[\w.-]+\.[a-z]{2,}",
    ];
    let mut found = Vec::new();
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else { continue };
        for pat in patterns {
            let re = Regex::new(pat).unwrap_or_else(|e| panic!("{pat}: {e}"));
            for c in re.captures_iter(&text) {
                let m = c.get(1).or_else(|| c.get(0)).map_or("", |m| m.as_str());
                if !identities.iter().any(|i| i == m) && !m.ends_with(".example") {
                    found.push(m.to_string());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn identities(v: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["record"].as_str()?.strip_prefix("user ")?.split(" › ").next().map(str::to_string))
        .collect();
    // The charter's contact address is printed by no output, but is no planted datum either.
    ids.push("comite-ia@acme-industries.fr".into());
    ids
}

fn json() -> serde_json::Value {
    let mut args: Vec<&str> = INPUTS.to_vec();
    args.push("--exit-zero");
    scan_json(&args, &root()).0
}

#[test]
fn the_html_report_has_every_section_and_the_run_s_figures() {
    let v = json();
    let total = v["summary"]["findings"].as_u64().unwrap_or(0);
    assert!(total > 20, "{total}");
    for (lang, headings) in [
        (
            "en",
            ["Scope", "Headline figures", "Shadow-AI inventory", "Findings per person", "Method and limits"],
        ),
        (
            "fr",
            [
                "Périmètre",
                "Chiffres clés",
                "Inventaire de l'IA fantôme",
                "Constats par personne",
                "Méthode et limites",
            ],
        ),
    ] {
        let page = html(lang);
        assert!(page.starts_with("<!DOCTYPE html>"), "{lang}");
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        for h in headings {
            assert!(page.contains(&format!(">{}</h2>", h.replace('\'', "&#39;"))), "{lang}: no heading {h}");
        }
        for id in [
            "scope",
            "headline",
            "categories",
            "inventory",
            "confidential",
            "oversight",
            "labels",
            "conversations",
            "users",
            "method",
        ] {
            assert!(page.contains(&format!("<section id=\"{id}\"")), "{lang}: no section {id}");
        }
        assert!(page.contains(&format!("<span class=\"n\">{total}</span>")), "{lang}: total {total}");
        for sev in ["error", "warning", "info"] {
            let n = v["summary"]["by_severity"][sev].as_u64().unwrap_or(0);
            assert!(page.contains(&format!("</span> {n}")), "{lang}: {sev} {n}");
        }
        assert!(page.contains("ACME Industries SAS"));
        let hash = sha_of(&root().join("fixtures/logs/ai-charter.yaml"));
        assert!(page.contains(&hash), "{lang}: charter hash");
        // Period: the earliest and latest dated records with findings.
        assert!(page.contains("2025-03-02") && page.contains("2026-03-05"), "{lang}: period");
        // Every tool of the logs is in the inventory with its message count.
        assert!(page.contains("DeepSeek") && page.contains("Mistral AI"));
        assert!(page.matches("<svg class=\"chart\" role=\"img\"").count() >= 3, "{lang}: charts");
        assert!(
            page.contains("Microsoft 365 Copilot")
                && page.contains(if lang == "fr" {
                    "ne contiennent pas le texte des prompts"
                } else {
                    "hold no prompt text"
                })
        );
    }
}

fn sha_of(p: &Path) -> String {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{e}"));
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_html_report_loads_nothing_and_runs_nothing() {
    let fetch = Regex::new(
        r#"(?i)(?:src|href|action|poster|data|xlink:href)\s*=\s*["']?\s*(?:https?:|//)|url\(|@import"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for lang in ["en", "fr"] {
        let page = html(lang);
        assert!(!page.to_ascii_lowercase().contains("<script"), "{lang}");
        assert!(!page.contains("<img") && !page.contains("<link") && !page.contains("<iframe"), "{lang}");
        assert!(fetch.find(&page).is_none(), "{lang}: {:?}", fetch.find(&page));
        assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }
}

#[test]
fn no_planted_secret_or_personal_datum_is_in_the_html_report() {
    let v = json();
    let values = planted(&identities(&v));
    // The fixtures plant at least: two keys, an AWS secret, an IBAN, a card, a NIR, phones and
    // the e-mail addresses of clients written in prompts.
    assert!(values.len() >= 8, "{values:?}");
    for needle in ["FR76", "4970", "AKIA", "sk-ant-", "durand-logistique.fr"] {
        assert!(values.iter().any(|v| v.contains(needle)), "{needle} not collected: {values:?}");
    }
    for lang in ["en", "fr"] {
        let page = html(lang);
        for value in &values {
            assert!(!page.contains(value.as_str()), "{lang}: {value} in full");
            let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(!page.contains(&compact), "{lang}: {compact} in full");
        }
    }
}

#[test]
fn the_excel_dialect_has_a_bom_semicolons_and_record_columns() {
    let out = scan(&["--format", "csv", "--csv-dialect", "excel"]);
    let body =
        out.strip_prefix('\u{FEFF}').unwrap_or_else(|| panic!("no BOM: {:?}", &out[..20.min(out.len())]));
    let mut rd = csv::ReaderBuilder::new().delimiter(b';').from_reader(body.as_bytes());
    let head: Vec<String> = rd.headers().map(|h| h.iter().map(str::to_string).collect()).unwrap_or_default();
    for col in ["rule", "snippet", "tool", "user", "conversation", "message_number", "role", "time"] {
        assert!(head.iter().any(|h| h == col), "no column {col}: {head:?}");
    }
    let at = |name: &str| head.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert!(rows.iter().all(|r| r.len() == head.len()));
    let budget = rows
        .iter()
        .find(|r| r.get(at("conversation")) == Some("Budget 2025 équipe data"))
        .unwrap_or_else(|| panic!("no Budget row"));
    assert_eq!(budget.get(at("user")), Some("marc.lefebvre@acme-industries.fr"));
    assert_eq!(budget.get(at("message_number")), Some("4"));
    assert_eq!(budget.get(at("role")), Some("user"));
    assert_eq!(budget.get(at("time")), Some("2025-03-02T10:07:40Z"));
    assert_eq!(budget.get(at("tool")), Some("openai"));
    // A repository finding has no record and empty record columns.
    let code = rows.iter().find(|r| r.get(at("path")).is_some_and(|p| p.ends_with("settings.py")));
    assert_eq!(code.and_then(|r| r.get(at("user"))), Some(""));
    // The default dialect stays RFC 4180: commas and no BOM.
    let rfc = scan(&["--format", "csv"]);
    assert!(rfc.starts_with("rule,category,severity,"));
}

#[test]
fn context_cuts_snippets_around_the_datum_in_every_output() {
    let full = scan(&["--format", "json"]);
    assert!(full.contains("courtois à Claire Martin"));
    for format in ["json", "csv", "html", "human", "sarif", "github", "junit", "gitlab", "jsonl"] {
        let cut = scan(&["--format", format, "--context", "12", "--lang", "en"]);
        assert!(!cut.contains("courtois"), "{format}: the rest of the message is still there");
        assert!(cut.contains("claire…"), "{format}: the masked datum is gone");
    }
}
