//! Files git tracks although `.gitignore` matches them. The walk honours ignore files, which is
//! right for build output, but a file that was committed anyway (a `requirements.txt` under a
//! `*.txt` pattern, `git add -f`) is part of the repository and is scanned too. One
//! `git ls-files -i -c --exclude-standard -z` per scanned directory inside a git work tree; no
//! git, or no work tree, and nothing changes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use globset::GlobSet;

use super::{Counts, Source, walk};
use crate::paths::display;

/// Scans the tracked-but-ignored files under `root` (a directory of the walk). `rel_prefix` puts
/// their paths relative to the walk's base, as the walk does.
pub fn scan(source: &Source<'_>, root: &Path, rel_prefix: &str, exclude: &GlobSet, max_file_size: u64) {
    if !root.is_dir() || !in_work_tree(root) {
        return;
    }
    let mut counts = Counts::default();
    for inner in tracked_ignored(root) {
        let rel = format!("{rel_prefix}{inner}");
        if excluded(exclude, &rel) {
            continue;
        }
        let path: PathBuf = root.join(&inner);
        // Tracked but deleted or replaced by a directory in the work tree: nothing to read.
        if !path.is_file() {
            continue;
        }
        walk::read_file(source, &path, &rel, max_file_size, &mut counts);
    }
    source.sink.counts(counts);
}

/// Whether `dir` or one of its parents holds a `.git` (a directory, or a file for worktrees
/// and submodules).
fn in_work_tree(dir: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else { return false };
    dir.ancestors().any(|d| d.join(".git").exists())
}

/// `/`-separated paths, relative to `root`, of the files git tracks under it and its ignore
/// rules match. Empty when git is missing or fails (not a repository, unsafe ownership).
pub fn tracked_ignored(root: &Path) -> Vec<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-i", "-c", "--exclude-standard", "-z", "--", "."])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    let Ok(out) = out else { return Vec::new() };
    if !out.status.success() {
        return Vec::new();
    }
    out.stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| display(Path::new(&*String::from_utf8_lossy(p))))
        .collect()
}

/// Whether `--exclude` matches the file or one of its directories, as in the walk.
fn excluded(exclude: &GlobSet, rel: &str) -> bool {
    if exclude.is_match(rel) {
        return true;
    }
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if exclude.is_match(parent) || exclude.is_match(format!("{parent}/x")) {
            return true;
        }
        dir = parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn lists_committed_files_that_gitignore_matches() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path();
        if !git(dir, &["init", "-q"]) {
            return; // no git on this machine: the pass is a no-op there too
        }
        std::fs::write(dir.join(".gitignore"), "*.txt\nbuild/\n").unwrap_or_default();
        std::fs::write(dir.join("requirements.txt"), "openai\n").unwrap_or_default();
        std::fs::write(dir.join("notes.txt"), "local\n").unwrap_or_default();
        std::fs::create_dir_all(dir.join("build")).unwrap_or_default();
        std::fs::write(dir.join("build/keep.py"), "x = 1\n").unwrap_or_default();
        assert!(git(dir, &["add", ".gitignore"]));
        assert!(git(dir, &["add", "-f", "requirements.txt", "build/keep.py"]));
        let mut got = tracked_ignored(dir);
        got.sort();
        assert_eq!(got, vec!["build/keep.py".to_string(), "requirements.txt".to_string()]);
        assert!(in_work_tree(&dir.join("build")));
    }

    #[test]
    fn nothing_outside_a_repository() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert!(tracked_ignored(tmp.path()).is_empty());
    }

    #[test]
    fn exclude_matches_directories() {
        let set = crate::paths::glob_set(&["vendor".to_string(), "gen/**".to_string()], "--exclude")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(excluded(&set, "vendor/a/requirements.txt"));
        assert!(excluded(&set, "gen/requirements.txt"));
        assert!(!excluded(&set, "src/requirements.txt"));
    }
}
