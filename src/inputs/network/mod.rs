//! Network logs, where shadow AI shows: web proxies (Squid, Zscaler, Cisco Umbrella, Blue Coat
//! and other W3C extended logs), DNS resolvers (Umbrella, Cloudflare Gateway, Zeek), firewalls
//! (PAN-OS) and sensors (Zeek). Each format is recognised by content, read line by line in
//! bounded memory (gzip and zstd transparently) and turned into [`NetRecord`]s: who reached
//! which host, when, with how many bytes, and whether it was blocked. [`fold`] then groups the
//! records per person and AI service. Nothing here knows the engine: records in, folds out.

pub mod audit;
pub mod blocks;
pub mod cloudflare;
pub mod decompress;
pub mod fieldmap;
pub mod fold;
pub mod hostscan;
pub mod inventory;
pub mod panos;
pub mod parallel;
pub mod prefilter;
pub mod split;
pub mod squid;
pub mod time;
pub mod umbrella;
pub mod w3c;
pub mod zeek;
pub mod zscaler;

#[cfg(test)]
mod tests;

use std::io::{BufRead, Read};

pub use fieldmap::{FieldMap, apply_log_map};
pub use fold::{Folded, Folder, fold};

use crate::mask::pseudonym::{Pseudonymizer, Subject};

/// One request, connection or DNS query of a network log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetRecord {
    /// 1-based line number in the (decompressed) file.
    pub line: usize,
    /// RFC 3339 UTC, second precision.
    pub time: Option<String>,
    pub user: Option<String>,
    /// The client's IP address.
    pub client: Option<String>,
    /// The client's machine name, when the log has one.
    pub device: Option<String>,
    /// Lowercased host name (or the destination address when the log has no name).
    pub host: String,
    pub url: Option<String>,
    pub method: Option<String>,
    /// Refused by the proxy, resolver or firewall: an attempt.
    pub blocked: bool,
    /// Bytes sent by the client (request), when the log counts them.
    pub bytes_up: Option<u64>,
    /// Bytes received by the client (response).
    pub bytes_down: Option<u64>,
    /// What the user typed in a generative-AI app, when the proxy captured it (Zscaler
    /// `prompt_req`, or a mapped column).
    pub prompt: Option<String>,
}

impl NetRecord {
    /// Replaces the user, client address and device by their pseudonyms.
    pub fn pseudonymise(&mut self, p: &Pseudonymizer) {
        if let Some(u) = self.user.as_mut() {
            *u = p.user(u);
        }
        for (slot, subject) in [(&mut self.client, Subject::Client), (&mut self.device, Subject::Device)] {
            if let Some(v) = slot.as_mut() {
                *v = p.pseudonym(subject, v);
            }
        }
    }
}

/// A line that could not be read as a record; the lines after it still are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A network log format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetFormat {
    /// Squid `access.log`, native format.
    SquidNative,
    /// Squid (or any proxy) in the common or combined log format.
    SquidCommon,
    /// Zscaler NSS web feed as JSON (Cloud NSS default).
    ZscalerJson,
    /// Zscaler NSS web feed as CSV or TSV without header (default field order, or the map).
    ZscalerCsv,
    /// Zeek http.log, ssl.log or dns.log, tab-separated with a `#fields` header.
    ZeekTsv,
    /// Zeek logs as JSON lines.
    ZeekJson,
    UmbrellaDns,
    /// Cisco Umbrella web (proxy) log.
    UmbrellaProxy,
    /// Palo Alto PAN-OS TRAFFIC and THREAT/url logs, CSV (syslog or export).
    PanOs,
    /// Cloudflare Gateway HTTP, Logpush JSON.
    CloudflareHttp,
    /// Cloudflare Gateway DNS, Logpush JSON.
    CloudflareDns,
    /// W3C extended log with a `#Fields:` directive (IIS, Blue Coat/Symantec ELFF).
    W3c,
    /// Any CSV/TSV with a header, through the field map.
    Csv,
    /// Any JSON lines, through the field map.
    Jsonl,
}

impl NetFormat {
    pub const ALL: [NetFormat; 14] = [
        NetFormat::SquidNative,
        NetFormat::SquidCommon,
        NetFormat::ZscalerJson,
        NetFormat::ZscalerCsv,
        NetFormat::ZeekTsv,
        NetFormat::ZeekJson,
        NetFormat::UmbrellaDns,
        NetFormat::UmbrellaProxy,
        NetFormat::PanOs,
        NetFormat::CloudflareHttp,
        NetFormat::CloudflareDns,
        NetFormat::W3c,
        NetFormat::Csv,
        NetFormat::Jsonl,
    ];

    /// The name `--input-format` takes and reports show.
    pub fn as_str(self) -> &'static str {
        match self {
            NetFormat::SquidNative => "squid",
            NetFormat::SquidCommon => "squid-common",
            NetFormat::ZscalerJson => "zscaler-json",
            NetFormat::ZscalerCsv => "zscaler-csv",
            NetFormat::ZeekTsv => "zeek",
            NetFormat::ZeekJson => "zeek-json",
            NetFormat::UmbrellaDns => "umbrella-dns",
            NetFormat::UmbrellaProxy => "umbrella-proxy",
            NetFormat::PanOs => "panos",
            NetFormat::CloudflareHttp => "cloudflare-http",
            NetFormat::CloudflareDns => "cloudflare-dns",
            NetFormat::W3c => "w3c",
            NetFormat::Csv => "net-csv",
            NetFormat::Jsonl => "net-jsonl",
        }
    }

    /// The format of an `--input-format` name (and a few usual aliases).
    pub fn from_name(name: &str) -> Option<NetFormat> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        if let Some(f) = NetFormat::ALL.into_iter().find(|f| f.as_str() == n) {
            return Some(f);
        }
        Some(match n.as_str() {
            "squid-native" | "squid-access" => NetFormat::SquidNative,
            "squid-combined" | "common" | "combined" | "clf" => NetFormat::SquidCommon,
            "zscaler" | "nss-json" => NetFormat::ZscalerJson,
            "zscaler-tsv" | "nss-csv" | "nss-tsv" => NetFormat::ZscalerCsv,
            "zeek-tsv" | "bro" => NetFormat::ZeekTsv,
            "pan-os" | "paloalto" | "palo-alto" => NetFormat::PanOs,
            "cloudflare" | "cloudflare-gateway-http" => NetFormat::CloudflareHttp,
            "cloudflare-gateway-dns" => NetFormat::CloudflareDns,
            "iis" | "elff" | "bluecoat" | "blue-coat" | "symantec" => NetFormat::W3c,
            "csv" | "tsv" => NetFormat::Csv,
            "jsonl" | "ndjson" | "json" => NetFormat::Jsonl,
            _ => return None,
        })
    }
}

/// Which network log format `head` (the first bytes, already decompressed) is written in.
/// `name` only breaks ties (a `.jsonl` with no vendor keys is the generic JSON-lines format).
pub fn sniff(name: &str, head: &[u8]) -> Option<NetFormat> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // Only the first line that is not blank is read: decoding the whole head was a fiftieth
    // of a repository scan, which asks this of every file. A UTF-8 sequence never spans a
    // line feed, so the line decodes as it would inside the head.
    let text = head[..head.len().min(16 * 1024)]
        .split(|&b| b == b'\n')
        .map(String::from_utf8_lossy)
        .find(|l| !l.trim().is_empty())?;
    let first = text.trim_end();
    if first.starts_with("#separator") || first.starts_with("#fields\t") {
        return Some(NetFormat::ZeekTsv);
    }
    if first.starts_with('#') {
        let directive = ["#Software:", "#Version:", "#Date:", "#Fields:", "#Remark:", "#Start-Date:"];
        if directive.iter().any(|d| first.starts_with(d)) {
            return Some(NetFormat::W3c);
        }
        return None;
    }
    if first.starts_with('{') {
        return sniff_json(first, name);
    }
    if squid::is_native(first) {
        return Some(NetFormat::SquidNative);
    }
    if squid::is_common(first) {
        return Some(NetFormat::SquidCommon);
    }
    if let Some(f) = umbrella::sniff(first) {
        return Some(f);
    }
    if panos::sniff(first) {
        return Some(NetFormat::PanOs);
    }
    if zscaler::sniff_csv(first) {
        return Some(NetFormat::ZscalerCsv);
    }
    let lower = name.to_ascii_lowercase();
    let base = lower.trim_end_matches(".gz").trim_end_matches(".zst");
    if base.ends_with(".csv") || base.ends_with(".tsv") {
        return Some(NetFormat::Csv);
    }
    None
}

fn sniff_json(first: &str, name: &str) -> Option<NetFormat> {
    let has = |k: &str| first.contains(&format!("\"{k}\""));
    if has("id.orig_h") || has("id.resp_h") {
        return Some(NetFormat::ZeekJson);
    }
    if first.contains("zscalernss")
        || (has("urlcategory") || has("urlcat")) && (has("hostname") || has("url"))
    {
        return Some(NetFormat::ZscalerJson);
    }
    if has("QueryName") && (has("ResolverDecision") || has("Datetime")) {
        return Some(NetFormat::CloudflareDns);
    }
    if has("HTTPHost") || has("Datetime") && has("URL") && has("Action") {
        return Some(NetFormat::CloudflareHttp);
    }
    let lower = name.to_ascii_lowercase();
    let base = lower.trim_end_matches(".gz").trim_end_matches(".zst");
    let generic_key =
        ["host", "hostname", "domain", "url", "query", "server_name", "sni"].iter().any(|k| has(k));
    (generic_key || base.ends_with(".jsonl") || base.ends_with(".ndjson")).then_some(NetFormat::Jsonl)
}

/// The longest line read; longer ones are reported and skipped, so memory stays bounded.
pub const MAX_LINE: usize = 1 << 20;

/// A line parser: `Ok(None)` for headers, comments and lines that are no request.
trait Lines {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String>;
}

fn parser<'m>(format: NetFormat, map: &'m FieldMap) -> Result<Box<dyn Lines + 'm>, String> {
    let zone = map.offset()?;
    Ok(match format {
        NetFormat::SquidNative => Box::new(squid::Native),
        NetFormat::SquidCommon => Box::new(squid::Common),
        NetFormat::ZscalerJson => Box::new(zscaler::Json { map, zone }),
        NetFormat::ZscalerCsv => Box::new(zscaler::Csv::new(map, zone)),
        NetFormat::ZeekTsv => Box::new(zeek::Tsv::default()),
        NetFormat::ZeekJson => Box::new(zeek::Json),
        NetFormat::UmbrellaDns => Box::new(umbrella::Dns),
        NetFormat::UmbrellaProxy => Box::new(umbrella::Proxy),
        NetFormat::PanOs => Box::new(panos::PanOs { zone }),
        NetFormat::CloudflareHttp => Box::new(cloudflare::Http),
        NetFormat::CloudflareDns => Box::new(cloudflare::Dns),
        NetFormat::W3c => Box::new(w3c::W3c::default()),
        NetFormat::Csv => Box::new(fieldmap::Csv::new(map, zone)),
        NetFormat::Jsonl => Box::new(fieldmap::Jsonl { map, zone }),
    })
}

/// Reads one line into `buf` (without the line ending), at most [`MAX_LINE`] bytes of it.
/// Returns `None` at the end, else whether the line was cut.
fn next_line<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let (mut any, mut cut) = (false, false);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(nl) => (nl, Some(nl + 1)),
            None => (chunk.len(), None),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        cut |= take > room;
        buf.extend_from_slice(&chunk[..take.min(room)]);
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(any.then_some(cut))
}

/// Reads a network log line by line, calling `each` with every record or line error. A read
/// error (a truncated gzip member, a disk error) is reported at the line it stopped and ends
/// the file. `map` gives the columns of mapped formats and the zone of zone-less times.
pub fn read<R: BufRead>(
    format: NetFormat,
    reader: R,
    map: &FieldMap,
    each: impl FnMut(Result<NetRecord, LineError>),
) {
    read_where(format, reader, map, |_| true, each);
}

/// [`read`], parsing only the lines `keep` accepts (a line that names no AI host cannot give
/// a finding: most of a proxy log is skipped without being parsed). Returns how many lines
/// were passed over; their parse errors, if any, are not seen.
pub fn read_where<R: BufRead>(
    format: NetFormat,
    mut reader: R,
    map: &FieldMap,
    keep: impl Fn(&[u8]) -> bool,
    mut each: impl FnMut(Result<NetRecord, LineError>),
) -> u64 {
    let mut skipped = 0;
    let mut parser = match parser(format, map) {
        Ok(p) => p,
        Err(message) => {
            each(Err(LineError { line: 0, message }));
            return 0;
        }
    };
    let mut buf = Vec::with_capacity(4096);
    let mut number = 0;
    loop {
        let cut = match next_line(&mut reader, &mut buf) {
            Ok(None) => return skipped,
            Ok(Some(cut)) => cut,
            Err(e) => {
                each(Err(LineError { line: number + 1, message: format!("read error: {e}") }));
                return skipped;
            }
        };
        number += 1;
        if cut {
            each(Err(LineError {
                line: number,
                message: format!("line longer than {MAX_LINE} bytes, skipped"),
            }));
            continue;
        }
        let bytes = if number == 1 { buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf) } else { &buf };
        if !keep(bytes) {
            skipped += u64::from(!bytes.iter().all(u8::is_ascii_whitespace));
            continue;
        }
        parse_line(&mut *parser, number, bytes, &mut each);
    }
}

/// Parses one kept line (a blank one is nothing) and hands its record or error to `each`.
fn parse_line(
    parser: &mut dyn Lines,
    number: usize,
    bytes: &[u8],
    each: &mut impl FnMut(Result<NetRecord, LineError>),
) {
    let text = String::from_utf8_lossy(bytes);
    if text.trim().is_empty() {
        return;
    }
    match parser.line(&text) {
        Ok(Some(mut r)) => {
            r.line = number;
            each(Ok(r));
        }
        Ok(None) => {}
        Err(message) => each(Err(LineError { line: number, message })),
    }
}

/// [`read`], parsing only the lines in which one of `needles` occurs: the file is searched
/// in blocks, and the lines between hits are counted, not read one by one. Returns how many
/// lines were passed over, as [`read_where`] does.
pub fn read_scanned<R: Read>(
    format: NetFormat,
    reader: R,
    map: &FieldMap,
    needles: &blocks::Needles<'_>,
    mut each: impl FnMut(Result<NetRecord, LineError>),
) -> u64 {
    let mut parser = match parser(format, map) {
        Ok(p) => p,
        Err(message) => {
            each(Err(LineError { line: 0, message }));
            return 0;
        }
    };
    let scanned = blocks::scan(reader, needles, |line| match line {
        blocks::Line::TooLong(number) => each(Err(LineError {
            line: number,
            message: format!("line longer than {MAX_LINE} bytes, skipped"),
        })),
        blocks::Line::Kept(number, bytes) => parse_line(&mut *parser, number, bytes, &mut each),
    });
    if let Some((line, e)) = scanned.error {
        each(Err(LineError { line, message: format!("read error: {e}") }));
    }
    scanned.skipped
}

/// Decompresses (by magic bytes), recognises and reads a file: `format` when given (from
/// `--input-format`), else sniffed. Returns the format read, or `None` when the content is no
/// network log this module knows (nothing is read then).
pub fn read_any<R: Read>(
    name: &str,
    reader: R,
    format: Option<NetFormat>,
    map: &FieldMap,
    each: impl FnMut(Result<NetRecord, LineError>),
) -> std::io::Result<Option<NetFormat>> {
    let mut reader = decompress::open(reader)?;
    let format = match format {
        Some(f) => f,
        None => match sniff(name, reader.fill_buf()?) {
            Some(f) => f,
            None => return Ok(None),
        },
    };
    read(format, reader, map, each);
    Ok(Some(format))
}

/// Whether an action or verdict word means the request was refused.
pub fn is_blocked(action: &str) -> bool {
    let a = action.trim().to_ascii_lowercase();
    if a.starts_with("un") || a.starts_with("allow") {
        // `unblocked`, `allowed-after-block`: let through.
        return false;
    }
    ["block", "denied", "deny", "drop", "reset", "reject", "sinkhole", "refuse"].iter().any(|w| a.contains(w))
}
