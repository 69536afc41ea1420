//! A one-line progress indicator on stderr for large prompt logs, when stderr is a terminal:
//! `charterlint: export/conversations.json 42% (430 of 1024 MB)`, redrawn at most five times a
//! second and erased when the file is done. Written by hand: one line of text does not need a
//! progress-bar crate.

use std::io::{IsTerminal, Read, Write};
use std::time::{Duration, Instant};

/// Files smaller than this get no progress line.
pub const MIN_BYTES: u64 = 8 << 20;

pub struct Progress<'a> {
    inner: &'a mut dyn Read,
    path: &'a str,
    read: u64,
    total: u64,
    last: Instant,
    shown: bool,
}

impl<'a> Progress<'a> {
    /// A progress wrapper, or `None` when stderr is not a terminal or the file is small.
    pub fn wrap(
        inner: &'a mut dyn Read,
        path: &'a str,
        total: u64,
    ) -> Result<Progress<'a>, &'a mut dyn Read> {
        if total < MIN_BYTES || !std::io::stderr().is_terminal() {
            return Err(inner);
        }
        Ok(Progress { inner, path, read: 0, total, last: Instant::now(), shown: false })
    }
}

impl Read for Progress<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.last.elapsed() >= Duration::from_millis(200) {
            self.last = Instant::now();
            self.shown = true;
            let pct = self.read * 100 / self.total.max(1);
            let mut e = std::io::stderr().lock();
            let _ = write!(
                e,
                "\r\x1b[Kcharterlint: {} {pct}% ({} of {} MB)",
                self.path,
                self.read >> 20,
                self.total >> 20
            );
            let _ = e.flush();
        }
        Ok(n)
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
        }
    }
}

impl std::fmt::Debug for Progress<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress").field("path", &self.path).field("read", &self.read).finish()
    }
}
