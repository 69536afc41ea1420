//! Rotated logs are compressed (`access.log.1.gz`, `dnslogs/…csv.gz`, `http.log.zst`): gzip and
//! zstd are read transparently, told by their magic bytes rather than the file name, so that
//! stdin and misnamed files work too. Concatenated members and frames (`cat a.gz b.gz`, pzstd)
//! are read to the end.

use std::io::{BufRead, BufReader, Read};

use ruzstd::decoding::{FrameDecoder, StreamingDecoder};

const GZIP: &[u8] = &[0x1f, 0x8b];
const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
const BUF: usize = 256 * 1024;

/// A buffered reader of the decompressed content of `reader`.
pub fn open<'a, R: Read + 'a>(reader: R) -> std::io::Result<Box<dyn BufRead + 'a>> {
    let mut raw = BufReader::with_capacity(BUF, reader);
    let head = raw.fill_buf()?;
    Ok(if head.starts_with(GZIP) {
        Box::new(BufReader::with_capacity(BUF, flate2::bufread::MultiGzDecoder::new(raw)))
    } else if head.starts_with(ZSTD) || is_skippable(head) {
        Box::new(BufReader::with_capacity(BUF, ZstdFrames { source: Some(raw), frame: None }))
    } else {
        Box::new(raw)
    })
}

/// A skippable zstd frame (magic 0x184D2A5?), which pzstd writes before its data frames.
fn is_skippable(head: &[u8]) -> bool {
    head.len() >= 4 && head[0] & 0xF0 == 0x50 && head[1..4] == [0x2A, 0x4D, 0x18]
}

/// Every zstd frame of a stream, one after the other; skippable frames are passed over.
struct ZstdFrames<R: BufRead> {
    source: Option<R>,
    frame: Option<StreamingDecoder<R, FrameDecoder>>,
}

fn invalid(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, format!("zstd: {e}"))
}

impl<R: BufRead> ZstdFrames<R> {
    /// Starts the next data frame; `false` at the end of the stream.
    fn next_frame(&mut self, mut source: R) -> std::io::Result<bool> {
        loop {
            let head = source.fill_buf()?;
            if head.is_empty() {
                return Ok(false);
            }
            if head.len() >= 8 && is_skippable(head) {
                let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
                source.consume(8);
                std::io::copy(&mut (&mut source).take(u64::from(len)), &mut std::io::sink())?;
                continue;
            }
            self.frame = Some(StreamingDecoder::new(source).map_err(invalid)?);
            return Ok(true);
        }
    }
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if let Some(frame) = self.frame.as_mut() {
                let n = frame.read(buf)?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
                // This frame is done: the next one, if any, starts where it ended.
                self.source = self.frame.take().map(StreamingDecoder::into_inner);
            }
            let Some(source) = self.source.take() else { return Ok(0) };
            if !self.next_frame(source)? {
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(text: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text).unwrap_or_else(|e| panic!("{e}"));
        enc.finish().unwrap_or_else(|e| panic!("{e}"))
    }

    fn read_all(bytes: &[u8]) -> std::io::Result<String> {
        let mut out = String::new();
        open(bytes)?.read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn plain_and_concatenated_gzip() {
        assert_eq!(read_all(b"plain\n").ok().as_deref(), Some("plain\n"));
        let mut two = gzip(b"one\n");
        two.extend(gzip(b"two\n"));
        assert_eq!(read_all(&two).ok().as_deref(), Some("one\ntwo\n"));
    }

    #[test]
    fn zstd_frames_and_skippable_frames() {
        // A zstd frame of raw blocks, written by hand: magic, frame header (single segment,
        // 1-byte content size), one last raw block of 4 bytes.
        let frame = |text: &[u8; 4]| {
            let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0x20, 4];
            f.extend([0x21, 0x00, 0x00]); // block header: last, raw, size 4
            f.extend(text);
            f
        };
        let mut data = vec![0x50, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 0xAA, 0xBB];
        data.extend(frame(b"abc\n"));
        data.extend(frame(b"def\n"));
        assert_eq!(read_all(&data).ok().as_deref(), Some("abc\ndef\n"));
    }

    #[test]
    fn corrupt_zstd_is_an_error_not_a_panic() {
        let data = [0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff];
        assert!(read_all(&data).is_err());
    }
}
