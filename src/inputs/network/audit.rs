//! Network logs as a scan reads them: a file is claimed by its content, read whole in bounded
//! memory and folded per person and AI service; each usage then becomes one unit of kind
//! `network` (a line stating it, with typed facts and the service as the unit's tool), and each
//! prompt a proxy captured a unit of kind `prompt` sent to that service.

use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::OnceLock;

use super::fold::{CapturedPrompt, DEFAULT_UPLOAD_THRESHOLD, Folded, Folder, Usage};
use super::inventory::Inventory;
use super::parallel::{self, Errors};
use super::prefilter::Candidates;
use super::{FieldMap, LineError, NetFormat, decompress, sniff};
use crate::catalog::{Catalog, HostIndex};
use crate::charter::ToolStatus;
use crate::finding::Position;
use crate::inputs::structured::Claimed;
use crate::inputs::{Counts, Source};
use crate::unit::{Fact, FactKind, Kinds, Place, Record, Unit, UnitKind};

/// Line errors reported per file; past them, one line says how many more there were.
const MAX_LINE_ERRORS: usize = parallel::KEPT_ERRORS;

/// What a run tells the network readers.
pub struct Settings<'a> {
    /// The charter's `network.field_map` with `--log-map` over it.
    pub map: FieldMap,
    /// Bytes of one request above which a document or file was sent.
    pub threshold: u64,
    /// `--input-format`: the format of standard input, told rather than sniffed.
    pub format: Option<NetFormat>,
    /// The charter's status of a catalogue service, for the inventory.
    pub status: &'a (dyn Fn(usize) -> ToolStatus + Sync),
    /// Threads that may share one large file.
    pub threads: usize,
    hosts: OnceLock<(HostIndex, Candidates)>,
}

impl std::fmt::Debug for Settings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings").field("threshold", &self.threshold).field("format", &self.format).finish()
    }
}

impl<'a> Settings<'a> {
    pub fn new(status: &'a (dyn Fn(usize) -> ToolStatus + Sync)) -> Settings<'a> {
        Settings {
            map: FieldMap::default(),
            threshold: DEFAULT_UPLOAD_THRESHOLD,
            format: None,
            status,
            threads: 1,
            hosts: OnceLock::new(),
        }
    }

    fn hosts(&self, catalog: &Catalog) -> (&HostIndex, &Candidates) {
        let (h, c) = self.hosts.get_or_init(|| {
            let h = HostIndex::new(catalog);
            let c = Candidates::new(&h);
            (h, c)
        });
        (h, c)
    }
}

/// The network log format of a file, from its first bytes (decompressed first when gzip or
/// zstd). Feeds in no known layout (any CSV, any JSON lines) are claimed only when the charter
/// or `--log-map` maps their columns: a repository's data files are no network logs.
pub fn claim(settings: &Settings<'_>, rel_path: &str, head: &[u8]) -> Option<NetFormat> {
    let mut plain = Vec::new();
    let head = if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        // The head is a cut stream: read what decodes of it; the error at the cut is expected.
        let mut r = decompress::open(std::io::Cursor::new(head)).ok()?;
        let _ = r.by_ref().take(16 * 1024).read_to_end(&mut plain);
        &plain[..]
    } else {
        head
    };
    match sniff(rel_path, head)? {
        NetFormat::Csv | NetFormat::Jsonl if !settings.map.is_set() => None,
        f => Some(f),
    }
}

/// Reads a claimed network log: decompresses, folds, and hands over its units and inventory.
pub fn read(format: NetFormat, file: &Claimed<'_>, reader: &mut dyn Read, counts: &mut Counts) {
    let source = file.source;
    let (folded, line_errors) = split(format, file).unwrap_or_else(|| stream(format, file, reader));
    for e in line_errors.first.iter().take(MAX_LINE_ERRORS) {
        source.error(file.shown, format!("{}: {e}", format.as_str()));
    }
    if line_errors.count > MAX_LINE_ERRORS {
        let more = line_errors.count - MAX_LINE_ERRORS;
        source.error(file.shown, format!("{}: {more} more lines could not be read", format.as_str()));
    }
    counts.files += 1;
    counts.bytes += file.len;
    emit(source, file.shown, file.rel_path, format, &folded, counts);
}

/// A large plain file of a format whose lines stand alone, folded by several threads. The
/// walk shows paths as it opened them (less a leading `./`), so the shown path opens the same
/// file; anything else (standard input, a file that changed size) is read as a stream.
fn split(format: NetFormat, file: &Claimed<'_>) -> Option<(Folded, Errors)> {
    let settings = file.source.network;
    if settings.threads < 2 || !parallel::splittable(format) || file.len < parallel::MIN_SPLIT_BYTES {
        return None;
    }
    let path = Path::new(file.shown);
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() != file.len {
        return None;
    }
    let (hosts, candidates) = settings.hosts(file.source.catalog);
    parallel::fold_file(
        path,
        file.len,
        format,
        &settings.map,
        (hosts, candidates),
        settings.threshold,
        file.source.pseudonym,
        settings.threads,
    )
}

/// Reads the file as one stream, in one thread.
fn stream(format: NetFormat, file: &Claimed<'_>, reader: &mut dyn Read) -> (Folded, Errors) {
    let settings = file.source.network;
    let (hosts, candidates) = settings.hosts(file.source.catalog);
    let mut folder = Folder::new(|h: &str| hosts.lookup(h).map(|m| m.service), settings.threshold);
    let mut errors = Errors::default();
    let mut each = |rec: Result<super::NetRecord, LineError>| match rec {
        Ok(mut r) => {
            if let Some(p) = file.source.pseudonym {
                r.pseudonymise(p);
            }
            folder.add(&r);
        }
        Err(e) => errors.push(e),
    };
    let result = decompress::open(reader).map(|r| match candidates.needles(format) {
        Some(needles) => super::read_scanned(format, r, &settings.map, &needles, &mut each),
        None => super::read_where(format, r, &settings.map, |_| true, &mut each),
    });
    match result {
        Ok(skipped) => folder.skipped(skipped),
        Err(e) => errors.push(LineError { line: 0, message: e.to_string() }),
    }
    (folder.finish(), errors)
}

/// Reads standard input (or any stream) as a network log of a told format.
pub fn read_stream(source: &Source<'_>, shown: &str, format: NetFormat, reader: &mut dyn BufRead) -> Counts {
    let mut counts = Counts::default();
    let mut len = 0u64;
    let mut counting = CountingReader { inner: reader, read: &mut len };
    let file = Claimed { source, shown, rel_path: shown, len: 0 };
    read(format, &file, &mut counting, &mut counts);
    counts.bytes += len;
    counts
}

struct CountingReader<'r, 'n> {
    inner: &'r mut dyn BufRead,
    read: &'n mut u64,
}

impl Read for CountingReader<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        *self.read += n as u64;
        Ok(n)
    }
}

/// Below this many usages, one thread checks them all.
const PARALLEL_UNITS: usize = 1024;

/// Usages a thread takes at a time.
const EMIT_BATCH: usize = 64;

/// Hands over one unit per usage and per captured prompt, and counts the fold.
pub fn emit(source: &Source<'_>, shown: &str, rel: &str, format: NetFormat, f: &Folded, counts: &mut Counts) {
    counts.records += usize::try_from(f.records).unwrap_or(usize::MAX);
    let inv = Inventory::of(f, format.as_str(), source.catalog, &|s| (source.network.status)(s));
    counts.logs.network.absorb(inv);
    let usage: Vec<&Usage> = f.usages().collect();
    let threads = source.network.threads.max(1);
    if threads < 2 || usage.len() < PARALLEL_UNITS {
        for u in usage {
            usage_unit(source, shown, rel, format, u);
        }
    } else {
        // Checking a usage is independent of every other, and a large log folds into tens of
        // thousands of them: the threads that read the log check them too.
        // Taken one batch at a time from a shared counter: usages differ in cost (a person
        // named by an e-mail address is masked), so equal shares finish at different times.
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let at = next.fetch_add(EMIT_BATCH, std::sync::atomic::Ordering::Relaxed);
                        let Some(batch) = usage.get(at..(at + EMIT_BATCH).min(usage.len())) else { break };
                        for u in batch {
                            usage_unit(source, shown, rel, format, u);
                        }
                    }
                });
            }
        });
    }
    for p in &f.prompts {
        prompt_unit(source, shown, rel, format, p);
    }
}

fn usage_unit(source: &Source<'_>, shown: &str, rel: &str, format: NetFormat, u: &Usage) {
    let Some(service) = source.catalog.services.get(u.service) else { return };
    // `OpenAI (ChatGPT, OpenAI API, Sora)` → `OpenAI`: the host says which product.
    let name = service.name.split(" (").next().unwrap_or(&service.name);
    let (text, facts) = statement(u, name, source.network.threshold);
    let record = record_of(u, format);
    let unit = Unit {
        record: Record::Text(&record),
        tool: Some(u.service),
        place: Place::Record(Position { line: u.first_line.max(1), column: 1 }),
        user: Some(&u.who),
        facts: &facts,
        ..Unit::file(shown, rel, &text, Kinds::default().with(UnitKind::Network))
    };
    source.sink.unit(&unit);
}

fn prompt_unit(source: &Source<'_>, shown: &str, rel: &str, format: NetFormat, p: &CapturedPrompt) {
    let mut parts = Vec::new();
    if let Some(u) = &p.user {
        parts.push(format!("user {u}"));
    }
    parts.push(format!("prompt captured by {}", format.as_str()));
    if let Some(t) = &p.time {
        parts.push(t.clone());
    }
    let record = parts.join(" › ");
    let unit = Unit {
        record: Record::Text(&record),
        tool: p.service,
        place: Place::Record(Position { line: p.line.max(1), column: 1 }),
        user: p.user.as_deref(),
        ..Unit::file(shown, rel, &p.text, Kinds::default().with(UnitKind::Prompt))
    };
    source.sink.unit(&unit);
}

/// `user alice › client 10.0.0.5 › device PC-12 › squid`
fn record_of(u: &Usage, format: NetFormat) -> String {
    let mut parts = Vec::new();
    for (label, v) in [("user", &u.user), ("client", &u.client), ("device", &u.device)] {
        if let Some(v) = v {
            parts.push(format!("{label} {v}"));
        }
    }
    if parts.is_empty() {
        parts.push(format!("who {}", u.who));
    }
    parts.push(format.as_str().to_string());
    parts.join(" › ")
}

/// The line that states a usage, and its facts: `alice used DeepSeek (chat.deepseek.com) 12
/// times from … to …, 3 blocked, 8.1 MB up, 1.2 MB down`. The first words (who and which
/// service) are the span of the use or attempt, so that a finding's fingerprint stays the same
/// when the counts change.
pub fn statement(u: &Usage, name: &str, threshold: u64) -> (String, Vec<Fact>) {
    let attempt = u.blocked >= u.requests;
    let verb = if attempt { "tried" } else { "used" };
    let mut text = format!("{} {verb} {name}", u.who);
    let mut facts = vec![Fact {
        kind: if attempt { FactKind::NetworkAttempt } else { FactKind::NetworkUse },
        span: 0..text.len(),
    }];
    let times = if u.requests == 1 { "time" } else { "times" };
    text.push_str(&format!(" ({}) {} {times}", u.host, u.requests));
    match (&u.first_seen, &u.last_seen) {
        (Some(a), Some(b)) if a != b => text.push_str(&format!(" from {a} to {b}")),
        (Some(a), _) | (None, Some(a)) => text.push_str(&format!(" at {a}")),
        (None, None) => {}
    }
    if attempt {
        text.push_str(", all blocked");
    } else if u.blocked > 0 {
        text.push_str(&format!(", {} blocked", u.blocked));
    }
    // Zero is what a log that does not count a direction writes: say nothing of it.
    if u.bytes_up > 0 {
        text.push_str(&format!(", {} up", size(u.bytes_up)));
    }
    if u.bytes_down > 0 {
        text.push_str(&format!(", {} down", size(u.bytes_down)));
    }
    if u.uploaded() && !attempt {
        text.push_str(", ");
        let start = text.len();
        let n = u.large_uploads;
        text.push_str(&format!(
            "{n} request{} above {} (largest {})",
            if n == 1 { "" } else { "s" },
            size(threshold),
            size(u.max_upload)
        ));
        facts.push(Fact { kind: FactKind::NetworkUpload, span: start..text.len() });
    }
    (text, facts)
}

/// `512 B`, `8.1 KB`, `3.2 MB`, `1.0 GB` (multiples of 1024, as the charter's sizes).
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}
