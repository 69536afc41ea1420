//! Cloudflare Zero Trust Gateway logs pushed by Logpush as JSON lines: the `gateway_http`
//! dataset (`Datetime`, `Email`, `SourceIP`, `DeviceName`, `HTTPHost`, `URL`, `HTTPMethod`,
//! `Action`: allow, block, isolate…) and `gateway_dns` (`Datetime`, `Email`, `SrcIP`,
//! `DeviceName`, `QueryName`, `ResolverDecision`: blockedByCategory, allowedOnNoPolicyMatch…).
//! `Datetime` is RFC 3339 or Unix seconds/nanoseconds, as the job's timestamp option says.

use serde_json::Value;

use super::fieldmap::{lookup, object, scalar};
use super::split::host_of_url;
use super::time::normalise;
use super::{Lines, NetRecord, is_blocked};

fn get(obj: &Value, key: &str) -> Option<String> {
    lookup(obj, key).and_then(scalar)
}

/// The person: the Zero Trust user's email, else nothing (a `non_identity@` address stands for
/// a proxy endpoint or service token, not a person).
fn user(obj: &Value) -> Option<String> {
    get(obj, "Email").filter(|e| !e.starts_with("non_identity@"))
}

#[derive(Debug)]
pub struct Http;

impl Lines for Http {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let o = object(text)?;
        let url = get(&o, "URL");
        let host = get(&o, "HTTPHost")
            .and_then(|h| host_of_url(&h))
            .or_else(|| url.as_deref().and_then(host_of_url))
            .ok_or("no HTTPHost or URL")?;
        Ok(Some(NetRecord {
            line: 0,
            time: get(&o, "Datetime").and_then(|t| normalise(&t, Some(0))),
            user: user(&o),
            client: get(&o, "SourceIP"),
            device: get(&o, "DeviceName"),
            host,
            url,
            method: get(&o, "HTTPMethod"),
            blocked: get(&o, "Action").is_some_and(|a| is_blocked(&a)),
            bytes_up: None,
            bytes_down: None,
            prompt: None,
        }))
    }
}

#[derive(Debug)]
pub struct Dns;

impl Lines for Dns {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let o = object(text)?;
        let host = get(&o, "QueryName").and_then(|q| host_of_url(&q)).ok_or("no QueryName")?;
        Ok(Some(NetRecord {
            line: 0,
            time: get(&o, "Datetime").and_then(|t| normalise(&t, Some(0))),
            user: user(&o),
            client: get(&o, "SrcIP"),
            device: get(&o, "DeviceName"),
            host,
            url: None,
            method: None,
            blocked: get(&o, "ResolverDecision").is_some_and(|d| d.starts_with("blocked"))
                || get(&o, "Action").is_some_and(|a| is_blocked(&a)),
            bytes_up: None,
            bytes_down: None,
            prompt: None,
        }))
    }
}
