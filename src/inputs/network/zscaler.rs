//! Zscaler Internet Access web and DNS logs, as NSS or Cloud NSS feeds: JSON (one object per line,
//! flat or under `event` as the Cloud NSS default feed writes it) and CSV/TSV without a header,
//! in the default feed output order or through the field map (feeds are configured field by
//! field). Times are in the feed's zone (GMT unless configured: set the map's zone otherwise).
//! `prompt_req`, when the tenant captures generative-AI prompts, is kept for the prompt rules.

use serde_json::Value;

use super::fieldmap::{FieldMap, Key, build, guess_delimiter, lookup, object, scalar};
use super::split::{delimited, value};
use super::time::normalise;
use super::{Lines, NetRecord};

/// Zscaler's names of each field, in JSON feeds.
fn names(key: Key) -> &'static [&'static str] {
    match key {
        Key::Time => &["epochtime", "datetime", "time"],
        Key::User => &["user", "login", "elogin"],
        // `cltip`/`cltintip` in newer web feeds, `clt_sip` in the DNS feed; the public address last.
        Key::Client => &["clientip", "cip", "clientinternalip", "cltip", "cltintip", "clt_sip", "cltpubip"],
        Key::Device => &["devicehostname", "devicename"],
        // `dns_req`: the name looked up, in the DNS feed.
        Key::Host => &["hostname", "host", "ehost", "dns_req"],
        Key::Url => &["url", "eurl"],
        Key::Method => &["requestmethod", "reqmethod"],
        // The DNS feed's request and response actions (`REQ_ALLOW`, `RES_BLOCK`).
        Key::Action => &["action", "reqaction", "resaction"],
        Key::BytesUp => &["requestsize", "reqsize"],
        Key::BytesDown => &["responsesize", "respsize"],
        Key::Prompt => &["prompt_req", "prompt"],
    }
}

#[derive(Debug)]
pub struct Json<'m> {
    pub map: &'m FieldMap,
    pub zone: Option<i32>,
}

impl Lines for Json<'_> {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let root = object(text)?;
        let event: &Value = root.get("event").filter(|e| e.is_object()).unwrap_or(&root);
        let get = |k: Key| match self.map.get(k) {
            Some(name) => lookup(event, name.trim()).or_else(|| lookup(&root, name.trim())).and_then(scalar),
            // A DNS query allowed but its answer blocked was blocked: any blocking action wins.
            None if k == Key::Action => {
                let actions = || names(k).iter().filter_map(|n| lookup(event, n).and_then(scalar));
                actions().find(|a| super::is_blocked(a)).or_else(|| actions().next())
            }
            None => names(k).iter().find_map(|n| lookup(event, n).and_then(scalar)),
        };
        build(get, self.zone).map(Some)
    }
}

/// 0-based columns of the default NSS web feed output format: `time, login, proto, eurl,
/// action, appname, appclass, reqsize, respsize, stime, ctime, urlclass, urlsupercat, urlcat,
/// malwarecat, threatname, riskscore, dlpeng, dlpdict, location, dept, cip, sip, reqmethod,
/// respcode, ua, ereferer, ruletype, rulelabel, contenttype, unscannabletype, deviceowner,
/// devicehostname, keyprotectiontype`.
fn default_column(key: Key) -> Option<usize> {
    Some(match key {
        Key::Time => 0,
        Key::User => 1,
        Key::Url => 3,
        Key::Action => 4,
        Key::BytesUp => 7,
        Key::BytesDown => 8,
        Key::Client => 21,
        Key::Method => 23,
        Key::Device => 32,
        Key::Host | Key::Prompt => return None,
    })
}

#[derive(Debug)]
pub struct Csv<'m> {
    map: &'m FieldMap,
    zone: Option<i32>,
    delimiter: Option<u8>,
}

impl<'m> Csv<'m> {
    pub fn new(map: &'m FieldMap, zone: Option<i32>) -> Csv<'m> {
        Csv { map, zone, delimiter: None }
    }

    /// A feed configured field by field is described whole by the map: the default order
    /// then says nothing about the fields left out.
    fn column(&self, key: Key) -> Option<usize> {
        if self.map.is_set() { self.map.number(key).map(|n| n - 1) } else { default_column(key) }
    }
}

impl Lines for Csv<'_> {
    fn line(&mut self, text: &str) -> Result<Option<NetRecord>, String> {
        let delimiter = *self.delimiter.get_or_insert_with(|| guess_delimiter(text));
        let fields = delimited(text, delimiter);
        let get = |k: Key| self.column(k).and_then(|i| fields.get(i)).and_then(|v| value(v));
        build(get, self.zone).map(Some)
    }
}

/// Whether a line is a headerless NSS web feed line in the default order: a ctime first
/// field (`Mon Jun 20 15:29:11 2022`) and at least the default columns up to the method.
pub fn sniff_csv(line: &str) -> bool {
    let fields = delimited(line, guess_delimiter(line));
    fields.len() >= 24
        && fields[0].starts_with(|c: char| c.is_ascii_alphabetic())
        && normalise(&fields[0], None).is_some()
        && fields[23].bytes().all(|b| b.is_ascii_uppercase())
}
