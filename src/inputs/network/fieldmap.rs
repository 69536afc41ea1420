//! The field map (charter `network.field_map`, or `--log-map key=column,…`): which column or
//! JSON key holds the time, user, client, host… of a log this module has no built-in layout
//! for, or whose layout was customised (Zscaler NSS feeds are configured field by field). A
//! column is a header name, a JSON key (dotted for nested objects: `event.user`) or a 1-based
//! column number for files without a header. Unmapped fields are guessed from usual names.

use serde_json::Value;

use super::split::{self, delimited, host_of_url};
use super::time::{normalise, parse_offset};
use super::{Lines, NetRecord, is_blocked};

/// Where each field of a record is, by name or 1-based column number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    pub time: Option<String>,
    pub user: Option<String>,
    pub client: Option<String>,
    pub device: Option<String>,
    pub host: Option<String>,
    pub url: Option<String>,
    pub method: Option<String>,
    /// The action or verdict: a value like `Blocked`, `deny`, `TCP_DENIED` marks an attempt.
    pub action: Option<String>,
    pub bytes_up: Option<String>,
    pub bytes_down: Option<String>,
    pub prompt: Option<String>,
    /// Offset of times written without a zone (`+01:00`, `-0500`, `UTC`); UTC when unset.
    pub zone: Option<String>,
}

/// A field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Time,
    User,
    Client,
    Device,
    Host,
    Url,
    Method,
    Action,
    BytesUp,
    BytesDown,
    Prompt,
}

impl Key {
    pub const ALL: [Key; 11] = [
        Key::Time,
        Key::User,
        Key::Client,
        Key::Device,
        Key::Host,
        Key::Url,
        Key::Method,
        Key::Action,
        Key::BytesUp,
        Key::BytesDown,
        Key::Prompt,
    ];

    /// Usual column names, lowercased, most specific first.
    fn guesses(self) -> &'static [&'static str] {
        match self {
            Key::Time => {
                &["time", "timestamp", "ts", "datetime", "@timestamp", "date", "eventtime", "epochtime"]
            }
            Key::User => {
                &["user", "username", "user_name", "login", "email", "userid", "user_id", "src_user"]
            }
            Key::Client => {
                &["client", "client_ip", "clientip", "src_ip", "source_ip", "sourceip", "src", "cip", "ip"]
            }
            Key::Device => {
                &["device", "device_name", "devicename", "devicehostname", "computer", "workstation"]
            }
            Key::Host => &[
                "host",
                "dest_host",
                "dst_host",
                "domain",
                "query",
                "server_name",
                "sni",
                "fqdn",
                "hostname",
            ],
            Key::Url => &["url", "uri", "request_url", "eurl"],
            Key::Method => &["method", "http_method", "request_method", "requestmethod", "reqmethod"],
            Key::Action => &["action", "verdict", "decision", "disposition"],
            Key::BytesUp => &[
                "bytes_up",
                "bytes_out",
                "bytes_sent",
                "sent_bytes",
                "request_size",
                "requestsize",
                "reqsize",
            ],
            Key::BytesDown => &[
                "bytes_down",
                "bytes_in",
                "bytes_received",
                "received_bytes",
                "response_size",
                "responsesize",
                "respsize",
            ],
            Key::Prompt => &["prompt", "prompt_req"],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Key::Time => "time",
            Key::User => "user",
            Key::Client => "client",
            Key::Device => "device",
            Key::Host => "host",
            Key::Url => "url",
            Key::Method => "method",
            Key::Action => "action",
            Key::BytesUp => "bytes_up",
            Key::BytesDown => "bytes_down",
            Key::Prompt => "prompt",
        }
    }
}

impl FieldMap {
    pub fn get(&self, key: Key) -> Option<&str> {
        self.slot(key).as_deref()
    }

    fn slot(&self, key: Key) -> &Option<String> {
        match key {
            Key::Time => &self.time,
            Key::User => &self.user,
            Key::Client => &self.client,
            Key::Device => &self.device,
            Key::Host => &self.host,
            Key::Url => &self.url,
            Key::Method => &self.method,
            Key::Action => &self.action,
            Key::BytesUp => &self.bytes_up,
            Key::BytesDown => &self.bytes_down,
            Key::Prompt => &self.prompt,
        }
    }

    fn slot_mut(&mut self, key: Key) -> &mut Option<String> {
        match key {
            Key::Time => &mut self.time,
            Key::User => &mut self.user,
            Key::Client => &mut self.client,
            Key::Device => &mut self.device,
            Key::Host => &mut self.host,
            Key::Url => &mut self.url,
            Key::Method => &mut self.method,
            Key::Action => &mut self.action,
            Key::BytesUp => &mut self.bytes_up,
            Key::BytesDown => &mut self.bytes_down,
            Key::Prompt => &mut self.prompt,
        }
    }

    /// Whether any field is mapped (the zone aside).
    pub fn is_set(&self) -> bool {
        Key::ALL.iter().any(|k| self.get(*k).is_some())
    }

    /// The zone offset in minutes east of UTC.
    pub fn offset(&self) -> Result<Option<i32>, String> {
        match &self.zone {
            None => Ok(None),
            Some(z) => parse_offset(z)
                .map(Some)
                .ok_or_else(|| format!("field map zone `{z}`: expected an offset like +01:00, -0500 or UTC")),
        }
    }

    /// The 1-based column number of a key mapped by number.
    pub fn number(&self, key: Key) -> Option<usize> {
        self.get(key)?.trim().parse::<usize>().ok().filter(|n| *n > 0)
    }
}

/// Applies `--log-map key=column` pairs (each may hold several, comma-separated) over the
/// charter's map.
pub fn apply_log_map(map: &mut FieldMap, pairs: &[String]) -> Result<(), String> {
    for pair in pairs.iter().flat_map(|p| p.split(',')).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(format!("--log-map `{pair}`: expected KEY=COLUMN"));
        };
        let (k, v) = (k.trim(), v.trim().to_string());
        if k == "zone" {
            map.zone = Some(v);
            map.offset()?;
            continue;
        }
        let Some(key) = Key::ALL.into_iter().find(|key| key.name() == k) else {
            let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
            return Err(format!("--log-map: unknown key `{k}` ({}, zone)", names.join(", ")));
        };
        *map.slot_mut(key) = Some(v);
    }
    Ok(())
}

/// Builds a record from a field getter: the host from the host field, else from the URL.
pub(super) fn build(get: impl Fn(Key) -> Option<String>, zone: Option<i32>) -> Result<NetRecord, String> {
    let url = get(Key::Url);
    let host = get(Key::Host)
        .and_then(|h| host_of_url(&h))
        .or_else(|| url.as_deref().and_then(host_of_url))
        .ok_or_else(|| "no host or URL".to_string())?;
    let bytes = |k: Key| get(k).and_then(|b| b.trim().parse::<u64>().ok());
    Ok(NetRecord {
        line: 0,
        time: get(Key::Time).and_then(|t| normalise(&t, zone)),
        user: get(Key::User),
        client: get(Key::Client),
        device: get(Key::Device),
        host,
        url,
        method: get(Key::Method),
        blocked: get(Key::Action).is_some_and(|a| is_blocked(&a)),
        bytes_up: bytes(Key::BytesUp),
        bytes_down: bytes(Key::BytesDown),
        prompt: get(Key::Prompt),
    })
}

/// Column index (0-based) of each key.
type Columns = [Option<usize>; 11];

/// Columns from a header line: mapped names (or numbers), else usual names.
pub(super) fn columns_of(header: &[String], map: &FieldMap) -> Columns {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let mut cols = [None; 11];
    for (i, key) in Key::ALL.into_iter().enumerate() {
        cols[i] = match (map.number(key), map.get(key)) {
            (Some(n), _) => Some(n - 1),
            (None, Some(name)) => names.iter().position(|h| *h == name.trim().to_ascii_lowercase()),
            (None, None) => key.guesses().iter().find_map(|g| names.iter().position(|h| h == g)),
        };
    }
    cols
}

/// Generic CSV/TSV: a header line, unless every mapped field is a column number.
#[derive(Debug)]
pub struct Csv<'m> {
    map: &'m FieldMap,
    zone: Option<i32>,
    delimiter: Option<u8>,
    cols: Option<Columns>,
}

impl<'m> Csv<'m> {
    pub fn new(map: &'m FieldMap, zone: Option<i32>) -> Csv<'m> {
        let numbered =
            map.is_set() && Key::ALL.iter().all(|k| map.get(*k).is_none() || map.number(*k).is_some());
        let cols = numbered.then(|| columns_of(&[], map));
        Csv { map, zone, delimiter: None, cols }
    }
}

pub(super) fn guess_delimiter(line: &str) -> u8 {
    [b'\t', b',', b';', b'|']
        .into_iter()
        .max_by_key(|d| line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

impl Lines for Csv<'_> {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let delimiter = *self.delimiter.get_or_insert_with(|| guess_delimiter(text));
        let fields = delimited(text, delimiter);
        let Some(cols) = self.cols else {
            let cols = columns_of(&fields, self.map);
            if cols[Key::Host as usize].is_none() && cols[Key::Url as usize].is_none() {
                return Err("header has no host or URL column (map one with host= or url=)".into());
            }
            self.cols = Some(cols);
            return Ok(None);
        };
        let get = |k: Key| cols[k as usize].and_then(|i| fields.get(i)).and_then(|v| split::value(v));
        build(get, self.zone).map(Some)
    }
}

/// Text of a JSON scalar.
pub(super) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => split::value(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A field of a JSON object: the key itself (keys may hold dots, as Zeek's `id.orig_h`), a
/// case-insensitive match, else a dotted path into nested objects.
pub(super) fn lookup<'v>(obj: &'v Value, key: &str) -> Option<&'v Value> {
    let o = obj.as_object()?;
    if let Some(v) = o.get(key) {
        return Some(v);
    }
    if let Some((_, v)) = o.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)) {
        return Some(v);
    }
    let (head, rest) = key.split_once('.')?;
    lookup(o.get(head)?, rest)
}

/// Parses one JSON-lines record into an object.
pub(super) fn object(text: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(text.trim()).map_err(|e| format!("invalid JSON: {e}"))?;
    if v.is_object() { Ok(v) } else { Err("not a JSON object".into()) }
}

/// Generic JSON lines through the map.
#[derive(Debug)]
pub struct Jsonl<'m> {
    pub map: &'m FieldMap,
    pub zone: Option<i32>,
}

impl Lines for Jsonl<'_> {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let obj = object(text)?;
        let get = |k: Key| match self.map.get(k) {
            Some(name) => lookup(&obj, name.trim()).and_then(scalar),
            None => k.guesses().iter().find_map(|g| lookup(&obj, g).and_then(scalar)),
        };
        build(get, self.zone).map(Some)
    }
}
