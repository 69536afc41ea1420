//! How far a charter may reach with `extends`. A charter found in the scanned tree was written by
//! whoever wrote the scanned files (a pull request can add one), so it is read as untrusted input:
//! it may build only on charters of the same repository. A charter the operator names
//! (`--charter`, [`ENV_VAR`](super::ENV_VAR)) is trusted like the command line itself.

use std::fs;
use std::path::{Path, PathBuf};

/// The trust a charter file is loaded with; the charters it extends inherit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Found by walking up from the scanned path. It may extend only regular files, by relative
    /// path, that resolve (symlinks followed) inside `root`: the directory holding `.git` above
    /// the charter, else the charter's own directory. `root` is canonical.
    Repository { root: PathBuf },
    /// Given by whoever runs charterlint: it may extend any regular file.
    Operator,
}

impl Trust {
    /// The repository trust of a charter found at `charter`: its root is the nearest directory
    /// at or above the charter's own that holds `.git` (a directory, or a file in a worktree or
    /// submodule), else the charter's directory.
    pub fn repository_of(charter: &Path) -> Trust {
        let dir = match charter.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let dir = fs::canonicalize(dir).unwrap_or_else(|_| std::path::absolute(dir).unwrap_or_default());
        let root = dir
            .ancestors()
            .find(|a| fs::symlink_metadata(a.join(".git")).is_ok())
            .map_or_else(|| dir.clone(), Path::to_path_buf);
        Trust::Repository { root }
    }

    /// Whether a file at `canonical` (a canonical path) may be read under this trust.
    pub fn allows(&self, canonical: &Path) -> bool {
        match self {
            Trust::Repository { root } => canonical.starts_with(root),
            Trust::Operator => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_nearest_git_directory_else_the_charters_own() {
        let t = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let base = fs::canonicalize(t.path()).unwrap_or_else(|e| panic!("{e}"));
        let sub = base.join("repo/team");
        fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        let charter = sub.join("ai-charter.yaml");
        assert_eq!(Trust::repository_of(&charter), Trust::Repository { root: sub.clone() });
        fs::create_dir(base.join("repo/.git")).unwrap_or_else(|e| panic!("{e}"));
        let trust = Trust::repository_of(&charter);
        assert_eq!(trust, Trust::Repository { root: base.join("repo") });
        assert!(trust.allows(&base.join("repo/org.yaml")) && !trust.allows(&base.join("other/org.yaml")));
        assert!(!trust.allows(Path::new("/proc/self/environ")));
        assert!(Trust::Operator.allows(Path::new("/etc/org/ai-charter.yaml")));
    }
}
