//! Embeds the rules pack and the AI service catalogue: every `rules/*.yaml` and
//! `rules/catalog/*.yaml` becomes a `(file name, contents)` entry, so adding a rule is adding a file.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    embed(&root.join("rules"), &out.join("rule_files.rs"));
    embed(&root.join("rules/catalog"), &out.join("catalog_files.rs"));
}

fn embed(dir: &Path, dest: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        writeln!(code, "    ({name:?}, include_str!({:?})),", f.display().to_string())
            .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");
    fs::write(dest, code).expect("OUT_DIR is writable");
}
