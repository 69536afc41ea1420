//! Progress of reading, reported to the sink for a live display: a reader that tells
//! [`Sink::read`](super::Sink::read) how many bytes went through it, and for a large file
//! [`Sink::reading`](super::Sink::reading) how far into the file it is. Inputs only count; the
//! scan layer decides whether and how to show anything (never when stderr is not a terminal).

use std::io::Read;

use super::Sink;

/// Files at least this large are reported by name while they are read (`export.json 42%`).
pub const LARGE_FILE: u64 = 8 << 20;
/// Bytes between two reports: often enough for a steady rate, rare enough to cost nothing.
const EVERY: u64 = 1 << 20;

pub struct Metered<'a> {
    inner: &'a mut dyn Read,
    sink: &'a dyn Sink,
    path: &'a str,
    total: u64,
    read: u64,
    reported: u64,
}

impl<'a> Metered<'a> {
    pub fn new(inner: &'a mut dyn Read, sink: &'a dyn Sink, path: &'a str, total: u64) -> Metered<'a> {
        Metered { inner, sink, path, total, read: 0, reported: 0 }
    }

    fn report(&mut self) {
        self.sink.read(0, self.read - self.reported);
        self.reported = self.read;
        if self.total >= LARGE_FILE {
            self.sink.reading(self.path, self.read.min(self.total), self.total);
        }
    }
}

impl Read for Metered<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read - self.reported >= EVERY {
            self.report();
        }
        Ok(n)
    }
}

impl Drop for Metered<'_> {
    /// The rest of the bytes, and the file is done (a decoder may stop before the end).
    fn drop(&mut self) {
        self.read = self.read.max(self.total);
        self.report();
    }
}

impl std::fmt::Debug for Metered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metered").field("path", &self.path).field("read", &self.read).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::inputs::{Counts, InputError};
    use crate::unit::Unit;

    #[derive(Default)]
    struct Log(Mutex<(u64, Vec<(u64, u64)>)>);

    impl Sink for Log {
        fn unit(&self, _: &Unit<'_>) -> usize {
            0
        }
        fn error(&self, _: InputError) {}
        fn counts(&self, _: Counts) {}
        fn read(&self, _files: usize, bytes: u64) {
            if let Ok(mut l) = self.0.lock() {
                l.0 += bytes;
            }
        }
        fn reading(&self, _path: &str, done: u64, total: u64) {
            if let Ok(mut l) = self.0.lock() {
                l.1.push((done, total));
            }
        }
    }

    #[test]
    fn every_byte_is_reported_once_and_a_large_file_ends_done() {
        let data = vec![b'x'; (LARGE_FILE + 12345) as usize];
        let log = Log::default();
        {
            let mut inner: &[u8] = &data;
            let mut m = Metered::new(&mut inner, &log, "big.jsonl", data.len() as u64);
            let mut sink = Vec::new();
            let _ = std::io::copy(&mut m, &mut sink);
        }
        let (bytes, steps) = log.0.into_inner().unwrap_or_default();
        assert_eq!(bytes, data.len() as u64);
        assert!(steps.len() >= 4 && steps.windows(2).all(|w| w[0].0 <= w[1].0), "{steps:?}");
        assert_eq!(steps.last(), Some(&(data.len() as u64, data.len() as u64)));
    }

    #[test]
    fn a_small_file_is_not_named() {
        let data = vec![b'x'; 3 << 20];
        let log = Log::default();
        {
            let mut inner: &[u8] = &data;
            let mut m = Metered::new(&mut inner, &log, "small.json", data.len() as u64);
            let _ = std::io::copy(&mut m, &mut std::io::sink());
        }
        let (bytes, steps) = log.0.into_inner().unwrap_or_default();
        assert_eq!((bytes, steps.len()), (data.len() as u64, 0));
    }
}
