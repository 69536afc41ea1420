//! Exported AI prompt logs: ChatGPT and Claude.ai data exports, OpenAI-style JSONL request logs
//! (proxies, batch files) and CSV with a column mapping. Each format is recognised by content,
//! streamed, and turned into one unit per message: kind `prompt` for what a person sent (user
//! messages, custom instructions, attachments, project documents), `response` for what the AI
//! sent back; the unit's `tool` is the catalogue service that received it (from the format, or
//! the model name matched against the catalogue's aliases).

pub mod aistudio;
pub mod chatbotui;
pub mod chatgpt;
pub mod claude;
pub mod csv;
pub mod csv_rows;
pub mod export;
pub mod gemini;
pub mod grok;
pub mod jsonl;
pub mod librechat;
pub mod lines;
pub mod m365;
pub mod openwebui;
mod repeats;
pub mod split;
pub mod tree;

pub use tree::{at, text_in, text_of, time_of};

use std::collections::HashMap;
use std::io::Read;

use super::structured::Claimed;
use super::{Counts, LogStats, Source};
use crate::catalog::Catalog;
use crate::unit::{Anchor, Kinds, Place, Record, Unit, UnitKind};

/// A prompt-log format, recognised from a file's name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A JSON array of conversations (ChatGPT or Claude.ai `conversations.json`), told apart per
    /// conversation.
    ChatExport,
    /// Claude.ai `projects.json`.
    ClaudeProjects,
    /// One JSON request or response per line.
    Jsonl,
    /// CSV with a prompt column.
    Csv,
    /// Microsoft 365 Copilot audit records (Purview portal CSV, JSON array or JSONL).
    M365Audit,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Typed or uploaded by the person.
    User,
    Assistant,
    /// Traffic between the AI and its tools (a search query, code for the interpreter, what a
    /// tool returned): text sent on to a third party, audited as a prompt; the message's `part`
    /// says who sent it to whom.
    Tool,
}

impl Role {
    fn kinds(self) -> Kinds {
        match self {
            Role::User | Role::Tool => Kinds::default().with(UnitKind::Prompt),
            Role::Assistant => Kinds::default().with(UnitKind::Response),
        }
    }
}

/// One message, ready to be checked.
#[derive(Debug)]
pub struct Message<'a> {
    pub text: &'a str,
    pub role: Role,
    pub tool: Option<usize>,
    pub user: Option<&'a str>,
    pub conversation: Option<&'a str>,
    /// 1-based index of the message in its conversation.
    pub index: usize,
    pub time: Option<String>,
    /// What part of the message this is, when not its text: `attachment "nda.txt"`,
    /// `custom instructions`, `edited-away branch`.
    pub part: Option<String>,
}

/// The most model names [`Ctx::tool_of_model`] keeps.
const MODELS_CAP: usize = 4096;

/// What a log reader needs: where units go, the file, its counts, caches.
pub struct Ctx<'a> {
    pub source: &'a Source<'a>,
    pub shown: &'a str,
    pub rel_path: &'a str,
    pub counts: Counts,
    pub format: &'static str,
    /// Looked up for every request: foldhash, seeded per process, is several times faster than
    /// SipHash on these short names.
    models: HashMap<String, Option<usize>, foldhash::fast::RandomState>,
    /// Messages met before in this file: resent history, clean messages.
    repeats: repeats::Repeats,
}

impl std::fmt::Debug for Ctx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("path", &self.shown).field("format", &self.format).finish()
    }
}

impl<'a> Ctx<'a> {
    pub fn new(source: &'a Source<'a>, shown: &'a str, rel_path: &'a str) -> Ctx<'a> {
        Ctx {
            source,
            shown,
            rel_path,
            counts: Counts::default(),
            format: "",
            models: HashMap::default(),
            repeats: Default::default(),
        }
    }

    pub fn error(&mut self, message: String) {
        self.source.error(self.shown, message);
    }

    /// Reports what this file holds that no reader audits; not a read failure.
    pub fn notice(&mut self, message: String) {
        self.source.notice(self.shown, message);
    }

    pub fn catalog(&self) -> &Catalog {
        self.source.catalog
    }

    /// The catalogue service of a model name (`gpt-4o-2024-08-06` → openai,
    /// `anthropic/claude-3-5-sonnet` → anthropic), cached per name.
    pub fn tool_of_model(&mut self, model: &str) -> Option<usize> {
        if let Some(t) = self.models.get(model) {
            return *t;
        }
        let t = resolve_model(self.source.catalog, model);
        // A log of made-up model names must not grow the cache without end.
        if self.models.len() >= MODELS_CAP {
            self.models.clear();
        }
        self.models.insert(model.to_string(), t);
        t
    }

    pub fn tool(&self, id: &str) -> Option<usize> {
        self.source.catalog.index_of(id)
    }

    /// Hands over a unit of this file.
    pub fn unit(&self, unit: &Unit<'_>) {
        self.source.sink.unit(unit);
    }

    /// Counts one message and hands it over as a unit of its own (positions inside the
    /// message); the record and the place in the file are worked out only for messages with
    /// findings.
    pub fn message(&mut self, m: &Message<'_>, anchor: Option<&Anchor<'_>>) {
        // A record is a message with text: empty stubs (a tool call's placeholder, an
        // unanswered turn) are not counted.
        if m.text.trim().is_empty() {
            return;
        }
        self.counts.records += 1;
        let logs = &mut self.counts.logs;
        logs.messages += 1;
        LogStats::bump(&mut logs.by_format, self.format);
        let tool = m.tool.map_or("unknown", |t| self.source.catalog.services[t].id.as_str());
        LogStats::bump(&mut logs.by_tool, tool);
        let key = repeats::key(m.text, m.tool, m.role);
        // Only request logs resend history, the assistant's turns as well as the user's (a
        // response comes back in every later request of its conversation): in an export, the
        // same prompt in two conversations is two prompts, each reported.
        if m.role != Role::Tool && self.format == "jsonl" && self.repeats.resent(key) {
            return;
        }
        if self.repeats.clean(key) {
            return;
        }
        let user = m.user.map(|u| self.source.person(u));
        let record = || record(m, user.as_deref());
        let unit = Unit {
            record: Record::Lazy(&record),
            tool: m.tool,
            place: anchor.map_or(Place::File, |a| Place::Json(*a)),
            user: user.as_deref(),
            ..Unit::file(self.shown, self.rel_path, m.text, m.role.kinds())
        };
        if self.source.sink.unit(&unit) == 0 {
            self.repeats.found_clean(key);
        }
    }
}

/// `user a@b › conversation "Budget 2025" › message 3 (user) › 2025-03-02T10:14:00Z`
fn record(m: &Message<'_>, user: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(u) = user {
        parts.push(format!("user {u}"));
    }
    if let Some(c) = m.conversation {
        parts.push(format!("conversation {c:?}"));
    }
    let role = match m.role {
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::Tool => "tool",
    };
    parts.push(format!("message {} ({role})", m.index));
    if let Some(p) = &m.part {
        parts.push(p.clone());
    }
    if let Some(t) = &m.time {
        parts.push(t.clone());
    }
    parts.join(" › ")
}

/// The catalogue service of a model name.
pub fn resolve_model(catalog: &Catalog, model: &str) -> Option<usize> {
    let lower = model.trim().to_ascii_lowercase();
    let lower = lower.strip_prefix("models/").unwrap_or(&lower);
    let mut candidates = vec![lower.to_string()];
    if let Some((provider, rest)) = lower.split_once('/') {
        if let Some(i) = catalog.index_of(provider) {
            return Some(i);
        }
        candidates.push(rest.rsplit('/').next().unwrap_or(rest).to_string());
    }
    // Bedrock-style `anthropic.claude-3-5-sonnet-…`, `us.anthropic.claude…`.
    if let Some(i) = lower.split('.').find_map(|p| catalog.index_of(p)) {
        return Some(i);
    }
    let mut best: Option<(usize, usize)> = None;
    for c in &candidates {
        for (i, s) in catalog.services.iter().enumerate() {
            for a in s.aliases.iter().map(String::as_str).chain(std::iter::once(s.id.as_str())) {
                let a = a.to_ascii_lowercase();
                let fits = c == &a
                    || c.starts_with(&a)
                        && matches!(c.as_bytes().get(a.len()), Some(b'-' | b'.' | b':' | b'@' | b'_'));
                if fits && best.is_none_or(|(len, _)| a.len() > len) {
                    best = Some((a.len(), i));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}

/// Bytes of records handed to a worker at once.
const BATCH_BYTES: usize = 4 << 20;

/// Spreads the records of one large file over worker threads: `produce` reads the file on the
/// calling thread and hands each record (with its size in bytes) to `push`; batches of about
/// [`BATCH_BYTES`] go through a bounded channel to workers, each with its own outcome, merged
/// at the end. Memory stays bounded: the producer reads on only while the records in flight
/// hold less than two batches per worker (or half a record cap, if smaller) of bytes.
/// Chat-completion logs resend the history with each request: resent messages are recognised
/// within one batch (its records are in file order and its bounds depend only on the file), so
/// the output does not depend on which worker took which batch; a message resent across two
/// batches is reported twice.
pub fn fan_out<J, P, W>(ctx: &mut Ctx<'_>, produce: P, work: W)
where
    J: Send,
    P: FnOnce(&mut dyn FnMut(J, usize)),
    W: Fn(&mut Ctx<'_>, J) + Sync,
{
    let workers = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<J>, usize)>(workers);
    let rx = std::sync::Mutex::new(rx);
    // Bytes handed to workers and not yet checked, so that a run of records near the cap is not
    // parsed by every worker at once.
    let in_flight = (std::sync::Mutex::new(0usize), std::sync::Condvar::new());
    // Two batches per worker keep every worker busy; a record larger than that still goes
    // through, alone, since the producer waits only after handing it over.
    let budget = split::record_cap().min(4 * workers * BATCH_BYTES);
    let (source, shown, rel_path, format) = (ctx.source, ctx.shown, ctx.rel_path, ctx.format);
    let outcomes: Vec<Counts> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (rx, work, in_flight) = (&rx, &work, &in_flight);
                scope.spawn(move || {
                    let mut local = Ctx::new(source, shown, rel_path);
                    local.format = format;
                    loop {
                        let batch = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok((batch, size)) = batch else { break };
                        // Released on drop, so that a worker that panics cannot stall the producer.
                        let _done = Released(in_flight, size);
                        local.repeats.next_batch();
                        for job in batch {
                            work(&mut local, job);
                        }
                    }
                    local.counts
                })
            })
            .collect();
        // After handing a batch over, the producer reads on only once the bytes in flight are
        // back under half the budget: a record larger than that is checked before the next is
        // read.
        let send = |batch: Vec<J>, size: usize| {
            if let Ok(mut n) = in_flight.0.lock() {
                *n += size;
            }
            let _ = tx.send((batch, size));
            if let Ok(mut n) = in_flight.0.lock() {
                while *n > budget / 2 {
                    n = match in_flight.1.wait(n) {
                        Ok(n) => n,
                        Err(_) => return,
                    };
                }
            }
        };
        let mut batch = Vec::new();
        let mut bytes = 0;
        produce(&mut |job, size| {
            batch.push(job);
            bytes += size;
            if bytes >= BATCH_BYTES {
                send(std::mem::take(&mut batch), std::mem::take(&mut bytes));
            }
        });
        if !batch.is_empty() {
            send(batch, bytes);
        }
        drop(tx);
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    for c in outcomes {
        ctx.counts.absorb(c);
    }
}

/// Bytes of a batch, given back to the in-flight budget of [`fan_out`] when the batch is done.
struct Released<'a>(&'a (std::sync::Mutex<usize>, std::sync::Condvar), usize);

impl Drop for Released<'_> {
    fn drop(&mut self) {
        let (count, cond) = self.0;
        if let Ok(mut n) = count.lock() {
            *n = n.saturating_sub(self.1);
        }
        cond.notify_all();
    }
}

/// Which log format reads this file, from its name and first bytes. A CSV file is a prompt log
/// only when its header has a prompt column (`csv_prompt`, the charter's or `--csv-map`'s name
/// for it, or a usual one); any other CSV is an ordinary text file, with exact positions.
pub fn claim(rel_path: &str, head: &[u8], csv_prompt: Option<&str>) -> Option<Format> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &body[i..]);
    let has = |needle: &str| memchr::memmem::find(start, needle.as_bytes()).is_some();
    if m365::claims(start) {
        return Some(Format::M365Audit);
    }
    if name.ends_with(".csv") {
        return csv::has_prompt_column(start, csv_prompt).then_some(Format::Csv);
    }
    match start.first() {
        Some(b'[' | b'{') => {}
        _ => return None,
    }
    // `n8n export:workflow --all` writes an array of workflows (`nodes`, `connections`): a
    // workflow is checked as text by the oversight rules, never read as a chat export. Keys
    // quoted in a message are escaped (`\"nodes\"`), so they do not match here.
    if start.first() == Some(&b'[') && has("\"nodes\"") && (has("\"connections\"") || has("n8n-nodes-")) {
        return None;
    }
    if name == "projects.json" && has("\"docs\"") {
        return Some(Format::ClaudeProjects);
    }
    if export::sniff(&name, &has) {
        return Some(Format::ChatExport);
    }
    // JSONL: a first line that is a whole JSON object with chat messages.
    let first_line = start.split(|b| *b == b'\n').next().unwrap_or_default();
    let jsonl_name = name.ends_with(".jsonl") || name.ends_with(".ndjson");
    let on_first = |k: &str| memchr::memmem::find(first_line, k.as_bytes()).is_some();
    // API responses alone (a batch's output file, a completion log) only in a file named as
    // JSONL: a one-line API response saved as `.json` is a test fixture, checked as text. Not
    // any `response` key: a dataset of questions and responses is text, all of its fields
    // checked, where a request log's reader would only read the response.
    let chat_keys = ["\"messages\"", "\"prompt\"", "\"input\"", "\"request_body\""].into_iter().any(on_first)
        || (jsonl_name && on_first("\"choices\""));
    let whole_line = first_line.len() < start.len() || jsonl_name;
    if start.first() == Some(&b'{') && whole_line && chat_keys {
        return Some(Format::Jsonl);
    }
    None
}

/// Reads a claimed log file.
pub fn read(format: Format, file: &Claimed<'_>, reader: &mut dyn Read, counts: &mut Counts) {
    let Claimed { source, shown, rel_path, len } = *file;
    let mut ctx = Ctx::new(source, shown, rel_path);
    ctx.counts.files += 1;
    ctx.counts.bytes += len;
    let reader = std::io::BufReader::with_capacity(256 * 1024, reader);
    match format {
        Format::ChatExport => export::read(&mut ctx, reader),
        Format::ClaudeProjects => claude::scan_projects(&mut ctx, reader),
        Format::Jsonl => jsonl::scan(&mut ctx, reader),
        Format::Csv => csv::scan(&mut ctx, reader),
        Format::M365Audit => m365::scan(&mut ctx, reader),
    }
    counts.absorb(ctx.counts);
}

/// Applies `--csv-map key=column` pairs over the charter's mapping.
pub fn apply_csv_map(map: &mut crate::charter::CsvMap, pairs: &[String]) -> Result<(), String> {
    for p in pairs {
        let Some((k, v)) = p.split_once('=') else {
            return Err(format!("--csv-map `{p}`: expected KEY=COLUMN"));
        };
        let slot = match k.trim() {
            "prompt" => &mut map.prompt,
            "response" => &mut map.response,
            "role" => &mut map.role,
            "user" => &mut map.user,
            "tool" => &mut map.tool,
            "time" => &mut map.time,
            "conversation" => &mut map.conversation,
            other => {
                return Err(format!(
                    "--csv-map: unknown key `{other}` (prompt, response, role, user, tool, time, conversation)"
                ));
            }
        };
        *slot = Some(v.trim().to_string());
    }
    Ok(())
}

/// `2025-03-02T10:14:00Z` from epoch seconds.
pub fn iso_time(secs: f64) -> Option<String> {
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    // Milliseconds are sometimes written where seconds are meant.
    let secs = if secs > 1e11 { secs / 1000.0 } else { secs } as i64;
    Some(crate::inputs::network::time::format_epoch(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_iso() {
        assert_eq!(iso_time(1_740_910_440.25).as_deref(), Some("2025-03-02T10:14:00Z"));
        assert_eq!(iso_time(0.0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(iso_time(1_740_910_440_000.0).as_deref(), Some("2025-03-02T10:14:00Z"));
    }

    #[test]
    fn model_names_resolve_to_services() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let id = |m: &str| resolve_model(&c, m).map(|i| c.services[i].id.clone());
        assert_eq!(id("gpt-4o").as_deref(), Some("openai"));
        assert_eq!(id("gpt-4o-2024-08-06").as_deref(), Some("openai"));
        assert_eq!(id("claude-3-5-sonnet-20241022").as_deref(), Some("anthropic"));
        assert_eq!(id("anthropic/claude-sonnet-4").as_deref(), Some("anthropic"));
        assert_eq!(id("mistral-large-latest").as_deref(), Some("mistral"));
        assert_eq!(id("unknown-model"), None);
    }

    #[test]
    fn claims_by_content() {
        assert_eq!(
            claim("exp/conversations.json", b"[{\"title\":\"x\",\"mapping\":{", None),
            Some(Format::ChatExport)
        );
        assert_eq!(
            claim("a/b.json", b"[{\"uuid\":\"x\",\"chat_messages\":[", None),
            Some(Format::ChatExport)
        );
        assert_eq!(
            claim("logs/x.log", b"{\"model\":\"gpt-4o\",\"messages\":[]}\n{", None),
            Some(Format::Jsonl)
        );
        assert_eq!(claim("package.json", b"{\"name\":\"x\"}", None), None);
        // Workflows exported from n8n, even with chat-like keys in their nodes.
        assert_eq!(
            claim(
                "conversations.json",
                b"[{\"name\":\"w\",\"nodes\":[{\"parameters\":{\"mapping\":{}},\"type\":\"n8n-nodes-base.set\"}],\"connections\":{}}]",
                None
            ),
            None
        );
        assert_eq!(claim("src/a.py", b"import os", None), None);
        // A CSV is a prompt log only with a prompt column.
        assert_eq!(claim("usage.csv", b"date;user;prompt;tool\n", None), Some(Format::Csv));
        assert_eq!(
            claim("usage.csv", b"\"Horodatage\",\"Texte saisi\"\n", Some("texte saisi")),
            Some(Format::Csv)
        );
        assert_eq!(claim("data/prices.csv", b"sku,price,stock\n", None), None);
    }
}
