//! Trust in what a run says: the exit code follows findings (an unreadable file is reported and
// charterlint: allow-file SHADOW008 -- tests plant AI SDK imports and constructors on purpose
//! skipped, fatal only under `--strict`), nothing goes unchecked silently (rule-id typos, the
//! pre-commit hook over all files, FIFOs), nothing a scanned file holds can act on a terminal or
//! a CI log, charterlint's own reports are not scanned again, and findings keep their identity.
// charterlint: allow-file SHADOW002, SHADOW003, SHADOW005 -- the binary is fed AI hosts and a made-up key

use std::path::Path;
use std::process::Command as Process;
use std::time::Duration;

use crate::util::{charterlint, rule_hits, scan_json, tree, write};

/// A made-up OpenAI project key of the real shape (marker included), never a live one.
fn openai_key() -> String {
    let body = "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5xY7zA9bC1dE3f";
    format!("sk-proj-{}T3BlbkFJ{}", &body[..74], &body[..74])
}

/// Runs charterlint in `dir`: exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = charterlint()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Dev", "-c", "user.email=dev@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

const HOST: &str = "URL = 'https://api.groq.com/openai/v1'\n";

#[test]
fn an_unreadable_file_is_reported_and_skipped_and_the_exit_code_follows_findings() {
    // A 24-byte text file named like a PDF, next to a file with one warning.
    let t = tree(&[("docs/test.pdf", "this is not a pdf file\n\n"), ("main.py", HOST)]);
    let (v, code) = scan_json(&["."], t.path());
    assert_eq!(code, 1, "the warning decides: {v:#}");
    assert_eq!(v["errors"][0]["path"], "docs/test.pdf");
    assert_eq!(rule_hits(&v).len(), 1);
    assert_eq!(scan_json(&["--fail-on", "never", "."], t.path()).1, 0);
    assert_eq!(scan_json(&["--strict", "."], t.path()).1, 2);
    assert_eq!(scan_json(&["--strict", "--exit-zero", "."], t.path()).1, 0, "--exit-zero is always 0");
    // The charter can ask for the same.
    write(t.path(), "ai-charter.yaml", "version: 1\nscan:\n  strict: true\n");
    assert_eq!(scan_json(&["--fail-on", "never", "."], t.path()).1, 2);
    write(t.path(), "ai-charter.yaml", "version: 1\nscan:\n  strict: yes please\n");
    let (code, _, err) = run(t.path(), &["scan", "."]);
    assert_eq!(code, 2, "a bad value is a charter error: {err}");
    write(t.path(), "ai-charter.yaml", "version: 1\n");

    let (code, out, err) = run(t.path(), &["scan", "--fail-on", "never", "."]);
    assert_eq!(code, 0);
    assert!(out.contains("; 1 file could not be read"), "{out}");
    assert!(err.contains("docs/test.pdf: PDF"), "{err}");
    // SARIF: a notification located at the file; JUnit: a test case in error.
    let (_, sarif, _) = run(t.path(), &["scan", "--format", "sarif", "."]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap_or_default();
    let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "docs/test.pdf",
        "{note}"
    );
    let (_, junit, _) = run(t.path(), &["scan", "--format", "junit", "."]);
    assert!(junit.contains("errors=\"1\"") && junit.contains("docs/test.pdf"), "{junit}");
}

#[test]
fn n8n_workflows_in_an_array_are_no_chat_export_and_no_error() {
    let wf = r#"[{"name":"Summarise","nodes":[{"parameters":{"mapping":{},"messages":{"values":[{"content":"Summarise {{ $json.text }}"}]}},"name":"OpenAI","type":"@n8n/n8n-nodes-langchain.openAi","position":[0,0]},{"parameters":{},"name":"Start","type":"n8n-nodes-base.manualTrigger","position":[0,0]}],"connections":{"Start":{"main":[[{"node":"OpenAI","type":"main","index":0}]]}}}]"#;
    let t = tree(&[("workflows/conversations.json", wf)]);
    let (v, code) = scan_json(&["."], t.path());
    assert_eq!(v["errors"], serde_json::json!([]), "{v:#}");
    assert!(v.get("notices").is_none(), "{v:#}");
    assert!(v["summary"].get("records_by_format").is_none(), "not read as a chat export: {v:#}");
    assert_ne!(code, 2);
}

#[test]
fn an_unknown_chat_shape_is_a_notice_naming_its_keys() {
    // Chat-shaped, of no known format.
    let grok = r#"[{"session":{"session_id":"g1","title":"t"},"turns":[{"message":"hi","sender":"human"}]}]"#;
    let t = tree(&[("export/conversations.json", grok), ("main.py", "print(1)\n")]);
    let (v, code) = scan_json(&["."], t.path());
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["errors"], serde_json::json!([]));
    let notice = v["notices"][0]["message"].as_str().unwrap_or("");
    assert!(notice.contains("session") && notice.contains("turns"), "{notice}");
    let (code, out, err) = run(t.path(), &["scan", "--strict", "."]);
    assert_eq!(code, 0, "a notice is no read failure");
    assert!(out.contains("1 notice") && err.contains("notice: export/conversations.json"), "{out}{err}");
}

#[test]
fn a_path_named_that_cannot_be_read_exits_2_even_with_exit_zero() {
    let t = tree(&[("main.py", HOST)]);
    let (v, code) = scan_json(&["--exit-zero", "main.py", "missing.py"], t.path());
    assert_eq!(code, 2);
    assert_eq!(v["errors"][0]["path"], "missing.py");
    assert_eq!(v["summary"]["findings"], 1, "the other path is still scanned");
    #[cfg(unix)]
    {
        let fifo = t.path().join("pipe");
        let made = Process::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        assert!(made, "mkfifo");
        // Never blocks waiting for a writer.
        let (code, _, err) = run(t.path(), &["scan", "pipe"]);
        assert_eq!(code, 2);
        assert!(err.contains("pipe: is a FIFO"), "{err}");
        let (code, _, err) = run(t.path(), &["scan", "/dev/zero"]);
        assert_eq!(code, 2);
        assert!(err.contains("is a device"), "{err}");
        // A FIFO inside the tree is passed over, not read.
        let (code, _, _) = run(t.path(), &["scan", "--fail-on", "never", "."]);
        assert_eq!(code, 0);
    }
}

#[test]
fn unknown_rule_ids_are_usage_errors_with_a_suggestion() {
    let t = tree(&[("main.py", HOST)]);
    let (code, out, err) = run(t.path(), &["scan", "--select", "SHADW", "."]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no rule id or prefix `SHADW`; did you mean SHADOW?"), "{err}");
    let (code, _, err) = run(t.path(), &["scan", "--ignore", "CONF002,conf07", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("--ignore") && err.contains("`conf07`"), "{err}");
    let (code, _, err) = run(t.path(), &["scan", "--select", "zzzz", "."]);
    assert_eq!(code, 2);
    assert!(!err.contains("did you mean"), "nothing is close: {err}");
    // Ids and prefixes, any case, still select.
    let (v, code) = scan_json(&["--select", "shadow,CONF002", "."], t.path());
    assert_eq!((code, rule_hits(&v).len()), (1, 1));
    let (code, _, err) = run(t.path(), &["explain", "SHADW002"]);
    assert!(code == 2 && err.contains("did you mean SHADOW002?"), "{err}");
}

#[test]
fn a_huge_thread_count_is_capped() {
    let t = tree(&[("main.py", HOST)]);
    let (v, code) = scan_json(&["-j", "100000", "."], t.path());
    assert_eq!((code, rule_hits(&v).len()), (1, 1));
}

/// The hook as pre-commit runs it with `pass_filenames: true`: `scan --staged FILE…`.
#[test]
fn staged_files_named_are_read_from_the_index_even_when_nothing_is_staged() {
    let key = openai_key();
    let t = tree(&[("llm.py", &format!("client = OpenAI(api_key=\"{key}\")\n")), ("app.py", "print(1)\n")]);
    let r = t.path();
    git(r, &["init", "-q"]);
    git(r, &["add", "."]);
    git(r, &["commit", "-q", "-m", "init"]);
    // `pre-commit run --all-files`: nothing staged, every tracked file named.
    let (v, code) = scan_json(&["--staged"], r);
    assert_eq!((code, v["summary"]["files"].as_u64()), (0, Some(0)), "nothing staged, nothing named");
    let (v, code) = scan_json(&["--staged", "app.py", "llm.py"], r);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["summary"]["files"], 2);
    assert!(rule_hits(&v).iter().any(|(rule, path, _)| rule == "SHADOW003" && path == "llm.py"), "{v:#}");
    // The index is judged, not the work tree: an unstaged fix does not hide the key.
    write(r, "llm.py", "client = None\n");
    let (v, _) = scan_json(&["--staged", "llm.py"], r);
    assert!(rule_hits(&v).iter().any(|(rule, _, _)| rule == "SHADOW003"), "{v:#}");
    // Once the fix is staged, the named file passes; in a normal commit the same command runs.
    git(r, &["add", "llm.py"]);
    let (code, out, _) = run(r, &["scan", "--staged", "llm.py"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains(&key[..20]));
    // A name git does not know is an error, not a silent pass.
    write(r, "new.py", "x = 1\n");
    assert_eq!(run(r, &["scan", "--staged", "new.py"]).0, 2);
}

#[test]
fn nothing_a_scanned_file_holds_reaches_the_terminal_or_the_ci_log_raw() {
    let t = tree(&[
        ("esc.py", "URL = '\x1b[2J\x1b]0;owned\x07https://api.groq.com/openai/v1'\n"),
        ("bad\x1b[31m.pdf", "not a pdf, but named like one\n"),
    ]);
    #[cfg(unix)]
    write(t.path(), "a\n::error::x.py", HOST);
    for format in ["human", "csv", "github"] {
        let (_, out, err) = run(t.path(), &["scan", "--format", format, "."]);
        assert!(!out.contains('\x1b') && !err.contains('\x1b'), "{format}: {out:?} {err:?}");
        assert!(!out.contains('\x07'), "{format}");
        assert!(out.lines().chain(err.lines()).all(|l| !l.starts_with("::error::")), "{format}: {out}");
        assert!(out.contains("\\x1b[2J") || format == "github", "{format}: {out}");
    }
    let (_, out, err) = run(t.path(), &["scan", "."]);
    assert!(err.contains("bad\\x1b[31m.pdf"), "{err}");
    // The column in the excerpt's header is the file's, whatever the escapes added.
    assert!(out.contains("esc.py:1:30]"), "{out}");
    #[cfg(unix)]
    {
        assert!(out.contains("a\\n::error::x.py"), "{out}");
        let (_, gh, _) = run(t.path(), &["scan", "--format", "github", "."]);
        assert!(gh.lines().all(|l| l.starts_with("::warning ") || l.starts_with("::notice ")), "{gh}");
        assert!(gh.contains("file=a%0A%3A%3Aerror%3A%3Ax.py,"), "{gh}");
    }
}

#[test]
fn reports_charterlint_wrote_are_not_scanned_again() {
    let key = openai_key();
    let t = tree(&[
        (
            "src/llm.py",
            &format!("client = OpenAI(api_key=\"{key}\")\nURL = 'https://api.groq.com/openai/v1'\n"),
        ),
        ("package.json", "{\"name\": \"charterlint\", \"version\": \"1.0.0\"}\n"),
    ]);
    let r = t.path();
    let (before, _) = scan_json(&["."], r);
    let outputs = [
        "sarif=out/cl.sarif",
        "junit=out/cl.xml",
        "gitlab=out/gl.json",
        "csv=out/cl.csv",
        "json=out/cl.json",
    ];
    std::fs::create_dir_all(r.join("out")).unwrap_or_else(|e| panic!("{e}"));
    let mut args = vec!["scan", "--format", "json"];
    for o in outputs {
        args.extend(["--output", o]);
    }
    args.push(".");
    run(r, &args);
    // The next scan, with or without the same outputs, finds what the first found.
    let (again, _) = scan_json(&["."], r);
    assert_eq!(rule_hits(&again), rule_hits(&before));
    assert_eq!(again["summary"]["files"], before["summary"]["files"], "package.json is still read");
    assert_eq!(again["summary"]["skipped"]["reports"], 5);
    // Renamed, they are still told by content; an `--output` target is skipped whatever it holds.
    for f in ["cl.sarif", "cl.xml", "gl.json", "cl.csv", "cl.json"] {
        std::fs::rename(r.join("out").join(f), r.join(format!("copy-{f}.txt")))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    write(r, "next.sarif", "anything at all\n");
    let (code, out, _) = run(r, &["scan", "--output", "sarif=next.sarif", "."]);
    assert_eq!(code, 1);
    assert!(out.contains("; 6 reports of charterlint skipped"), "{out}");
}

#[test]
fn one_prompt_in_two_conversations_is_two_findings_and_resent_history_is_one() {
    let conv = |id: &str| {
        format!(
            r#"{{"title":"{id}","id":"{id}","current_node":"u","mapping":{{"r":{{"id":"r","message":null,"parent":null,"children":["u"]}},"u":{{"id":"u","parent":"r","children":[],"message":{{"id":"u","author":{{"role":"user"}},"create_time":1740910440,"content":{{"content_type":"text","parts":["Pay FR76 3000 6000 0112 3456 7890 189 today"]}}}}}}}}}}"#
        )
    };
    let line = r#"{"model":"gpt-4o","messages":[{"role":"user","content":"Pay FR76 3000 6000 0112 3456 7890 189 today"}]}"#;
    let t = tree(&[
        ("export/conversations.json", &format!("[{},{}]", conv("a"), conv("b"))),
        ("proxy/requests.jsonl", &format!("{line}\n{line}\n")),
    ]);
    let (v, _) = scan_json(&["."], t.path());
    let count = |path: &str| rule_hits(&v).iter().filter(|(_, p, _)| p == path).count();
    assert_eq!(count("export/conversations.json"), 2, "{v:#}");
    assert_eq!(count("proxy/requests.jsonl"), 1, "{v:#}");
}

#[test]
fn a_response_resent_as_history_is_one_finding_and_the_same_words_from_the_user_are_another() {
    // The key is the rule's own fabricated example. Request 1's response comes back as request
    // 2's history; request 3's user types the same words.
    let said = "Set GROQ_API_KEY=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";
    let log = [
        format!(
            r#"{{"model":"gpt-4o","messages":[{{"role":"user","content":"Which setting?"}}],"choices":[{{"message":{{"role":"assistant","content":"{said}"}}}}]}}"#
        ),
        format!(
            r#"{{"model":"gpt-4o","messages":[{{"role":"user","content":"Which setting?"}},{{"role":"assistant","content":"{said}"}},{{"role":"user","content":"Thanks"}}]}}"#
        ),
        format!(r#"{{"model":"gpt-4o","messages":[{{"role":"user","content":"{said}"}}]}}"#),
    ]
    .join("\n");
    let t = tree(&[("proxy/requests.jsonl", &log)]);
    let (v, _) = scan_json(&["."], t.path());
    let records: Vec<&str> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["rule"] == "SHADOW003")
        .filter_map(|f| f["record"].as_str())
        .collect();
    assert_eq!(
        records,
        [r#"conversation "line 1" › message 2 (assistant)"#, r#"conversation "line 3" › message 1 (user)"#],
        "{v:#}"
    );
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_keep_distinct_fingerprints() {
    use std::os::unix::ffi::OsStrExt;
    let t = tree(&[]);
    for name in [&b"caf\xe9.py"[..], &b"caf\xe8.py"[..]] {
        let path = t.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, HOST).unwrap_or_else(|e| panic!("{e}"));
    }
    let (v, _) = scan_json(&["."], t.path());
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f["path"].as_str()?, f["fingerprint"].as_str()?)))
        .collect();
    assert_eq!(found.len(), 2, "{v:#}");
    assert_ne!(found[0].0, found[1].0);
    assert_ne!(found[0].1, found[1].1);
    assert!(found.iter().any(|(p, _)| *p == "caf\\xe9.py"), "{found:?}");
}
