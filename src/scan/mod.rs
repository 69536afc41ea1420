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
use crate::inputs::network::{NetFormat, apply_log_map, audit};
use crate::inputs::{self, Counts, Sink, Source, staged::StagedOptions, walk::WalkOptions};
use crate::mask::pseudonym::Pseudonymizer;
use crate::unit::{Kinds, Record, Unit};
use progress::{Display, Progress};

pub use crate::inputs::{InputError, LogStats};

/// What a run produced, as every reporter reads it.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// What the inputs read and skipped, and prompt-log counts.
    pub counts: Counts,
    pub errors: Vec<InputError>,
    /// What could not be audited without being a read failure (unknown export shapes).
    pub notices: Vec<InputError>,
    pub elapsed: Duration,
    /// Findings by the user who sent the text (prompt logs, audit records).
    pub findings_by_user: BTreeMap<String, usize>,
}

impl Outcome {
    /// Merges per-run findings (assistant files) and puts findings and errors in a stable order.
    fn finish(&mut self, engine: &Engine) {
        engine.merge_run_findings(&mut self.findings);
        sort_findings(&mut self.findings);
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        self.notices.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// Puts findings in report order: path, line, column, rule (stable).
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.path, a.start.line, a.start.column, &a.rule).cmp(&(
            &b.path,
            b.start.line,
            b.start.column,
            &b.rule,
        ))
    });
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

    /// A collector that also counts for a progress bar, shown as `display` allows. None when no
    /// bar may show: the count of records is one atomic counter that every worker thread would
    /// bump for every message of a log.
    pub fn with_progress(engine: &'e Engine, display: Display) -> Collector<'e> {
        let progress = (display != Display::Off).then(|| Progress::new(display));
        Collector { progress, ..Collector::new(engine) }
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
    fn unit(&self, unit: &Unit<'_>) -> usize {
        if let Some(p) = &self.progress
            && !matches!(unit.record, Record::None)
        {
            p.record();
        }
        let found = self.engine.check(unit);
        let n = found.len();
        if n == 0 {
            return 0;
        }
        self.with(|out| {
            if let Some(u) = unit.user {
                *out.findings_by_user.entry(u.to_string()).or_default() += n;
            }
            out.findings.extend(found);
        });
        n
    }

    fn error(&self, error: InputError) {
        self.with(|out| out.errors.push(error));
    }

    fn notice(&self, notice: InputError) {
        self.with(|out| out.notices.push(notice));
    }

    fn counts(&self, counts: Counts) {
        self.with(|out| out.counts.absorb(counts));
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

/// What the command line adds to the charter's network settings.
#[derive(Debug, Clone, Default)]
pub struct NetOptions {
    /// `--log-map key=column,…`, over the charter's `network.field_map`.
    pub log_map: Vec<String>,
    /// `--pseudonymize KEYFILE`.
    pub pseudonym: Option<Pseudonymizer>,
    /// Threads that may share one large log (`-j`); 0 or 1: one.
    pub threads: usize,
}

/// The network settings of a run: the charter's, then the command line's.
fn network_settings<'s>(
    engine: &Engine,
    net: &NetOptions,
    status: &'s (dyn Fn(usize) -> crate::charter::ToolStatus + Sync),
) -> Result<audit::Settings<'s>, String> {
    let charter = &engine.charter().network;
    let mut settings = audit::Settings::new(status);
    apply_log_map(&mut settings.map, &charter.field_map.pairs()).map_err(|e| {
        format!("charter `network.field_map`: {}", e.trim_start_matches("--log-map").trim_start_matches(": "))
    })?;
    apply_log_map(&mut settings.map, &net.log_map)?;
    if let Some(t) = charter.upload_threshold {
        settings.threshold = t;
    }
    settings.threads = net.threads.max(1);
    Ok(settings)
}

/// Checks the network settings (field map, zone) before a run reads anything.
pub fn check_network(engine: &Engine, net: &NetOptions) -> Result<(), String> {
    let status = |s: usize| engine.status_of(s);
    network_settings(engine, net, &status).map(drop)
}

/// Runs `read` with a source whose units go to `collector`.
fn with_source<T>(
    engine: &Engine,
    collector: &Collector<'_>,
    net: &NetOptions,
    format: Option<NetFormat>,
    read: impl FnOnce(&Source<'_>) -> T,
) -> Result<T, String> {
    let refine = |rel: &str, kinds: Kinds| engine.refine_kinds(rel, kinds);
    let label_required = |rel: &str| engine.label_required(rel);
    let status = |s: usize| engine.status_of(s);
    let mut network = network_settings(engine, net, &status)?;
    network.format = format;
    let source = Source {
        catalog: engine.catalog(),
        csv_map: &engine.charter().prompt_logs.csv_map,
        refine: &refine,
        label_required: &label_required,
        show_secrets: engine.show_secrets,
        network: &network,
        pseudonym: net.pseudonym.as_ref(),
        sink: collector,
    };
    Ok(read(&source))
}

/// Walks the paths with the command line's network settings; a progress bar as `display`
/// allows.
pub fn walk(
    engine: &Engine,
    opts: &WalkOptions,
    net: &NetOptions,
    display: Display,
) -> Result<Outcome, String> {
    let started = Instant::now();
    let collector = Collector::with_progress(engine, display);
    with_source(engine, &collector, net, None, |s| inputs::walk::run(s, opts))??;
    Ok(collector.finish(started))
}

/// Checks a network log read from `reader` (standard input) in the told format.
pub fn stream(
    engine: &Engine,
    net: &NetOptions,
    format: NetFormat,
    reader: &mut dyn std::io::BufRead,
) -> Result<Outcome, String> {
    let started = Instant::now();
    let collector = Collector::new(engine);
    with_source(engine, &collector, net, Some(format), |s| {
        let counts = audit::read_stream(s, "<stdin>", format, reader);
        s.sink.counts(counts);
    })?;
    Ok(collector.finish(started))
}

/// Checks the files of the next commit as git's index holds them; also returns their paths.
pub fn staged(
    engine: &Engine,
    opts: &StagedOptions,
    listing: inputs::staged::Listing,
    net: &NetOptions,
) -> Result<(Outcome, Vec<String>), String> {
    let started = Instant::now();
    let collector = Collector::new(engine);
    let read = with_source(engine, &collector, net, None, |s| inputs::staged::run(s, opts, listing))??;
    Ok((collector.finish(started), read))
}

/// Checks the commit messages of `range` in the repository at `repo`, adding to `outcome`.
pub fn git_log(engine: &Engine, repo: &Path, range: &str, net: &NetOptions, outcome: &mut Outcome) {
    let collector = Collector::new(engine);
    let read = with_source(engine, &collector, net, None, |s| {
        let mut counts = Counts::default();
        inputs::commit::read_log(s, repo, range, &mut counts);
        s.sink.counts(counts);
    });
    if let Err(message) = read {
        outcome.errors.push(InputError { path: range.to_string(), message });
    }
    let more = collector.finish(Instant::now());
    outcome.findings.extend(more.findings);
    outcome.errors.extend(more.errors);
    outcome.notices.extend(more.notices);
    outcome.counts.absorb(more.counts);
}

/// Checks the message file of the commit-msg hook (and the staged changes' AI artifacts).
pub fn commit_message(engine: &Engine, path: &Path, repo: &Path) -> Outcome {
    let started = Instant::now();
    let collector = Collector::new(engine);
    let with_staged = engine.charter().labels.commit_trailer.is_some();
    let read = with_source(engine, &collector, &NetOptions::default(), None, |s| {
        let mut counts = Counts::default();
        inputs::commit::read_message_file(s, path, repo, with_staged, &mut counts);
        s.sink.counts(counts);
    });
    if let Err(message) = read {
        collector.error(InputError { path: path.display().to_string(), message });
    }
    collector.finish(started)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str, line: usize, rule: &str, message: &str) -> Finding {
        Finding { message: message.into(), ..Finding::sample(rule, path, line) }
    }

    #[test]
    fn findings_sort_by_place_then_rule_and_keep_ties_in_order() {
        let mut v = vec![
            at("b.log", 1, "R1", "first b"),
            at("a.log", 9, "R2", "a9"),
            at("a.log", 2, "R1", "tie one"),
            at("a.log", 2, "R1", "tie two"),
            at("a.log", 2, "R0", "a2 R0"),
        ];
        sort_findings(&mut v);
        let got: Vec<&str> = v.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(got, ["a2 R0", "tie one", "tie two", "a9", "first b"]);
        let mut sorted = v.clone();
        sort_findings(&mut sorted);
        assert_eq!(sorted.iter().map(|f| &f.message).collect::<Vec<_>>(), got);
    }
}
