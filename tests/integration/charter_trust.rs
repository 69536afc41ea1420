//! The charter as input: what a charter found in the scanned tree may reach, what an operator's
//! charter may reach, and charter patterns compiled the same way by `charter check` and the scan.

use std::time::Duration;

use crate::util::{charterlint, findings_with, scan_json, tree};

const SECRET_VAR: &str = "CHARTERLINT_TEST_CANARY";
const SECRET_VALUE: &str = "canary-7f3c1e9a-value-never-printed";

/// Runs the binary in `cwd` with a canary in its environment; (exit code, stdout + stderr).
fn run(cwd: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = charterlint()
        .current_dir(cwd)
        .env(SECRET_VAR, SECRET_VALUE)
        .env_remove("CHARTERLINT_CHARTER")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let t = tree(files);
    std::fs::create_dir_all(t.path().join(".git")).unwrap_or_else(|e| panic!("{e}"));
    t
}

#[test]
fn charter_in_the_tree_cannot_extend_the_environment_or_an_absolute_path() {
    for target in ["/proc/self/environ", "/etc/hostname"] {
        let t =
            repo(&[("ai-charter.yaml", &format!("version: 1\nextends: {target}\n")), ("a.txt", "hello\n")]);
        for args in [&["scan", "."][..], &["charter", "check"]] {
            let (code, out) = run(t.path(), args);
            assert_eq!(code, 2, "{out}");
            assert!(
                out.contains("cannot extend an absolute path") && out.contains("ai-charter.yaml:2:10"),
                "{out}"
            );
            assert!(!out.contains(SECRET_VALUE), "the environment leaked:\n{out}");
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn charter_given_by_the_operator_never_shows_a_binary_file() {
    let t = tree(&[("op.yaml", "version: 1\nextends: /proc/self/environ\n"), ("a.txt", "hello\n")]);
    for charter in ["op.yaml", "/proc/self/environ"] {
        let (code, out) = run(t.path(), &["scan", "--charter", charter, "."]);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("not a YAML file (binary content)"), "{out}");
        assert!(!out.contains(SECRET_VALUE), "the environment leaked:\n{out}");
    }
}

#[cfg(unix)]
#[test]
fn charter_in_the_tree_cannot_follow_a_symlink_out_of_its_repository() {
    let t = tree(&[
        ("outside/org.yaml", "version: 1\norganization: Outside Org\n"),
        ("repo/ai-charter.yaml", "version: 1\nextends: shared/org.yaml\n"),
    ]);
    std::fs::create_dir_all(t.path().join("repo/.git")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../outside", t.path().join("repo/shared")).unwrap_or_else(|e| panic!("{e}"));
    let (code, out) = run(&t.path().join("repo"), &["charter", "check"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("outside the repository") && !out.contains("Outside Org"), "{out}");
}

#[test]
fn charter_dotdot_escape_is_refused_and_relative_extends_inside_works() {
    let t = tree(&[
        ("org.yaml", "version: 1\norganization: Outside Org\n"),
        ("repo/ai-charter.yaml", "version: 1\nextends: ../org.yaml\n"),
        ("repo/team/ai-charter.yaml", "version: 1\nextends: ../shared/base.yaml\n"),
        ("repo/shared/base.yaml", "version: 1\norganization: Inside Org\n"),
    ]);
    std::fs::create_dir_all(t.path().join("repo/.git")).unwrap_or_else(|e| panic!("{e}"));
    let (code, out) = run(&t.path().join("repo"), &["charter", "check"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("outside the repository") && !out.contains("Outside Org"), "{out}");
    let (code, out) = run(&t.path().join("repo/team"), &["charter", "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("organization: Inside Org"), "{out}");
    // The operator may reach the file the repository's charter may not.
    let (code, out) = run(&t.path().join("repo"), &["charter", "check", "ai-charter.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("organization: Outside Org"), "{out}");
}

#[test]
fn charter_given_explicitly_or_by_environment_may_extend_an_absolute_path() {
    let org =
        tree(&[("org.yaml", "version: 1\norganization: Group Charter\ndata:\n  codenames: [Falcon]\n")]);
    let org_path = org.path().join("org.yaml");
    let op = format!("version: 1\nextends: {}\n", org_path.display());
    let t = repo(&[("ci/charter.yaml", &op), ("ai-charter.yaml", "version: 1\norganization: Repo\n")]);
    let (code, out) = run(t.path(), &["charter", "check", "ci/charter.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("organization: Group Charter"), "{out}");
    let out = charterlint()
        .current_dir(t.path())
        .env("CHARTERLINT_CHARTER", t.path().join("ci/charter.yaml"))
        .args(["charter", "check"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains("organization: Group Charter") && !stdout.contains("organization: Repo"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn charter_extending_a_fifo_is_refused_in_bounded_time() {
    let t = repo(&[("ai-charter.yaml", "version: 1\nextends: pipe.yaml\n"), ("a.txt", "hello\n")]);
    let made = std::process::Command::new("mkfifo").arg(t.path().join("pipe.yaml")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // `run` has a timeout: a blocked open would fail the test instead of hanging it.
    let (code, out) = run(t.path(), &["scan", "."]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("a named pipe (FIFO), not a regular file"), "{out}");
    let (code, out) = run(t.path(), &["scan", "--charter", "pipe.yaml", "a.txt"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("FIFO"), "{out}");
}

#[test]
fn charter_pattern_with_unicode_classes_finds_confidential_data() {
    let charter =
        "version: 1\ndata:\n  patterns:\n    - name: contract number\n      regex: '\\bCTR-\\d{6}\\b'\n";
    let t = tree(&[
        ("ai-charter.yaml", charter),
        ("prompts.jsonl", "{\"prompt\": \"summarise contract CTR-123456 for the client\"}\n"),
    ]);
    let (code, out) = run(t.path(), &["charter", "check"]);
    assert_eq!(code, 0, "{out}");
    let (v, _) = scan_json(&["prompts.jsonl"], t.path());
    let hits = findings_with(&v, "message");
    assert!(
        hits.iter().any(|(_, _, path, line, message)| path == "prompts.jsonl"
            && *line == 1
            && message.contains("\"contract number\"")),
        "{hits:?}"
    );
}

#[test]
fn charter_pattern_that_is_invalid_is_a_located_error_at_check_and_scan() {
    let charter = "version: 1\ndata:\n  patterns:\n    - name: contract number\n      regex: 'CTR-(\\d{6}'\n";
    let t = tree(&[("ai-charter.yaml", charter), ("prompts.jsonl", "{\"prompt\": \"CTR-123456\"}\n")]);
    for args in [&["charter", "check"][..], &["scan", "."]] {
        let (code, out) = run(t.path(), args);
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("invalid regex in pattern `contract number`")
                && out.contains("ai-charter.yaml:5:19")
                && out.contains("unclosed group"),
            "{out}"
        );
    }
}
