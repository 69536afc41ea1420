//! Zeek (formerly Bro) logs: http.log (`host`, `uri`, `method`, `username`, body lengths),
//! ssl.log (the SNI, `server_name`) and dns.log (`query`), tab-separated with the `#separator`,
//! `#unset_field` and `#fields` header lines, or as JSON lines (`LogAscii::use_json`). Zeek only
//! observes: nothing is ever blocked here.

use super::fieldmap::{lookup, object, scalar};
use super::split::{host_of_url, value};
use super::time::normalise;
use super::{Lines, NetRecord};

/// A record from Zeek's field names, whatever the log.
fn record(get: impl Fn(&str) -> Option<String>) -> Result<NetRecord, String> {
    let named = get("host").or_else(|| get("server_name")).or_else(|| get("query"));
    let host = named
        .as_deref()
        .and_then(host_of_url)
        .or_else(|| get("id.resp_h"))
        .ok_or("no host, server_name, query or id.resp_h")?;
    let url = match (get("host"), get("uri")) {
        (Some(h), Some(u)) => Some(format!("http://{h}{u}")),
        _ => None,
    };
    let bytes = |k: &str| get(k).and_then(|b| b.parse::<u64>().ok());
    Ok(NetRecord {
        line: 0,
        time: get("ts").and_then(|t| normalise(&t, None)),
        user: get("username"),
        client: get("id.orig_h"),
        device: None,
        host,
        url,
        method: get("method"),
        blocked: false,
        bytes_up: bytes("request_body_len"),
        bytes_down: bytes("response_body_len"),
        prompt: None,
    })
}

/// Zeek's `\x09` escapes in header values.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\\x") {
        out.push_str(&rest[..at]);
        match rest.get(at + 2..at + 4).and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(char::from(b));
                rest = &rest[at + 4..];
            }
            None => {
                out.push_str("\\x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug)]
pub struct Tsv {
    separator: String,
    unset: String,
    empty: String,
    fields: Vec<String>,
}

impl Default for Tsv {
    fn default() -> Tsv {
        Tsv { separator: "\t".into(), unset: "-".into(), empty: "(empty)".into(), fields: Vec::new() }
    }
}

impl Lines for Tsv {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        if let Some(directive) = text.strip_prefix('#') {
            if let Some(sep) = directive.strip_prefix("separator ") {
                self.separator = unescape(sep.trim_end_matches(['\r', '\n']));
                if self.separator.is_empty() {
                    self.separator = "\t".into();
                }
                return Ok(None);
            }
            let (name, rest) = directive.split_once(self.separator.as_str()).unwrap_or((directive, ""));
            match name {
                "fields" => self.fields = rest.split(self.separator.as_str()).map(str::to_string).collect(),
                "unset_field" => self.unset = rest.to_string(),
                "empty_field" => self.empty = rest.to_string(),
                _ => {}
            }
            return Ok(None);
        }
        if self.fields.is_empty() {
            return Err("Zeek data line before the #fields header".into());
        }
        let values: Vec<&str> = text.split(self.separator.as_str()).collect();
        let get = |name: &str| {
            let i = self.fields.iter().position(|f| f == name)?;
            let v = *values.get(i)?;
            if v == self.unset || v == self.empty { None } else { value(v) }
        };
        record(get).map(Some)
    }
}

#[derive(Debug)]
pub struct Json;

impl Lines for Json {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let obj = object(text)?;
        // `id.orig_h` is a flat key with a dot, or nested `id: {orig_h}` in some exporters.
        record(|k| lookup(&obj, k).and_then(scalar)).map(Some)
    }
}
