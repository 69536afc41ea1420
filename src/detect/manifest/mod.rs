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

mod go;
mod gradle;
mod json;
mod python;
mod ruby;
#[cfg(test)]
mod tests;
mod toml;
mod xml;

use go::*;
use gradle::*;
use json::*;
use python::*;
use ruby::*;
use toml::*;
use xml::*;

pub use crate::catalog::Ecosystem;

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
