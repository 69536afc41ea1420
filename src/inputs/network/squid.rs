//! Squid `access.log`: the native format
//! (`%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt`, elapsed time padded to six
//! columns), custom `logformat`s that keep its head and add fields (the client port `%>p` after
//! the address, byte counts before the method, the HTTP version `%rv` after the URL, more
//! fields after the user), and the emulated common and combined formats
//! (`%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st ["%{Referer}>h" "%{User-Agent}>h"] %Ss:%Sh`).
//! A CONNECT request names `host:port`; `TCP_DENIED` marks a request the proxy refused.

use super::split::{host_of_url, tokens, value};
use super::time::normalise;
use super::{Lines, NetRecord};

fn is_epoch(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    (9..=11).contains(&int.len()) && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
}

/// `TCP_MISS/200`, `NONE_NONE/503`
fn is_code_status(s: &str) -> bool {
    s.split_once('/').is_some_and(|(code, status)| {
        !code.is_empty()
            && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
            && status.len() == 3
            && status.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Where the `CODE/status` field is: fourth in the native format, fifth when a custom format puts
/// the client port after the address.
fn code_status_at(t: &[&str]) -> Option<usize> {
    if t.get(3).is_some_and(|s| is_code_status(s)) {
        return Some(3);
    }
    let port =
        t.get(3).is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    (port && t.get(4).is_some_and(|s| is_code_status(s))).then_some(4)
}

/// `GET`, `CONNECT`, `PROPFIND`: byte counts and `-` before the method are never one.
fn is_method(s: &str) -> bool {
    (3..=12).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// `1.1`, `HTTP/1.1`: the version a custom format may log after the URL.
fn is_version(s: &str) -> bool {
    let v = s.strip_prefix("HTTP/").unwrap_or(s);
    !v.is_empty()
        && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && v.bytes().any(|b| b.is_ascii_digit())
}

/// Whether a line is in Squid's native format, or a custom one with its head.
pub fn is_native(line: &str) -> bool {
    let t: Vec<&str> = line.split_ascii_whitespace().take(5).collect();
    t.len() >= 4 && is_epoch(t[0]) && t[1].bytes().all(|b| b.is_ascii_digit()) && code_status_at(&t).is_some()
}

/// Whether a line is in the common or combined log format.
pub fn is_common(line: &str) -> bool {
    let t = tokens(line);
    t.len() >= 7 && t[3].starts_with('[') && t[4].contains(' ') && t[5].bytes().all(|b| b.is_ascii_digit())
}

#[derive(Debug)]
pub struct Native;

impl Lines for Native {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let t: Vec<&str> = text.split_ascii_whitespace().collect();
        let code = code_status_at(&t).ok_or("not a Squid native access.log line")?;
        // The method follows the reply size in the native format; custom formats may log more
        // byte counts between them. A line without one (`-` on an aborted request) keeps the
        // native positions, and its URL then names no host.
        let m = (code + 2..t.len().saturating_sub(1)).find(|&i| is_method(t[i])).unwrap_or(code + 2);
        let (Some(method), Some(url)) = (t.get(m), t.get(m + 1)) else {
            return Err("not a Squid native access.log line".into());
        };
        // A CONNECT target is `host:port`, which `host_of_url` reads as well as a URL.
        let host = host_of_url(url).ok_or("request without a host")?;
        // The user follows the URL (after the HTTP version, when the format logs it); a
        // hierarchy field (`HIER_DIRECT/203.0.113.10`) there means no user field.
        let user = t
            .get(m + 2..)
            .unwrap_or_default()
            .iter()
            .find(|u| !is_version(u))
            .filter(|u| !u.contains('/'))
            .and_then(|u| value(u));
        Ok(Some(NetRecord {
            line: 0,
            time: normalise(t[0], None),
            user,
            client: value(t[2]),
            device: None,
            host,
            url: value(url),
            method: value(method),
            blocked: t[code].contains("DENIED"),
            bytes_up: None,
            bytes_down: t[code + 1].parse().ok(),
            prompt: None,
        }))
    }
}

#[derive(Debug)]
pub struct Common;

impl Lines for Common {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let t = tokens(text);
        if t.len() < 7 || !t[3].starts_with('[') {
            return Err("not a common/combined log line".into());
        }
        let mut request = t[4].split_ascii_whitespace();
        let (method, url) = (request.next().unwrap_or_default(), request.next().unwrap_or_default());
        let host = host_of_url(url).ok_or("request without a host")?;
        // Squid appends `%Ss:%Sh` (`TCP_DENIED:HIER_NONE`) as the last field.
        let squid_status = t[7..].last().filter(|s| {
            s.split_once(':').is_some_and(|(a, _)| a.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
        });
        Ok(Some(NetRecord {
            line: 0,
            time: normalise(t[3], None),
            user: value(t[2]).or_else(|| value(t[1])),
            client: value(t[0]),
            device: None,
            host,
            url: value(url),
            method: value(method),
            blocked: squid_status.is_some_and(|s| s.contains("DENIED")),
            bytes_up: None,
            bytes_down: t[6].parse().ok(),
            prompt: None,
        }))
    }
}
