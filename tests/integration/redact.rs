//! Nothing a scan prints shows a secret beyond its mask: the hook's output on a commit that adds
//! a key, every `--format` on a line that holds a key, an AWS secret, an IBAN and a made-up key,
//! the baseline file, and a charter error quoting a line with a key. `--show-secrets` shows all.

use std::path::Path;
use std::process::Command as Process;

use charterlint::report::Format;
use clap::ValueEnum;

use super::util::{charterlint, tree, write};

const KEY_BODY: &str =
    "Qm7vR2xK9pL4wN8bT3zY6cH1jD5sF0gA7eU2iO9rP4kM8nB3vC6xZ1qW5yE0tL7hG2jS9dF4aK8mN3pR6uV1xB5zC";

fn openai_key() -> String {
    format!("sk-proj-{}T3BlbkFJ{}", &KEY_BODY[..74], &KEY_BODY[10..84])
}

/// The OpenAI key variable, spelled so that this file does not use it.
const KEY_VAR: &str = concat!("OPENAI", "_API_KEY");
const AWS_SECRET: &str = "Wq8vRt2LmN5pK9wZ3yB7cF1hJ4gD6sA0eU+iO/Tr";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";
/// The shape of an OpenAI project key, without its marker: no format validates it.
const FAKE_KEY: &str = "sk-proj-Zx81Lq03Vb72Nc64Md55Ke46Jf37Hg28";

/// Fails if `out` shows 12 characters in a row of any of `secrets`.
fn assert_masked(what: &str, out: &str, secrets: &[&str]) {
    for s in secrets {
        let c: Vec<char> = s.chars().collect();
        for w in c.windows(12) {
            let w: String = w.iter().collect();
            if let Some(line) = out.lines().find(|l| l.contains(&w)) {
                panic!("{what} shows `{w}` of a secret: {line}");
            }
        }
    }
}

fn run(args: &[&str], cwd: &Path) -> (String, i32) {
    let out = charterlint().current_dir(cwd).args(args).output().unwrap_or_else(|e| panic!("run: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (text, out.status.code().unwrap_or(-1))
}

fn settings() -> String {
    let key = openai_key();
    format!(
        "import os\n\n{KEY_VAR} = \"{key}\"\nline = \"{key}\" ; aws_secret_access_key = \"{AWS_SECRET}\" ; iban {IBAN} ; fake = \"{FAKE_KEY}\"\nother = 1\n"
    )
}

#[test]
fn every_format_masks_a_key_an_aws_secret_an_iban_and_a_made_up_key_on_one_line() {
    let t = tree(&[("src/settings.py", &settings())]);
    let key = openai_key();
    let secrets = [key.as_str(), AWS_SECRET, IBAN, FAKE_KEY];
    for f in Format::value_variants() {
        let name = f.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
        let (out, code) = run(&["scan", "--format", &name, "."], t.path());
        assert_eq!(code, 1, "{name}: {out}");
        assert_masked(&name, &out, &secrets);
        // GitHub annotations carry the message only; the HTML report lists repository findings
        // by rule and place, without their snippets.
        if name != "github" && name != "html" {
            assert!(out.contains("sk-pro…"), "{name} shows the key's mask: {out}");
        }
    }
    let (json, _) = run(&["scan", "--format", "json", "."], t.path());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let snippets: Vec<&str> =
        v["findings"].as_array().into_iter().flatten().filter_map(|f| f["snippet"].as_str()).collect();
    // SHADOW005's snippet is the key's line too: it shows the whole mask, not a cut of the key.
    assert!(snippets.iter().all(|s| !s.contains("sk-proj")), "{snippets:?}");
    assert!(
        snippets.iter().any(|s| s.contains(&format!("{KEY_VAR} = \"sk-pro…")) && s.contains("(164 chars)")),
        "{snippets:?}"
    );

    let (shown, _) = run(&["scan", "--show-secrets", "."], t.path());
    for s in secrets {
        assert!(shown.contains(s), "--show-secrets shows {s}: {shown}");
    }
}

#[test]
fn a_baseline_holds_no_scanned_text() {
    let t = tree(&[("src/settings.py", &settings())]);
    let (out, code) = run(&["baseline", "create", "."], t.path());
    assert_eq!(code, 0, "{out}");
    let file = std::fs::read_to_string(t.path().join(charterlint::baseline::DEFAULT_FILE))
        .unwrap_or_else(|e| panic!("baseline: {e}"));
    assert!(file.contains("SHADOW003"), "{file}");
    let key = openai_key();
    assert_masked("the baseline", &file, &[key.as_str(), AWS_SECRET, IBAN, FAKE_KEY]);
    assert!(!file.contains("sk-pro"), "no mask either: the baseline keeps fingerprints only\n{file}");
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

#[test]
fn the_hook_on_a_commit_adding_a_key_shows_only_masks() {
    let t = tree(&[("README.md", "# app\n")]);
    let dir = t.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "init"]);
    write(dir, "src/settings.py", &settings());
    git(dir, &["add", "."]);
    let key = openai_key();
    let (out, code) = run(&["scan", "--staged"], dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SHADOW003") && out.contains("SHADOW005"), "{out}");
    assert_masked("scan --staged", &out, &[key.as_str(), AWS_SECRET, IBAN, FAKE_KEY]);
}

#[test]
fn a_charter_error_masks_a_key_on_the_line_it_shows() {
    let key = "sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWx";
    let t = tree(&[("ai-charter.yaml", &format!("version: 1\ntoken: {key}\n"))]);
    for args in [&["charter", "check", "ai-charter.yaml"][..], &["scan", "."][..]] {
        let (out, code) = run(args, t.path());
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("unknown key `token`") && out.contains("token: sk-pro…Wx (42 chars)"), "{out}");
        assert_masked("a charter error", &out, &[key]);
    }
}
