//! The repository walk: `ignore`'s parallel walker (honouring .gitignore, hidden files
//! included because assistant files are dotfiles, `.git/` skipped), excludes, a size cap, a
//! NUL-byte binary sniff. Each worker reads and checks its files itself, so a file is read once.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::{WalkBuilder, WalkState};

use super::own::{self, Recognised};
use super::{Counts, InputError, Source, decode, structured};
use crate::paths::display;
use crate::unit::Unit;

/// Bytes sniffed for a NUL to call a file binary, as git and ripgrep do.
const SNIFF: usize = 8 * 1024;

/// Whether a file starting with `bytes` is binary: a NUL in its first [`SNIFF`] bytes.
fn binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(SNIFF)]).is_some()
}

#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub paths: Vec<PathBuf>,
    pub threads: usize,
    pub exclude: Vec<String>,
    pub no_ignore: bool,
    pub max_file_size: u64,
    /// Directory that relative paths (for globs) are taken from: the charter's directory.
    pub base: Option<PathBuf>,
    /// Files not to read, canonical: the `--output` targets of this run (an earlier run's
    /// reports), counted with the reports skipped.
    pub skip: Vec<PathBuf>,
}

/// Whether `path` is one of the files to skip; canonicalised only when its name matches.
fn is_skipped(path: &Path, skip: &[PathBuf]) -> bool {
    let name = path.file_name();
    skip.iter().any(|s| s.file_name() == name) && path.canonicalize().is_ok_and(|p| skip.contains(&p))
}

/// The `/`-separated prefix that puts paths under `root` relative to `base`.
fn prefix_for(root: &Path, base: Option<&Path>) -> String {
    let dir = if root.is_dir() {
        root.to_path_buf()
    } else {
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let (Some(base), Ok(dir)) = (base, dir.canonicalize()) else { return String::new() };
    let Ok(base) = base.canonicalize() else { return String::new() };
    match dir.strip_prefix(&base) {
        Ok(p) if !p.as_os_str().is_empty() => format!("{}/", display(p)),
        _ => String::new(),
    }
}

/// Walks every path and hands every text file to the source's sink.
pub fn run(source: &Source<'_>, opts: &WalkOptions) -> Result<(), String> {
    let exclude = crate::paths::glob_set(&opts.exclude, "--exclude")?;
    for root in &opts.paths {
        let prefix = prefix_for(root, opts.base.as_deref());
        let root_is_file = root.is_file();
        let rel_of = |path: &Path| -> String {
            if root_is_file {
                return format!(
                    "{prefix}{}",
                    root.file_name().map(|n| display(Path::new(n))).unwrap_or_default()
                );
            }
            let inner = path.strip_prefix(root).unwrap_or(path);
            format!("{prefix}{}", display(inner))
        };
        if !root.exists() {
            source.error(&display(root), "no such file or directory".into());
            continue;
        }
        let walker = WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(!opts.no_ignore)
            .git_global(!opts.no_ignore)
            .git_exclude(!opts.no_ignore)
            .ignore(!opts.no_ignore)
            .parents(!opts.no_ignore)
            .require_git(false)
            .threads(opts.threads)
            .filter_entry(|e| e.file_name() != ".git")
            .build_parallel();
        walker.run(|| {
            let mut local = Local { counts: Counts::default(), source };
            let exclude = &exclude;
            let rel_of = &rel_of;
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(err) => {
                        source.sink.error(walk_error(&err));
                        return WalkState::Continue;
                    }
                };
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let rel = rel_of(entry.path());
                if entry.depth() > 0
                    && (exclude.is_match(&rel) || (is_dir && exclude.is_match(format!("{rel}/x"))))
                {
                    return if is_dir { WalkState::Skip } else { WalkState::Continue };
                }
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    if is_skipped(entry.path(), &opts.skip) {
                        local.counts.skipped_reports += 1;
                        return WalkState::Continue;
                    }
                    read_file(source, entry.path(), &rel, opts.max_file_size, &mut local.counts);
                }
                WalkState::Continue
            })
        });
        if !opts.no_ignore {
            super::tracked::scan(source, root, &prefix, &exclude, opts.max_file_size);
        }
    }
    Ok(())
}

/// Per-thread counts, handed over once when the worker ends.
struct Local<'a, 'b> {
    counts: Counts,
    source: &'a Source<'b>,
}

impl Drop for Local<'_, '_> {
    fn drop(&mut self) {
        self.source.sink.counts(std::mem::take(&mut self.counts));
    }
}

fn walk_error(err: &ignore::Error) -> InputError {
    let mut path = String::new();
    let mut e = err;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = display(p);
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => e = err,
            _ => break,
        }
    }
    InputError { path, message: e.to_string() }
}

/// Reads one file (bounded by the size cap), skips binaries, and hands it over: to the format
/// that claims it, or as one text unit.
pub fn read_file(source: &Source<'_>, path: &Path, rel: &str, max: u64, counts: &mut Counts) {
    let shown = display(path);
    let fail = |e: std::io::Error| source.error(&shown, e.to_string());
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity((len.min(max) as usize).max(SNIFF) + 1);
    if let Err(e) = file.by_ref().take(SNIFF as u64).read_to_end(&mut bytes) {
        return fail(e);
    }
    if decode::utf16_bom(&bytes).is_some() {
        // A UTF-16 file is read as the UTF-8 it transcodes to, claim and all.
        return read_decoded(source, &shown, rel, (bytes, file), (len, max), counts);
    }
    match own::recognise(&bytes) {
        Recognised::Report => {
            counts.skipped_reports += 1;
            return;
        }
        Recognised::Sarif => {
            if let Err(e) =
                file.by_ref().take((max + 1).saturating_sub(bytes.len() as u64)).read_to_end(&mut bytes)
            {
                return fail(e);
            }
            if own::is_charterlint_sarif(&bytes) {
                counts.skipped_reports += 1;
                return;
            }
        }
        Recognised::NotReport => {}
    }
    if let Some(claim) = structured::claim(source, rel, &bytes) {
        let mut reader = std::io::Cursor::new(bytes).chain(file);
        let file = structured::Claimed { source, shown: &shown, rel_path: rel, len };
        structured::read(claim, &file, &mut reader, counts);
        return;
    }
    if len > max {
        counts.skipped_large += 1;
        return;
    }
    // The sniff reads no further than the head: a binary file (an image, a model) is not read
    // whole to be skipped.
    if binary(&bytes) {
        counts.skipped_binary += 1;
        return;
    }
    if let Err(e) = file.by_ref().take((max + 1).saturating_sub(bytes.len() as u64)).read_to_end(&mut bytes) {
        return fail(e);
    }
    text_file(source, &shown, rel, bytes, max, counts);
}

/// `read_file` for a file with a UTF-16 byte-order mark: the same claim and text paths, on the
/// UTF-8 that `decode::utf8_reader` streams out of it. The size cap is the file's: its UTF-8
/// may be up to half as large again.
fn read_decoded(
    source: &Source<'_>,
    shown: &str,
    rel: &str,
    (head, file): (Vec<u8>, File),
    (len, max): (u64, u64),
    counts: &mut Counts,
) {
    let mut reader = decode::utf8_reader(head, file);
    let mut bytes = Vec::new();
    if let Err(e) = reader.by_ref().take(SNIFF as u64).read_to_end(&mut bytes) {
        return source.error(shown, format!("UTF-16: {e}"));
    }
    if let Some(claim) = structured::claim(source, rel, &bytes) {
        let mut reader = std::io::Cursor::new(bytes).chain(reader);
        let file = structured::Claimed { source, shown, rel_path: rel, len };
        structured::read(claim, &file, &mut reader, counts);
        return;
    }
    if len > max {
        counts.skipped_large += 1;
        return;
    }
    // UTF-8 takes at most 3 bytes where UTF-16 took 2.
    if let Err(e) = reader.take(max.saturating_mul(3) / 2 + 1).read_to_end(&mut bytes) {
        return source.error(shown, format!("UTF-16: {e}"));
    }
    text_file(source, shown, rel, bytes, max.saturating_mul(3) / 2, counts);
}

/// The whole content of a text file (or a staged blob) as the file at `rel`: the size cap and
/// the binary sniff first, then one unit.
pub fn text_file(source: &Source<'_>, shown: &str, rel: &str, bytes: Vec<u8>, max: u64, counts: &mut Counts) {
    if bytes.len() as u64 > max {
        counts.skipped_large += 1;
        return;
    }
    if binary(&bytes) {
        counts.skipped_binary += 1;
        return;
    }
    counts.files += 1;
    counts.bytes += bytes.len() as u64;
    source.sink.read(1, bytes.len() as u64);
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            counts.non_utf8 += 1;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    source.sink.unit(&Unit::file(shown, rel, &text, source.kinds_of(rel)));
}
