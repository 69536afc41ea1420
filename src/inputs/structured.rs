//! Files that are not plain text to be checked whole: prompt-log exports, office documents,
//! PDFs. Each format claims a file from its name and first bytes; a claimed file is read by its
//! own decoder, streamed, into units, and escapes the size cap meant for source files.

use std::io::Read;

use super::{Counts, Source, documents, logs, network};

/// A format that took charge of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// An office document, a PDF or an image (`inputs::documents`).
    Document(&'static documents::Format),
    /// An exported AI prompt log.
    Log(logs::Format),
    /// A proxy, DNS or firewall log (`inputs::network`), folded whole.
    Network(network::NetFormat),
}

/// A claimed file: where its units go, its displayed and relative paths, its length.
#[derive(Debug, Clone, Copy)]
pub struct Claimed<'a> {
    pub source: &'a Source<'a>,
    pub shown: &'a str,
    pub rel_path: &'a str,
    pub len: u64,
}

/// Which format, if any, reads this file. `head` is its first bytes (up to 8 KiB).
pub fn claim(source: &Source<'_>, rel_path: &str, head: &[u8]) -> Option<Claim> {
    let csv_prompt = source.csv_map.prompt.as_deref();
    documents::claim(rel_path, head)
        .map(Claim::Document)
        .or_else(|| logs::claim(rel_path, head, csv_prompt).map(Claim::Log))
        .or_else(|| network::audit::claim(source.network, rel_path, head).map(Claim::Network))
}

/// Decodes a claimed file into units.
pub fn read(claim: Claim, file: &Claimed<'_>, reader: &mut dyn Read, counts: &mut Counts) {
    let sink = file.source.sink;
    sink.read(1, 0);
    let reader = &mut super::progress::Metered::new(reader, sink, file.shown, file.len);
    match claim {
        Claim::Document(format) => documents::read(format, file, reader, counts),
        Claim::Log(format) => logs::read(format, file, reader, counts),
        Claim::Network(format) => network::audit::read(format, file, reader, counts),
    }
}
