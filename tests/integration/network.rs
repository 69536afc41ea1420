//! Network logs through the binary: every source of fixtures/network gives exactly its
//! expected findings (a forbidden tool is an error naming the person and the tool, a blocked
//! use an attempt at info), approved tools and non-AI hosts give nothing, the inventory, JSON
//! lines on standard input, pseudonyms, the upload threshold and the charter's network section.

use std::path::{Path, PathBuf};

use crate::util::{charterlint, scan_json, tree, write};

const TOOLS: &str = "[deepseek, anthropic, openai, google-gemini, perplexity, mistral, microsoft-copilot]";

/// The log files of fixtures/network (no expected.txt or map.txt), copied under a new directory
/// with a charter that gives every tool of the fixtures `status`.
fn logs_with(status: &str, extra: &str) -> tempfile::TempDir {
    let dir = tree(&[("ai-charter.yaml", &format!("version: 1\ntools:\n  {status}: {TOOLS}\n{extra}"))]);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/network");
    for source in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{e}")).flatten() {
        for file in std::fs::read_dir(source.path()).unwrap_or_else(|e| panic!("{e}")).flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if name == "expected.txt" || name == "map.txt" {
                continue;
            }
            let text = std::fs::read_to_string(file.path()).unwrap_or_else(|e| panic!("{e}"));
            let rel = format!("{}/{name}", source.file_name().to_string_lossy());
            write(dir.path(), &rel, &text);
        }
    }
    dir
}

/// `(rule, severity, path, line, who, tool)` of every finding; `who` is the message's first word.
fn rows(v: &serde_json::Value) -> Vec<(String, String, String, u64, String, String)> {
    let s = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or("").to_string();
    v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    let who = s(f, "message").split(' ').next().unwrap_or("").to_string();
                    (
                        s(f, "rule"),
                        s(f, "severity"),
                        s(f, "path"),
                        f["line"].as_u64().unwrap_or(0),
                        who,
                        s(f, "tool"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn own(rows: &[(&str, &str, &str, u64, &str, &str)]) -> Vec<(String, String, String, u64, String, String)> {
    rows.iter().map(|r| (r.0.into(), r.1.into(), r.2.into(), r.3, r.4.into(), r.5.into())).collect()
}

#[test]
fn every_source_gives_its_exact_findings_and_a_forbidden_tool_is_an_error() {
    let dir = logs_with("forbidden", "");
    let (v, code) = scan_json(&["."], dir.path());
    // The broken fixture lines (squid line 5, squid extended line 4, zscaler line 5) name no AI host: passed over
    // unparsed like every other non-AI line, so no error; forbidden uses exit 1.
    assert_eq!(code, 1);
    assert_eq!(v["errors"], serde_json::json!([]));
    let expected = own(&[
        ("SHADOW006", "error", "cloudflare/gateway_dns.json", 1, "ivan@example.com", "anthropic"),
        ("SHADOW007", "info", "cloudflare/gateway_dns.json", 2, "10.0.0.43", "deepseek"),
        ("SHADOW006", "error", "cloudflare/gateway_http.json", 1, "ivan@example.com", "openai"),
        ("SHADOW007", "info", "cloudflare/gateway_http.json", 2, "judy@example.com", "perplexity"),
        ("SHADOW007", "info", "panos/panos.csv", 2, "example\\heidi", "deepseek"),
        ("SHADOW006", "error", "panos/panos.csv", 3, "example\\heidi", "google-gemini"),
        ("SHADOW006", "error", "squid/access.log", 1, "alice", "deepseek"),
        ("SHADOW007", "info", "squid/access.log", 3, "bob", "anthropic"),
        ("SHADOW006", "error", "squid/access.log", 4, "10.0.0.9", "openai"),
        ("SHADOW006", "error", "squid/common.log", 1, "alice", "mistral"),
        ("SHADOW007", "info", "squid/common.log", 3, "bob", "perplexity"),
        ("SHADOW006", "error", "squid/extended.log", 1, "alice", "deepseek"),
        ("SHADOW007", "info", "squid/extended.log", 3, "bob", "anthropic"),
        ("SHADOW006", "error", "umbrella/dns.csv", 1, "alice", "deepseek"),
        ("SHADOW007", "info", "umbrella/dns.csv", 2, "10.0.0.9", "anthropic"),
        ("SHADOW006", "error", "umbrella/dns.csv", 4, "carol", "google-gemini"),
        ("SHADOW006", "error", "umbrella/proxy.csv", 1, "alice", "openai"),
        ("SHADOW007", "info", "umbrella/proxy.csv", 2, "10.0.0.9", "perplexity"),
        ("SHADOW006", "error", "umbrella/proxy.csv", 3, "198.51.100.77", "mistral"),
        ("SHADOW006", "error", "w3c/bluecoat.log", 7, "judy", "deepseek"),
        ("SHADOW007", "info", "w3c/bluecoat.log", 8, "judy", "anthropic"),
        ("SHADOW006", "error", "w3c/u_ex240302.log", 5, "EXAMPLE\\kim", "anthropic"),
        ("SHADOW006", "error", "zeek/dns.log", 9, "10.0.0.24", "deepseek"),
        ("SHADOW006", "error", "zeek/http.log", 9, "svc-batch", "mistral"),
        ("SHADOW006", "error", "zeek/mixed.json", 1, "10.0.0.25", "google-gemini"),
        ("SHADOW006", "error", "zeek/mixed.json", 2, "10.0.0.26", "anthropic"),
        ("SHADOW006", "error", "zeek/ssl.log", 9, "10.0.0.23", "anthropic"),
        ("SHADOW006", "error", "zscaler/dns.json", 1, "frank@example.com", "deepseek"),
        ("SHADOW007", "info", "zscaler/dns.json", 2, "frank@example.com", "openai"),
        ("SHADOW006", "error", "zscaler/web.csv", 1, "erin@example.com", "anthropic"),
        ("SHADOW007", "info", "zscaler/web.csv", 2, "erin@example.com", "deepseek"),
        ("SHADOW006", "error", "zscaler/web.json", 1, "carol@example.com", "openai"),
        ("SHADOW007", "info", "zscaler/web.json", 2, "dave@example.com", "google-gemini"),
    ]);
    assert_eq!(rows(&v), expected);
    for f in v["findings"].as_array().into_iter().flatten() {
        let (msg, record) = (f["message"].as_str().unwrap_or(""), f["record"].as_str().unwrap_or(""));
        assert!(msg.contains(": forbidden by the charter"), "{msg}");
        let who = msg.split(' ').next().unwrap_or("");
        assert!(record.contains(who), "{record} does not name {who}");
    }
    // Folded: alice's two DeepSeek tunnels are one finding with both times.
    let alice = v["findings"].as_array().into_iter().flatten().find(|f| f["path"] == "squid/access.log");
    let msg = alice.and_then(|f| f["message"].as_str()).unwrap_or("");
    assert!(msg.starts_with("alice used DeepSeek (chat.deepseek.com) 2 times from 2024-03-02T10:14:00Z to 2024-03-02T10:18:20Z"), "{msg}");
    // The inventory has every AI record and no other host.
    let net = &v["summary"]["network"];
    // Lines read: 48 records and 4 broken or header lines passed over unparsed.
    assert_eq!(net["records"], 52);
    assert_eq!(net["matched"], 35);
    let inv = net["inventory"].as_array().cloned().unwrap_or_default();
    let requests: u64 = inv.iter().filter_map(|r| r["requests"].as_u64()).sum();
    assert_eq!(requests, 35);
    assert!(inv.iter().all(|r| r["status"] == "forbidden" && r["day"] == "2024-03-02"), "{inv:?}");
}

#[test]
fn generic_feeds_are_read_through_the_field_map() {
    let dir = logs_with("forbidden", "");
    let (v, _) = scan_json(
        &["generic", "--log-map", "user=employee,bytes_up=sent,bytes_down=received,zone=+01:00"],
        dir.path(),
    );
    assert_eq!(rows(&v), own(&[("SHADOW006", "error", "generic/proxy-export.csv", 2, "liam", "deepseek")]));
    let msg = v["findings"][0]["message"].as_str().unwrap_or("");
    // 1.8 MB sent in one request, above the default 1 MB threshold.
    assert!(msg.contains("a pasted document or an uploaded file"), "{msg}");
    let (v, _) = scan_json(
        &["generic-jsonl", "--log-map", "user=identity.user,client=identity.ip,host=dst.host,action=act"],
        dir.path(),
    );
    assert_eq!(
        rows(&v),
        own(&[("SHADOW007", "info", "generic-jsonl/gateway.jsonl", 1, "mia", "microsoft-copilot")])
    );
    // Without a map, a CSV is no network log: a repository's data files stay text.
    let (v, _) = scan_json(&["generic"], dir.path());
    assert!(v["summary"].get("network").is_none(), "{v}");
}

#[test]
fn approved_tools_and_other_hosts_give_nothing() {
    let dir = logs_with("approved", "");
    let (v, _) = scan_json(&["."], dir.path());
    assert_eq!(rows(&v), Vec::new());
    let tools = v["summary"]["network"]["tools"].as_array().cloned().unwrap_or_default();
    assert_eq!(tools.len(), 6, "{tools:?}");
    assert!(tools.iter().all(|t| t["status"] == "approved"));
}

#[test]
fn tolerated_use_is_info_and_the_threshold_comes_from_the_charter() {
    let dir = logs_with("tolerated", "network:\n  upload_threshold: 4MB\n");
    let (v, _) = scan_json(&["umbrella"], dir.path());
    let mine = rows(&v);
    assert!(
        mine.contains(&own(&[("SHADOW006", "info", "umbrella/proxy.csv", 1, "alice", "openai")])[0]),
        "{mine:?}"
    );
    let proxy = v["findings"].as_array().into_iter().flatten().find(|f| f["path"] == "umbrella/proxy.csv");
    let msg = proxy.and_then(|f| f["message"].as_str()).unwrap_or("");
    assert!(msg.contains("3.0 MB up") && !msg.contains("uploaded file"), "{msg}");
}

#[test]
fn jsonl_on_stdin_streams_findings_then_the_summary() {
    let mut log =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/network/squid/access.log"))
            .unwrap_or_else(|e| panic!("{e}"));
    log.extend_from_slice(b"cut off: 1709374800.000 CONNECT chat.deepseek.com\n");
    let out = charterlint()
        .args(["scan", "--stdin", "--input-format", "squid", "--format", "jsonl", "--exit-zero"])
        .write_stdin(log)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[..3]
            .iter()
            .all(|l| l["type"] == "finding" && l["path"] == "<stdin>" && l["fingerprint"].is_string())
    );
    let last = &lines[3];
    assert_eq!(last["type"], "summary");
    assert_eq!(last["summary"]["findings"], 3);
    assert_eq!(last["summary"]["network"]["files_by_format"]["squid"], 1);
    assert_eq!(last["errors"][0]["path"], "<stdin>");
    assert!(last["errors"][0]["message"].as_str().unwrap_or("").contains("line 8"), "{last}");
    let bad = charterlint()
        .args(["scan", "--stdin", "--input-format", "nope"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format `nope`"));
}

#[test]
fn pseudonyms_replace_people_in_every_output_and_are_stable() {
    let dir = logs_with("forbidden", "");
    write(dir.path(), "dpo.key", "a key the data-protection officer keeps safe\n");
    let run = || {
        let (v, _) = scan_json(&["squid", "zscaler", "--pseudonymize", "dpo.key"], dir.path());
        format!("{} {}", v["findings"], v["summary"]["network"])
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    for name in ["alice", "bob", "carol@example.com", "10.0.0.5", "10.0.0.9", "10.1.2.3", "LAPTOP-CAROL"] {
        assert!(!a.contains(name), "{name} left in the output");
    }
    assert!(a.contains("user-") && a.contains("client-"), "{a}");
    let human = charterlint()
        .current_dir(dir.path())
        .args(["scan", "squid", "--pseudonymize", "dpo.key"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(!text.contains("alice") && text.contains("network logs"), "{text}");
    write(dir.path(), "short.key", "1234");
    let (code, err) = {
        let o = charterlint()
            .current_dir(dir.path())
            .args(["scan", "squid", "--pseudonymize", "short.key"])
            .output();
        let o = o.unwrap_or_else(|e| panic!("{e}"));
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    assert_eq!(code, Some(2));
    assert!(err.contains("fewer than 16"), "{err}");
}

#[test]
fn captured_prompts_are_checked_as_prompts_to_the_service() {
    let line = r#"{"sourcetype":"zscalernss-web","event":{"datetime":"Sat Mar  2 10:20:00 2024","user":"carol@example.com","clientip":"10.1.2.3","hostname":"chatgpt.com","url":"chatgpt.com/backend-api/conversation","action":"Allowed","urlcategory":"Generative AI","requestsize":"4200","responsesize":"9000","prompt_req":"CONFIDENTIAL - do not share: summarise the merger term sheet"}}"#;
    let dir = tree(&[("ai-charter.yaml", "version: 1\n"), ("zscaler/web.json", &format!("{line}\n"))]);
    let (v, _) = scan_json(&["."], dir.path());
    let prompt = v["findings"].as_array().into_iter().flatten().find(|f| f["rule"] != "SHADOW006");
    let prompt = prompt.unwrap_or_else(|| panic!("no prompt finding: {v}"));
    assert_eq!(prompt["tool"], "openai");
    assert!(prompt["rule"].as_str().unwrap_or("").starts_with("CONF"), "{prompt}");
    assert!(prompt["record"].as_str().unwrap_or("").contains("user carol@example.com"), "{prompt}");
}

#[test]
fn gzip_logs_are_claimed_by_content() {
    use std::io::Write as _;
    let log = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/network/squid/common.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&log).unwrap_or_else(|e| panic!("{e}"));
    let bytes = gz.finish().unwrap_or_else(|e| panic!("{e}"));
    let dir = tree(&[("ai-charter.yaml", "version: 1\ntools:\n  forbidden: [mistral]\n")]);
    std::fs::write(dir.path().join("access.log.1.gz"), bytes).unwrap_or_else(|e| panic!("{e}"));
    let (v, code) = scan_json(&["."], dir.path());
    assert_eq!(code, 1);
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(v["findings"][0]["tool"], "mistral");
}

#[test]
fn a_bad_network_section_is_a_located_error() {
    let dir = tree(&[(
        "ai-charter.yaml",
        "version: 1\nnetwork:\n  upload_threshold: lots\n  field_map:\n    usr: login\n",
    )]);
    let out =
        charterlint().current_dir(dir.path()).args(["scan", "."]).output().unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("usr") && err.contains(":5:"), "{err}");
}
