//! Dependency declarations in package manifests, each with the byte span of its name.
//!
//! This module owns two things: which files are manifests ([`is_manifest`]) and which
//! dependencies a manifest declares ([`dependencies`]), for PyPI, npm, crates.io, Go, Maven,
//! NuGet, RubyGems and Packagist. Lock files are deliberately not manifests, nor are manifests
//! under `node_modules/` or `vendor/`: those list transitive dependencies, and the rule reports
//! only what a project declares itself.
//!
//! Every format is read by a small tolerant scanner instead of a full parser: we need exact byte
//! positions, must stay linear on huge files, and must return what we can from a malformed or
//! half-written file rather than fail. Scanners slice only through `str::get` or at ASCII
//! delimiters, so no input can make them panic or split a character.

use std::collections::HashMap;
use std::ops::Range;

/// The package registry a dependency's name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ecosystem {
    PyPI,
    Npm,
    Crates,
    Go,
    Maven,
    NuGet,
    RubyGems,
    Packagist,
}

impl Ecosystem {
    pub const ALL: [Ecosystem; 8] = [
        Ecosystem::PyPI,
        Ecosystem::Npm,
        Ecosystem::Crates,
        Ecosystem::Go,
        Ecosystem::Maven,
        Ecosystem::NuGet,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
    ];

    /// The ecosystem named as in the catalogue and the charter (`pypi`, `npm`, …).
    pub fn from_name(name: &str) -> Option<Ecosystem> {
        Ecosystem::ALL.into_iter().find(|e| e.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Crates => "crates",
            Ecosystem::Go => "go",
            Ecosystem::Maven => "maven",
            Ecosystem::NuGet => "nuget",
            Ecosystem::RubyGems => "rubygems",
            Ecosystem::Packagist => "packagist",
        }
    }
}

/// One dependency declaration in a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub ecosystem: Ecosystem,
    /// Normalised name: PyPI per PEP 503 (lowercase, runs of `[-_.]` → `-`); Maven
    /// `groupId:artifactId` (just the artifactId when no groupId is given); Go the module path;
    /// npm, crates, NuGet, RubyGems and Packagist as written. NuGet ids are case-insensitive
    /// but kept as written so messages show the id the user typed: compare them ignoring case.
    pub name: String,
    /// Byte range in `text` of the name as written (Maven: the artifactId element text, Gradle
    /// the `g:a` part of a coordinate string, or the `name:` value of map notation).
    pub span: Range<usize>,
}

/// Whether a file (by its '/'-separated path relative to the scan root, or just its file
/// name) is a manifest this module reads.
pub fn is_manifest(path: &str) -> bool {
    kind(path).is_some()
}

/// All dependencies declared in the manifest at `path`, in file order. Never panics, whatever
/// the bytes; returns what it can on malformed input, and nothing for a non-manifest.
pub fn dependencies(path: &str, text: &str) -> Vec<Dependency> {
    let Some((eco, parse)) = kind(path) else {
        return Vec::new();
    };
    let mut out = Out { text, eco, deps: Vec::new() };
    // A byte-order mark (common in .csproj files) would hide the first key or tag.
    parse(text.strip_prefix('\u{feff}').unwrap_or(text), &mut out);
    out.deps.sort_by_key(|d| d.span.start);
    out.deps
}

/// Reads one manifest format into `Out`.
type Parser = fn(&str, &mut Out);

/// The ecosystem and parser of the manifest at `path`, if it is one.
fn kind(path: &str) -> Option<(Ecosystem, Parser)> {
    use Ecosystem::*;
    let mut parts = path.rsplit('/');
    let name = parts.next()?;
    let parent = parts.next().unwrap_or("");
    // An installed or vendored package's manifest lists *its* dependencies: transitive here.
    if path.split('/').any(|d| d == "node_modules" || d == "vendor") {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let ext = |e: &str| lower.ends_with(e);
    let parser: (Ecosystem, Parser) = match name {
        "pyproject.toml" => (PyPI, pyproject),
        "Pipfile" => (PyPI, pipfile),
        "setup.cfg" => (PyPI, setup_cfg),
        "setup.py" => (PyPI, setup_py),
        "package.json" => (Npm, package_json),
        "Cargo.toml" => (Crates, cargo),
        "go.mod" => (Go, go_mod),
        "pom.xml" => (Maven, pom),
        "build.gradle" | "build.gradle.kts" => (Maven, gradle),
        "packages.config" | "Directory.Packages.props" | "Directory.Build.props" => (NuGet, nuget),
        "Gemfile" | "gems.rb" => (RubyGems, gemfile),
        "composer.json" => (Packagist, composer_json),
        _ if ext(".csproj") || ext(".fsproj") || ext(".vbproj") => (NuGet, nuget),
        _ if ext(".gemspec") => (RubyGems, gemspec),
        _ if ext(".versions.toml") => (Maven, version_catalog),
        _ if lower.starts_with("environment") && (ext(".yml") || ext(".yaml")) => (PyPI, conda),
        _ if is_requirements(&lower, parent) => (PyPI, requirements),
        _ => return None,
    };
    Some(parser)
}

/// `requirements.txt`, `dev-requirements.in`, `requirements/test.txt`... but not constraints
/// files, and not any `*.in`: that would take in `Makefile.in` and `MANIFEST.in`.
fn is_requirements(lower: &str, parent: &str) -> bool {
    let Some(stem) = lower.strip_suffix(".txt").or_else(|| lower.strip_suffix(".in")) else {
        return false;
    };
    !stem.starts_with("constraints") && (stem.contains("requirements") || parent == "requirements")
}

/// Collects dependencies; names are always subslices of the manifest text, so their spans come
/// from the slices themselves and no scanner does offset arithmetic of its own.
struct Out<'t> {
    text: &'t str,
    eco: Ecosystem,
    deps: Vec<Dependency>,
}

impl Out<'_> {
    fn add(&mut self, written: &str) {
        self.add_as(written, normalise(self.eco, written));
    }

    fn add_as(&mut self, written: &str, name: String) {
        let Some(start) = written.as_ptr().addr().checked_sub(self.text.as_ptr().addr()) else {
            return;
        };
        let span = start..start + written.len();
        if !written.is_empty() && self.text.get(span.clone()) == Some(written) {
            self.deps.push(Dependency { ecosystem: self.eco, name, span });
        }
    }
}

fn normalise(eco: Ecosystem, written: &str) -> String {
    match eco {
        Ecosystem::PyPI => pep503(written),
        _ => written.to_string(),
    }
}

fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
            continue;
        }
        if std::mem::take(&mut sep) {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    if sep {
        out.push('-');
    }
    out
}

// ---- shared scanning helpers -------------------------------------------------------------

fn skip_while(b: &[u8], mut i: usize, mut f: impl FnMut(u8) -> bool) -> usize {
    while b.get(i).is_some_and(|&c| f(c)) {
        i += 1;
    }
    i
}

fn skip_blank(b: &[u8], i: usize) -> usize {
    skip_while(b, i, |c| c == b' ' || c == b'\t')
}

fn find_from(text: &str, from: usize, pat: &str) -> Option<usize> {
    Some(text.get(from..)?.find(pat)? + from)
}

fn line_after(b: &[u8], i: usize) -> usize {
    (skip_while(b, i, |c| c != b'\n') + 1).min(b.len())
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')
}

/// At an opening quote (`'`, `"`, or tripled), the content range and the position after the
/// closing quote. A one-line string left open ends at the line end, so a stray quote cannot
/// swallow the rest of the file.
fn quoted(b: &[u8], i: usize, escapes: bool) -> Option<(Range<usize>, usize)> {
    let q = *b.get(i)?;
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    let start = i + if triple { 3 } else { 1 };
    let mut j = start;
    while let Some(&c) = b.get(j) {
        if c == b'\\' && escapes {
            j += 2;
        } else if c == q && (!triple || b.get(j + 1..j + 3) == Some(&[q, q][..])) {
            return Some((start..j, j + if triple { 3 } else { 1 }));
        } else if c == b'\n' && !triple {
            break;
        } else {
            j += 1;
        }
    }
    let j = j.min(b.len());
    Some((start..j, j))
}

/// The project name at the start of a PEP 508 requirement or conda spec
/// (`name[extras] op version ; marker`). A path, URL, archive or option gives `None`.
fn req_name(spec: &str) -> Option<&str> {
    let b = spec.as_bytes();
    let start = skip_blank(b, 0);
    let end = skip_while(b, start, is_name_byte);
    let name = spec.get(start..end)?;
    let alnum_ends = |n: &str| {
        n.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && n.bytes().last().is_some_and(|c| c.is_ascii_alphanumeric())
    };
    let follows_name = b.get(end).is_none_or(|c| c.is_ascii_whitespace() || b"[(<>=!~;@,\\".contains(c));
    let lower = name.to_ascii_lowercase();
    let archive = [".whl", ".zip", ".gz", ".bz2", ".xz", ".tgz", ".egg"].iter().any(|e| lower.ends_with(e));
    (alnum_ends(name) && follows_name && !archive).then_some(name)
}

fn add_req(out: &mut Out, spec: &str) {
    if let Some(name) = req_name(spec) {
        out.add(name);
    }
}

/// `line` without its `#` comment; `#` starts one only at the line start or after whitespace,
/// so URL fragments like `#egg=` survive.
fn strip_hash_comment(line: &str) -> &str {
    let b = line.as_bytes();
    let cut = (0..b.len()).find(|&i| b[i] == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()));
    line.get(..cut.unwrap_or(b.len())).unwrap_or(line)
}

// ---- Python ------------------------------------------------------------------------------

fn requirements(text: &str, out: &mut Out) {
    let mut continued = false;
    for line in text.lines() {
        // pip joins `\`-continued lines first, so a continuation never starts a requirement.
        if std::mem::replace(&mut continued, line.ends_with('\\')) {
            continue;
        }
        add_requirement_line(out, strip_hash_comment(line));
    }
}

/// One requirements-file line without its comment: a requirement, an option, or a URL.
fn add_requirement_line(out: &mut Out, line: &str) {
    let spec = line.trim_start();
    if spec.starts_with('-') {
        // Options are not dependencies, but an editable VCS install may name one.
        if spec.starts_with("-e") || spec.starts_with("--editable") {
            add_egg(out, spec);
        }
    } else if let Some(name) = req_name(spec) {
        out.add(name);
    } else {
        add_egg(out, spec);
    }
}

/// `git+https://host/repo.git#egg=name&subdirectory=x` names `name`.
fn add_egg(out: &mut Out, spec: &str) {
    if let Some(at) = spec.find("#egg=").map(|p| p + 5) {
        let end = skip_while(spec.as_bytes(), at, is_name_byte);
        out.add(spec.get(at..end).unwrap_or(""));
    }
}

fn pyproject(text: &str, out: &mut Out) {
    let doc = toml(text);
    for (path, e) in doc.paths() {
        if is_pep508_list(&path) {
            for spec in toml_array_strings(text, e.value.clone()) {
                add_req(out, spec);
            }
        }
    }
    for dep in toml_keyed(text, &doc, poetry_table) {
        if !dep.key.eq_ignore_ascii_case("python") {
            out.add(dep.key);
        }
    }
}

fn is_pep508_list(path: &[&str]) -> bool {
    matches!(
        path,
        ["project", "dependencies"]
            | ["project", "optional-dependencies", _]
            | ["dependency-groups", _]
            | ["tool", "uv", "dev-dependencies"]
            | ["tool", "pdm", "dev-dependencies", _]
            | ["tool", "hatch", "envs", _, "dependencies" | "extra-dependencies"]
    )
}

fn poetry_table(path: &[&str]) -> Option<usize> {
    match path {
        ["tool", "poetry", "dependencies" | "dev-dependencies", ..] => Some(3),
        ["tool", "poetry", "group", _, "dependencies", ..] => Some(5),
        _ => None,
    }
}

fn pipfile(text: &str, out: &mut Out) {
    let table = |path: &[&str]| matches!(path, ["packages" | "dev-packages", ..]).then_some(1);
    for dep in toml_keyed(text, &toml(text), table) {
        out.add(dep.key);
    }
}

/// INI: `install_requires`/`tests_require` in `[options]` and every key of
/// `[options.extras_require]`, each value on its key's line and/or indented lines below.
fn setup_cfg(text: &str, out: &mut Out) {
    let (mut section, mut collecting) = ("", false);
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let value = if trimmed.len() < line.len() {
            if !collecting {
                continue;
            }
            trimmed
        } else if let Some(rest) = line.strip_prefix('[') {
            section = rest.split(']').next().unwrap_or("").trim();
            collecting = false;
            continue;
        } else {
            // `=` first: a value's environment marker may hold a `:`.
            let Some((key, value)) = line.split_once('=').or_else(|| line.split_once(':')) else {
                collecting = false;
                continue;
            };
            let key = key.trim();
            collecting = section == "options.extras_require"
                || (section == "options" && matches!(key, "install_requires" | "tests_require"));
            value
        };
        if collecting {
            for spec in split_top_commas(value) {
                add_req(out, spec);
            }
        }
    }
}

/// Splits on commas outside brackets, so `foo[a,b]>=1` stays whole.
fn split_top_commas(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in s.bytes().enumerate() {
        match c {
            b'[' | b'(' => depth += 1,
            b']' | b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                parts.extend(s.get(start..i));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.extend(s.get(start..));
    parts
}

/// String literals in the bracketed value of `install_requires=`, `extras_require=` and
/// `tests_require=` (also as `"install_requires": [...]` dict entries). A variable value is
/// not followed.
fn setup_py(text: &str, out: &mut Out) {
    let b = text.as_bytes();
    for keyword in ["install_requires", "extras_require", "tests_require"] {
        let (mut from, mut scanned, mut commented) = (0, 0, false);
        while let Some(p) = find_from(text, from, keyword) {
            from = p + keyword.len();
            // Whether a `#` precedes `p` on its line, updated over each byte once: stays linear.
            for &c in b.get(scanned..p).unwrap_or(&[]) {
                commented = (commented || c == b'#') && c != b'\n';
            }
            scanned = p;
            let word_start = p.checked_sub(1).and_then(|q| b.get(q)).is_none_or(|&c| !is_ident_byte(c));
            if commented || !word_start {
                continue;
            }
            let mut i = from + usize::from(matches!(b.get(from), Some(b'"' | b'\'')));
            i = skip_while(b, i, |c| c.is_ascii_whitespace());
            if !matches!(b.get(i), Some(b'=' | b':')) {
                continue;
            }
            i = skip_while(b, i + 1, |c| c.is_ascii_whitespace());
            // `extras_require=dict(dev=[...])`: keyword keys are not strings, so no harm.
            if text.get(i..).is_some_and(|r| r.starts_with("dict(")) {
                i += 4;
            }
            if matches!(b.get(i), Some(b'[' | b'(' | b'{')) {
                from = python_literal_strings(text, i, out);
            }
        }
    }
}

/// Adds the requirement strings in the bracketed Python literal opening at `open`, skipping
/// dict keys (`"dev": [...]`) and comments; returns the position after it.
fn python_literal_strings(text: &str, open: usize, out: &mut Out) -> usize {
    let b = text.as_bytes();
    let (mut i, mut depth) = (open, 0usize);
    while let Some(&c) = b.get(i) {
        match c {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b'#' => i = skip_while(b, i, |c| c != b'\n'),
            b'"' | b'\'' => {
                let Some((span, end)) = quoted(b, i, true) else {
                    break;
                };
                if b.get(skip_while(b, end, |c| c.is_ascii_whitespace())) != Some(&b':') {
                    add_req(out, text.get(span).unwrap_or(""));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// conda `environment.yml`: the top-level `dependencies:` list, including its `- pip:` list.
/// Conda names are PyPI-like; `python` there is the interpreter, not a dependency.
fn conda(text: &str, out: &mut Out) {
    let (mut in_deps, mut pip_indent) = (false, None);
    for line in text.lines() {
        let code = strip_hash_comment(line).trim_end();
        let item = code.trim_start();
        let indent = code.len() - item.len();
        if item.is_empty() {
            continue;
        }
        if indent == 0 && !item.starts_with('-') {
            in_deps = item.starts_with("dependencies:");
            pip_indent = None;
            continue;
        }
        let Some(value) = item.strip_prefix('-').map(str::trim_start) else {
            continue;
        };
        if !in_deps {
            continue;
        }
        let value = unquote(value);
        if pip_indent.is_some_and(|p| indent > p) {
            add_requirement_line(out, value);
            continue;
        }
        pip_indent = None;
        if value.strip_suffix(':').is_some_and(|v| v.trim_end() == "pip") {
            pip_indent = Some(indent);
            continue;
        }
        let spec = value.split_once("::").map_or(value, |(_channel, s)| s);
        if let Some(name) = req_name(spec).filter(|n| !n.eq_ignore_ascii_case("python")) {
            out.add(name);
        }
    }
}

fn unquote(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => s.get(1..).and_then(|r| r.split(q as char).next()).unwrap_or(s),
        _ => s,
    }
}

// ---- TOML --------------------------------------------------------------------------------

/// The table headers and `key = value` entries of a TOML document: just enough structure to
/// find dependency tables, with keys as slices of the text and values as byte ranges.
struct Toml<'t> {
    tables: Vec<Vec<&'t str>>,
    entries: Vec<TomlEntry<'t>>,
}

struct TomlEntry<'t> {
    table: usize,
    keys: Vec<&'t str>,
    value: Range<usize>,
}

impl<'t> Toml<'t> {
    /// Each entry with its full key path (table keys, then its own). Dependency paths are
    /// short; skipping long ones keeps a huge table header from being copied per entry.
    fn paths(&self) -> impl Iterator<Item = (Vec<&'t str>, &TomlEntry<'t>)> {
        self.entries.iter().filter_map(|e| {
            let table = self.tables.get(e.table).map_or(&[][..], Vec::as_slice);
            let path = table.iter().chain(&e.keys).copied();
            (table.len() + e.keys.len() <= 8).then(|| (path.collect(), e))
        })
    }
}

fn toml(text: &str) -> Toml<'_> {
    let b = text.as_bytes();
    let mut doc = Toml { tables: vec![Vec::new()], entries: Vec::new() };
    let mut i = 0;
    while i < b.len() {
        i = skip_blank(b, i);
        match b.get(i) {
            Some(b'[') => {
                let open = i + if b.get(i + 1) == Some(&b'[') { 2 } else { 1 };
                let (keys, end) = toml_keys(text, open);
                doc.tables.push(keys);
                i = end;
            }
            Some(b'#' | b'\n' | b'\r') | None => {}
            Some(_) => {
                let (keys, end) = toml_keys(text, i);
                let eq = skip_blank(b, end);
                i = end;
                if !keys.is_empty() && b.get(eq) == Some(&b'=') {
                    let start = skip_blank(b, eq + 1);
                    i = toml_value_end(b, start);
                    let table = doc.tables.len() - 1;
                    doc.entries.push(TomlEntry { table, keys, value: start..i });
                }
            }
        }
        i = line_after(b, i);
    }
    doc
}

/// A dotted key (`a."b.c".d`) from `i`: its parts and the position after it.
fn toml_keys(text: &str, mut i: usize) -> (Vec<&str>, usize) {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    loop {
        i = skip_blank(b, i);
        let span = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => match quoted(b, i, q == b'"') {
                Some((span, end)) => {
                    i = end;
                    span
                }
                None => break,
            },
            Some(&c) if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => {
                let start = i;
                i = skip_while(b, i, |c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
                start..i
            }
            _ => break,
        };
        keys.extend(text.get(span));
        i = skip_blank(b, i);
        if b.get(i) != Some(&b'.') {
            break;
        }
        i += 1;
    }
    (keys, i)
}

/// The end of the value starting at `i`: a string, or a (possibly multi-line) array or inline
/// table, or a bare scalar up to the line end, comma or closing bracket.
fn toml_value_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' | b'\'' => {
                i = quoted(b, i, c == b'"').map_or(i + 1, |(_, end)| end);
                continue;
            }
            b'#' if depth > 0 => {
                i = skip_while(b, i, |c| c != b'\n');
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth <= 1 => return if depth == 1 { i + 1 } else { i },
            b']' | b'}' => depth -= 1,
            b'#' | b'\n' | b',' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

fn toml_string<'t>(text: &'t str, value: &Range<usize>) -> Option<&'t str> {
    let b = text.as_bytes();
    let q = *b.get(value.start).filter(|&&q| q == b'"' || q == b'\'')?;
    text.get(quoted(b, value.start, q == b'"')?.0)
}

/// The strings directly inside the array at `value`; those nested in inline tables
/// (`{include-group = "x"}`) or inner arrays are not requirements.
fn toml_array_strings(text: &str, value: Range<usize>) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if b.get(value.start) != Some(&b'[') {
        return out;
    }
    let (mut i, mut depth) = (value.start + 1, 1usize);
    while i < value.end {
        let Some(&c) = b.get(i) else { break };
        match c {
            b'"' | b'\'' => {
                let Some((span, end)) = quoted(b, i, c == b'"') else {
                    break;
                };
                if depth == 1 {
                    out.extend(text.get(span));
                }
                i = end;
                continue;
            }
            b'#' => i = skip_while(b, i, |c| c != b'\n'),
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The `key = value` pairs of the inline table at `value`.
fn toml_inline(text: &str, value: Range<usize>) -> Vec<(Vec<&str>, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if b.get(value.start) != Some(&b'{') {
        return out;
    }
    let trivia = |i| skip_while(b, i, |c| c.is_ascii_whitespace());
    let mut i = value.start + 1;
    while i < value.end {
        let (keys, end) = toml_keys(text, trivia(i));
        let eq = skip_blank(b, end);
        if keys.is_empty() || b.get(eq) != Some(&b'=') {
            break;
        }
        let start = skip_blank(b, eq + 1);
        i = toml_value_end(b, start);
        out.push((keys, start..i));
        i = trivia(i);
        if b.get(i) != Some(&b',') {
            break;
        }
        i += 1;
    }
    out
}

/// A dependency named by its key in a TOML table (Cargo, Poetry, Pipfile, version catalogs),
/// with the string fields TOML lets it spread over an inline table, dotted keys
/// (`foo.package = "x"`) or a table of its own (`[dependencies.foo]`).
struct Keyed<'t> {
    key: &'t str,
    value: Option<&'t str>,
    fields: Vec<(&'t str, &'t str)>,
}

impl<'t> Keyed<'t> {
    fn field(&self, name: &str) -> Option<&'t str> {
        self.fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

/// The dependencies keyed in tables that `table` recognises: given a full key path, it returns
/// the length of the dependency-table prefix, the next key being the dependency.
fn toml_keyed<'t>(text: &'t str, doc: &Toml<'t>, table: fn(&[&str]) -> Option<usize>) -> Vec<Keyed<'t>> {
    let mut deps: Vec<Keyed> = Vec::new();
    let mut seen: HashMap<Vec<&str>, usize> = HashMap::new();
    let headers = doc.tables.iter().map(|t| (t.clone(), None));
    let entries = doc.paths().map(|(path, e)| (path, Some(e.value.clone())));
    for (path, value) in headers.chain(entries) {
        let Some(k) = table(&path) else { continue };
        let (Some(&key), Some(id)) = (path.get(k), path.get(..=k)) else {
            continue;
        };
        let at = *seen.entry(id.to_vec()).or_insert_with(|| {
            deps.push(Keyed { key, value: None, fields: Vec::new() });
            deps.len() - 1
        });
        let (Some(dep), Some(value)) = (deps.get_mut(at), value) else {
            continue;
        };
        match path.get(k + 1..).unwrap_or(&[]) {
            [] => match toml_string(text, &value) {
                Some(s) => dep.value = Some(s),
                None => {
                    for (keys, v) in toml_inline(text, value) {
                        if let ([field], Some(s)) = (keys.as_slice(), toml_string(text, &v)) {
                            dep.fields.push((*field, s));
                        }
                    }
                }
            },
            [field] => dep.fields.extend(toml_string(text, &value).map(|s| (*field, s))),
            _ => {}
        }
    }
    deps
}

/// A renamed crate (`llm = { package = "llm-chain" }`) is reported as the real crate, at its
/// `package` value.
fn cargo(text: &str, out: &mut Out) {
    for dep in toml_keyed(text, &toml(text), cargo_table) {
        out.add(dep.field("package").unwrap_or(dep.key));
    }
}

fn cargo_table(path: &[&str]) -> Option<usize> {
    let deps = |s: &str| {
        matches!(s, "dependencies" | "dev-dependencies" | "build-dependencies")
            || matches!(s, "dev_dependencies" | "build_dependencies")
    };
    match path {
        ["workspace", "dependencies", ..] => Some(2),
        ["target", _, d, ..] if deps(d) => Some(3),
        [d, ..] if deps(d) => Some(1),
        _ => None,
    }
}

/// Gradle `libs.versions.toml` `[libraries]`: `"g:a:v"`, `{ module = "g:a" }` or
/// `{ group = "g", name = "a" }`.
fn version_catalog(text: &str, out: &mut Out) {
    let table = |path: &[&str]| matches!(path, ["libraries", ..]).then_some(1);
    for dep in toml_keyed(text, &toml(text), table) {
        if let Some(ga) = dep.value.or(dep.field("module")).and_then(coordinate) {
            out.add(ga);
        } else if let Some(name) = dep.field("name") {
            out.add_as(name, dep.field("group").map_or(name.to_string(), |g| format!("{g}:{name}")));
        }
    }
}

/// The `group:artifact` prefix of a `group:artifact[:version[:classifier]][@ext]` string.
fn coordinate(s: &str) -> Option<&str> {
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|c| is_name_byte(c) || b"${}".contains(&c));
    let (group, rest) = s.split_once(':')?;
    let artifact = rest.split([':', '@']).next()?;
    (ok(group) && ok(artifact)).then(|| s.get(..group.len() + 1 + artifact.len()))?
}

// ---- JSON --------------------------------------------------------------------------------

fn package_json(text: &str, out: &mut Out) {
    let sections = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
    json_keys(text, out, &sections, |_| true);
}

/// Platform requirements (`php`, `ext-json`) are the only names without a vendor `/`.
fn composer_json(text: &str, out: &mut Out) {
    json_keys(text, out, &["require", "require-dev"], |name| name.contains('/'));
}

/// Keys of the top-level objects named in `sections`. The scan tracks nesting, so the same
/// names deeper down (`"overrides": {"dependencies": ...}`) and values do not count.
fn json_keys(text: &str, out: &mut Out, sections: &[&str], keep: fn(&str) -> bool) {
    struct Frame {
        object: bool,
        section: bool,
        want_key: bool,
    }
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut i, mut last_key) = (0, "");
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let Some((span, end)) = quoted(b, i, true) else {
                    break;
                };
                let s = text.get(span).unwrap_or("");
                let depth = stack.len();
                if let Some(top) = stack.last_mut().filter(|f| f.object && f.want_key) {
                    top.want_key = false;
                    if depth == 1 {
                        last_key = s;
                    } else if depth == 2 && top.section && keep(s) {
                        out.add(s);
                    }
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                let section = c == b'{' && stack.len() == 1 && sections.contains(&last_key);
                stack.push(Frame { object: c == b'{', section, want_key: c == b'{' });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.want_key = top.object;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

// ---- Go ----------------------------------------------------------------------------------

/// `require path version` lines and `require ( ... )` blocks; other blocks (`replace`,
/// `exclude`, `retract`, `tool`) name modules that are not requirements.
fn go_mod(text: &str, out: &mut Out) {
    let mut block: Option<bool> = None; // inside `( ... )`: whether it is a require block
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("").trim();
        if let Some(require) = block {
            if code.starts_with(')') {
                block = None;
            } else if require {
                add_go_module(out, code);
            }
            continue;
        }
        let verb_end = skip_while(code.as_bytes(), 0, |c| c.is_ascii_alphabetic());
        let (verb, rest) = code.split_at_checked(verb_end).unwrap_or((code, ""));
        let rest = rest.trim_start();
        if rest.starts_with('(') {
            block = Some(verb == "require");
        } else if verb == "require" {
            add_go_module(out, rest);
        }
    }
}

fn add_go_module(out: &mut Out, spec: &str) {
    if let Some(path) = spec.split_whitespace().next() {
        out.add(path.trim_matches(['"', '`']));
    }
}

// ---- XML (Maven, NuGet) ------------------------------------------------------------------

enum Tag<'t> {
    /// A start tag: local name, the raw attributes, whether self-closing, where it ends.
    Open {
        name: &'t str,
        attrs: &'t str,
        empty: bool,
        end: usize,
    },
    Close(&'t str),
}

/// Calls `f` on each start and end tag, skipping comments, CDATA, declarations and
/// processing instructions.
fn xml_tags<'t>(text: &'t str, mut f: impl FnMut(Tag<'t>)) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(lt) = b.get(i..).and_then(|s| s.iter().position(|&c| c == b'<')).map(|p| p + i) {
        let rest = text.get(lt..).unwrap_or("");
        let skip = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]
            .into_iter()
            .find(|(open, _)| rest.starts_with(open));
        if let Some((open, close)) = skip {
            i = find_from(text, lt + open.len(), close).map_or(b.len(), |p| p + close.len());
            continue;
        }
        let closing = b.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_end = skip_while(b, name_start, |c| !c.is_ascii_whitespace() && !b"<>/".contains(&c));
        let mut quote = None;
        let gt = skip_while(b, name_end, |c| {
            quote = match quote {
                Some(q) if q == c => None,
                None if c == b'"' || c == b'\'' => Some(c),
                q => q,
            };
            quote.is_some() || c != b'>'
        });
        let name = text.get(name_start..name_end).unwrap_or("");
        let name = name.rsplit(':').next().unwrap_or(name);
        if closing {
            f(Tag::Close(name));
        } else {
            let attrs = text.get(name_end..gt).unwrap_or("");
            f(Tag::Open { name, attrs, empty: attrs.ends_with('/'), end: gt + 1 });
        }
        i = gt + 1;
    }
}

/// `<dependency>` elements anywhere (including `<dependencyManagement>` and plugins'
/// dependencies), read from their own `groupId`/`artifactId` children only, so `<exclusion>`s,
/// `<parent>` and the project's coordinates do not count.
fn pom(text: &str, out: &mut Out) {
    let mut depth = 0usize;
    let mut dep: Option<(usize, &str, &str)> = None; // depth of the open <dependency>, g, a
    xml_tags(text, |tag| match tag {
        Tag::Open { name, empty: false, end, .. } => {
            depth += 1;
            if name == "dependency" {
                dep = Some((depth, "", ""));
            } else if let Some((d, group, artifact)) = &mut dep
                && depth == *d + 1
            {
                let value = text.get(end..).and_then(|s| s.split('<').next()).unwrap_or("").trim();
                match name {
                    "groupId" => *group = value,
                    "artifactId" => *artifact = value,
                    _ => {}
                }
            }
        }
        Tag::Open { .. } => {}
        Tag::Close(name) => {
            if name == "dependency"
                && let Some((_, group, artifact)) = dep.take_if(|(d, ..)| *d == depth)
            {
                let full =
                    if group.is_empty() { artifact.to_string() } else { format!("{group}:{artifact}") };
                out.add_as(artifact, full);
            }
            depth = depth.saturating_sub(1);
        }
    });
}

/// `<PackageReference Include|Update="Id">`, `<PackageVersion>` and `<GlobalPackageReference>`
/// in MSBuild files, `<package id="Id">` in packages.config. An `Include` may list several ids
/// separated by `;`; MSBuild property references (`$(Pkg)`) are not names.
fn nuget(text: &str, out: &mut Out) {
    xml_tags(text, |tag| {
        let Tag::Open { name, attrs, .. } = tag else {
            return;
        };
        let ids = match name {
            "PackageReference" | "PackageVersion" | "GlobalPackageReference" => {
                xml_attr(attrs, "Include").or_else(|| xml_attr(attrs, "Update"))
            }
            "package" => xml_attr(attrs, "id"),
            _ => None,
        };
        for id in ids.into_iter().flat_map(|v| v.split(';')).map(str::trim) {
            if !id.is_empty() && !id.starts_with(['$', '@']) {
                out.add(id);
            }
        }
    });
}

fn xml_attr<'t>(attrs: &'t str, wanted: &str) -> Option<&'t str> {
    let b = attrs.as_bytes();
    let mut i = 0;
    loop {
        let start = skip_while(b, i, |c| c.is_ascii_whitespace() || c == b'/');
        i = skip_while(b, start, |c| !c.is_ascii_whitespace() && c != b'=' && c != b'/');
        let name = attrs.get(start..i).filter(|n| !n.is_empty())?;
        let eq = skip_while(b, i, |c| c.is_ascii_whitespace());
        if b.get(eq) != Some(&b'=') {
            continue;
        }
        let open = skip_while(b, eq + 1, |c| c.is_ascii_whitespace());
        let q = *b.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
        let close = skip_while(b, open + 1, |c| c != q);
        i = close + 1;
        if name.eq_ignore_ascii_case(wanted) {
            return attrs.get(open + 1..close);
        }
    }
}

// ---- Gradle ------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Tok<'t> {
    Ident(&'t str),
    Str(&'t str),
    Punct(u8),
}

/// Groovy/Kotlin tokens, without comments; string contents are kept whole, so a dependency
/// line quoted inside a string is not mistaken for one.
fn gradle_tokens(text: &str) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let (mut toks, mut i) = (Vec::new(), 0);
    while let Some(&c) = b.get(i) {
        match (c, b.get(i + 1)) {
            (b'/', Some(b'/')) => i = skip_while(b, i, |c| c != b'\n'),
            (b'/', Some(b'*')) => i = find_from(text, i + 2, "*/").map_or(b.len(), |p| p + 2),
            (b'"' | b'\'', _) => {
                let Some((span, end)) = quoted(b, i, true) else {
                    break;
                };
                toks.push(Tok::Str(text.get(span).unwrap_or("")));
                i = end;
            }
            _ if ident(c) => {
                let start = i;
                i = skip_while(b, i, ident);
                toks.push(Tok::Ident(text.get(start..i).unwrap_or("")));
            }
            _ => {
                if c.is_ascii_punctuation() {
                    toks.push(Tok::Punct(c));
                }
                i += 1;
            }
        }
    }
    toks
}

/// Dependency declarations: a configuration name (`implementation`, `testApi`, `kapt`...)
/// followed, with or without parentheses and `platform(...)`-style wrappers, by coordinate
/// strings or by `group:`/`name:` map notation. `project(...)` and catalog references
/// (`libs.x`) are skipped: the catalog is read on its own.
fn gradle(text: &str, out: &mut Out) {
    let toks = gradle_tokens(text);
    for (i, tok) in toks.iter().enumerate() {
        let after_dot = i.checked_sub(1).and_then(|p| toks.get(p)) == Some(&Tok::Punct(b'.'));
        let is_config = match *tok {
            Tok::Ident(w) => !after_dot && is_gradle_config(w),
            // Kotlin DSL for configurations created at run time: `"kaptTest"("g:a:v")`.
            Tok::Str(w) => toks.get(i + 1) == Some(&Tok::Punct(b'(')) && is_gradle_config(w),
            Tok::Punct(_) => false,
        };
        if !is_config {
            continue;
        }
        let mut j = i + 1;
        while let Some(Tok::Punct(b'(') | Tok::Ident("platform" | "enforcedPlatform" | "testFixtures")) =
            toks.get(j)
        {
            j += 1;
        }
        gradle_arguments(toks.get(j..).unwrap_or(&[]), out);
    }
}

fn gradle_arguments(mut rest: &[Tok], out: &mut Out) {
    let (mut group, mut name) = (None, None);
    loop {
        match rest {
            [Tok::Str(s), tail @ ..] => {
                out.add(coordinate(s).unwrap_or(""));
                rest = tail;
            }
            [Tok::Ident(key), Tok::Punct(b':' | b'='), Tok::Str(v), tail @ ..] => {
                match *key {
                    "group" => group = Some(*v),
                    "name" => name = Some(*v),
                    _ => {}
                }
                rest = tail;
            }
            _ => break,
        }
        match rest {
            [Tok::Punct(b','), tail @ ..] => rest = tail,
            _ => break,
        }
    }
    if let Some(name) = name {
        out.add_as(name, group.map_or(name.to_string(), |g| format!("{g}:{name}")));
    }
}

fn is_gradle_config(w: &str) -> bool {
    const EXACT: &[&str] = &[
        "api",
        "implementation",
        "compile",
        "compileOnly",
        "compileOnlyApi",
        "runtime",
        "runtimeOnly",
        "annotationProcessor",
        "kapt",
        "ksp",
        "classpath",
        "developmentOnly",
        "coreLibraryDesugaring",
    ];
    const SUFFIXES: &[&str] =
        &["Implementation", "Api", "CompileOnly", "RuntimeOnly", "Compile", "AnnotationProcessor"];
    let variant = |prefix: &str| {
        w.strip_prefix(prefix).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    EXACT.contains(&w)
        || SUFFIXES.iter().any(|s| w.len() > s.len() && w.ends_with(s))
        || variant("kapt")
        || variant("ksp")
}

// ---- Ruby --------------------------------------------------------------------------------

/// `gem "name", ...` statements, each at the start of its line.
fn gemfile(text: &str, out: &mut Out) {
    for line in ruby_code_lines(text) {
        let Some(rest) = line.trim_start().strip_prefix("gem") else {
            continue;
        };
        if rest.starts_with(|c: char| c.is_whitespace() || c == '(') {
            out.add(ruby_first_string(rest).unwrap_or(""));
        }
    }
}

/// `spec.add_dependency`, `add_runtime_dependency` and `add_development_dependency` calls.
fn gemspec(text: &str, out: &mut Out) {
    for line in ruby_code_lines(text) {
        for call in [".add_dependency", ".add_runtime_dependency", ".add_development_dependency"] {
            for (p, _) in line.match_indices(call) {
                let rest = line.get(p + call.len()..).unwrap_or("");
                if rest.starts_with(|c: char| c.is_whitespace() || c == '(') {
                    out.add(ruby_first_string(rest).unwrap_or(""));
                }
            }
        }
    }
}

fn ruby_first_string(args: &str) -> Option<&str> {
    let s = args.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    // Gemspecs generated by older tools quote names as `%q<name>`.
    if let Some(rest) = s.strip_prefix("%q<") {
        return rest.get(..rest.find('>')?);
    }
    let q = s.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let body = s.get(1..)?;
    body.get(..body.find(q)?)
}

/// Lines without `#` comments and `=begin`/`=end` blocks.
fn ruby_code_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut in_doc = false;
    text.lines().filter_map(move |line| {
        in_doc |= line.starts_with("=begin");
        if in_doc {
            in_doc = !line.starts_with("=end");
            return None;
        }
        let (mut quote, mut escaped) = (None, false);
        for (i, c) in line.bytes().enumerate() {
            match quote {
                _ if escaped => escaped = false,
                Some(_) if c == b'\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'#' => return line.get(..i),
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None => {}
            }
        }
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ecosystem::*;

    const REQUIREMENTS: &str = r#"# Core runtime
-r base.txt
-c constraints.txt
--index-url https://pypi.org/simple
--extra-index-url https://download.pytorch.org/whl/cpu
openai[datalib]>=1.0  # the SDK
anthropic==0.25.1 ; python_version > "3.8"
Django_REST.framework>=3.14
requests \
    --hash=sha256:abc \
    --hash=sha256:def
# langchain>=0.1
-e git+https://github.com/acme/tool.git@v1.2#egg=internal_tool
-e ./local/pkg
my-lib @ https://example.com/my_lib-1.0.tar.gz
https://example.com/wheels/cohere-5.0-py3-none-any.whl
./vendor/thing.zip
git+https://github.com/acme/llm-utils.git#egg=llm-utils&subdirectory=py
tiktoken~=0.7; sys_platform != "win32"
    transformers
pinecone-client \
    >=3.0
"#;

    const PYPROJECT: &str = r#"[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "acme-assistant"
description = "Wraps openai and anthropic behind one API"
requires-python = ">=3.9"
dependencies = [
    "openai[datalib]>=1.0",  # the main SDK
    'anthropic >=0.25; python_version>"3.8"',
    # "cohere>=5",
    "Pydantic_Core",
]
keywords = ["llm", "openai"]

[project.optional-dependencies]
vector = ["qdrant-client>=1.9", "tiktoken"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy"]

[tool.pdm.dev-dependencies]
docs = ["mkdocs-material"]

[tool.hatch.envs.default]
dependencies = ["coverage[toml]"]

[tool.ruff]
select = ["E", "F"]
"#;

    const POETRY: &str = r#"[tool.poetry]
name = "chat-bot"
version = "0.1.0"
description = "openai = everything"

[tool.poetry.dependencies]
python = "^3.10"
openai = "^1.3"
"langchain-community" = { version = "^0.2", extras = ["all"] }
llama_index = { git = "https://github.com/run-llama/llama_index.git" }
# anthropic = "^0.20"

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.dev-dependencies]
black = "*"

[tool.poetry.dependencies.google-generativeai]
version = "^0.5"
optional = true

[tool.poetry.extras]
ai = ["openai"]
"#;

    const PIPFILE: &str = r#"[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
openai = "*"
"zope.interface" = ">=5"
langchain = {version = ">=0.1", extras = ["openai"]}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"
"#;

    const SETUP_CFG: &str = r#"[metadata]
name = acme-tools
description = Helpers around openai

[options]
packages = find:
python_requires = >=3.8
install_requires =
    openai>=1.0
    # anthropic
    requests[socks]>=2.31, <3
    importlib-metadata; python_version<"3.10"
tests_require = pytest

[options.extras_require]
llm = tiktoken>=0.5, transformers[torch,sentencepiece]
dev =
    black

[options.entry_points]
console_scripts =
    acme = acme.cli:main
"#;

    const SETUP_PY: &str = r#"from setuptools import setup, find_packages

# install_requires=["not-a-dep"]
REQUIREMENTS = ["ignored-variable"]

setup(
    name="acme-agent",
    description="An agent built on openai",
    install_requires=[
        "openai>=1.0",
        'anthropic',  # Claude
        # "cohere",
        "numpy>=1.24; python_version >= '3.9'",
    ],
    extras_require={
        "vector": ["chromadb>=0.4", "tiktoken"],
        "dev": ["pytest"],
    },
    tests_require=("mock",),
    setup_requires=["setuptools_scm"],
)
"#;

    const CONDA: &str = r#"name: ml-env
channels:
  - conda-forge
  - defaults
dependencies:
  - python=3.11
  - numpy>=1.26
  - conda-forge::pytorch
  - openai=1.2  # via conda-forge
  # - langchain
  - pip
  - pip:
      - anthropic>=0.25
      - "tiktoken==0.7.0"
      - -r requirements-extra.txt
variables:
  OPENAI_LOG: debug
"#;

    const PACKAGE_JSON: &str = r#"{
  "name": "openai-chat-ui",
  "version": "1.0.0",
  "description": "A UI for the \"openai\" package",
  "scripts": { "build": "tsc", "dependencies": "echo" },
  "dependencies": {
    "@anthropic-ai/sdk": "^0.20.0",
    "openai": "^4.0.0",
    "react": "18.2.0"
  },
  "devDependencies": {
    "typescript": "~5.4.0"
  },
  "peerDependencies": { "zod": "*" },
  "optionalDependencies": {},
  "overrides": { "dependencies": { "semver": "7.5.0" } }
}
"#;

    const CARGO: &str = r#"[package]
name = "assistant"
version = "0.1.0"
description = "uses async-openai"

[dependencies]
async-openai = "0.23"
serde = { version = "1", features = ["derive"] }
llm = { version = "0.1", package = "llm-chain" }
tokio.workspace = true
# reqwest = "0.12"

[dev-dependencies]
insta = "1"

[build-dependencies.cc]
version = "1"

[target.'cfg(unix)'.dependencies]
nix = "0.29"

[target."cfg(windows)".dependencies.windows-sys]
version = "0.52"
package = "windows-sys-renamed"

[workspace.dependencies]
anthropic-sdk = { path = "../anthropic" }

[patch.crates-io]
serde = { git = "https://github.com/serde-rs/serde" }

[features]
default = ["serde"]
"#;

    const GO_MOD: &str = r#"module github.com/acme/agent

go 1.22

toolchain go1.22.3

require github.com/sashabaranov/go-openai v1.24.0

require (
	github.com/anthropics/anthropic-sdk-go v0.2.0
	// github.com/commented/out v1.0.0
	golang.org/x/net v0.25.0 // indirect
	"github.com/quoted/mod" v1.0.0
)

replace github.com/sashabaranov/go-openai => ../go-openai-fork

exclude (
	golang.org/x/text v0.3.0
)

retract v1.0.1
"#;

    const POM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
  </parent>
  <groupId>com.acme</groupId>
  <artifactId>assistant</artifactId>
  <description>Calls <![CDATA[<artifactId>openai</artifactId>]]></description>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.langchain4j</groupId>
        <artifactId>langchain4j-bom</artifactId>
        <type>pom</type>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <artifactId>openai-java</artifactId> <!-- artifact first -->
      <groupId>com.openai</groupId>
      <exclusions>
        <exclusion>
          <groupId>com.squareup.okhttp3</groupId>
          <artifactId>okhttp</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
    <!--
    <dependency>
      <groupId>com.anthropic</groupId>
      <artifactId>anthropic-java</artifactId>
    </dependency>
    -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <dependencies>
          <dependency>
            <groupId>org.junit.platform</groupId>
            <artifactId>
              junit-platform-launcher
            </artifactId>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"#;

    const GRADLE: &str = r#"plugins {
    id 'java'
    id 'org.springframework.boot' version '3.2.0'
}

repositories { mavenCentral() }

dependencies {
    implementation 'com.theokanning.openai-gpt3-java:service:0.18.2'
    implementation platform('dev.langchain4j:langchain4j-bom:0.31.0')
    api "com.google.guava:guava:33.0-jre"
    // implementation 'com.anthropic:anthropic-java:0.1.0'
    testImplementation group: 'org.junit.jupiter', name: 'junit-jupiter', version: '5.10.0'
    compileOnly 'org.projectlombok:lombok:1.18.30', 'org.jetbrains:annotations:24.0.0'
    implementation project(':core')
    implementation(libs.openai)
    runtimeOnly('com.h2database:h2:2.2.224') {
        exclude group: 'org.slf4j', module: 'slf4j-api'
    }
    /* implementation 'com.cohere:cohere-java:1.0' */
}

task hello { doLast { println 'implementation "fake:dep:1"' } }
"#;

    const GRADLE_KTS: &str = r#"plugins {
    kotlin("jvm") version "1.9.23"
    id("com.google.devtools.ksp") version "1.9.23-1.0.20"
}

dependencies {
    implementation("com.aallam.openai:openai-client:3.7.0")
    implementation(platform("io.ktor:ktor-bom:2.3.9"))
    implementation("io.ktor:ktor-client-okhttp")
    ksp("com.squareup.moshi:moshi-kotlin-codegen:1.15.1")
    testImplementation(kotlin("test"))
    kapt(group = "com.google.dagger", name = "dagger-compiler", version = "2.51")
    "kaptTest"("com.google.dagger:dagger-compiler:2.51")
    implementation(libs.anthropic.sdk)
}
"#;

    const CATALOG: &str = r#"[versions]
openai = "3.7.0"

[libraries]
openai-client = { module = "com.aallam.openai:openai-client", version.ref = "openai" }
ktor-core = { group = "io.ktor", name = "ktor-client-core", version.ref = "ktor" }
junit = "junit:junit:4.13.2"
# anthropic = "com.anthropic:anthropic-java:0.1"
langchain4j.module = "dev.langchain4j:langchain4j"

[plugins]
kotlin-jvm = { id = "org.jetbrains.kotlin.jvm", version = "1.9.23" }
"#;

    // Starts with a byte-order mark, as Visual Studio writes them.
    const CSPROJ: &str = "\u{feff}<Project Sdk=\"Microsoft.NET.Sdk\">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Description>Uses Azure.AI.OpenAI under the hood</Description>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=\"Azure.AI.OpenAI\" Version=\"1.0.0-beta.17\" />
    <PackageReference
        Include=\"Microsoft.SemanticKernel\"
        Version=\"1.10.0\" />
    <PackageReference Update=\"Newtonsoft.Json\" Version=\"13.0.3\" />
    <!-- <PackageReference Include=\"Anthropic.SDK\" Version=\"2.0.0\" /> -->
    <PackageReference Include=\"Polly;Serilog\" />
    <ProjectReference Include=\"..\\Core\\Core.csproj\" />
    <PackageReference Include=\"$(SharedPackage)\" />
  </ItemGroup>
</Project>
";

    const PACKAGES_PROPS: &str = r#"<Project>
  <ItemGroup>
    <PackageVersion Include="OpenAI" Version="2.0.0" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>
"#;

    const PACKAGES_CONFIG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Betalgo.OpenAI" version="7.4.0" targetFramework="net472" />
  <package id="NUnit" version="3.13.3" developmentDependency="true" />
</packages>
"#;

    const GEMFILE: &str = r#"source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }

ruby "3.3.0"

gem "rails", "~> 7.1"
gem 'ruby-openai', '~> 7.0' # OpenAI client
gem("anthropic", require: false)
# gem "langchainrb"

group :development, :test do
  gem "rspec-rails"
end

gemspec
=begin
gem "commented-block"
=end
"#;

    const GEMSPEC: &str = r#"Gem::Specification.new do |spec|
  spec.name        = "acme-llm"
  spec.summary     = "Thin wrapper; add_dependency 'openai' yourself"
  spec.add_dependency "faraday", ">= 2.0"
  spec.add_runtime_dependency('ruby-openai', '~> 7')
  spec.add_development_dependency "rspec"
  s.add_runtime_dependency(%q<anthropic>, [">= 0.1"])
  # spec.add_dependency "langchainrb"
end
"#;

    const COMPOSER: &str = r#"{
    "name": "acme/chat",
    "description": "Uses openai-php/client",
    "require": {
        "php": "^8.1",
        "ext-json": "*",
        "openai-php/client": "^0.8",
        "guzzlehttp/guzzle": "^7.8"
    },
    "require-dev": {
        "phpunit/phpunit": "^10.5"
    },
    "suggest": { "anthropic/sdk": "For Claude" }
}
"#;

    const FIXTURES: &[(&str, &str)] = &[
        ("requirements.txt", REQUIREMENTS),
        ("pyproject.toml", PYPROJECT),
        ("svc/pyproject.toml", POETRY),
        ("Pipfile", PIPFILE),
        ("setup.cfg", SETUP_CFG),
        ("setup.py", SETUP_PY),
        ("environment.yml", CONDA),
        ("web/package.json", PACKAGE_JSON),
        ("Cargo.toml", CARGO),
        ("go.mod", GO_MOD),
        ("pom.xml", POM),
        ("app/build.gradle", GRADLE),
        ("build.gradle.kts", GRADLE_KTS),
        ("gradle/libs.versions.toml", CATALOG),
        ("src/App/App.csproj", CSPROJ),
        ("Directory.Packages.props", PACKAGES_PROPS),
        ("packages.config", PACKAGES_CONFIG),
        ("Gemfile", GEMFILE),
        ("acme-llm.gemspec", GEMSPEC),
        ("composer.json", COMPOSER),
    ];

    /// Dependencies, after checking the span invariant: each span slices the name as written.
    fn checked(path: &str, text: &str) -> Vec<Dependency> {
        let deps = dependencies(path, text);
        for d in &deps {
            let Some(written) = text.get(d.span.clone()) else {
                panic!("{path}: span {:?} is not on char boundaries", d.span)
            };
            let same = match d.ecosystem {
                Maven => d.name == written || d.name.ends_with(&format!(":{written}")),
                eco => normalise(eco, written) == d.name,
            };
            assert!(same, "{path}: {written:?} at {:?} does not give {:?}", d.span, d.name);
        }
        deps
    }

    /// Asserts the exact (ecosystem, name, line) list; `expected` is `name@line`, space-separated.
    fn check(path: &str, text: &str, eco: Ecosystem, expected: &str) {
        let line = |at: usize| text[..at].matches('\n').count() + 1;
        let got: Vec<_> = checked(path, text)
            .into_iter()
            .map(|d| (d.ecosystem, format!("{}@{}", d.name, line(d.span.start))))
            .collect();
        let want: Vec<_> = expected.split_whitespace().map(|w| (eco, w.to_string())).collect();
        assert_eq!(got, want, "{path}");
    }

    #[test]
    fn requirements_txt() {
        let want = "openai@6 anthropic@7 django-rest-framework@8 requests@9 internal-tool@13 \
                    my-lib@15 llm-utils@18 tiktoken@19 transformers@20 pinecone-client@21";
        check("requirements.txt", REQUIREMENTS, PyPI, want);
        check("requirements/dev.in", "-c ../constraints.txt\nOpenAI\n", PyPI, "openai@2");
    }

    #[test]
    fn pyproject_pep621_groups_uv_pdm_hatch() {
        let want = "openai@10 anthropic@11 pydantic-core@13 qdrant-client@18 tiktoken@18 pytest@21 \
                    ruff@22 mypy@25 mkdocs-material@28 coverage@31";
        check("pyproject.toml", PYPROJECT, PyPI, want);
    }

    #[test]
    fn pyproject_poetry() {
        let want = "openai@8 langchain-community@9 llama-index@10 pytest@14 black@17 \
                    google-generativeai@19";
        check("pyproject.toml", POETRY, PyPI, want);
    }

    #[test]
    fn pipfile() {
        let want = "openai@7 zope-interface@8 langchain@9 pytest@12";
        check("Pipfile", PIPFILE, PyPI, want);
    }

    #[test]
    fn setup_cfg_and_setup_py() {
        let want = "openai@9 requests@11 importlib-metadata@12 pytest@13 tiktoken@16 \
                    transformers@16 black@18";
        check("setup.cfg", SETUP_CFG, PyPI, want);
        let want = "openai@10 anthropic@11 numpy@13 chromadb@16 tiktoken@16 pytest@17 mock@19";
        check("setup.py", SETUP_PY, PyPI, want);
        check("setup.py", "setup(extras_require=dict(llm=['openai']))", PyPI, "openai@1");
    }

    #[test]
    fn conda_environment() {
        let want = "numpy@7 pytorch@8 openai@9 pip@11 anthropic@13 tiktoken@14";
        check("environment.yml", CONDA, PyPI, want);
    }

    #[test]
    fn package_json_pretty_and_minified() {
        let want = "@anthropic-ai/sdk@7 openai@8 react@9 typescript@12 zod@14";
        check("package.json", PACKAGE_JSON, Npm, want);
        let min = r#"{"name":"x","dependencies":{"openai":"^4","@google/generative-ai":"0.1"},"devDependencies":{"vitest":"1"}}"#;
        let want = "openai@1 @google/generative-ai@1 vitest@1";
        check("package.json", min, Npm, want);
    }

    #[test]
    fn cargo_toml() {
        let want = "async-openai@7 serde@8 llm-chain@9 tokio@10 insta@14 cc@16 nix@20 \
                    windows-sys-renamed@24 anthropic-sdk@27";
        check("Cargo.toml", CARGO, Crates, want);
    }

    #[test]
    fn go_mod_requires() {
        let want = "github.com/sashabaranov/go-openai@7 github.com/anthropics/anthropic-sdk-go@10 \
                    golang.org/x/net@12 github.com/quoted/mod@13";
        check("go.mod", GO_MOD, Go, want);
    }

    #[test]
    fn maven_pom() {
        let want = "dev.langchain4j:langchain4j-bom@15 com.openai:openai-java@22 \
                    org.slf4j:slf4j-api@37 org.junit.platform:junit-platform-launcher@48";
        check("pom.xml", POM, Maven, want);
    }

    #[test]
    fn gradle_groovy_kotlin_and_catalog() {
        let want = "com.theokanning.openai-gpt3-java:service@9 dev.langchain4j:langchain4j-bom@10 \
                    com.google.guava:guava@11 org.junit.jupiter:junit-jupiter@13 \
                    org.projectlombok:lombok@14 org.jetbrains:annotations@14 com.h2database:h2@17";
        check("build.gradle", GRADLE, Maven, want);
        let want = "com.aallam.openai:openai-client@7 io.ktor:ktor-bom@8 io.ktor:ktor-client-okhttp@9 \
                    com.squareup.moshi:moshi-kotlin-codegen@10 com.google.dagger:dagger-compiler@12 \
                    com.google.dagger:dagger-compiler@13";
        check("build.gradle.kts", GRADLE_KTS, Maven, want);
        let want = "com.aallam.openai:openai-client@5 io.ktor:ktor-client-core@6 junit:junit@7 \
                    dev.langchain4j:langchain4j@9";
        check("gradle/libs.versions.toml", CATALOG, Maven, want);
    }

    #[test]
    fn nuget_msbuild_and_packages_config() {
        let want = "Azure.AI.OpenAI@7 Microsoft.SemanticKernel@9 Newtonsoft.Json@11 Polly@13 Serilog@13";
        check("App.csproj", CSPROJ, NuGet, want);
        let want = "OpenAI@3 Nerdbank.GitVersioning@4";
        check("Directory.Packages.props", PACKAGES_PROPS, NuGet, want);
        check("packages.config", PACKAGES_CONFIG, NuGet, "Betalgo.OpenAI@3 NUnit@4");
    }

    #[test]
    fn ruby_gemfile_and_gemspec() {
        let want = "rails@6 ruby-openai@7 anthropic@8 rspec-rails@12";
        check("Gemfile", GEMFILE, RubyGems, want);
        let want = "faraday@4 ruby-openai@5 rspec@6 anthropic@7";
        check("acme.gemspec", GEMSPEC, RubyGems, want);
    }

    #[test]
    fn composer_json_skips_platform_packages() {
        let want = "openai-php/client@7 guzzlehttp/guzzle@8 phpunit/phpunit@11";
        check("composer.json", COMPOSER, Packagist, want);
    }

    #[test]
    fn manifest_names() {
        let yes = "requirements.txt requirements-dev.txt dev-requirements.in requirements/test.txt \
                   requirements.in pyproject.toml a/b/Pipfile setup.cfg setup.py environment.yaml \
                   package.json Cargo.toml go.mod pom.xml build.gradle.kts gradle/libs.versions.toml \
                   src/X.csproj X.fsproj X.vbproj Directory.Build.props packages.config Gemfile \
                   x.gemspec composer.json";
        let no = "package-lock.json yarn.lock pnpm-lock.yaml poetry.lock Cargo.lock go.sum \
                  composer.lock Gemfile.lock uv.lock Pipfile.lock constraints.txt \
                  requirements/constraints.txt MANIFEST.in Makefile.in README.md notes.txt \
                  node_modules/openai/package.json vendor/guzzle/composer.json settings.gradle";
        for p in yes.split_whitespace() {
            assert!(is_manifest(p), "{p} should be a manifest");
        }
        for p in no.split_whitespace() {
            assert!(!is_manifest(p), "{p} should not be a manifest");
            assert!(dependencies(p, PACKAGE_JSON).is_empty());
        }
    }

    #[test]
    fn pep503_normalisation() {
        assert_eq!(pep503("Django_REST..Framework"), "django-rest-framework");
        assert_eq!(pep503("_a__"), "-a-");
    }

    /// Deterministic pseudo-random text built from pieces that scanners react to.
    fn garbage(seed: u64, len: usize) -> String {
        const PIECES: &[&str] = &[
            "\"",
            "'",
            "[",
            "]",
            "{",
            "}",
            "<",
            ">",
            "/",
            "#",
            "\n",
            "\\",
            "=",
            ":",
            ",",
            " ",
            "(",
            ")",
            "é",
            "日本",
            "🦀",
            "<!--",
            "-->",
            "'''",
            "\"\"\"",
            "dependencies",
            "require",
            "<dependency>",
            "</dependency>",
            "<artifactId>",
            "gem ",
            "implementation",
            "install_requires=[",
            "- pip:",
            "[dependencies]",
            "\"dependencies\":{",
            "package",
            "openai",
            "@",
            ";",
            "-e ",
            "#egg=",
            "\r\n",
        ];
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                PIECES[(x >> 33) as usize % PIECES.len()]
            })
            .collect()
    }

    #[test]
    fn never_panics_and_spans_stay_on_char_boundaries() {
        for &(path, text) in FIXTURES {
            for (i, _) in text.char_indices() {
                checked(path, &text[..i]);
            }
            for &(other, _) in FIXTURES {
                checked(other, text);
            }
            for variant in [text.replace(' ', " é"), text.replace('"', "\"日本🦀")] {
                checked(path, &variant);
            }
            for seed in 0..40 {
                checked(path, &garbage(seed, 300));
            }
        }
    }

    #[test]
    fn crlf_line_endings_give_the_same_dependencies() {
        for &(path, text) in FIXTURES {
            let names = |t: &str| checked(path, t).into_iter().map(|d| d.name).collect::<Vec<_>>();
            assert_eq!(names(&text.replace('\n', "\r\n")), names(text), "{path}");
        }
    }

    #[test]
    fn huge_and_pathological_inputs_stay_linear() {
        let big = "openai>=1\n".repeat(200_000);
        assert_eq!(checked("requirements.txt", &big).len(), 200_000);
        let nasty = [
            ("pyproject.toml", "[".repeat(300_000)),
            ("Cargo.toml", format!("[{}a]\n{}", "a.".repeat(50_000), "k = 1\n".repeat(50_000))),
            ("Cargo.toml", "a = [\"".repeat(100_000)),
            ("package.json", "{\"dependencies\":".repeat(100_000)),
            ("setup.py", "install_requires=[".repeat(100_000)),
            ("setup.py", "install_requires=[],".repeat(100_000)),
            ("pom.xml", "<dependency><artifactId>a".repeat(100_000)),
            ("build.gradle", "implementation(".repeat(100_000)),
            ("x.csproj", "<PackageReference Include=\"".repeat(100_000)),
        ];
        for (path, text) in &nasty {
            checked(path, text);
        }
    }
}
