//! Commit messages as units: the message file of the commit-msg hook (with the AI artifacts
//! that the staged changes add), and the commits of `scan --git-log RANGE`. Git is run as a
//! subprocess, read-only (`git diff --cached`, `git log`).

use std::path::Path;
use std::process::Command;

use super::{Counts, Source};
use crate::detect::commit::{self, AUTHOR_PREFIX, STAGED_PREFIX};
use crate::detect::provenance;
use crate::unit::{Kinds, Record, Unit, UnitKind};

fn kinds() -> Kinds {
    Kinds::default().with(UnitKind::CommitMessage)
}

/// Reads the message file that git hands to the commit-msg hook. With `with_staged`, the
/// staged changes of the repository at `repo` are read for chat-tool artifacts added to
/// documents, which count as signs of AI use.
pub fn read_message_file(
    source: &Source<'_>,
    path: &Path,
    repo: &Path,
    with_staged: bool,
    counts: &mut Counts,
) {
    let shown = path.to_string_lossy().replace('\\', "/");
    let raw = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return source.error(&shown, e.to_string()),
    };
    let mut text = commit::clean_message(&raw);
    if with_staged {
        for line in staged_artifacts(repo) {
            text.push_str(&format!("{STAGED_PREFIX} {line}\n"));
        }
    }
    counts.files += 1;
    counts.records += 1;
    counts.bytes += raw.len() as u64;
    source.sink.unit(&Unit::file(&shown, "COMMIT_EDITMSG", &text, kinds()));
}

/// "docs/a.md (ChatGPT `contentReference` citation marker)" for each staged prose file whose
/// added lines hold chat-tool artifacts. Empty outside a git repository.
pub fn staged_artifacts(repo: &Path) -> Vec<String> {
    let Ok(o) = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["diff", "--cached", "--no-color", "--no-ext-diff", "-U0", "--diff-filter=AM"])
        .output()
    else {
        return Vec::new();
    };
    if !o.status.success() {
        return Vec::new();
    }
    let diff = String::from_utf8_lossy(&o.stdout);
    let mut out = Vec::new();
    let mut file: Option<String> = None;
    let mut added = String::new();
    let mut flush = |file: &Option<String>, added: &mut String| {
        if let Some(f) = file
            && !crate::unit::classify(f).contains(UnitKind::Code)
            && let Some(e) = provenance::artifacts(added, &provenance::code_regions(added)).first()
        {
            out.push(format!("{f} ({})", e.kind.describe()));
        }
        added.clear();
    };
    for line in diff.lines() {
        if let Some(p) = line.strip_prefix("+++ ") {
            flush(&file, &mut added);
            file = p.strip_prefix("b/").map(str::to_string);
        } else if let Some(l) = line.strip_prefix('+') {
            added.push_str(l);
            added.push('\n');
        }
    }
    flush(&file, &mut added);
    out
}

/// Reads every commit of `range` in the repository at `repo`.
pub fn read_log(source: &Source<'_>, repo: &Path, range: &str, counts: &mut Counts) {
    let shown = format!("git log {range}");
    let result = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["log", "--no-color", "--format=%H%x1f%an <%ae>%x1f%B%x1e", range, "--"])
        .output();
    let o = match result {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr).trim().to_string();
            source.error(&shown, format!("git log failed: {err}"));
            return;
        }
        Err(e) => {
            source.error(&shown, format!("cannot run git: {e}"));
            return;
        }
    };
    let log = String::from_utf8_lossy(&o.stdout);
    for entry in log.split('\u{1e}') {
        let mut fields = entry.trim_start_matches('\n').splitn(3, '\u{1f}');
        let (Some(sha), Some(author), Some(body)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let mut text = commit::clean_message(body);
        let author_line = format!("{AUTHOR_PREFIX} {author}\n");
        // An AI agent or a bot is known by its author line and is nobody: it stays as it is.
        let person = !author.contains("[bot]") && commit::mentions(&author_line).is_empty();
        let author = if person { source.person(author) } else { author.into() };
        text.push_str(&format!("{AUTHOR_PREFIX} {author}\n"));
        let short = &sha[..sha.len().min(10)];
        let record = format!("commit {short} by {author}");
        let rel = format!("commit/{sha}");
        counts.records += 1;
        counts.bytes += text.len() as u64;
        source.sink.unit(&Unit { record: Record::Text(&record), ..Unit::file(&shown, &rel, &text, kinds()) });
    }
}
