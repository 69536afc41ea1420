//! The binary's contracts: exit codes, the JSON shape, masking, suppressions, the walk, and
// charterlint: allow-file SHADOW008 -- tests plant AI SDK imports and constructors on purpose
//! the commands around the scan.
// charterlint: allow-file SHADOW002, ALLOW -- the binary is fed AI hosts and suppression comments

use crate::util::{charterlint, rule_hits, scan_json, tree};

fn key_tree() -> tempfile::TempDir {
    // A project-style key: sk-proj- + 74 chars + T3BlbkFJ + 74 chars.
    let body = "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5xY7zA9bC1dE3f";
    let key = format!("sk-proj-{}T3BlbkFJ{}", &body[..74], &body[..74]);
    let line = format!("client = OpenAI(api_key=\"{key}\")\n");
    tree(&[("app/llm.py", &line)])
}

#[test]
fn json_contract_fields() {
    let t = tree(&[("src/client.py", "BASE = \"https://api.openai.com/v1\"\n")]);
    let (v, code) = scan_json(&["."], t.path());
    assert_eq!(code, 1);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "charterlint");
    assert_eq!(v["charter"]["source"], "embedded default");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["records"], 0);
    assert_eq!(v["summary"]["findings"], 1);
    assert_eq!(v["summary"]["by_severity"]["warning"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "SHADOW002");
    assert_eq!(f["category"], "shadow-ai");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["path"], "src/client.py");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(1), Some(17)));
    assert_eq!((f["end_line"].as_u64(), f["end_column"].as_u64()), (Some(1), Some(31)));
    assert_eq!(f["snippet"], "BASE = \"https://api.openai.com/v1\"");
    assert!(f["fingerprint"].as_str().is_some_and(|s| s.starts_with("sha256:")));
    assert!(f["charter_ref"].as_str().is_some_and(|s| s.starts_with('§')));
    assert!(f["references"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(f["help"].as_str().is_some_and(|s| s.contains("tools.approved")));
    assert!(f["message"].as_str().is_some_and(|s| s.contains("api.openai.com") && s.contains("OpenAI")));
}

#[test]
fn fingerprint_survives_inserted_lines() {
    let t = tree(&[("a.py", "URL = 'https://api.mistral.ai/v1'\n")]);
    let (before, _) = scan_json(&["."], t.path());
    crate::util::write(t.path(), "a.py", "import os\n\n\nURL = 'https://api.mistral.ai/v1'\n");
    let (after, _) = scan_json(&["."], t.path());
    assert_eq!(after["findings"][0]["line"], 4);
    assert_eq!(before["findings"][0]["fingerprint"], after["findings"][0]["fingerprint"]);
}

#[test]
fn exit_codes_follow_fail_on() {
    let clean = tree(&[("main.py", "print('hello')\n")]);
    assert_eq!(scan_json(&["."], clean.path()).1, 0);
    let warn = tree(&[("main.py", "URL = 'https://api.groq.com/openai/v1'\n")]);
    assert_eq!(scan_json(&["."], warn.path()).1, 1);
    assert_eq!(scan_json(&["--fail-on", "error", "."], warn.path()).1, 0);
    assert_eq!(scan_json(&["--fail-on", "info", "."], warn.path()).1, 1);
}

#[test]
fn unreadable_path_is_reported_the_rest_is_scanned_and_exit_is_2() {
    let t = tree(&[("main.py", "URL = 'https://api.groq.com/openai/v1'\n")]);
    let (v, code) = scan_json(&["main.py", "missing-dir"], t.path());
    assert_eq!(code, 2);
    assert_eq!(v["summary"]["findings"], 1, "the readable file is still scanned");
    assert_eq!(v["errors"][0]["path"], "missing-dir");
}

#[test]
fn keys_are_masked_everywhere_unless_asked() {
    let t = key_tree();
    let text = std::fs::read_to_string(t.path().join("app/llm.py")).unwrap_or_default();
    let key = text.split('"').nth(1).unwrap_or_default().to_string();
    assert!(key.len() > 100);
    let middle = &key[10..key.len() - 4];
    for format in ["json", "human"] {
        let out = charterlint()
            .current_dir(t.path())
            .args(["scan", "--format", format, "."])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout.contains("SHADOW003"), "{format}: {stdout}");
        assert!(!stdout.contains(middle), "{format} output leaks the key:\n{stdout}");
    }
    let out = charterlint()
        .current_dir(t.path())
        .args(["scan", "--format", "json", "--show-secrets", "."])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&key));
}

#[test]
fn human_output_shows_the_span_rule_help_and_summary() {
    let t = tree(&[("src/client.py", "import httpx\n\nBASE = \"https://api.anthropic.com/v1\"\n")]);
    let out =
        charterlint().current_dir(t.path()).args(["scan", "."]).output().unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(s.contains("SHADOW002"), "{s}");
    assert!(s.contains("src/client.py:3:17"), "{s}");
    assert!(s.contains(" 3 │ BASE = \"https://api.anthropic.com/v1\""), "{s}");
    assert!(s.contains("help:") && s.contains("why: charter §7"), "{s}");
    assert!(s.contains("charterlint: 1 file scanned in"), "{s}");
    assert!(s.contains("1 finding (0 errors, 1 warning, 0 info)"), "{s}");
    assert!(!s.contains('\u{1b}'), "no colour codes when NO_COLOR is set or not a terminal");
}

#[test]
fn suppressions_need_a_reason_and_unused_ones_are_reported() {
    let t = tree(&[
        (
            "a.py",
            "# charterlint: allow SHADOW002 -- approved by the AI committee, ticket 42\nURL = 'https://api.openai.com'\n",
        ),
        ("b.py", "URL = 'https://api.openai.com'  # charterlint: allow SHADOW002\n"),
        ("c.py", "# charterlint: allow SHADOW002 -- nothing here any more\nprint('x')\n"),
    ]);
    let (v, _) = scan_json(&["--fail-on", "error", "."], t.path());
    let hits = rule_hits(&v);
    assert_eq!(
        hits,
        vec![
            ("ALLOW001".to_string(), "c.py".to_string(), 1),
            ("ALLOW002".to_string(), "b.py".to_string(), 1),
            ("SHADOW002".to_string(), "b.py".to_string(), 1),
        ]
    );
}

#[test]
fn walk_honours_gitignore_excludes_and_hidden_files() {
    let t = tree(&[
        (".gitignore", "build/\n"),
        ("build/gen.py", "URL = 'https://api.openai.com'\n"),
        ("vendor/lib.py", "URL = 'https://api.openai.com'\n"),
        (".cursorrules", "Be brief.\n"),
        (".git/config", "url = https://api.openai.com\n"),
        ("logo.png", "\u{0}\u{0}PNG api.openai.com"),
    ]);
    let (v, _) = scan_json(&["--exclude", "vendor/**", "."], t.path());
    let paths: Vec<String> = rule_hits(&v).into_iter().map(|h| h.1).collect();
    assert_eq!(paths, vec![".cursorrules".to_string()]);
    assert_eq!(v["summary"]["skipped"]["binary"], 1);
    let (v, _) = scan_json(&["--no-ignore", "--exclude", "vendor/**", "."], t.path());
    let mut paths: Vec<String> = rule_hits(&v).into_iter().map(|h| h.1).collect();
    paths.sort();
    assert_eq!(paths, vec![".cursorrules".to_string(), "build/gen.py".to_string()]);
}

#[test]
fn select_and_ignore_by_prefix() {
    let t = tree(&[("a.py", "URL = 'https://api.openai.com'\n"), ("CLAUDE.md", "notes\n")]);
    let (v, _) = scan_json(&["--select", "SHADOW00", "--ignore", "SHADOW004", "."], t.path());
    let rules: Vec<String> = rule_hits(&v).into_iter().map(|h| h.0).collect();
    assert_eq!(rules, vec!["SHADOW002".to_string()]);
}

#[test]
fn misspelled_charter_key_exits_2_naming_key_and_line() {
    let t = tree(&[
        ("ai-charter.yaml", "version: 1\norganization: ACME\ntolls:\n  approved: [openai]\n"),
        ("a.py", "x = 1\n"),
    ]);
    let out =
        charterlint().current_dir(t.path()).args(["scan", "."]).output().unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("tolls"), "{err}");
    assert!(err.contains("tools"), "suggests the valid key: {err}");
    assert!(err.contains("ai-charter.yaml:3"), "points at line 3: {err}");
}

#[test]
fn charter_approval_silences_and_forbidding_escalates() {
    let files = |status: &str| {
        tree(&[
            ("ai-charter.yaml", &format!("version: 1\ntools:\n  {status}: [openai]\n")),
            ("src/a.py", "URL = 'https://api.openai.com'\n"),
        ])
    };
    let (v, code) = scan_json(&["."], files("approved").path());
    assert_eq!((v["summary"]["findings"].as_u64(), code), (Some(0), 0));
    let (v, code) = scan_json(&["."], files("tolerated").path());
    assert_eq!((v["findings"][0]["severity"].as_str(), code), (Some("info"), 0));
    let (v, code) = scan_json(&["."], files("forbidden").path());
    assert_eq!((v["findings"][0]["severity"].as_str(), code), (Some("error"), 1));
    assert_eq!(v["charter"]["source"].as_str().map(|s| s.ends_with("ai-charter.yaml")), Some(true));
}

#[test]
fn rules_explain_init_charter_check_catalog() {
    let out = charterlint().arg("rules").output().unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    for id in ["SHADOW001", "SHADOW002", "SHADOW003", "SHADOW004", "INJECT001", "INJECT004"] {
        assert!(s.contains(id), "{s}");
    }
    let out = charterlint().args(["explain", "shadow002"]).output().unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("SHADOW002") && s.contains("§7") && s.contains("Fails on") && s.contains("api.openai.com"),
        "{s}"
    );
    let out = charterlint().args(["explain", "SHADOW02"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean"));

    let t = tree(&[]);
    let out = charterlint().current_dir(t.path()).arg("init").output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(t.path().join("ai-charter.yaml")).unwrap_or_default();
    assert!(written.contains("tools:") && written.contains('#'));
    let out = charterlint().current_dir(t.path()).arg("init").output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2), "never overwrites");
    assert_eq!(std::fs::read_to_string(t.path().join("ai-charter.yaml")).unwrap_or_default(), written);
    let out = charterlint()
        .current_dir(t.path())
        .args(["charter", "check"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("version: 1"));

    let out = charterlint().args(["catalog", "anthropic"]).output().unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("anthropic") && !s.contains("deepseek"), "{s}");
}

#[test]
fn catalog_shows_jurisdiction_hosting_and_their_sources() {
    let out = charterlint().args(["catalog", "deepseek"]).output().unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    let header = s.lines().next().unwrap_or_default();
    assert!(header.contains("JUR") && header.contains("HOSTING"), "{s}");
    let row = s.lines().find(|l| l.starts_with("deepseek ")).unwrap_or_else(|| panic!("{s}"));
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(cols.windows(3).any(|w| w == ["CN", "CN", "CN"]), "country, jurisdiction, hosting: {row}");
    let local = charterlint().args(["catalog", "ollama"]).output().unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&local.stdout);
    assert!(s.lines().any(|l| l.starts_with("ollama ") && l.contains(" loc ")), "{s}");

    let out = charterlint()
        .args(["catalog", "--format", "json", "groq"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let groq =
        v.as_array().and_then(|a| a.iter().find(|s| s["id"] == "groq")).unwrap_or_else(|| panic!("{v}"));
    assert_eq!(groq["jurisdiction"], "US");
    assert_eq!(groq["sources"]["jurisdiction"], "catalogue: vendor's country");
    assert_eq!(groq["hosting"], serde_json::json!([]));
}
