//! Squid `access.log`: the native format
//! (`%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt`, elapsed time padded to six
//! columns) and the emulated common and combined formats
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

/// Whether a line is in Squid's native format.
pub fn is_native(line: &str) -> bool {
    let t: Vec<&str> = line.split_ascii_whitespace().take(4).collect();
    t.len() == 4 && is_epoch(t[0]) && t[1].bytes().all(|b| b.is_ascii_digit()) && is_code_status(t[3])
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
        if t.len() < 7 || !is_code_status(t[3]) {
            return Err("not a Squid native access.log line".into());
        }
        let (method, url) = (t[5], t[6]);
        // A CONNECT target is `host:port`, which `host_of_url` reads as well as a URL.
        let host = host_of_url(url).ok_or("request without a host")?;
        Ok(Some(NetRecord {
            line: 0,
            time: normalise(t[0], None),
            user: t.get(7).and_then(|u| value(u)),
            client: value(t[2]),
            device: None,
            host,
            url: value(url),
            method: value(method),
            blocked: t[3].contains("DENIED"),
            bytes_up: None,
            bytes_down: t[4].parse().ok(),
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
