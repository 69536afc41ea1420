//! Palo Alto Networks PAN-OS logs in their CSV syslog/export form: `FUTURE_USE, Receive Time,
//! Serial Number, Type, Threat/Content Type, FUTURE_USE, Generated Time, Source Address,
//! Destination Address, NAT Source IP, NAT Destination IP, Rule Name, Source User, Destination
//! User, Application, Virtual System, …, Action (30), Bytes (31) | URL/Filename (31), Bytes Sent
//! (32), Bytes Received (33), …`. URL-filtering entries are THREAT logs of subtype `url` and
//! give the URL; TRAFFIC logs give only the destination address, kept as the host. A syslog
//! header before the first field is tolerated. Times carry no zone: the firewall's, set in the
//! map (UTC otherwise).

use super::split::{delimited, host_of_url, value};
use super::time::normalise;
use super::{Lines, NetRecord, is_blocked};

/// Index of the `Type` field (3 in a bare line, less or more behind a syslog header).
fn type_index(fields: &[String]) -> Option<usize> {
    fields.iter().take(8).position(|f| matches!(f.as_str(), "TRAFFIC" | "THREAT"))
}

/// Whether a line is a PAN-OS TRAFFIC or THREAT log line.
pub fn sniff(line: &str) -> bool {
    let f = delimited(line, b',');
    type_index(&f).is_some_and(|t| t >= 2 && f.len() > t + 30 && normalise(&f[t + 3], None).is_some())
}

#[derive(Debug)]
pub struct PanOs {
    pub zone: Option<i32>,
}

impl Lines for PanOs {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let f = delimited(text, b',');
        let t = type_index(&f).ok_or("no TRAFFIC or THREAT type field")?;
        if f.len() <= t + 30 {
            return Err(format!("PAN-OS line with {} fields, too few", f.len()));
        }
        let at = |i: usize| f.get(t + i).and_then(|v| value(v));
        let traffic = f[t] == "TRAFFIC";
        if !traffic && !f[t + 1].eq_ignore_ascii_case("url") {
            // Other THREAT subtypes (virus, spyware, file) name files and signatures, not sites.
            return Ok(None);
        }
        let (url, host, up, down) = if traffic {
            let n = |i: usize| at(i).and_then(|b| b.parse::<u64>().ok());
            (None, at(5), n(29), n(30))
        } else {
            let url = at(28);
            (url.clone(), url.as_deref().and_then(host_of_url).or_else(|| at(5)), None, None)
        };
        Ok(Some(NetRecord {
            line: 0,
            time: at(3).or_else(|| f.get(t.wrapping_sub(2)).cloned()).and_then(|s| normalise(&s, self.zone)),
            user: at(9),
            client: at(4),
            device: None,
            host: host.ok_or("no destination")?,
            url,
            method: None,
            blocked: at(27).is_some_and(|a| is_blocked(&a)),
            bytes_up: up,
            bytes_down: down,
            prompt: None,
        }))
    }
}
