//! Files that are not plain text to be checked whole: prompt-log exports, office documents,
//! PDFs. Each format claims a file from its name and first bytes; a claimed file is read by its
//! own decoder, streamed, into units, and escapes the size cap meant for source files.

use std::io::Read;

use crate::engine::Engine;
use crate::inputs::documents;
use crate::inputs::walk::Outcome;

/// A format that took charge of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// An office document, a PDF or an image (`inputs::documents`).
    Document(documents::Format),
    /// An exported AI prompt log.
    Log(crate::inputs::logs::Format),
}

/// A claimed file: the engine that checks it, its displayed and relative paths, its length.
#[derive(Debug, Clone, Copy)]
pub struct Claimed<'a> {
    pub engine: &'a Engine,
    pub shown: &'a str,
    pub rel_path: &'a str,
    pub len: u64,
}

/// Which format, if any, reads this file. `head` is its first bytes (up to 8 KiB).
pub fn claim(engine: &Engine, rel_path: &str, head: &[u8]) -> Option<Claim> {
    let csv_prompt = engine.charter.prompt_logs.csv_map.prompt.as_deref();
    documents::claim(rel_path, head)
        .map(Claim::Document)
        .or_else(|| crate::inputs::logs::claim(rel_path, head, csv_prompt).map(Claim::Log))
}

/// Decodes a claimed file into units and checks them.
pub fn scan(claim: Claim, file: &Claimed<'_>, reader: &mut dyn Read, out: &mut Outcome) {
    match claim {
        Claim::Document(format) => documents::scan(format, file, reader, out),
        Claim::Log(format) => crate::inputs::logs::scan(format, file, reader, out),
    }
}
