//! The progress bar of a long scan, on stderr: files, bytes and records, with their rates, and
//! the large file being read. It appears only once a scan has run for [`DELAY`], only when
//! stderr is a terminal, and never in CI, with `--quiet` or with `TERM=dumb`; it is erased when
//! the scan ends, so the report that follows is the same with or without it.
//!
//! indicatif draws it: redraws throttled from many threads, the width of the terminal, rates.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// How long a scan runs before a bar appears: shorter scans print nothing.
pub const DELAY: Duration = Duration::from_secs(1);

/// Whether a run may show a bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    Off,
    /// On stderr, once the scan has run for [`DELAY`].
    Terminal,
}

impl Display {
    /// A bar only for a person watching: stderr a terminal, not quiet, not CI, not a dumb terminal.
    pub fn choose(quiet: bool) -> Display {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Display::decide(std::io::stderr().is_terminal(), quiet, env("CI").is_some(), env("TERM").as_deref())
    }

    pub fn decide(stderr_terminal: bool, quiet: bool, ci: bool, term: Option<&str>) -> Display {
        if stderr_terminal && !quiet && !ci && term != Some("dumb") {
            Display::Terminal
        } else {
            Display::Off
        }
    }
}

/// Counts of the running scan and, once shown, the bar. Updated from every worker thread.
#[derive(Debug)]
pub struct Progress {
    display: Display,
    started: Instant,
    shown: AtomicBool,
    files: Arc<AtomicUsize>,
    records: Arc<AtomicUsize>,
    bytes: Arc<AtomicUsize>,
    bar: ProgressBar,
}

impl Progress {
    pub fn new(display: Display) -> Progress {
        let files = Arc::new(AtomicUsize::new(0));
        let records = Arc::new(AtomicUsize::new(0));
        let bytes = Arc::new(AtomicUsize::new(0));
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(style(&files, &records));
        Progress {
            display,
            started: Instant::now(),
            shown: AtomicBool::new(false),
            files,
            records,
            bytes,
            bar,
        }
    }

    pub fn files(&self, files: usize, bytes: u64) {
        self.files.fetch_add(files, Ordering::Relaxed);
        self.bytes.fetch_add(usize::try_from(bytes).unwrap_or(usize::MAX), Ordering::Relaxed);
        self.bar.inc(bytes);
        self.show();
    }

    pub fn record(&self) {
        self.records.fetch_add(1, Ordering::Relaxed);
        self.show();
    }

    /// Names the large file being read, with how far the input is into it; cleared when done.
    pub fn reading(&self, path: &str, done: u64, total: u64) {
        if self.display == Display::Off {
            return;
        }
        if done >= total {
            self.bar.set_message("");
        } else {
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            self.bar.set_message(format!("· {name} {}%", done * 100 / total.max(1)));
        }
        self.show();
    }

    /// Counted so far: files, bytes, records.
    pub fn totals(&self) -> (usize, usize, usize) {
        let load = |a: &AtomicUsize| a.load(Ordering::Relaxed);
        (load(&self.files), load(&self.bytes), load(&self.records))
    }

    fn show(&self) {
        if self.display == Display::Off
            || self.shown.load(Ordering::Relaxed)
            || self.started.elapsed() < DELAY
        {
            return;
        }
        if self.shown.swap(true, Ordering::Relaxed) {
            return;
        }
        self.bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
        // Keeps the spinner and the elapsed time moving while one large file is decoded.
        self.bar.enable_steady_tick(Duration::from_millis(125));
    }

    /// Erases the bar, so that nothing of it stays above the report.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn style(files: &Arc<AtomicUsize>, records: &Arc<AtomicUsize>) -> ProgressStyle {
    let (files, records) = (Arc::clone(files), Arc::clone(records));
    let template =
        "{spinner} {elapsed} · {files} · {binary_bytes} ({binary_bytes_per_sec}) · {records} {msg}";
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key("files", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let n = files.load(Ordering::Relaxed);
            let _ = write!(w, "{n} file{}", if n == 1 { "" } else { "s" });
        })
        .with_key("records", move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let n = records.load(Ordering::Relaxed);
            let rate = n as f64 / state.elapsed().as_secs_f64().max(0.001);
            let _ = write!(w, "{n} records ({rate:.0}/s)");
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_for_a_person_at_a_terminal() {
        assert_eq!(Display::decide(true, false, false, Some("xterm-256color")), Display::Terminal);
        assert_eq!(Display::decide(true, false, false, None), Display::Terminal);
        assert_eq!(Display::decide(false, false, false, Some("xterm")), Display::Off, "pipe or file");
        assert_eq!(Display::decide(true, true, false, Some("xterm")), Display::Off, "--quiet");
        assert_eq!(Display::decide(true, false, true, Some("xterm")), Display::Off, "CI");
        assert_eq!(Display::decide(true, false, false, Some("dumb")), Display::Off);
    }

    #[test]
    fn counts_add_up_from_many_threads() {
        let p = Progress::new(Display::Off);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..1000 {
                        p.files(1, 10);
                        p.record();
                    }
                });
            }
        });
        assert_eq!(p.totals(), (4000, 40_000, 4000));
        assert!(!p.shown.load(Ordering::Relaxed));
    }
}
