//! The charter for people and for editors: `charter render`, the JSON Schema of
//! ai-charter.yaml (committed, kept fresh, checked against every charter we ship), `init --lang`.

use std::path::{Path, PathBuf};

use crate::util::{charterlint, tree};

const SCHEMA_FILE: &str = "schema/ai-charter.schema.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(args: &[&str], cwd: &Path) -> (String, i32) {
    let out = charterlint().current_dir(cwd).args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let code = out.status.code().unwrap_or(-1);
    assert!(code == 0 || !out.stderr.is_empty(), "exit {code} with nothing on stderr");
    (String::from_utf8_lossy(&out.stdout).into_owned(), code)
}

#[test]
fn charter_schema_is_committed_and_fresh() {
    let (generated, code) = stdout(&["charter", "schema"], root());
    assert_eq!(code, 0);
    let path = root().join(SCHEMA_FILE);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_FILE} is not what the charter model generates; update it with\n    \
         UPDATE_SCHEMA=1 cargo test --locked --test integration charter_schema\nand commit it"
    );
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(SCHEMA_FILE)).unwrap_or_default();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("schema: {e}"));
    assert_eq!(schema["additionalProperties"], false, "unknown keys are refused");
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("schema: {e}"))
}

/// What a YAML language server checks: the document as JSON against the schema.
fn problems(validator: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    let value: serde_json::Value = serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("YAML: {e}"));
    validator.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

fn charters_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let p = entry.path();
        if p.is_dir() {
            charters_under(&p, out);
        } else if p.file_name().is_some_and(|n| n.to_string_lossy().contains("charter"))
            && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
        {
            out.push(p);
        }
    }
}

#[test]
fn charter_schema_validates_every_charter_we_ship_and_what_init_writes() {
    let validator = schema();
    let mut files = Vec::new();
    charters_under(&root().join("fixtures"), &mut files);
    assert!(files.len() >= 3, "{files:?}");
    for name in ["default.yaml", "starter.yaml", "starter.fr.yaml"] {
        files.push(root().join("src/charter").join(name));
    }
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let found = problems(&validator, &text);
        assert!(found.is_empty(), "{}:\n{}", f.display(), found.join("\n"));
    }
    // Sections left with no value (every line commented out) are accepted, as the loader does.
    let empty = "version: 1\ntools:\ndata:\n  markers:\nprompt_logs:\n  csv_map:\nscan:\n  max_file_size:\n";
    assert!(problems(&validator, empty).is_empty(), "{:?}", problems(&validator, empty));
}

#[test]
fn charter_schema_rejects_what_the_loader_rejects() {
    let validator = schema();
    for (yaml, at) in [
        ("version: 1\ntols:\n  approved: [openai]\n", ""),
        ("version: 1\ntools:\n  aproved: [openai]\n", "/tools"),
        ("version: 1\ntools:\n  custom:\n    - id: Acme Bot\n", "/tools/custom/0/id"),
        ("version: 1\nlanguage: de\n", "/language"),
        ("version: 2\n", "/version"),
        ("organization: ACME\n", ""),
        ("version: 1\noversight:\n  domains: [hiring]\n", "/oversight/domains/0"),
        ("version: 1\nrules:\n  severity: {SHADOW001: fatal}\n", "/rules/severity/SHADOW001"),
        ("version: 1\nscan:\n  max_file_size: 10 parsecs\n", "/scan/max_file_size"),
    ] {
        // Reported at the value, or at a section above it (a section may also be null, so the
        // validator names the section whose alternatives all failed).
        let found = problems(&validator, yaml);
        let placed = |p: &String| p.rsplit_once(" at ").is_some_and(|(_, path)| at.starts_with(path));
        assert!(!found.is_empty() && found.iter().all(placed), "{yaml:?} → {found:?}");
        // The loader agrees: each of these is a charter error.
        let t = tree(&[("ai-charter.yaml", yaml)]);
        let (_, code) = stdout(&["charter", "check"], t.path());
        assert_eq!(code, 2, "{yaml:?} loads");
    }
}

#[test]
fn init_writes_the_modeline_and_a_french_charter_with_lang_fr() {
    let t = tree(&[]);
    let (_, code) = stdout(&["init", "--lang", "fr"], t.path());
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(t.path().join("ai-charter.yaml")).unwrap_or_default();
    let first = written.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("# yaml-language-server: $schema=https://")
            && first.ends_with("/schema/ai-charter.schema.json"),
        "{first}"
    );
    assert!(written.contains("language: fr") && written.contains("jamais,"), "{written}");
    assert!(problems(&schema(), &written).is_empty());
    let (effective, code) = stdout(&["charter", "check"], t.path());
    assert_eq!(code, 0);
    assert!(effective.contains("language: fr"), "{effective}");
    // The charter's language is the render's default.
    let (md, code) = stdout(&["charter", "render"], t.path());
    assert_eq!(code, 0);
    assert!(md.starts_with("# Charte d'utilisation de l'intelligence artificielle\n"), "{md}");

    let t = tree(&[]);
    let (_, code) = stdout(&["init"], t.path());
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(t.path().join("ai-charter.yaml")).unwrap_or_default();
    assert!(written.starts_with("# yaml-language-server: $schema="));
    assert!(written.contains("# ai-charter.yaml: your organisation's AI-usage charter"));
}

#[test]
fn render_names_the_catalogue_tools_of_a_charter() {
    let charter = root().join("fixtures/logs/ai-charter.yaml");
    let charter = charter.to_string_lossy();
    let (md, code) = stdout(&["charter", "render", &charter, "--lang", "en"], root());
    assert_eq!(code, 0);
    assert!(md.starts_with("# AI usage charter — ACME Industries SAS\n"), "{md}");
    for name in ["Mistral AI (Le Chat, La Plateforme, Codestral)", "Google Gemini", "DeepSeek"] {
        assert!(md.contains(&format!("- **{name}")), "{name} missing:\n{md}");
    }
    assert!(md.contains("`ACME Restricted`") && md.contains("`Bluebird`"));
    let (html, code) = stdout(&["charter", "render", &charter, "--format", "html"], root());
    assert_eq!(code, 0);
    assert!(html.contains("<html lang=\"en\">") && !html.contains("<script"));
    // Without a charter file, the embedded default: the white paper's charter, in French.
    let t = tree(&[]);
    let (md, code) = stdout(&["charter", "render"], t.path());
    assert_eq!(code, 0);
    assert!(md.contains("## 8. Références") && md.contains("livre blanc §7"), "{md}");
}
