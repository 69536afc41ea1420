//! Path forms shared by every layer: the `/`-separated display form of a path, and glob sets
//! built from the charter's or the command line's patterns.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Display form of a path: `./src/a.py` → `src/a.py`, `\` → `/`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.replace('\\', "/")
}

/// One glob set from patterns; `what` names the patterns' origin in the error.
pub fn glob_set(patterns: &[String], what: &str) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("{what} `{p}`: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}
