//! Inputs: everything that turns bytes into units of text. An input knows formats, never the
//! engine: it hands each unit to a [`Sink`], with the problems it met and what it counted.

pub mod commit;
pub mod decode;
pub mod documents;
pub mod logs;
pub mod network;
pub mod own;
pub mod progress;
pub mod staged;
pub mod structured;
pub mod tracked;
pub mod walk;

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::charter::CsvMap;
use crate::mask::pseudonym::Pseudonymizer;
use crate::unit::{Kinds, Unit};

/// Default cap on the size of one file: larger files are counted and skipped.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Where inputs hand what they read. Shared by the threads of a walk or of a large log.
pub trait Sink: Sync {
    /// Checks one unit; returns how many findings it gave.
    fn unit(&self, unit: &Unit<'_>) -> usize;
    /// A file or a record that could not be read; the input skips it and goes on.
    fn error(&self, error: InputError);
    /// Something the input could not audit but that is no read failure (a JSON file shaped
    /// like a chat export that no known format reads): reported, never fatal.
    fn notice(&self, notice: InputError) {
        self.error(notice);
    }
    /// What an input read, added to the run's totals.
    fn counts(&self, counts: Counts);
    /// Files and bytes read since the last call, as the input goes (the totals come through
    /// `counts`): for a progress display only.
    fn read(&self, _files: usize, _bytes: u64) {}
    /// How far into a large file the input is: for a progress display only.
    fn reading(&self, _path: &str, _done: u64, _total: u64) {}
}

/// What an input needs from the run: the catalogue (model names → tools), the charter's
/// settings for inputs, how to classify a path, and where units go.
pub struct Source<'a> {
    pub catalog: &'a Catalog,
    /// The CSV prompt-log column mapping (charter, then `--csv-map`).
    pub csv_map: &'a CsvMap,
    /// The kinds of a file at a path, beyond what its name says (assistant files, manifests).
    pub refine: &'a (dyn Fn(&str, Kinds) -> Kinds + Sync),
    /// Whether the charter requires AI labels at a path (image metadata is read only there).
    pub label_required: &'a (dyn Fn(&str) -> bool + Sync),
    /// `--show-secrets`: inputs that write text of their own (audit records) do not mask it.
    pub show_secrets: bool,
    /// How network logs are read and folded.
    pub network: &'a network::audit::Settings<'a>,
    /// `--pseudonymize`: every input replaces the people it names (users, accounts, authors,
    /// client addresses, devices) where it reads them, before anything is counted or checked.
    pub pseudonym: Option<&'a Pseudonymizer>,
    pub sink: &'a dyn Sink,
}

impl std::fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source").field("show_secrets", &self.show_secrets).finish_non_exhaustive()
    }
}

impl Source<'_> {
    /// The kinds of a whole file at `rel_path`.
    pub fn kinds_of(&self, rel_path: &str) -> Kinds {
        (self.refine)(rel_path, crate::unit::classify(rel_path))
    }

    /// The pseudonym of a person an input names, or the name itself without `--pseudonymize`.
    pub fn person<'s>(&self, identity: &'s str) -> std::borrow::Cow<'s, str> {
        match self.pseudonym {
            Some(p) => std::borrow::Cow::Owned(p.user(identity)),
            None => std::borrow::Cow::Borrowed(identity),
        }
    }

    pub fn error(&self, path: &str, message: String) {
        self.sink.error(InputError { path: path.to_string(), message });
    }

    pub fn notice(&self, path: &str, message: String) {
        self.sink.notice(InputError { path: path.to_string(), message });
    }
}

/// A file or directory that could not be read, or a record that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// What inputs read: files and bytes, what they skipped, and prompt-log records.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub files: usize,
    /// Log records (conversations' messages, request lines), document parts, commits.
    pub records: usize,
    pub bytes: u64,
    pub skipped_large: usize,
    pub skipped_binary: usize,
    /// Reports charterlint wrote (by content, or an `--output` target of this run).
    pub skipped_reports: usize,
    pub non_utf8: usize,
    pub logs: LogStats,
}

impl Counts {
    pub fn absorb(&mut self, o: Counts) {
        self.files += o.files;
        self.records += o.records;
        self.bytes += o.bytes;
        self.skipped_large += o.skipped_large;
        self.skipped_binary += o.skipped_binary;
        self.skipped_reports += o.skipped_reports;
        self.non_utf8 += o.non_utf8;
        self.logs.absorb(o.logs);
    }
}

/// Records read from prompt logs: conversations, messages, by format, by receiving tool, and by
/// the app an AI tool was used in.
#[derive(Debug, Clone, Default)]
pub struct LogStats {
    pub conversations: usize,
    pub messages: usize,
    pub by_format: BTreeMap<String, usize>,
    pub by_tool: BTreeMap<String, usize>,
    /// Records by the app an AI tool was used in (Microsoft 365 Copilot: Word, Teams…).
    pub by_app: BTreeMap<String, usize>,
    /// AI use found in network logs: tools × people × days, by charter status.
    pub network: network::inventory::Inventory,
}

impl LogStats {
    pub fn absorb(&mut self, o: LogStats) {
        self.conversations += o.conversations;
        self.messages += o.messages;
        self.network.absorb(o.network);
        for (map, other) in
            [(&mut self.by_format, o.by_format), (&mut self.by_tool, o.by_tool), (&mut self.by_app, o.by_app)]
        {
            for (k, v) in other {
                *map.entry(k).or_default() += v;
            }
        }
    }

    pub fn bump(map: &mut BTreeMap<String, usize>, key: &str) {
        match map.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                map.insert(key.to_string(), 1);
            }
        }
    }
}
