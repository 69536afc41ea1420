//! Embeds the rules pack and the AI service catalogue: every `rules/*.yaml` and
//! `rules/catalog/*.yaml` becomes a `(file name, YAML, JSON)` entry, so adding a rule is adding a
//! file. The JSON is the same document converted here, once: reading it at start-up costs a
//! tenth of parsing the YAML, which was half of a pre-commit run's start-up. A file that does not
//! convert gets an empty JSON, and the YAML parser then reports its error as for any YAML.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    embed(&root.join("rules"), &out, "rule_files.rs");
    embed(&root.join("rules/catalog"), &out, "catalog_files.rs");
}

fn embed(dir: &Path, out: &Path, dest: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let json_dir = out.join(dest.trim_end_matches(".rs"));
    fs::create_dir_all(&json_dir).expect("OUT_DIR is writable");
    let mut code = String::from("pub static FILES: &[(&str, &str, &str)] = &[\n");
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let json = json_dir.join(name).with_extension("json");
        fs::write(&json, to_json(f)).expect("OUT_DIR is writable");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?}), include_str!({:?})),",
            f.display().to_string(),
            json.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");
    fs::write(out.join(dest), code).expect("OUT_DIR is writable");
}

/// The YAML file as JSON, or nothing when it does not read (the run reports why).
fn to_json(path: &Path) -> String {
    let Ok(text) = fs::read_to_string(path) else { return String::new() };
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options)
        .ok()
        .and_then(|v| serde_json::to_string(&v).ok())
        .unwrap_or_default()
}
