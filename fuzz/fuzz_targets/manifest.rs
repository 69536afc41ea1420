//! Package manifests: every dependency's span lies in the text and holds its name as written.
//! The first byte picks the manifest's path.
#![no_main]

use charterlint::detect::manifest::{dependencies, is_manifest};
use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &[
    "pyproject.toml",
    "Pipfile",
    "setup.cfg",
    "setup.py",
    "package.json",
    "Cargo.toml",
    "go.mod",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "packages.config",
    "app/App.csproj",
    "Gemfile",
    "lib.gemspec",
    "composer.json",
    "gradle/libs.versions.toml",
    "environment.yml",
    "requirements.txt",
    "requirements/dev.in",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let path = PATHS[pick as usize % PATHS.len()];
    assert!(is_manifest(path));
    let text = String::from_utf8_lossy(body);
    for dep in dependencies(path, &text) {
        assert!(text.get(dep.span.clone()).is_some(), "span {:?} is not a slice of the text", dep.span);
    }
});
