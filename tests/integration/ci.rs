//! The developer's and the security team's daily use: CI output formats (SARIF validated against
//! the official 2.1.0 schema), several outputs in one run, baselines, `scan --staged` on a real
//! git repository, and the small flags (`--exit-zero`, `--quiet`, `--stats`, completions, man).
// charterlint: allow-file SHADOW002, SHADOW005 -- the binary is fed AI hosts and key variables

use std::path::Path;
use std::process::Command as Process;

use crate::util::{charterlint, scan_json, tree, write};

/// A project-style OpenAI key, built so this file holds none in clear.
fn openai_key() -> String {
    let body = "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5xY7zA9bC1dE3f";
    format!("sk-proj-{}T3BlbkFJ{}", &body[..74], &body[..74])
}

/// A small project with a warning (an API host), an error (a key) and a clean file.
fn project() -> tempfile::TempDir {
    let key = openai_key();
    tree(&[
        ("src/client.py", "import os\nBASE = \"https://api.openai.com/v1\"\n"),
        ("config/dev, local.env", &format!("OPENAI_API_KEY={key}\n")),
        ("README.md", "# demo\n"),
    ])
}

fn stdout_of(args: &[&str], cwd: &Path) -> (String, i32) {
    let out = charterlint().current_dir(cwd).args(args).output().unwrap_or_else(|e| panic!("run: {e}"));
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code().unwrap_or(-1))
}

fn parse(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn sarif_schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0-rtm.5.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The schema's `language` pattern has a bare `]`, a literal in ECMAScript regexes but an
    // error for the Rust engines: escape it, which keeps its ECMAScript meaning.
    let bare = r#"^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#;
    assert!(text.contains(bare), "the vendored schema changed");
    parse(&text.replace(bare, r#"^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$"#))
}

#[test]
fn sarif_validates_against_the_official_schema_and_carries_what_code_scanning_reads() {
    let t = project();
    let (out, code) = stdout_of(&["scan", "--format", "sarif", "."], t.path());
    assert_eq!(code, 1);
    let log = parse(&out);
    let validator = jsonschema::draft4::new(&sarif_schema()).unwrap_or_else(|e| panic!("schema: {e}"));
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "charterlint");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/'))
    );
    let rules = run["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
    assert!(rules.len() >= 10, "every rule that ran is described");
    for r in &rules {
        let id = r["id"].as_str().unwrap_or_default();
        for field in ["shortDescription", "fullDescription"] {
            assert!(r[field]["text"].as_str().is_some_and(|s| !s.is_empty()), "{id} lacks {field}");
        }
        assert!(r["help"]["text"].as_str().is_some_and(|s| s.contains("charter")), "{id} help text");
        assert!(
            r["help"]["markdown"].as_str().is_some_and(|s| s.contains("**How to fix**")),
            "{id} help markdown"
        );
        assert!(matches!(r["defaultConfiguration"]["level"].as_str(), Some("error" | "warning" | "note")));
    }
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 3, "host, key and key variable: {results:#?}");
    let (json, _) = scan_json(&["."], t.path());
    for (res, f) in results.iter().zip(json["findings"].as_array().into_iter().flatten()) {
        assert_eq!(res["ruleId"], f["rule"]);
        let idx = res["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(rules.get(idx).map(|r| &r["id"]), Some(&res["ruleId"]));
        assert_eq!(res["partialFingerprints"]["charterlint/v1"], f["fingerprint"]);
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &loc["region"];
        assert_eq!(region["startLine"], f["line"]);
        assert_eq!(region["startColumn"], f["column"]);
        assert_eq!(region["endLine"], f["end_line"]);
        assert_eq!(region["endColumn"], f["end_column"]);
    }
    let uris: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(uris.contains(&"config/dev%2C%20local.env") && uris.contains(&"src/client.py"), "{uris:?}");
    let levels: Vec<&str> = results.iter().filter_map(|r| r["level"].as_str()).collect();
    assert!(levels.contains(&"error") && levels.contains(&"warning"));
    assert!(!out.contains(&openai_key()), "the key is masked in SARIF");
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let t = project();
    let (out, code) = stdout_of(&["scan", "--format", "github", "."], t.path());
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines.iter().any(|l| l.starts_with(
            "::warning file=src/client.py,line=2,col=17,endLine=2,endColumn=31,title=SHADOW002 "
        )),
        "{out}"
    );
    // The comma in the file name is escaped, so the runner does not split the property there.
    assert!(lines.iter().any(|l| l.starts_with("::error file=config/dev%2C local.env,line=1,")), "{out}");
    assert!(lines.iter().all(|l| l.matches("::").count() == 2), "one command per line: {out}");
    assert!(!out.contains(&openai_key()));
}

#[test]
fn junit_gitlab_and_csv_carry_every_finding() {
    let t = project();
    let (junit, _) = stdout_of(&["scan", "--format", "junit", "."], t.path());
    assert!(junit.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"charterlint\" tests=\"3\" failures=\"3\""));
    assert_eq!(junit.matches("<testcase ").count(), 3);
    assert_eq!(junit.matches("<failure ").count(), 3);
    assert!(
        junit.contains("classname=\"src/client.py\"")
            && junit.contains("&quot;https://api.openai.com/v1&quot;")
    );

    let (gitlab, _) = stdout_of(&["scan", "--format", "gitlab", "."], t.path());
    let issues = parse(&gitlab);
    let issues = issues.as_array().cloned().unwrap_or_default();
    assert_eq!(issues.len(), 3);
    for i in &issues {
        assert!(i["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(i["check_name"].as_str().is_some_and(|c| c.starts_with("SHADOW")));
        assert!(i["fingerprint"].as_str().is_some_and(|f| f.starts_with("sha256:")));
        assert!(matches!(i["severity"].as_str(), Some("info" | "minor" | "major" | "critical" | "blocker")));
        assert!(i["location"]["path"].is_string() && i["location"]["lines"]["begin"].as_u64().is_some());
    }
    assert!(issues.iter().any(|i| i["severity"] == "critical" && i["check_name"] == "SHADOW003"));

    let (csv, _) = stdout_of(&["scan", "--format", "csv", "."], t.path());
    let rows: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows[0],
        "rule,category,severity,path,line,column,message,snippet,fingerprint,record,tool,user,conversation,message_number,role,time"
    );
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(
        rows.iter().any(|r| r.starts_with("SHADOW003,shadow-ai,error,\"config/dev, local.env\",1,")),
        "{csv}"
    );
    assert!(!csv.contains(&openai_key()));
}

#[test]
fn outputs_write_several_formats_while_stdout_keeps_its_own() {
    let t = project();
    let run = || {
        charterlint()
            .current_dir(t.path())
            .args(["scan", "src", "config"])
            .args(["--output", "sarif=out/cl.sarif", "--output", "csv=cl.csv", "--output", "JUnit=cl.xml"])
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"))
    };
    let out = run();
    // `out/` does not exist: that output fails (exit 2), the others are written.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write out/cl.sarif"));
    std::fs::create_dir(t.path().join("out")).unwrap_or_else(|e| panic!("{e}"));
    let out = run();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("charterlint: 2 files scanned"), "human output on stdout: {stdout}");
    let read = |p: &str| std::fs::read_to_string(t.path().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert_eq!(parse(&read("out/cl.sarif"))["runs"][0]["results"].as_array().map(Vec::len), Some(3));
    assert_eq!(read("cl.csv").lines().count(), 4);
    assert_eq!(read("cl.xml").matches("<failure ").count(), 3);

    let bad =
        charterlint().args(["scan", "--output", "yaml=x.yaml"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format `yaml`"));
}

#[test]
fn baseline_survives_inserted_lines_hides_known_findings_and_reports_fixed_ones() {
    let t = project();
    let key = openai_key();
    let (_, code) = stdout_of(&["baseline", "create"], t.path());
    assert_eq!(code, 0);
    let file = t.path().join(".charterlint-baseline.json");
    let first = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let b = parse(&first);
    assert_eq!(b["version"], 1);
    let entries = b["entries"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 3);
    for e in &entries {
        let keys: Vec<&String> = e.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["fingerprint", "path", "rule"], "hashes only: {e}");
    }
    let mut sorted = entries.clone();
    sorted.sort_by_key(|e| (e["rule"].to_string(), e["path"].to_string(), e["fingerprint"].to_string()));
    assert_eq!(entries, sorted);
    assert!(!first.contains(&key) && !first.contains("sk-proj") && !first.contains("api.openai.com"));

    // Lines inserted above every finding: the baseline does not change, and hides them all.
    write(
        t.path(),
        "src/client.py",
        "\"\"\"Client.\"\"\"\n\nimport os\n\n\nBASE = \"https://api.openai.com/v1\"\n",
    );
    write(t.path(), "config/dev, local.env", &format!("# local settings\nDEBUG=1\n\nOPENAI_API_KEY={key}\n"));
    let (_, code) = stdout_of(&["baseline", "create", "--output", "again.json"], t.path());
    assert_eq!(code, 0);
    let second = std::fs::read_to_string(t.path().join("again.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, second);
    let (v, code) = scan_json(&["--baseline", ".charterlint-baseline.json", "."], t.path());
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["findings"], 0);
    assert_eq!(v["summary"]["baseline"]["hidden"], 3);
    assert_eq!(v["summary"]["baseline"]["fixed"], 0);

    // A new finding shows; a removed one is reported fixed.
    write(t.path(), "src/client.py", "import os\n");
    write(t.path(), "src/other.py", "URL = 'https://api.mistral.ai/v1'\n");
    let (v, code) = scan_json(&["--baseline", ".charterlint-baseline.json", "."], t.path());
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["findings"], 1);
    assert_eq!(v["findings"][0]["path"], "src/other.py");
    assert_eq!(v["summary"]["baseline"]["hidden"], 2);
    assert_eq!(v["fixed"][0]["path"], "src/client.py");
    assert_eq!(v["fixed"][0]["rule"], "SHADOW002");
    let (human, _) = stdout_of(&["scan", "--baseline", ".charterlint-baseline.json", "."], t.path());
    assert!(human.contains("2 hidden by the baseline, 1 fixed"), "{human}");

    // Scanning one directory does not call the other directories' entries fixed.
    let (v, _) = scan_json(&["--baseline", ".charterlint-baseline.json", "config"], t.path());
    assert_eq!(v["summary"]["baseline"]["fixed"], 0, "{v:#}");

    std::fs::write(&file, "{\"version\": 1, \"entries\": [{\"rule\": 3}]}").unwrap_or_else(|e| panic!("{e}"));
    let out = charterlint()
        .current_dir(t.path())
        .args(["scan", "--baseline", ".charterlint-baseline.json"])
        .output();
    let out = out.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("baseline .charterlint-baseline.json: line 1"));
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
fn staged_blobs_checked_on_several_threads_give_what_the_walk_gives() {
    // Twelve files, findings in most of them: the same findings in the same order whatever the
    // number of threads checking the blobs, and the same as a scan of the (identical) work tree.
    let t = tree(&[]);
    let dir = t.path();
    let key = openai_key();
    for i in 0..12 {
        let text = match i % 3 {
            0 => format!("import os\nURL = \"https://api.openai.com/v1\"  # job {i}\n"),
            1 => format!("KEY = \"{key}\"\nN = {i}\n"),
            _ => format!("def f{i}():\n    return {i}\n"),
        };
        write(dir, &format!("src/m{i:02}.py"), &text);
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    let (walk, _) = scan_json(&["-j", "1", "."], dir);
    assert!(walk["findings"].as_array().is_some_and(|f| f.len() >= 8), "{walk:#}");
    for threads in ["1", "2", "5"] {
        let (v, code) = scan_json(&["--staged", "-j", threads], dir);
        assert_eq!(code, 1);
        assert_eq!(v["summary"]["files"], 12, "-j {threads}");
        assert_eq!(v["findings"], walk["findings"], "-j {threads}");
    }
}

#[test]
fn staged_scan_reads_the_index_not_the_work_tree() {
    let t = tree(&[("README.md", "# app\n")]);
    let dir = t.path();
    git(dir, &["init", "-q"]);
    // Unborn branch: the first commit's files are all staged additions.
    let key = openai_key();
    write(dir, "app/llm.py", &format!("KEY = \"{key}\"\n"));
    git(dir, &["add", "."]);
    // The work tree is fixed but the fix is not staged: the commit would still carry the key.
    write(dir, "app/llm.py", "import os\nKEY = os.environ[\"LLM_KEY\"]\n");
    let (v, code) = scan_json(&["--staged"], dir);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["findings"][0]["rule"], "SHADOW003");
    assert_eq!(v["findings"][0]["path"], "app/llm.py");
    let (v, _) = scan_json(&["."], dir);
    assert_eq!(v["summary"]["findings"], 0, "the work tree itself is clean");

    // Staging the fix makes the commit clean, while an unstaged edit adds a host to the tree.
    git(dir, &["add", "app/llm.py"]);
    git(dir, &["commit", "-q", "-m", "init"]);
    write(dir, "notes.txt", "see https://api.openai.com\n");
    write(
        dir,
        "app/llm.py",
        "import os\nKEY = os.environ[\"LLM_KEY\"]\nURL = \"https://api.openai.com/v1\"\n",
    );
    let (v, code) = scan_json(&["--staged"], dir);
    assert_eq!((code, v["summary"]["files"].as_u64()), (0, Some(0)), "nothing staged: {v:#}");

    // A partly staged file: only the staged hunk is judged; paths narrow the staged set.
    git(dir, &["add", "app/llm.py"]);
    let (v, code) = scan_json(&["--staged", "app"], dir);
    assert_eq!(code, 1);
    assert_eq!(v["findings"][0]["rule"], "SHADOW002");
    assert_eq!(v["findings"][0]["line"], 3);
    let (v, _) = scan_json(&["--staged", "docs"], dir);
    assert_eq!(v["summary"]["files"], 0);

    // A deleted file is not read; a subdirectory as working directory still finds the root.
    git(dir, &["rm", "-q", "--cached", "README.md"]);
    let (v, _) = scan_json(&["--staged"], &dir.join("app"));
    assert_eq!(v["summary"]["files"], 1);

    let outside = tree(&[("a.txt", "x\n")]);
    let out = charterlint()
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", outside.path().parent().unwrap_or(outside.path()))
        .args(["scan", "--staged"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--staged"));
}

#[test]
fn exit_zero_quiet_and_stats() {
    let t = project();
    let (out, code) = stdout_of(&["scan", "--exit-zero", "--quiet", "."], t.path());
    assert_eq!(code, 0);
    assert!(out.contains("SHADOW003") && !out.contains("files scanned"), "quiet prints findings only: {out}");
    let clean = tree(&[("a.py", "print(1)\n")]);
    let (out, code) = stdout_of(&["scan", "-q", "."], clean.path());
    assert_eq!((out.as_str(), code), ("", 0));
    let (out, _) =
        stdout_of(&["scan", "--stats", "--quiet", "--select", "SHADOW002,SHADOW005", "."], t.path());
    let stats: Vec<&str> = out
        .lines()
        .filter(|l| {
            let mut w = l.split_whitespace();
            w.next().is_some_and(|n| n.parse::<usize>().is_ok())
                && w.next().is_some_and(|id| id.starts_with("SHADOW"))
        })
        .collect();
    assert_eq!(stats.len(), 2, "{out}");
    assert!(
        stats
            .iter()
            .any(|l| l.split_whitespace().take(3).collect::<Vec<_>>() == ["1", "SHADOW002", "warning"])
    );
    let err = charterlint().current_dir(t.path()).args(["scan", "--stats", "--format", "json", "."]).output();
    let err = err.unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&err.stderr).contains("SHADOW003"), "stats go to stderr beside JSON");
    assert!(serde_json::from_slice::<serde_json::Value>(&err.stdout).is_ok());
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    let dir = tree(&[]);
    let (bash, code) = stdout_of(&["completions", "bash"], dir.path());
    assert_eq!(code, 0);
    assert!(bash.contains("charterlint") && bash.contains("--staged") && bash.contains("baseline"));
    let (fish, _) = stdout_of(&["completions", "fish"], dir.path());
    assert!(fish.contains("complete -c charterlint"));
    let (man, code) = stdout_of(&["man"], dir.path());
    assert_eq!(code, 0);
    assert!(man.contains(".TH charterlint") && man.contains("scan"), "{man}");
    let (scan, code) = stdout_of(&["man", "scan"], dir.path());
    assert_eq!(code, 0);
    assert!(scan.contains(".TH charterlint-scan") && scan.contains("staged") && scan.contains("baseline"));
    assert_eq!(stdout_of(&["man", "nope"], dir.path()).1, 2);
}

#[test]
fn staged_scan_at_pre_push_reads_the_pushed_range() {
    let t = tree(&[("README.md", "# app\n")]);
    let dir = t.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "init"]);
    write(dir, "src/llm.py", "URL = \"https://api.mistral.ai/v1\"\n");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "add client"]);
    let out = charterlint()
        .current_dir(dir)
        .env("PRE_COMMIT_FROM_REF", "HEAD~1")
        .env("PRE_COMMIT_TO_REF", "HEAD")
        .args(["scan", "--staged", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v = parse(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(out.status.code(), Some(1), "{v:#}");
    assert_eq!(v["summary"]["files"], 1, "only the pushed change is read");
    assert_eq!(v["findings"][0]["path"], "src/llm.py");
    // Without the range, the index equals HEAD: nothing to check.
    assert_eq!(scan_json(&["--staged"], dir).0["summary"]["files"], 0);
}

fn yaml_file(rel: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn hook_and_action_definitions_name_what_the_binary_offers() {
    let hooks = yaml_file(".pre-commit-hooks.yaml");
    let hook = |id: &str| hooks.as_array().and_then(|a| a.iter().find(|h| h["id"] == id)).cloned();
    let main = hook("charterlint").unwrap_or_else(|| panic!("no charterlint hook"));
    assert_eq!(main["entry"], "charterlint scan --staged");
    // The default hooks install the prebuilt wheel; the `-rust` variants build from source.
    assert_eq!(main["language"], "python");
    // pre-commit passes the file names (all tracked files under `run --all-files`); the
    // binary reads them from the index.
    assert!(main.get("pass_filenames").is_none_or(|v| v == true), "{main}");
    assert_eq!(main["stages"], serde_json::json!(["pre-commit", "pre-push", "manual"]));
    let rust = hook("charterlint-rust").unwrap_or_else(|| panic!("no charterlint-rust hook"));
    assert_eq!((rust["entry"].clone(), rust["language"].clone()), (main["entry"].clone(), "rust".into()));
    let msg = hook("charterlint-commit-msg").unwrap_or_else(|| panic!("no commit-msg hook"));
    assert_eq!(msg["stages"], serde_json::json!(["commit-msg"]));
    assert_eq!(msg["entry"], "charterlint commit-msg");

    let action = yaml_file("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["path", "charter", "fail-on", "baseline"] {
        assert!(action["inputs"][input]["description"].is_string(), "input {input}");
    }
    let steps = action["runs"]["steps"].as_array().cloned().unwrap_or_default();
    assert!(
        steps
            .iter()
            .any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@")))
    );
    let scripts: String = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    // A released binary is checked against its SHA-256; cargo builds it only when there is none.
    assert!(scripts.contains("sha256sum") && scripts.contains("cargo install --locked"));
    assert!(scripts.contains("--output \"sarif=$INPUT_SARIF\""));
    // The flags the action passes exist.
    let help = charterlint().args(["scan", "--help"]).output().unwrap_or_else(|e| panic!("{e}"));
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in ["--fail-on", "--output", "--charter", "--baseline", "--format", "--staged"] {
        assert!(help.contains(flag), "scan --help lacks {flag}");
    }
}

#[test]
fn staged_scan_with_a_baseline_calls_fixed_only_what_the_commit_touches() {
    let t = tree(&[
        ("a.py", "A = 'https://api.mistral.ai/v1'\n"),
        ("b.py", "B = 'https://api.groq.com/openai/v1'\n"),
    ]);
    let dir = t.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "init"]);
    assert_eq!(stdout_of(&["baseline", "create"], dir).1, 0);
    // The commit removes the host from a.py and adds a line above the one in b.py.
    write(dir, "a.py", "A = None\n");
    write(dir, "b.py", "import os\nB = 'https://api.groq.com/openai/v1'\n");
    git(dir, &["add", "a.py", "b.py"]);
    let (v, code) = scan_json(&["--staged", "--baseline", ".charterlint-baseline.json"], dir);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["baseline"]["hidden"], 1);
    assert_eq!(v["summary"]["baseline"]["fixed"], 1);
    assert_eq!(v["fixed"][0]["path"], "a.py");
    // Only b.py staged: a.py's entry is out of the commit's reach, so not fixed.
    git(dir, &["reset", "-q", "a.py"]);
    let (v, _) = scan_json(&["--staged", "--baseline", ".charterlint-baseline.json"], dir);
    assert_eq!(v["summary"]["baseline"]["fixed"], 0, "{v:#}");
}
