//! `--pseudonymize KEYFILE` on every input and every output: no person of the fixtures (prompt-log
//! users and accounts, audit-record users, network-log users, client addresses and devices) is
//! left in any format, the pseudonyms are the same from one run to the next, and one person seen
//! in a proxy log and in a ChatGPT export is one pseudonym.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{charterlint, scan_json, tree, write};

const INPUTS: [&str; 4] = ["fixtures/logs", "fixtures/network", "--charter", "fixtures/logs/ai-charter.yaml"];

const FORMATS: [&str; 9] = ["human", "json", "sarif", "github", "junit", "gitlab", "csv", "html", "jsonl"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn key(dir: &Path, name: &str, text: &str) -> String {
    write(dir, name, text);
    dir.join(name).display().to_string()
}

fn scan(cwd: &Path, args: &[&str]) -> String {
    let out = charterlint()
        .current_dir(cwd)
        .arg("scan")
        .arg("--exit-zero")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

/// The user of each finding's record (`user X › …`).
fn record_users(v: &Value) -> Vec<String> {
    let records = v["findings"].as_array().into_iter().flatten().filter_map(|f| f["record"].as_str());
    records
        .filter_map(|r| r.strip_prefix("user "))
        .map(|r| r.split(" › ").next().unwrap_or(r).to_string())
        .collect()
}

/// The people of the network inventory.
fn inventory_users(v: &Value) -> Vec<String> {
    let rows = v["summary"]["network"]["inventory"].as_array().into_iter().flatten();
    rows.filter_map(|r| r["user"].as_str()).map(str::to_string).collect()
}

/// How `person` could be written in an output: as is, JSON-escaped, HTML-escaped.
fn spellings(person: &str) -> Vec<String> {
    let json = serde_json::to_string(person).unwrap_or_default();
    let html = person.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    vec![person.to_lowercase(), json.trim_matches('"').to_lowercase(), html.to_lowercase()]
}

#[test]
fn no_person_of_the_fixtures_is_in_any_output() {
    let dir = tree(&[]);
    let key = key(dir.path(), "dpo.key", "a key the data-protection officer keeps safe\n");
    let (clear, _) = scan_json(&INPUTS, &root());
    let mut people: BTreeSet<String> =
        record_users(&clear).into_iter().chain(inventory_users(&clear)).collect();
    // The ChatGPT account's own id, from user.json: never shown, pseudonymised or not.
    people.insert("user-Qm7xT2vK9pL4".into());
    // Every kind of identity is there: prompt-log and audit-record e-mails, logins, addresses.
    for expected in
        ["marc.lefebvre@acme-industries.fr", "thomas.bernard@acme-industries.fr", "alice", "10.0.0.9"]
    {
        assert!(people.contains(expected), "{expected} not among {people:?}");
    }
    assert!(people.len() >= 20, "{people:?}");
    for format in FORMATS {
        let out = scan(&root(), &[&INPUTS[..], &["--format", format, "--pseudonymize", &key]].concat());
        let lower = out.to_lowercase();
        for person in &people {
            for s in spellings(person) {
                assert!(!lower.contains(&s), "{format}: `{person}` left in the output");
            }
        }
        assert!(out.contains("user-"), "{format}: no pseudonym at all");
    }
}

#[test]
fn pseudonyms_are_stable_keyed_and_shared_across_inputs() {
    let chatgpt = root().join("fixtures/logs/chatgpt");
    let mut files: Vec<(String, String)> = ["conversations.json", "user.json"]
        .iter()
        .map(|n| {
            (
                format!("chatgpt/{n}"),
                std::fs::read_to_string(chatgpt.join(n)).unwrap_or_else(|e| panic!("{e}")),
            )
        })
        .collect();
    // The same person as the export's account, written otherwise by the proxy.
    let squid = "1709374440.123    245 10.0.0.5 TCP_TUNNEL/200 5120 CONNECT chat.deepseek.com:443 \
                 Marc.Lefebvre@ACME-industries.fr HIER_DIRECT/203.0.113.10 -\n";
    files.push(("squid/access.log".into(), squid.into()));
    files.push(("ai-charter.yaml".into(), "version: 1\ntools:\n  forbidden: [deepseek]\n".into()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let dir = tree(&refs);
    let first = key(dir.path(), "dpo.key", "a key the data-protection officer keeps safe\n");
    let other = key(dir.path(), "other.key", "another key, from another audit of the company\n");
    let run = |key: &str| scan_json(&[".", "--pseudonymize", key], dir.path()).0;
    let (a, b, c) = (run(&first), run(&first), run(&other));

    let users =
        |v: &Value| -> BTreeSet<String> { record_users(v).into_iter().chain(inventory_users(v)).collect() };
    let people = users(&a);
    // One person in both inputs: one pseudonym, in the records and in the inventory.
    assert_eq!(people.len(), 1, "{people:?}");
    let person = people.iter().next().cloned().unwrap_or_default();
    assert!(person.starts_with("user-") && person.len() == 21, "{person}");
    assert_eq!(inventory_users(&a), vec![person.clone()]);
    assert!(record_users(&a).iter().all(|u| *u == person) && !record_users(&a).is_empty());
    // Same key, same output; another key, other pseudonyms.
    assert_eq!(a["findings"], b["findings"]);
    assert_eq!(a["summary"]["network"], b["summary"]["network"]);
    let again = users(&c);
    assert_eq!(again.len(), 1);
    assert!(!again.contains(&person), "{again:?}");
}

#[test]
fn commit_authors_are_pseudonymised_in_records() {
    let dir = tree(&[("ai-charter.yaml", "version: 1\nlabels:\n  commit_trailer: AI-Assisted\n")]);
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=Zoé Martin", "-c", "user.email=Zoe.Martin@corp.example"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("git: {e}"));
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    };
    git(&["init", "-q"]);
    git(&[
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Add the parser\n\nCo-authored-by: Claude <noreply@anthropic.com>",
    ]);
    let key = key(dir.path(), "dpo.key", "a key the data-protection officer keeps safe\n");
    let records = |extra: &[&str]| -> Vec<String> {
        let (v, _) = scan_json(&[&["--git-log", "HEAD"], extra].concat(), dir.path());
        let fs = v["findings"].as_array().cloned().unwrap_or_default();
        fs.iter().filter_map(|f| f["record"].as_str().map(str::to_string)).collect()
    };
    let clear = records(&[]);
    assert!(clear.iter().any(|r| r.contains("by Zoé Martin <Zoe.Martin@corp.example>")), "{clear:?}");
    let hidden = records(&["--pseudonymize", &key]);
    assert!(!hidden.is_empty());
    for r in &hidden {
        assert!(r.contains(" by user-") && !r.contains("Zo") && !r.contains("corp.example"), "{r}");
    }
    // Nor in the excerpt of the human output, which shows the lines around the trailer.
    let human = scan(dir.path(), &["--git-log", "HEAD", "--pseudonymize", &key]);
    assert!(human.contains("Author: user-") && !human.contains("corp.example"), "{human}");
    // An AI agent as the author is nobody: it stays, and is still found.
    git(&[
        "-c",
        "user.name=Claude",
        "-c",
        "user.email=noreply@anthropic.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Fix",
    ]);
    let agent = scan(dir.path(), &["--git-log", "HEAD", "--pseudonymize", &key, "--format", "json"]);
    assert!(agent.contains("by Claude <noreply@anthropic.com>"), "{agent}");
}
