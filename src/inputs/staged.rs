//! `scan --staged`: the files of the next commit as git's index holds them, not as the work
//! tree does, so a partly staged file is judged on what will be committed. Two git processes
//! whatever the number of files: `git diff --cached --raw -z` names the staged blobs, and one
//! `git cat-file --batch` streams them all, started with the listing so that it is ready when
//! the rules are; the blobs are checked on every core. Run by pre-commit at the pre-push stage,
//! it reads the pushed range (`PRE_COMMIT_FROM_REF...PRE_COMMIT_TO_REF`) the same way.

use globset::GlobSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Counts, Source, decode, structured, walk};

/// Bytes sniffed for a NUL to call a blob binary (as the walk does).
const SNIFF: usize = 8 * 1024;

/// Modes of index entries that are not regular files: symbolic links and submodules.
const SYMLINK: &str = "120000";
const GITLINK: &str = "160000";

#[derive(Debug, Clone)]
pub struct StagedOptions {
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    /// Directory that relative paths (globs, fingerprints) are taken from: the charter's.
    pub base: Option<PathBuf>,
    /// Threads that check the blobs.
    pub threads: usize,
}

/// The repository root and its staged files, as [`Listing::start`] asked git for them, and the
/// `git cat-file --batch` that will read them, already started (a git process takes a few
/// milliseconds to come up: a tenth of a hook).
#[derive(Debug)]
pub struct Staged {
    pub top: PathBuf,
    pub files: Vec<StagedFile>,
    reader: Option<std::process::Child>,
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Unused (the listing failed, or nothing was staged): closing its input ends it.
        if let Some(mut child) = self.reader.take() {
            drop(child.stdin.take());
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The staged files, listed on a thread of their own: the git processes run while the rules,
/// the catalogue and the charter load, which a pre-commit run would otherwise wait for twice.
#[derive(Debug)]
pub struct Listing(std::thread::JoinHandle<Result<Staged, String>>);

impl Listing {
    /// Starts listing the staged files under `paths` (empty or `.`: all of them).
    pub fn start(paths: &[PathBuf]) -> Listing {
        let specs: Vec<PathBuf> = paths.iter().filter(|p| p.as_os_str() != ".").cloned().collect();
        Listing(std::thread::spawn(move || staged_files(&specs)))
    }

    fn finish(self) -> Result<Staged, String> {
        self.0.join().unwrap_or_else(|_| Err("--staged: listing the staged files failed".into()))
    }
}

/// One staged regular file: its blob id and its path relative to the repository root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedFile {
    pub blob: String,
    pub path: String,
}

fn git(args: &[&str], cwd: Option<&Path>) -> Result<Vec<u8>, String> {
    git_output(git_spawn(args, cwd)?, args)
}

/// Starts `git args` with its output piped, so that two git commands can run at once.
fn git_spawn(args: &[&str], cwd: Option<&Path>) -> Result<std::process::Child, String> {
    let mut cmd = Command::new("git");
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(d) = cwd {
        cmd.current_dir(d);
    }
    cmd.spawn().map_err(|e| format!("--staged needs git: cannot run it: {e}"))
}

fn git_output(child: std::process::Child, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = child.wait_with_output().map_err(|e| format!("--staged: waiting for git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("--staged: `git {}` failed: {}", args.join(" "), err.trim()));
    }
    Ok(out.stdout)
}

/// Parses `git diff --raw -z` output: `:old new oldsha newsha status\0path\0` records.
pub fn parse_raw_diff(out: &[u8]) -> Vec<StagedFile> {
    let mut files = Vec::new();
    let mut parts = out.split(|&b| b == 0);
    while let (Some(meta), Some(path)) = (parts.next(), parts.next()) {
        let meta = String::from_utf8_lossy(meta);
        let fields: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [_, new_mode, _, new_blob, status, ..] = fields.as_slice() else { continue };
        if *new_mode == SYMLINK || *new_mode == GITLINK || status.starts_with('D') {
            continue;
        }
        files.push(StagedFile {
            blob: (*new_blob).to_string(),
            path: String::from_utf8_lossy(path).into_owned(),
        });
    }
    files
}

/// The range pre-commit hands to a pre-push hook (or `pre-commit run --from-ref --to-ref`):
/// then the files changed in that range are read at `to`, instead of the index.
fn push_range() -> Option<(String, String)> {
    let from = std::env::var("PRE_COMMIT_FROM_REF").ok().filter(|s| !s.is_empty())?;
    let to = std::env::var("PRE_COMMIT_TO_REF").ok().filter(|s| !s.is_empty())?;
    Some((from, to))
}

/// Parses `git ls-files --stage -z` output: `mode blob stage\tpath\0` records; regular files at
/// stage 0 only (a conflicted path has no single content to judge).
pub fn parse_ls_files(out: &[u8]) -> Vec<StagedFile> {
    let mut files = Vec::new();
    for record in out.split(|&b| b == 0) {
        let Some(tab) = record.iter().position(|&b| b == b'\t') else { continue };
        let meta = String::from_utf8_lossy(&record[..tab]);
        let [mode, blob, stage] = meta.split(' ').collect::<Vec<_>>()[..] else { continue };
        if mode == SYMLINK || mode == GITLINK || stage != "0" {
            continue;
        }
        files.push(StagedFile {
            blob: blob.to_string(),
            path: String::from_utf8_lossy(&record[tab + 1..]).into_owned(),
        });
    }
    files
}

/// The files of the index at the paths named (pre-commit passes them, one by one, to a hook
/// with `pass_filenames`; under `pre-commit run --all-files` nothing is staged, and the
/// files named are every tracked file). Names are literal; one that is not in the index is
/// an error.
fn index_files(named: &[PathBuf]) -> Result<Vec<StagedFile>, String> {
    let mut args: Vec<String> =
        ["--literal-pathspecs", "ls-files", "--stage", "-z", "--full-name", "--error-unmatch", "--"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
    args.extend(named.iter().map(|p| p.to_string_lossy().into_owned()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    Ok(parse_ls_files(&git(&refs, None)?))
}

/// The staged regular files under `pathspecs`, and the repository root. Files of the work tree
/// named one by one (no directory, no pattern) are read from the index whether or not they
/// changed, so that a hook run over all files checks them all.
pub fn staged_files(pathspecs: &[PathBuf]) -> Result<Staged, String> {
    // The root is asked for while the files are, and the reader of their blobs starts: each git
    // process is a few milliseconds.
    let rev_parse = ["rev-parse", "--show-toplevel"];
    let asked = git_spawn(&rev_parse, None)?;
    let reader = blob_reader().ok();
    let staged = |asked, files: Result<Vec<StagedFile>, String>| -> Result<Staged, String> {
        let top = git_output(asked, &rev_parse);
        let mut staged = Staged { top: PathBuf::new(), files: Vec::new(), reader };
        let top = top?;
        staged.top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        staged.files = files?;
        Ok(staged)
    };
    if !pathspecs.is_empty() && push_range().is_none() && pathspecs.iter().all(|p| p.is_file()) {
        let files = index_files(pathspecs);
        return staged(asked, files);
    }
    let mut args: Vec<String> =
        ["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--no-ext-diff"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
    args.push("--diff-filter=ACMT".into());
    if let Some((from, to)) = push_range() {
        args.retain(|a| a != "--cached");
        args.push(format!("{from}...{to}"));
    }
    args.push("--".into());
    args.extend(pathspecs.iter().map(|p| p.to_string_lossy().into_owned()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let files = git(&refs, None).map(|out| parse_raw_diff(&out));
    staged(asked, files)
}

/// `git cat-file --batch`, waiting for the blob ids on its input.
fn blob_reader() -> Result<std::process::Child, String> {
    Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("--staged needs git: cannot run it: {e}"))
}

/// Reads every blob with `child` (a `git cat-file --batch`), calling `each(index, bytes)` in order.
fn read_blobs(
    mut child: std::process::Child,
    files: &[StagedFile],
    mut each: impl FnMut(usize, Vec<u8>),
) -> Result<(), String> {
    let mut stdin = child.stdin.take().ok_or("--staged: no pipe to git cat-file")?;
    let stdout = child.stdout.take().ok_or("--staged: no pipe from git cat-file")?;
    let request: String = files.iter().map(|f| format!("{}\n", f.blob)).collect();
    // Write from another thread: git answers while we ask, and both pipes have bounded buffers.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut reader = BufReader::new(stdout);
    let mut header = String::new();
    for (i, f) in files.iter().enumerate() {
        header.clear();
        reader.read_line(&mut header).map_err(|e| format!("--staged: reading git cat-file: {e}"))?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        let size = match fields.as_slice() {
            [_, "blob", size] => {
                size.parse::<usize>().map_err(|e| format!("--staged: bad size in `{header}`: {e}"))?
            }
            _ => return Err(format!("--staged: git cat-file answered `{}` for {}", header.trim(), f.path)),
        };
        let mut bytes = vec![0; size];
        reader.read_exact(&mut bytes).map_err(|e| format!("--staged: reading {}: {e}", f.path))?;
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline).map_err(|e| format!("--staged: reading {}: {e}", f.path))?;
        each(i, bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

/// `path` (relative to `top`) relative to the charter's directory, when it lies below it.
fn relative_to_base(top: &Path, path: &str, base: Option<&Path>) -> String {
    let Some(base) = base.and_then(|b| b.canonicalize().ok()) else { return path.to_string() };
    let Ok(top) = top.canonicalize() else { return path.to_string() };
    match top.join(path).strip_prefix(&base) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => path.to_string(),
    }
}

/// Hands over one staged blob as the file at `path`.
fn read_blob(source: &Source<'_>, path: &str, rel: &str, bytes: Vec<u8>, max: u64, counts: &mut Counts) {
    // A UTF-16 blob is read as the UTF-8 it transcodes to, as the walk reads a UTF-16 file.
    let bytes = decode::utf8_bytes(bytes);
    if super::own::is_report(&bytes) {
        counts.skipped_reports += 1;
        return;
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if let Some(claim) = structured::claim(source, rel, head) {
        let len = bytes.len() as u64;
        let mut reader = std::io::Cursor::new(bytes);
        let file = structured::Claimed { source, shown: path, rel_path: rel, len };
        structured::read(claim, &file, &mut reader, counts);
        return;
    }
    walk::text_file(source, path, rel, bytes, max, counts);
}

/// Hands over every staged file of `listing`; returns the paths it read.
pub fn run(source: &Source<'_>, opts: &StagedOptions, listing: Listing) -> Result<Vec<String>, String> {
    let exclude: GlobSet = crate::paths::glob_set(&opts.exclude, "--exclude")?;
    let mut staged = listing.finish()?;
    let mut wanted = Vec::with_capacity(staged.files.len());
    let mut rels = Vec::with_capacity(staged.files.len());
    for f in std::mem::take(&mut staged.files) {
        let rel = relative_to_base(&staged.top, &f.path, opts.base.as_deref());
        if !exclude.is_match(&rel) {
            wanted.push(f);
            rels.push(rel);
        }
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let reader = match staged.reader.take() {
        Some(child) => child,
        None => blob_reader()?,
    };
    let check = |i: usize, bytes: Vec<u8>, counts: &mut Counts| {
        read_blob(source, &wanted[i].path, &rels[i], bytes, opts.max_file_size, counts);
    };
    let workers = opts.threads.min(wanted.len());
    if workers <= 1 {
        let mut counts = Counts::default();
        read_blobs(reader, &wanted, |i, bytes| check(i, bytes, &mut counts))?;
        source.sink.counts(counts);
    } else {
        // This thread reads the pipe; the workers check. The queue holds a few blobs, so that
        // memory stays bounded by the largest ones whatever the size of the commit.
        let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(workers);
        let receive = std::sync::Mutex::new(receive);
        std::thread::scope(|s| -> Result<(), String> {
            for _ in 0..workers {
                s.spawn(|| {
                    let mut counts = Counts::default();
                    loop {
                        let next = match receive.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok((i, bytes)) = next else { break };
                        check(i, bytes, &mut counts);
                    }
                    source.sink.counts(counts);
                });
            }
            let read = read_blobs(reader, &wanted, |i, bytes| {
                let _ = send.send((i, bytes));
            });
            drop(send);
            read
        })?;
    }
    Ok(wanted.into_iter().map(|f| f.path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_diff_keeps_regular_files_only() {
        let z = "0000000000000000000000000000000000000000";
        let a = "1111111111111111111111111111111111111111";
        let raw = format!(
            ":000000 100644 {z} {a} A\0src/new file.py\0:100644 120000 {a} {a} T\0link\0:000000 160000 {z} {a} A\0sub\0:100644 100755 {a} {a} M\0run.sh\0"
        );
        let files = parse_raw_diff(raw.as_bytes());
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["src/new file.py", "run.sh"]);
        assert_eq!(files[0].blob, a);
    }

    #[test]
    fn ls_files_keeps_merged_regular_files() {
        let a = "1111111111111111111111111111111111111111";
        let raw = format!(
            "100644 {a} 0\tsrc/a b.py\0120000 {a} 0\tlink\0100644 {a} 2\tconflict.py\0100755 {a} 0\trun.sh\0"
        );
        let files = parse_ls_files(raw.as_bytes());
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["src/a b.py", "run.sh"]);
    }
}
