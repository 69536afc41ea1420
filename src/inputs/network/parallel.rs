//! One large log read by several threads: the file is cut at line boundaries into one part per
//! thread, each part folded on its own, and the folds merged (every count is a sum, first and
//! last seen a min and a max). Only formats whose lines stand alone are cut: a `#fields` or CSV
//! header speaks for the lines after it, and compressed files cannot be entered in the middle.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::fold::{Folded, Folder};
use super::prefilter::Candidates;
use super::{FieldMap, LineError, NetFormat};
use crate::catalog::HostIndex;
use crate::mask::pseudonym::Pseudonymizer;

/// Smaller files are read by one thread: starting threads costs more than it saves.
pub const MIN_SPLIT_BYTES: u64 = 64 << 20;

/// Whether a format's lines can be read without the lines before them.
pub fn splittable(format: NetFormat) -> bool {
    !matches!(format, NetFormat::ZeekTsv | NetFormat::W3c | NetFormat::Csv)
}

/// Line errors of a file: the first few kept, the others only counted, so that a file of
/// garbage does not fill memory.
#[derive(Debug, Default)]
pub struct Errors {
    pub first: Vec<LineError>,
    pub count: usize,
}

/// Line errors kept per file.
pub const KEPT_ERRORS: usize = 10;

impl Errors {
    pub fn push(&mut self, e: LineError) {
        self.count += 1;
        if self.first.len() < KEPT_ERRORS {
            self.first.push(e);
        }
    }
}

/// What one part of the file gave: its fold, its line errors, its number of lines.
struct Part {
    folded: Folded,
    errors: Errors,
    lines: usize,
}

/// Byte offsets where the parts start: `threads` roughly equal parts, each starting just after
/// a line break.
fn cuts(file: &mut File, len: u64, threads: usize) -> std::io::Result<Vec<u64>> {
    let mut out = vec![0];
    let step = len / threads as u64;
    let mut buf = Vec::new();
    for i in 1..threads as u64 {
        let at = (i * step).max(*out.last().unwrap_or(&0));
        file.seek(SeekFrom::Start(at))?;
        buf.clear();
        // The rest of the line the cut fell in, at most one longest line.
        BufReader::new(&mut *file).take(super::MAX_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
        let next = at + buf.len() as u64;
        if next < len && next > *out.last().unwrap_or(&0) {
            out.push(next);
        }
    }
    out.push(len);
    Ok(out)
}

/// Counts line breaks as they are read.
struct Lines<R> {
    inner: R,
    breaks: usize,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.breaks += memchr::memchr_iter(b'\n', &buf[..n]).count();
        Ok(n)
    }
}

/// Folds the file at `path` with `threads` threads; `None` when it cannot be read that way (the
/// caller then reads it as a stream). Line errors come back in file order.
#[allow(clippy::too_many_arguments)]
pub fn fold_file(
    path: &Path,
    len: u64,
    format: NetFormat,
    map: &FieldMap,
    (hosts, candidates): (&HostIndex, &Candidates),
    threshold: u64,
    pseudonym: Option<&Pseudonymizer>,
    threads: usize,
) -> Option<(Folded, Errors)> {
    let mut file = File::open(path).ok()?;
    let mut magic = [0u8; 4];
    file.read_exact(&mut magic).ok()?;
    if magic.starts_with(&[0x1f, 0x8b])
        || magic == [0x28, 0xb5, 0x2f, 0xfd]
        || magic[1..] == [0x2a, 0x4d, 0x18]
    {
        return None;
    }
    let cuts = cuts(&mut file, len, threads).ok()?;
    let parts: Vec<std::io::Result<Part>> = std::thread::scope(|s| {
        let workers: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                s.spawn(move || -> std::io::Result<Part> {
                    let mut f = File::open(path)?;
                    f.seek(SeekFrom::Start(start))?;
                    let mut reader = Lines { inner: f.take(end - start), breaks: 0 };
                    let mut folder = Folder::new(|h: &str| hosts.lookup(h).map(|m| m.service), threshold);
                    let mut errors = Errors::default();
                    let mut each = |r: Result<super::NetRecord, LineError>| match r {
                        Ok(mut r) => {
                            if let Some(p) = pseudonym {
                                r.pseudonymise(p);
                            }
                            folder.add(&r);
                        }
                        Err(e) => errors.push(e),
                    };
                    let skipped = match candidates.needles(format) {
                        Some(needles) => super::read_scanned(format, &mut reader, map, &needles, &mut each),
                        None => {
                            let input = BufReader::with_capacity(256 * 1024, &mut reader);
                            super::read_where(format, input, map, |_| true, &mut each)
                        }
                    };
                    folder.skipped(skipped);
                    Ok(Part { folded: folder.finish(), errors, lines: reader.breaks })
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err(std::io::Error::other("worker failed"))))
            .collect()
    });
    let mut all = Folded::default();
    let mut errors = Errors::default();
    let mut offset = 0;
    for part in parts {
        let mut part = part.ok()?;
        part.folded.shift_lines(offset);
        let unkept = part.errors.count - part.errors.first.len();
        for e in part.errors.first {
            errors.push(LineError { line: e.line + offset, ..e });
        }
        errors.count += unkept;
        all.absorb(part.folded);
        offset += part.lines;
    }
    Some((all, errors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn parts_fold_to_the_same_as_one_stream() {
        let catalog = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let hosts = HostIndex::new(&catalog);
        let hosts_of =
            ["chat.deepseek.com:443", "claude.ai:443", "intranet.example.org:443", "chatgpt.com:443"];
        let mut log = String::new();
        for i in 0..5000u32 {
            let user = ["alice", "bob", "-", "carol"][(i % 4) as usize];
            let status = if i % 7 == 0 { "TCP_DENIED/403" } else { "TCP_TUNNEL/200" };
            let host = hosts_of[(i % 13 % 4) as usize];
            log.push_str(&format!(
                "{}.{:03} {:6} 10.0.0.{} {status} {} CONNECT {host} {user} HIER_DIRECT/203.0.113.10 -\n",
                1_709_374_440 + i,
                i % 1000,
                i % 900,
                i % 9,
                4000 + i
            ));
            if i == 2500 {
                log.push_str("not a squid line, though it names claude.ai\n");
            }
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("access.log");
        std::fs::write(&path, &log).unwrap_or_else(|e| panic!("{e}"));
        let map = FieldMap::default();
        let candidates = Candidates::new(&hosts);
        let mut one = Folder::new(|h: &str| hosts.lookup(h).map(|m| m.service), 1 << 20);
        let mut one_errors = Vec::new();
        super::super::read(NetFormat::SquidNative, log.as_bytes(), &map, |r| match r {
            Ok(r) => {
                one.add(&r);
            }
            Err(e) => one_errors.push(e),
        });
        let one = one.finish();
        for threads in [2, 3, 7] {
            let (split, errors) = fold_file(
                &path,
                log.len() as u64,
                NetFormat::SquidNative,
                &map,
                (&hosts, &candidates),
                1 << 20,
                None,
                threads,
            )
            .unwrap_or_else(|| panic!("{threads} threads: not split"));
            assert_eq!(split, one, "{threads} threads");
            assert_eq!(errors.first, one_errors);
            assert_eq!(errors.first[0].line, 2502);
        }
        assert!(one.matched > 3000 && one.usages().count() > 8, "{}", one.matched);
    }
}
