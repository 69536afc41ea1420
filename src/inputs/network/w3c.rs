//! W3C extended log files: a `#Fields:` directive names the space-separated columns (IIS,
//! Blue Coat/Symantec ProxySG ELFF, Forcepoint and others write them). Fields read: `date` and
//! `time` (UTC by the W3C draft) or `gmttime`, `c-ip`, `cs-username`, `cs-host`, `cs-uri` or
//! its parts (`cs-uri-scheme`, `cs-uri-path`/`cs-uri-stem`, `cs-uri-query`), `cs-method`,
//! `sc-filter-result` and `s-action` (`DENIED`, `TCP_DENIED`), `cs-bytes` and `sc-bytes`.

use super::split::{host_of_url, tokens, value};
use super::time::normalise;
use super::{Lines, NetRecord};

#[derive(Debug, Default)]
pub struct W3c {
    fields: Vec<String>,
}

impl Lines for W3c {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        if let Some(directive) = text.strip_prefix('#') {
            if let Some(f) = directive.strip_prefix("Fields:") {
                self.fields = f.split_ascii_whitespace().map(str::to_ascii_lowercase).collect();
            }
            return Ok(None);
        }
        if self.fields.is_empty() {
            return Err("W3C data line before the #Fields directive".into());
        }
        let values = tokens(text);
        let get = |name: &str| {
            let i = self.fields.iter().position(|f| f == name)?;
            value(values.get(i)?)
        };
        let time = match (get("date"), get("time")) {
            (Some(d), Some(t)) => normalise(&format!("{d} {t}"), Some(0)),
            _ => get("gmttime").and_then(|t| normalise(&t, Some(0))),
        };
        let url = get("cs-uri").or_else(|| {
            let host = get("cs-host")?;
            let scheme = get("cs-uri-scheme").unwrap_or_else(|| "http".into());
            let path = get("cs-uri-path").or_else(|| get("cs-uri-stem")).unwrap_or_default();
            let query = get("cs-uri-query").map(|q| if q.starts_with('?') { q } else { format!("?{q}") });
            Some(format!("{scheme}://{host}{path}{}", query.unwrap_or_default()))
        });
        let host = ["cs-host", "cs(host)"]
            .iter()
            .find_map(|k| get(k))
            .and_then(|h| host_of_url(&h))
            .or_else(|| url.as_deref().and_then(host_of_url))
            .or_else(|| get("r-ip"))
            .ok_or("no cs-host, cs-uri or r-ip")?;
        let denied = |k: &str| get(k).is_some_and(|v| v.to_ascii_uppercase().contains("DENIED"));
        let bytes = |k: &str| get(k).and_then(|b| b.parse::<u64>().ok());
        Ok(Some(NetRecord {
            line: 0,
            time,
            user: get("cs-username"),
            client: get("c-ip"),
            device: None,
            host,
            url,
            method: get("cs-method"),
            blocked: denied("sc-filter-result") || denied("s-action"),
            bytes_up: bytes("cs-bytes"),
            bytes_down: bytes("sc-bytes"),
            prompt: None,
        }))
    }
}
