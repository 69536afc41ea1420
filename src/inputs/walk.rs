//! The repository walk: `ignore`'s parallel walker (honouring .gitignore, hidden files
//! included because assistant files are dotfiles, `.git/` skipped), excludes, a size cap, a
//! NUL-byte binary sniff. Each worker reads and checks its files itself, so a file is read once.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::engine::{Engine, Unit};
use crate::finding::Finding;
use crate::inputs::{kind, structured};

/// Bytes sniffed for a NUL to call a file binary, as git and ripgrep do.
const SNIFF: usize = 8 * 1024;

#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub paths: Vec<PathBuf>,
    pub threads: usize,
    pub exclude: Vec<String>,
    pub no_ignore: bool,
    pub max_file_size: u64,
    /// Directory that relative paths (for globs) are taken from: the charter's directory.
    pub base: Option<PathBuf>,
}

/// A file or directory that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub files: usize,
    /// Log records (conversations' messages, request lines) read from structured inputs.
    pub records: usize,
    pub bytes: u64,
    pub skipped_large: usize,
    pub skipped_binary: usize,
    pub non_utf8: usize,
    pub errors: Vec<InputError>,
    pub elapsed: Duration,
    /// Prompt-log counts: conversations, messages, records by format and tool, findings by user.
    pub logs: crate::inputs::logs::Stats,
}

impl Outcome {
    /// Merges per-tool assistant findings and puts findings and errors in a stable order.
    pub fn finish(&mut self, engine: &Engine) {
        engine.merge_assistant_findings(&mut self.findings);
        self.findings.sort_by(|a, b| {
            (&a.path, a.start.line, a.start.column, &a.rule).cmp(&(
                &b.path,
                b.start.line,
                b.start.column,
                &b.rule,
            ))
        });
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
    }

    fn absorb(&mut self, o: Outcome) {
        self.findings.extend(o.findings);
        self.files += o.files;
        self.records += o.records;
        self.bytes += o.bytes;
        self.skipped_large += o.skipped_large;
        self.skipped_binary += o.skipped_binary;
        self.non_utf8 += o.non_utf8;
        self.errors.extend(o.errors);
        self.logs.absorb(o.logs);
    }
}

pub fn build_globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("--exclude `{p}`: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

/// Display form of a walked path: `./src/a.py` → `src/a.py`.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.replace('\\', "/")
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

/// Walks every path and checks every text file with `engine`.
pub fn run(engine: &Engine, opts: &WalkOptions) -> Result<Outcome, String> {
    let started = Instant::now();
    let exclude = build_globs(&opts.exclude)?;
    let total = Mutex::new(Outcome::default());
    for root in &opts.paths {
        let prefix = prefix_for(root, opts.base.as_deref());
        let root_is_file = root.is_file();
        let rel_of = |path: &Path| -> String {
            if root_is_file {
                return format!(
                    "{prefix}{}",
                    root.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                );
            }
            let inner = path.strip_prefix(root).unwrap_or(path);
            format!("{prefix}{}", display(inner))
        };
        if !root.exists() {
            total
                .lock()
                .map_err(|e| e.to_string())?
                .errors
                .push(InputError { path: display(root), message: "no such file or directory".into() });
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
            let mut local = Local { out: Outcome::default(), total: &total };
            let exclude = &exclude;
            let rel_of = &rel_of;
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(err) => {
                        local.out.errors.push(walk_error(&err));
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
                    check_file(engine, entry.path(), &rel, opts.max_file_size, &mut local.out);
                }
                WalkState::Continue
            })
        });
    }
    let mut out = total.into_inner().map_err(|e| e.to_string())?;
    out.finish(engine);
    out.elapsed = started.elapsed();
    Ok(out)
}

/// Per-thread results, handed over once when the worker ends.
struct Local<'a> {
    out: Outcome,
    total: &'a Mutex<Outcome>,
}

impl Drop for Local<'_> {
    fn drop(&mut self) {
        if let Ok(mut t) = self.total.lock() {
            t.absorb(std::mem::take(&mut self.out));
        }
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

/// Reads one file (bounded by the size cap), skips binaries, and checks it.
pub fn check_file(engine: &Engine, path: &Path, rel: &str, max: u64, out: &mut Outcome) {
    let shown = display(path);
    let fail = |out: &mut Outcome, e: std::io::Error| {
        out.errors.push(InputError { path: shown.clone(), message: e.to_string() })
    };
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(out, e),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity((len.min(max) as usize).max(SNIFF) + 1);
    if let Err(e) = file.by_ref().take(SNIFF as u64).read_to_end(&mut bytes) {
        return fail(out, e);
    }
    if let Some(claim) = structured::claim(engine, rel, &bytes) {
        let mut reader = std::io::Cursor::new(bytes).chain(file);
        let file = structured::Claimed { engine, shown: &shown, rel_path: rel, len };
        structured::scan(claim, &file, &mut reader, out);
        return;
    }
    if len > max {
        out.skipped_large += 1;
        return;
    }
    if let Err(e) = file.by_ref().take(max + 1 - bytes.len() as u64).read_to_end(&mut bytes) {
        return fail(out, e);
    }
    check_bytes(engine, &shown, rel, bytes, max, out);
}

/// Checks the whole content of a text file (or a staged blob) as the file at `rel`: the size
/// cap and the binary sniff first, then one unit for the engine.
pub fn check_bytes(engine: &Engine, shown: &str, rel: &str, bytes: Vec<u8>, max: u64, out: &mut Outcome) {
    if bytes.len() as u64 > max {
        out.skipped_large += 1;
        return;
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(SNIFF)]).is_some() {
        out.skipped_binary += 1;
        return;
    }
    out.files += 1;
    out.bytes += bytes.len() as u64;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.non_utf8 += 1;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let kinds = engine.refine_kinds(rel, kind::classify(rel));
    out.findings.extend(engine.check(&Unit::file(shown, rel, &text, kinds)));
}
