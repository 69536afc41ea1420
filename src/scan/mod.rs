//! A scan: drives the inputs (a walk of paths, git's index, commit messages) into the engine
//! and gathers the run's [`Outcome`]. Inputs hand units to a [`Collector`], which checks each
//! with the engine and keeps the findings; neither side knows the other.

pub mod progress;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::engine::Engine;
use crate::finding::Finding;
use crate::inputs::{self, Counts, Sink, Source, staged::StagedOptions, walk::WalkOptions};
use crate::unit::{Kinds, Record, Unit};
use progress::{Display, Progress};

pub use crate::inputs::{InputError, LogStats};

/// What a run produced, as every reporter reads it.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub files: usize,
    /// Log records (conversations' messages, request lines), document parts, commits.
    pub records: usize,
    pub bytes: u64,
    pub skipped_large: usize,
    pub skipped_binary: usize,
    /// Reports charterlint wrote, found in the tree and skipped.
    pub skipped_reports: usize,
    pub non_utf8: usize,
    pub errors: Vec<InputError>,
    /// What could not be audited without being a read failure (unknown export shapes).
    pub notices: Vec<InputError>,
    pub elapsed: Duration,
    /// Prompt-log counts: conversations, messages, records by format, tool and app.
    pub logs: LogStats,
    /// Findings by the user who sent the text (prompt logs, audit records).
    pub findings_by_user: BTreeMap<String, usize>,
}

impl Outcome {
    fn add(&mut self, c: Counts) {
        self.files += c.files;
        self.records += c.records;
        self.bytes += c.bytes;
        self.skipped_large += c.skipped_large;
        self.skipped_binary += c.skipped_binary;
        self.skipped_reports += c.skipped_reports;
        self.non_utf8 += c.non_utf8;
        self.logs.absorb(c.logs);
    }

    /// Merges per-run findings (assistant files) and puts findings and errors in a stable order.
    fn finish(&mut self, engine: &Engine) {
        engine.merge_run_findings(&mut self.findings);
        self.findings.sort_by(|a, b| {
            (&a.path, a.start.line, a.start.column, &a.rule).cmp(&(
                &b.path,
                b.start.line,
                b.start.column,
                &b.rule,
            ))
        });
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        self.notices.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// The sink of a scan: checks each unit with the engine and keeps what it finds.
#[derive(Debug)]
pub struct Collector<'e> {
    engine: &'e Engine,
    out: Mutex<Outcome>,
    progress: Option<Progress>,
}

impl<'e> Collector<'e> {
    pub fn new(engine: &'e Engine) -> Collector<'e> {
        Collector { engine, out: Mutex::new(Outcome::default()), progress: None }
    }

    /// A collector that also counts for a progress bar, shown as `display` allows.
    pub fn with_progress(engine: &'e Engine, display: Display) -> Collector<'e> {
        Collector { progress: Some(Progress::new(display)), ..Collector::new(engine) }
    }

    fn with(&self, f: impl FnOnce(&mut Outcome)) {
        // A worker that panicked cannot leave the outcome half-written: every update is whole.
        let mut out = self.out.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut out);
    }

    /// The outcome, findings merged and ordered.
    pub fn finish(self, started: Instant) -> Outcome {
        if let Some(p) = &self.progress {
            p.finish();
        }
        let mut out = self.out.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        out.findings.extend(self.engine.finish_run());
        out.finish(self.engine);
        out.elapsed = started.elapsed();
        out
    }
}

impl Sink for Collector<'_> {
    fn unit(&self, unit: &Unit<'_>) {
        if let Some(p) = &self.progress
            && !matches!(unit.record, Record::None)
        {
            p.record();
        }
        let found = self.engine.check(unit);
        if found.is_empty() {
            return;
        }
        self.with(|out| {
            if let Some(u) = unit.user {
                *out.findings_by_user.entry(u.to_string()).or_default() += found.len();
            }
            out.findings.extend(found);
        });
    }

    fn error(&self, error: InputError) {
        self.with(|out| out.errors.push(error));
    }

    fn notice(&self, notice: InputError) {
        self.with(|out| out.notices.push(notice));
    }

    fn counts(&self, counts: Counts) {
        self.with(|out| out.add(counts));
    }

    fn read(&self, files: usize, bytes: u64) {
        if let Some(p) = &self.progress {
            p.files(files, bytes);
        }
    }

    fn reading(&self, path: &str, done: u64, total: u64) {
        if let Some(p) = &self.progress {
            p.reading(path, done, total);
        }
    }
}

/// Runs `read` with a source whose units go to `collector`.
fn with_source<T>(engine: &Engine, collector: &Collector<'_>, read: impl FnOnce(&Source<'_>) -> T) -> T {
    let refine = |rel: &str, kinds: Kinds| engine.refine_kinds(rel, kinds);
    let label_required = |rel: &str| engine.label_required(rel);
    let source = Source {
        catalog: engine.catalog(),
        csv_map: &engine.charter().prompt_logs.csv_map,
        refine: &refine,
        label_required: &label_required,
        show_secrets: engine.show_secrets,
        sink: collector,
    };
    read(&source)
}

/// Walks the paths and checks every file; a progress bar as `display` allows.
pub fn walk(engine: &Engine, opts: &WalkOptions, display: Display) -> Result<Outcome, String> {
    let started = Instant::now();
    let collector = Collector::with_progress(engine, display);
    with_source(engine, &collector, |s| inputs::walk::run(s, opts))?;
    Ok(collector.finish(started))
}

/// Checks the files of the next commit as git's index holds them; also returns their paths.
pub fn staged(engine: &Engine, opts: &StagedOptions) -> Result<(Outcome, Vec<String>), String> {
    let started = Instant::now();
    let collector = Collector::new(engine);
    let read = with_source(engine, &collector, |s| inputs::staged::run(s, opts))?;
    Ok((collector.finish(started), read))
}

/// Checks the commit messages of `range` in the repository at `repo`, adding to `outcome`.
pub fn git_log(engine: &Engine, repo: &Path, range: &str, outcome: &mut Outcome) {
    let collector = Collector::new(engine);
    with_source(engine, &collector, |s| {
        let mut counts = Counts::default();
        inputs::commit::read_log(s, repo, range, &mut counts);
        s.sink.counts(counts);
    });
    let more = collector.finish(Instant::now());
    outcome.findings.extend(more.findings);
    outcome.errors.extend(more.errors);
    outcome.notices.extend(more.notices);
    outcome.records += more.records;
    outcome.bytes += more.bytes;
}

/// Checks the message file of the commit-msg hook (and the staged changes' AI artifacts).
pub fn commit_message(engine: &Engine, path: &Path, repo: &Path) -> Outcome {
    let started = Instant::now();
    let collector = Collector::new(engine);
    let with_staged = engine.charter().labels.commit_trailer.is_some();
    with_source(engine, &collector, |s| {
        let mut counts = Counts::default();
        inputs::commit::read_message_file(s, path, repo, with_staged, &mut counts);
        s.sink.counts(counts);
    });
    collector.finish(started)
}
