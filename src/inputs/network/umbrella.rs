//! Cisco Umbrella (and Secure Access) logs exported to S3 as CSV, every field quoted, times in
//! UTC. DNS: `timestamp, most granular identity, identities, internal ip, external ip, action,
//! query type, response code, domain, categories, most granular identity type, identity types,
//! blocked categories`. Web (proxy): `timestamp, policy identity label, internal client ip,
//! external client ip, destination ip, content type, action, url, referer, user agent, status
//! code, request size, response size, response body size, sha256, categories, av detections,
//! PUAs, AMP disposition, AMP malware name, AMP score, policy identity type, blocked categories,
//! identities, identity types, request method, …`.

use super::split::{delimited, host_of_url, value};
use super::time::normalise;
use super::{Lines, NetFormat, NetRecord, is_blocked};

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && normalise(s, None).is_some()
}

/// Which Umbrella log a line is from, if any.
pub fn sniff(line: &str) -> Option<NetFormat> {
    if !line.starts_with('"') {
        return None;
    }
    let f = delimited(line, b',');
    if f.len() < 9 || !is_timestamp(&f[0]) {
        return None;
    }
    // DNS: the query type is `1 (A)`, `28 (AAAA)`.
    if f[6].contains(" (") && f[6].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(NetFormat::UmbrellaDns);
    }
    (f.len() >= 14 && host_of_url(&f[7]).is_some()).then_some(NetFormat::UmbrellaProxy)
}

/// The user or the device of an identity, from its type: `AD Users` and `Directory Users` are
/// people, `Roaming Computers` and `AD Computers` machines; networks and sites are neither.
fn identity(label: &str, kind: Option<&str>) -> (Option<String>, Option<String>) {
    let kind = kind.unwrap_or_default().to_ascii_lowercase();
    let label = value(label);
    if kind.contains("user") {
        (label, None)
    } else if kind.contains("computer") || kind.contains("roaming") || kind.contains("anyconnect") {
        (None, label)
    } else {
        (None, None)
    }
}

/// The user and device of a record: the most granular identity, then, for what it leaves out,
/// the list of all identities with their types (`elasticuser,Elastic Machine` with
/// `AD Users, Roaming Computers`), so that a user is named even when a machine or a network is
/// the most granular identity.
fn identities(
    label: &str,
    kind: Option<&str>,
    all: Option<&str>,
    kinds: Option<&str>,
) -> (Option<String>, Option<String>) {
    let (mut user, mut device) = identity(label, kind);
    // A label holding a comma would shift the pairs: lists of unequal length are left alone.
    if let (Some(all), Some(kinds)) = (all, kinds)
        && all.split(',').count() == kinds.split(',').count()
    {
        for (l, k) in all.split(',').zip(kinds.split(',')) {
            let (u, d) = identity(l.trim(), Some(k.trim()));
            user = user.or(u);
            device = device.or(d);
        }
    }
    (user, device)
}

#[derive(Debug)]
pub struct Dns;

impl Lines for Dns {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let f = delimited(text, b',');
        if f.len() < 9 {
            return Err(format!("Umbrella DNS line with {} fields, expected at least 9", f.len()));
        }
        let col = |i: usize| f.get(i).map(String::as_str);
        let (user, device) = identities(&f[1], col(10), col(2), col(11));
        Ok(Some(NetRecord {
            line: 0,
            time: normalise(&f[0], Some(0)),
            user,
            // The internal address, else the external one (a network identity has no other).
            client: value(&f[3]).or_else(|| value(&f[4])),
            device,
            host: host_of_url(&f[8]).ok_or("no domain")?,
            url: None,
            method: None,
            blocked: is_blocked(&f[5]),
            bytes_up: None,
            bytes_down: None,
            prompt: None,
        }))
    }
}

#[derive(Debug)]
pub struct Proxy;

impl Lines for Proxy {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let f = delimited(text, b',');
        if f.len() < 14 {
            return Err(format!("Umbrella web log line with {} fields, expected at least 14", f.len()));
        }
        let col = |i: usize| f.get(i).map(String::as_str);
        let (user, device) = identities(&f[1], col(21), col(23), col(24));
        Ok(Some(NetRecord {
            line: 0,
            time: normalise(&f[0], Some(0)),
            user,
            client: value(&f[2]).or_else(|| value(&f[3])),
            device,
            host: host_of_url(&f[7]).ok_or("no URL")?,
            url: value(&f[7]),
            method: f.get(25).and_then(|m| value(m)),
            blocked: is_blocked(&f[6]),
            bytes_up: f[11].trim().parse().ok(),
            bytes_down: f[12].trim().parse().ok(),
            prompt: None,
        }))
    }
}
