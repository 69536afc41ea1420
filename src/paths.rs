//! Path forms shared by every layer: the `/`-separated display form of a path, and glob sets
//! built from the charter's or the command line's patterns.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Display form of a path: `./src/a.py` → `src/a.py`, `\` → `/`. Bytes that are not UTF-8
/// show as `\xNN`, so two names that differ keep different display forms, and so different
/// fingerprints (a literal `\` never survives, it became `/`).
pub fn display(path: &Path) -> String {
    let s = text_of(path);
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

#[cfg(unix)]
fn text_of(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "/"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn text_of(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// One glob set from patterns; `what` names the patterns' origin in the error.
pub fn glob_set(patterns: &[String], what: &str) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("{what} `{p}`: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_are_not_utf8_stay_distinct() {
        let a = display(Path::new(OsStr::from_bytes(b"./dir/caf\xe9.py")));
        let b = display(Path::new(OsStr::from_bytes(b"./dir/caf\xe8.py")));
        assert_eq!(a, "dir/caf\\xe9.py");
        assert_ne!(a, b);
        assert_eq!(display(Path::new("./a\\b.py")), "a/b.py");
    }
}
