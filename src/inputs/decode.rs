//! Text encodings of inputs. A file that starts with a UTF-16 byte-order mark (PowerShell's
//! `Out-File` default, the usual way `Search-UnifiedAuditLog` results are saved) is transcoded
//! to UTF-8 while it streams, before any format looks at it; UTF-8 (with or without its BOM)
//! passes through as bytes. Invalid UTF-8 is replaced per record, not per file: one bad byte
//! costs one U+FFFD, and the record and its neighbours are still read. A CSV row that is not
//! UTF-8 and shows no UTF-8 sequence at all is read as Windows-1252, Excel's default in
//! western Europe.

use std::borrow::Cow;
use std::io::Read;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The UTF-16 encoding whose byte-order mark starts `head`, if any.
pub fn utf16_bom(head: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(head) {
        Some((e, _)) if e == UTF_16LE || e == UTF_16BE => Some(e),
        _ => None,
    }
}

/// A reader of `head` then `rest` as UTF-8: transcoded (BOM removed, unpaired surrogates
/// replaced) when `head` starts with a UTF-16 BOM, else the bytes as they are. Memory stays
/// bounded: `encoding_rs_io` decodes through a fixed buffer.
pub fn utf8_reader<'r>(head: Vec<u8>, rest: impl Read + 'r) -> Box<dyn Read + 'r> {
    let inner = std::io::Cursor::new(head).chain(rest);
    if utf16_bom(inner.get_ref().0.get_ref()).is_none() {
        return Box::new(inner);
    }
    Box::new(encoding_rs_io::DecodeReaderBytesBuilder::new().strip_bom(true).build(inner))
}

/// The whole of `bytes` as UTF-8 bytes: transcoded when it starts with a UTF-16 BOM.
pub fn utf8_bytes(bytes: Vec<u8>) -> Vec<u8> {
    match utf16_bom(&bytes) {
        Some(e) => e.decode_with_bom_removal(&bytes).0.into_owned().into_bytes(),
        None => bytes,
    }
}

/// Invalid UTF-8 found in a record: how many invalid sequences, and where the first starts
/// (byte offset in the record).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Invalid {
    pub first: usize,
    pub count: usize,
}

impl Invalid {
    /// `2 invalid UTF-8 sequence(s), the first at byte 1234, replaced with U+FFFD`, with the
    /// record's offset in the file added.
    pub fn describe(&self, record_offset: u64) -> String {
        format!(
            "{} invalid UTF-8 sequence(s), the first at byte {}, replaced with U+FFFD",
            self.count,
            record_offset + self.first as u64
        )
    }
}

/// `bytes` as text when they are valid UTF-8: checked with SIMD, several times faster than the
/// standard library on the ASCII-heavy text of logs (a thirtieth of reading a request log).
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD, and what was replaced; `None`
/// when the bytes are valid UTF-8. An invalid sequence counted as one character before and is
/// one after, so line and column positions inside the record hold.
pub fn lossy(bytes: &[u8]) -> Option<(Vec<u8>, Invalid)> {
    if utf8(bytes).is_some() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut at = 0usize;
    let mut invalid = Invalid { first: usize::MAX, count: 0 };
    for chunk in bytes.utf8_chunks() {
        out.extend_from_slice(chunk.valid().as_bytes());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid.first = invalid.first.min(at);
            invalid.count += 1;
            out.extend_from_slice("\u{FFFD}".as_bytes());
            at += chunk.invalid().len();
        }
    }
    Some((out, invalid))
}

/// How a CSV row's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowEncoding {
    Utf8,
    /// UTF-8 with invalid sequences replaced.
    Utf8Lossy(Invalid),
    /// Not UTF-8 and no UTF-8 sequence in it: an 8-bit export.
    Windows1252,
}

/// A CSV row as text. A row that is not UTF-8 is UTF-8 with bad bytes when it also holds valid
/// multi-byte sequences (accented letters of UTF-8 text), else Windows-1252: in a Windows-1252
/// text an accented letter is followed by ASCII, which is never a valid UTF-8 sequence.
pub fn row_text(bytes: &[u8]) -> (Cow<'_, str>, RowEncoding) {
    if let Some(s) = utf8(bytes) {
        return (Cow::Borrowed(s), RowEncoding::Utf8);
    }
    let utf8_multibyte = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
    if utf8_multibyte && let Some((fixed, invalid)) = lossy(bytes) {
        let text = String::from_utf8(fixed).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into());
        return (Cow::Owned(text), RowEncoding::Utf8Lossy(invalid));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    (Cow::Owned(text.into_owned()), RowEncoding::Windows1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_transcoded_while_streaming() {
        let text = "[{\"Operation\":\"CopilotInteraction\",\"n\":\"Prévisions\"}]\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [le, be] {
            let (head, rest) = bytes.split_at(7);
            let mut out = String::new();
            let read = utf8_reader(head.to_vec(), rest).read_to_string(&mut out);
            assert!(read.is_ok());
            assert_eq!(out, text);
            assert_eq!(String::from_utf8(utf8_bytes(bytes.clone())).ok().as_deref(), Some(text));
        }
        // UTF-8, with its BOM or not, passes through untouched.
        let mut out = Vec::new();
        let read = utf8_reader(b"\xEF\xBB\xBFa\xE9".to_vec(), &b"b"[..]).read_to_end(&mut out);
        assert!(read.is_ok());
        assert_eq!(out, b"\xEF\xBB\xBFa\xE9b");
    }

    #[test]
    fn invalid_bytes_become_one_replacement_each() {
        let (fixed, invalid) = lossy(b"caf\xE9 au lait \xFF\xFE!").unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&fixed), "caf\u{FFFD} au lait \u{FFFD}\u{FFFD}!");
        assert_eq!(invalid, Invalid { first: 3, count: 3 });
        assert!(lossy("déjà".as_bytes()).is_none());
    }

    #[test]
    fn the_fast_check_agrees_with_the_standard_one() {
        let mut rng = crate::test_rng::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let pieces: [&[u8]; 8] = [
            b"a",
            b" ",
            "é".as_bytes(),
            "€".as_bytes(),
            "😀".as_bytes(),
            b"\xE9",
            b"\xF0\x9F",
            b"\xED\xA0\x80",
        ];
        let mut invalid = 0;
        for _ in 0..5_000 {
            // Long enough for the SIMD blocks (64 bytes), with a bad byte anywhere.
            let bytes: Vec<u8> =
                (0..rng.below(200)).flat_map(|_| pieces[rng.below(pieces.len())].to_vec()).collect();
            assert_eq!(utf8(&bytes), std::str::from_utf8(&bytes).ok(), "{bytes:?}");
            invalid += usize::from(utf8(&bytes).is_none());
        }
        assert!(invalid > 1_000 && invalid < 5_000, "{invalid}");
    }

    #[test]
    fn rows_fall_back_to_windows_1252() {
        let (t, e) = row_text(b"R\xE9sum\xE9 \x96 fin");
        assert_eq!((t.as_ref(), e), ("Résumé – fin", RowEncoding::Windows1252));
        let (t, e) = row_text("Résumé caf\u{e9}".as_bytes());
        assert_eq!((t.as_ref(), e), ("Résumé café", RowEncoding::Utf8));
        let mut mixed = "Résumé ".as_bytes().to_vec();
        mixed.push(0xFF);
        let (t, e) = row_text(&mixed);
        assert_eq!(t, "Résumé \u{FFFD}");
        assert_eq!(e, RowEncoding::Utf8Lossy(Invalid { first: 9, count: 1 }));
    }
}
