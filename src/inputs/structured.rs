//! Files that are not plain text to be checked whole: prompt-log exports, office documents,
//! PDFs. Each format claims a file from its name and first bytes; a claimed file is read by its
//! own decoder, streamed, into units, and escapes the size cap meant for source files.

use std::io::Read;

use crate::engine::Engine;
use crate::inputs::walk::Outcome;

/// A format that took charge of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {}

/// Which format, if any, reads this file. `head` is its first bytes (up to 8 KiB).
pub fn claim(_rel_path: &str, _head: &[u8]) -> Option<Claim> {
    None
}

/// Decodes a claimed file into units and checks them.
pub fn scan(
    claim: Claim,
    _engine: &Engine,
    _shown: &str,
    _rel_path: &str,
    _reader: &mut dyn Read,
    _len: u64,
    _out: &mut Outcome,
) {
    match claim {}
}
