//! The architecture, checked: the top-level modules of src/ form layers, each importing only
//! from the layers below it (ARCHITECTURE.md), so no import cycle can come back; inputs never
//! see the engine, the scan, the reporters or the command line; no source file grows past 600
//! lines. The graph is read from the `crate::` paths of every non-test source file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom to top.
const LAYERS: &[&str] = &[
    "yaml", "html", "finding", "paths", "pattern", "unit", "mask", "charter", "catalog", "rules", "detect",
    "engine", "inputs", "scan", "baseline", "report", "cli", "app",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let p = entry.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn is_test_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name == "tests.rs" || name.ends_with("_tests.rs")
}

/// Top-level module of a file under src/: `src/inputs/logs/csv.rs` → `inputs`.
fn module_of(src: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(src).unwrap_or(p);
    let first =
        rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// `crate::name` paths in the code of a file, up to its test module.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let name: String = after.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    // `use crate::{a, b}` groups.
    for group in code.split("crate::{").skip(1) {
        let inner = group.split('}').next().unwrap_or_default();
        for part in inner.split(',') {
            let name: String =
                part.trim().chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Imports by module, and the length of every non-test source file.
type Graph = (BTreeMap<String, BTreeSet<String>>, Vec<(PathBuf, usize)>);

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sizes = Vec::new();
    for f in files.iter().filter(|f| !is_test_file(f)) {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        sizes.push((f.clone(), text.lines().count()));
        let from = module_of(&src, f);
        if from == "lib" || from == "main" {
            continue;
        }
        for to in imports(&text) {
            if to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    (edges, sizes)
}

#[test]
fn every_module_imports_only_from_the_layers_below() {
    let (edges, _) = graph();
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        let Some(r_from) = rank(from) else {
            wrong.push(format!("{from} is not in the layer list"));
            continue;
        };
        for to in tos {
            match rank(to) {
                Some(r_to) if r_to < r_from => {}
                Some(_) => wrong.push(format!("{from} → {to} (imports from above)")),
                None => wrong.push(format!("{from} → {to} ({to} is not in the layer list)")),
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn inputs_know_nothing_of_engine_scan_report_or_cli() {
    let (edges, _) = graph();
    let inputs = edges.get("inputs").cloned().unwrap_or_default();
    for forbidden in ["engine", "scan", "report", "app", "cli", "baseline"] {
        assert!(!inputs.contains(forbidden), "inputs imports {forbidden}");
    }
    assert!(inputs.contains("unit"), "the check reads imports: inputs must at least use units");
}

#[test]
fn no_source_file_is_over_600_lines() {
    let (_, sizes) = graph();
    let long: Vec<String> =
        sizes.iter().filter(|(_, n)| *n > 600).map(|(p, n)| format!("{} ({n} lines)", p.display())).collect();
    assert!(long.is_empty(), "split these: {long:?}");
}

#[test]
fn the_import_reader_sees_paths_and_groups() {
    let text = "use crate::engine::Engine;\nuse crate::{finding, unit::Unit};\nfn f() { crate::mask::short(\"\"); }\n#[cfg(test)]\nuse crate::app;";
    let got: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(got, ["engine", "finding", "mask", "unit"]);
}
