//! `charterlint scan` and `baseline create`: what is checked (the paths named, git's index),
//! how, and the exit code (README, "Exit codes"): findings decide it; a file inside the tree
//! that cannot be read or parsed is reported and skipped, and fails the run only under
//! `--strict`; a path named on the command line that cannot be read, a bad `--git-log` range,
//! a usage or charter error exit 2.

use std::path::{Path, PathBuf};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Failure, color_stdout, terminal_width};
use crate::baseline::{self, Baseline};
use crate::charter;
use crate::cli::{BaselineCreateArgs, ScanArgs, ScanFormat};
use crate::engine::{Engine, Selection};
use crate::inputs::DEFAULT_MAX_FILE_SIZE;
use crate::inputs::network::NetFormat;
use crate::inputs::staged::StagedOptions;
use crate::inputs::walk::WalkOptions;
use crate::mask::pseudonym::Pseudonymizer;
use crate::report::html::i18n::Lang;
use crate::report::{self, Report, escape, human, output};
use crate::rules::{self, Rule};
use crate::scan::{self as run_scan, InputError, Outcome};

/// What a scan found, and the engine that found it (its rules document the findings).
struct Scanned {
    engine: Engine,
    outcome: Outcome,
    charter_source: String,
    /// The charter's file, for the report's hash of it (`None`: the embedded default).
    charter_file: Option<PathBuf>,
    /// With `--staged`: the paths of the files read from the index.
    staged: Option<Vec<String>>,
    /// Errors that fail the run whatever the options: paths named on the command line that
    /// cannot be read, a `--git-log` range git refuses.
    fatal: usize,
    /// `--strict` or the charter's `scan.strict`: unreadable files fail the run.
    strict: bool,
}

/// Worker threads: `-j`, else one per core, and never more than four per core (a thread
/// each costs memory and start-up time, and a huge `-j` would only wait on the disk).
fn threads(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    asked.filter(|n| *n > 0).unwrap_or(cores).min(cores * 4)
}

/// Why a path named on the command line cannot be scanned, if it cannot: it is missing or
/// unreadable, or it is not a regular file or a directory (a FIFO would block the run until a
/// writer came, a device never ends).
fn unreadable(path: &Path) -> Option<String> {
    let reason = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Some(reason(e)),
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        return std::fs::read_dir(path).err().map(reason);
    }
    if kind.is_file() {
        return std::fs::File::open(path).err().map(reason);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("is a FIFO (named pipe): only regular files and directories are scanned".into());
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("is a device: only regular files and directories are scanned".into());
        }
        if kind.is_socket() {
            return Some("is a socket: only regular files and directories are scanned".into());
        }
    }
    Some("is not a regular file or a directory".into())
}

/// Unknown rule ids or prefixes in `--select`/`--ignore` are usage errors: a typo would
/// otherwise run no rule, or ignore none, and say nothing.
fn check_selection(rules: &[Rule], flag: &str, patterns: &[String]) -> Result<(), Failure> {
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    for p in patterns.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if ids.iter().any(|id| rules::selected_by(id, &[p.to_string()])) {
            continue;
        }
        let mut candidates: Vec<&str> =
            ids.iter().map(|id| id.trim_end_matches(|c: char| c.is_ascii_digit())).collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.extend(&ids);
        let hint =
            super::did_you_mean(p, &candidates).map(|c| format!("; did you mean {c}?")).unwrap_or_default();
        return Err(Failure::Message(format!(
            "{flag}: no rule id or prefix `{p}`{hint} (`charterlint rules` lists them)"
        )));
    }
    Ok(())
}

/// The canonical paths of the `--output` targets, which the walk must not read.
fn output_targets(args: &ScanArgs) -> Vec<PathBuf> {
    args.output
        .iter()
        .filter_map(|o| {
            let name = o.path.file_name()?;
            let dir = match o.path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            Some(dir.canonicalize().ok()?.join(name))
        })
        .collect()
}

/// Loads the rules, the catalogue and the charter, and checks the paths (or the index).
fn collect(args: &ScanArgs) -> Result<Scanned, Failure> {
    let listing = args.staged.then(|| crate::inputs::staged::Listing::start(&args.paths));
    // A hook's first files wait on the detectors' first automata: a spare core builds them
    // while the rules, the catalogue and the charter load (a twelfth of the hook, on average).
    if args.staged && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        std::thread::spawn(crate::detect::warm_up);
    }
    let rules = super::load_rules()?;
    check_selection(&rules, "--select", &args.select)?;
    check_selection(&rules, "--ignore", &args.ignore)?;
    let mut catalog = super::load_catalog()?;
    let start = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let loaded = super::resolve_charter(args.charter.as_deref(), &start, &rules, &catalog)?;
    catalog.add_custom(&loaded.charter.tools.custom);
    let base = match &loaded.source {
        charter::Source::File { path, .. } => path.parent().map(Path::to_path_buf),
        // Without a charter file, paths are taken from the working directory, so that a
        // finding's fingerprint (and so a baseline) does not depend on which path was scanned.
        charter::Source::Embedded => std::env::current_dir().ok(),
    };
    let mut exclude = loaded.charter.scan.exclude.clone();
    exclude.extend(args.exclude.iter().cloned());
    let max_file_size = loaded.charter.scan.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let strict = args.strict || loaded.charter.scan.strict == Some(true);
    let charter_source = loaded.source.display();
    let charter_file = match &loaded.source {
        charter::Source::File { path, .. } => Some(path.clone()),
        charter::Source::Embedded => None,
    };
    let selection = Selection { select: args.select.clone(), ignore: args.ignore.clone() };
    let mut charter = loaded.charter;
    crate::inputs::logs::apply_csv_map(&mut charter.prompt_logs.csv_map, &args.csv_map)
        .map_err(Failure::Message)?;
    let mut engine = Engine::new(rules, catalog, charter, &selection).map_err(Failure::Message)?;
    engine.show_secrets = args.show_secrets;
    // Only the human output shows excerpts, and `--context` cuts snippets around them.
    engine.excerpts = args.context.is_some()
        || std::iter::once(args.format)
            .chain(args.output.iter().map(|o| o.format))
            .any(|f| f == ScanFormat::Human);
    let mut named_errors = Vec::new();
    let net = net_options(args)?;
    let (mut outcome, staged) = if let Some(listing) = listing {
        let opts = StagedOptions { exclude, max_file_size, base, threads: threads(args.threads) };
        let (outcome, read) = run_scan::staged(&engine, &opts, listing, &net).map_err(Failure::Message)?;
        (outcome, Some(read))
    } else {
        let mut paths = Vec::new();
        for p in &args.paths {
            match unreadable(p) {
                Some(message) => named_errors.push(InputError { path: crate::paths::display(p), message }),
                None => paths.push(p.clone()),
            }
        }
        let opts = WalkOptions {
            paths,
            threads: threads(args.threads),
            exclude,
            no_ignore: args.no_ignore,
            max_file_size,
            base,
            skip: output_targets(args),
        };
        run_scan::check_network(&engine, &net).map_err(Failure::Message)?;
        let outcome = network_input(args, &engine, &net).unwrap_or_else(|| {
            let display = run_scan::progress::Display::choose(args.quiet);
            run_scan::walk(&engine, &opts, &net, display)
        });
        (outcome.map_err(Failure::Message)?, None)
    };
    let mut fatal = named_errors.len();
    outcome.errors.splice(0..0, named_errors);
    if let Some(range) = &args.git_log {
        let repo = if start.is_dir() { start.clone() } else { PathBuf::from(".") };
        let before = outcome.errors.len();
        run_scan::git_log(&engine, &repo, range, &net, &mut outcome);
        fatal += outcome.errors.len() - before;
    }
    Ok(Scanned { engine, outcome, charter_source, charter_file, staged, fatal, strict })
}

/// Prints the files that could not be read or audited on stderr, their names and messages
/// escaped: both come from the scanned tree.
fn print_problems(outcome: &Outcome) {
    for e in &outcome.errors {
        eprintln!("charterlint: {}: {}", escape::line(&e.path), escape::line(&e.message));
    }
    for e in &outcome.notices {
        eprintln!("charterlint: notice: {}: {}", escape::line(&e.path), escape::line(&e.message));
    }
}

pub(super) fn scan(args: &ScanArgs) -> Result<i32, Failure> {
    let Scanned { engine, mut outcome, charter_source, charter_file, staged, fatal, strict } = collect(args)?;
    if let Some(n) = args.context {
        report::context::limit(&mut outcome.findings, n);
    }
    let applied = match &args.baseline {
        Some(path) => {
            let b = Baseline::load(path).map_err(Failure::Message)?;
            let roots: Vec<String> =
                args.paths.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect();
            // A staged scan sees only the files of the commit: nothing else can be called fixed.
            Some(b.apply(&mut outcome.findings, |p| match &staged {
                Some(read) => read.iter().any(|r| r == p),
                None => baseline::under_roots(p, &roots),
            }))
        }
        None => None,
    };
    let scope = report::scope::build(
        &engine,
        charter_file.as_deref(),
        &args.paths,
        &outcome.findings,
        &outcome.counts.logs,
    );
    let lang = args.lang.or_else(|| scope.language.as_deref().and_then(Lang::from_tag)).unwrap_or_default();
    let report = Report {
        findings: &outcome.findings,
        files: outcome.counts.files,
        records: outcome.counts.records,
        bytes: outcome.counts.bytes,
        skipped_large: outcome.counts.skipped_large,
        skipped_binary: outcome.counts.skipped_binary,
        skipped_reports: outcome.counts.skipped_reports,
        errors: &outcome.errors,
        notices: &outcome.notices,
        elapsed: outcome.elapsed,
        charter_source,
        baseline: applied.as_ref(),
        logs: &outcome.counts.logs,
        findings_by_user: &outcome.findings_by_user,
        scope: &scope,
        threads: threads(args.threads),
    };
    print_problems(&outcome);
    let ran: Vec<&Rule> = engine.rules.iter().map(|r| &r.rule).collect();
    let root = std::env::current_dir().ok();
    let help_base = report::sarif::default_help_base();
    let cx = output::Context {
        rules: &ran,
        style: human::Style { color: color_stdout(), width: terminal_width() },
        quiet: args.quiet,
        stats: args.stats,
        root: root.as_deref(),
        help_base: help_base.as_deref(),
        csv_dialect: args.csv_dialect,
        lang,
    };
    let mut write_failed = false;
    for o in &args.output {
        let file_cx = output::Context { style: human::Style { color: false, ..cx.style }, ..cx };
        if let Err(e) = std::fs::write(&o.path, output::render(o.format, &report, &file_cx)) {
            eprintln!("charterlint: cannot write {}: {e}", escape::line(&crate::paths::display(&o.path)));
            write_failed = true;
        }
    }
    if matches!(args.format, ScanFormat::Json | ScanFormat::Jsonl) {
        // Written as it is serialised: a log with many findings is not held twice.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        if args.format == ScanFormat::Json {
            report::json::write(&report, &mut out)?;
        } else {
            report::jsonl::write(&report, &mut out)?;
        }
        std::io::Write::flush(&mut out)?;
    } else {
        super::print(&output::render(args.format, &report, &cx))?;
    }
    if args.stats && args.format != ScanFormat::Human {
        eprint!("{}", output::stats(&report));
    }
    let failing = args.fail_on.threshold().is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    let run = Run { fatal: fatal > 0 || write_failed, unread: !outcome.errors.is_empty(), strict, failing };
    // The process ends with this scan: freeing every finding and the engine one by one would
    // only delay the exit (a tenth of a second for a large log's findings).
    std::mem::forget(outcome);
    std::mem::forget(engine);
    Ok(run.exit_code(args.exit_zero))
}

/// What decides the exit code of a scan.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Something asked for could not be done: a path named that cannot be read, a bad
    /// `--git-log` range, an `--output` file that cannot be written.
    fatal: bool,
    /// Files inside the tree that could not be read or parsed.
    unread: bool,
    strict: bool,
    /// Findings at or above `--fail-on`.
    failing: bool,
}

impl Run {
    /// `--exit-zero` hides findings and unreadable files (even under `--strict`), never a run
    /// that did not check what it was asked to: that is exit 2, as a usage error is.
    fn exit_code(self, exit_zero: bool) -> i32 {
        if self.fatal {
            EXIT_ERROR
        } else if exit_zero {
            EXIT_OK
        } else if self.strict && self.unread {
            EXIT_ERROR
        } else if self.failing {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}

pub(super) fn baseline_create(a: &BaselineCreateArgs) -> Result<i32, Failure> {
    let args = ScanArgs {
        paths: a.paths.clone(),
        charter: a.charter.clone(),
        exclude: a.exclude.clone(),
        no_ignore: a.no_ignore,
        ..ScanArgs::default()
    };
    let Scanned { outcome, fatal, strict, .. } = collect(&args)?;
    print_problems(&outcome);
    let b = Baseline::from_findings(&outcome.findings);
    std::fs::write(&a.output, b.to_json())
        .map_err(|e| Failure::Message(format!("cannot write {}: {e}", a.output.display())))?;
    eprintln!(
        "charterlint: wrote {} with {} finding{}; scan with `--baseline {}` to see only new ones",
        a.output.display(),
        b.entries.len(),
        if b.entries.len() == 1 { "" } else { "s" },
        a.output.display()
    );
    let run = Run { fatal: fatal > 0, unread: !outcome.errors.is_empty(), strict, failing: false };
    Ok(run.exit_code(false))
}

/// `--log-map` and `--pseudonymize`.
fn net_options(args: &ScanArgs) -> Result<run_scan::NetOptions, Failure> {
    let pseudonym = match &args.pseudonymize {
        Some(path) => Some(Pseudonymizer::from_file(path).map_err(Failure::Message)?),
        None => None,
    };
    Ok(run_scan::NetOptions { log_map: args.log_map.clone(), pseudonym, threads: threads(args.threads) })
}

/// `--stdin --input-format F`: a network log piped in (from Spark, `zcat`, …).
fn network_input(
    args: &ScanArgs,
    engine: &Engine,
    net: &run_scan::NetOptions,
) -> Option<Result<Outcome, String>> {
    let name = args.input_format.as_deref().filter(|_| args.stdin)?;
    let Some(format) = NetFormat::from_name(name) else {
        let names: Vec<&str> = NetFormat::ALL.iter().map(|f| f.as_str()).collect();
        return Some(Err(format!("--input-format: unknown format `{name}` (one of {})", names.join(", "))));
    };
    Some(run_scan::stream(engine, net, format, &mut std::io::stdin().lock()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_policy() {
        let run = |fatal, unread, strict, failing| Run { fatal, unread, strict, failing };
        assert_eq!(run(false, false, false, false).exit_code(false), EXIT_OK);
        assert_eq!(run(false, true, false, false).exit_code(false), EXIT_OK, "unreadable files alone");
        assert_eq!(run(false, true, false, true).exit_code(false), EXIT_FINDINGS);
        assert_eq!(run(false, true, true, true).exit_code(false), EXIT_ERROR, "--strict");
        assert_eq!(run(false, true, true, true).exit_code(true), EXIT_OK, "--exit-zero beats --strict");
        assert_eq!(run(true, false, false, false).exit_code(true), EXIT_ERROR, "a named path is fatal");
    }

    #[test]
    fn threads_are_capped() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        assert_eq!(threads(Some(100_000)), cores * 4);
        assert_eq!(threads(Some(0)), cores);
        assert_eq!(threads(Some(1)), 1);
    }
}
