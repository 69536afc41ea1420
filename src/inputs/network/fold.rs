//! Folding records into usage: one entry per (person, AI service) with first and last seen,
//! requests, blocked attempts and bytes, plus a day × service × person summary, and the
//! prompts a proxy captured, kept aside for the prompt rules. Memory grows with the number of
//! distinct people, services and days, not with the number of records.

use std::collections::HashMap;

/// The folder's maps: keyed by user names and hosts from the log, looked up for every record.
/// foldhash is several times faster than the standard SipHash on these short keys and still
/// seeded per process, so a crafted log cannot choose its collisions in advance.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use super::NetRecord;

/// Above this many bytes sent in one request, a chat tool received a pasted document or an
/// uploaded file rather than a typed question.
pub const DEFAULT_UPLOAD_THRESHOLD: u64 = 1 << 20;

/// Usage of one AI service by one person (or one client address when the log names nobody).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    /// The user, else the client address, else the device, else `unknown`.
    pub who: String,
    pub user: Option<String>,
    pub client: Option<String>,
    pub device: Option<String>,
    /// Catalogue index of the service.
    pub service: usize,
    /// The host of the first record (`chat.deepseek.com`), to name what was reached.
    pub host: String,
    /// Earliest and latest record times (logs are not always in order).
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub requests: u64,
    /// Requests refused by the proxy, resolver or firewall: attempts.
    pub blocked: u64,
    pub bytes_up: u64,
    pub bytes_down: u64,
    /// Line of the first record, to point at in the log.
    pub first_line: usize,
    /// Requests that sent more than the upload threshold.
    pub large_uploads: u64,
    /// The largest single request sent.
    pub max_upload: u64,
}

impl Usage {
    /// Whether a document or file was likely sent (a request above the threshold).
    pub fn uploaded(&self) -> bool {
        self.large_uploads > 0
    }

    fn absorb(&mut self, o: &Usage) {
        self.first_seen = min_time(self.first_seen.take(), o.first_seen.clone());
        self.last_seen = max_time(self.last_seen.take(), o.last_seen.clone());
        self.requests += o.requests;
        self.blocked += o.blocked;
        self.bytes_up += o.bytes_up;
        self.bytes_down += o.bytes_down;
        if o.first_line < self.first_line {
            self.host.clone_from(&o.host);
        }
        self.first_line = self.first_line.min(o.first_line);
        self.large_uploads += o.large_uploads;
        self.max_upload = self.max_upload.max(o.max_upload);
        self.client = self.client.take().or_else(|| o.client.clone());
        self.device = self.device.take().or_else(|| o.device.clone());
    }
}

/// Requests of one day, service and person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCount {
    pub requests: u64,
    pub blocked: u64,
}

/// A prompt captured by the proxy, for the confidential-data and oversight rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedPrompt {
    pub line: usize,
    pub user: Option<String>,
    pub service: Option<usize>,
    pub time: Option<String>,
    pub text: String,
}

/// Everything folded from a log (or several, merged with [`Folded::absorb`]). Keyed by person
/// first, as the folder counts: a log names a few thousand people, so merging the parts of a
/// large log looks each person up once and moves the services that only one part saw.
/// Unordered: the findings and the inventory are put in order where they are reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// By who, then by service.
    usage: Map<String, Map<usize, Usage>>,
    /// By who, then by (service, day).
    days: Map<String, Map<(usize, DayKey), DayCount>>,
    pub prompts: Vec<CapturedPrompt>,
    /// Records read, and those that matched an AI service.
    pub records: u64,
    pub matched: u64,
}

impl Folded {
    /// Merges another fold (of another file, or another part of the same file).
    pub fn absorb(&mut self, other: Folded) {
        for (who, theirs) in other.usage {
            match self.usage.get_mut(&who) {
                Some(mine) => {
                    for (service, u) in theirs {
                        match mine.get_mut(&service) {
                            Some(m) => m.absorb(&u),
                            None => {
                                mine.insert(service, u);
                            }
                        }
                    }
                }
                None => {
                    self.usage.insert(who, theirs);
                }
            }
        }
        for (who, theirs) in other.days {
            match self.days.get_mut(&who) {
                Some(mine) => {
                    for (k, d) in theirs {
                        let m = mine.entry(k).or_default();
                        m.requests += d.requests;
                        m.blocked += d.blocked;
                    }
                }
                None => {
                    self.days.insert(who, theirs);
                }
            }
        }
        self.prompts.extend(other.prompts);
        self.records += other.records;
        self.matched += other.matched;
    }

    /// Moves every line number down by `by`: a part of a file read on its own counted its
    /// lines from 1.
    pub fn shift_lines(&mut self, by: usize) {
        for u in self.usage.values_mut().flat_map(|m| m.values_mut()) {
            u.first_line += by;
        }
        for p in &mut self.prompts {
            p.line += by;
        }
    }

    /// Every usage, in no particular order.
    pub fn usages(&self) -> impl Iterator<Item = &Usage> {
        self.usage.values().flat_map(|m| m.values())
    }

    /// The usage of a service by a person.
    pub fn usage_of(&self, who: &str, service: usize) -> Option<&Usage> {
        self.usage.get(who).and_then(|m| m.get(&service))
    }

    /// Requests per (who, service, day `YYYY-MM-DD` or `unknown`), in no particular order.
    pub fn days(&self) -> impl Iterator<Item = (&str, usize, &str, DayCount)> {
        self.days.iter().flat_map(|(who, m)| {
            m.iter().map(move |((service, day), d)| (who.as_str(), *service, day_of(day), *d))
        })
    }
}

fn min_time(a: Option<String>, b: Option<String>) -> Option<String> {
    // RFC 3339 UTC at one precision sorts as text.
    match (a, b) {
        (Some(a), Some(b)) => Some(if b < a { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn max_time(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b > a { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Distinct hosts remembered before the cache starts over.
const CACHE_LIMIT: usize = 1 << 18;

/// A day as a fixed key (`YYYY-MM-DD`, or `unknown`), so that counting a record allocates
/// nothing.
type DayKey = [u8; 10];

fn day_key(time: Option<&str>) -> DayKey {
    let day = time.and_then(|t| t.get(..10)).unwrap_or("unknown");
    let mut k = [0u8; 10];
    k[..day.len()].copy_from_slice(day.as_bytes());
    k
}

fn day_of(k: &DayKey) -> &str {
    let end = k.iter().position(|&b| b == 0).unwrap_or(k.len());
    // The key is a prefix of a time cut at a character boundary, or `unknown`.
    std::str::from_utf8(&k[..end]).unwrap_or("unknown")
}

/// Folds records one at a time, resolving each host once. Records are counted into hash maps
/// keyed by person first, so that a record of a known person and service allocates nothing
/// (a proxy log repeats the same few thousand pairs millions of times).
pub struct Folder<F> {
    resolve: F,
    threshold: u64,
    cache: Map<String, Option<usize>>,
    out: Folded,
}

impl<F> std::fmt::Debug for Folder<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folder").field("threshold", &self.threshold).field("out", &self.out).finish()
    }
}

impl<F: Fn(&str) -> Option<usize>> Folder<F> {
    /// `resolve` gives the catalogue service of a host; `threshold` is the upload size above
    /// which a request counts as a document or file sent.
    pub fn new(resolve: F, threshold: u64) -> Folder<F> {
        Folder { resolve, threshold, cache: Map::default(), out: Folded::default() }
    }

    fn service(&mut self, host: &str) -> Option<usize> {
        if let Some(s) = self.cache.get(host) {
            return *s;
        }
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        let s = (self.resolve)(host);
        self.cache.insert(host.to_string(), s);
        s
    }

    /// Adds one record; returns its service, if it went to one.
    pub fn add(&mut self, r: &NetRecord) -> Option<usize> {
        self.out.records += 1;
        let service = self.service(&r.host);
        if let Some(text) = r.prompt.as_ref().filter(|p| !p.trim().is_empty()) {
            self.out.prompts.push(CapturedPrompt {
                line: r.line,
                user: r.user.clone(),
                service,
                time: r.time.clone(),
                text: text.clone(),
            });
        }
        let service = service?;
        self.out.matched += 1;
        let who = r.user.as_deref().or(r.client.as_deref()).or(r.device.as_deref()).unwrap_or("unknown");
        let up = r.bytes_up.unwrap_or(0);
        let blocked = u64::from(r.blocked);
        let day = day_key(r.time.as_deref());
        match self.out.days.get_mut(who) {
            Some(m) => {
                let d = m.entry((service, day)).or_default();
                d.requests += 1;
                d.blocked += blocked;
            }
            None => {
                let d = DayCount { requests: 1, blocked };
                self.out.days.insert(who.to_string(), Map::from_iter([((service, day), d)]));
            }
        }
        let known = self.out.usage.get_mut(who).and_then(|m| m.get_mut(&service));
        match known {
            Some(u) => {
                if let Some(t) = &r.time {
                    if u.first_seen.as_ref().is_none_or(|f| t < f) {
                        u.first_seen = Some(t.clone());
                    }
                    if u.last_seen.as_ref().is_none_or(|l| t > l) {
                        u.last_seen = Some(t.clone());
                    }
                }
                u.requests += 1;
                u.blocked += blocked;
                u.bytes_up += up;
                u.bytes_down += r.bytes_down.unwrap_or(0);
                if r.line < u.first_line {
                    u.host.clone_from(&r.host);
                    u.first_line = r.line;
                }
                u.large_uploads += u64::from(up > self.threshold);
                u.max_upload = u.max_upload.max(up);
                if u.client.is_none() {
                    u.client.clone_from(&r.client);
                }
                if u.device.is_none() {
                    u.device.clone_from(&r.device);
                }
            }
            None => {
                let one = Usage {
                    who: who.to_string(),
                    user: r.user.clone(),
                    client: r.client.clone(),
                    device: r.device.clone(),
                    service,
                    host: r.host.clone(),
                    first_seen: r.time.clone(),
                    last_seen: r.time.clone(),
                    requests: 1,
                    blocked,
                    bytes_up: up,
                    bytes_down: r.bytes_down.unwrap_or(0),
                    first_line: r.line,
                    large_uploads: u64::from(up > self.threshold),
                    max_upload: up,
                };
                self.out.usage.entry(who.to_string()).or_default().insert(service, one);
            }
        }
        Some(service)
    }

    /// Counts records passed over unparsed (they went to no AI service).
    pub fn skipped(&mut self, records: u64) {
        self.out.records += records;
    }

    pub fn finish(self) -> Folded {
        self.out
    }
}

/// Folds all `records` (see [`Folder`]).
pub fn fold<'r>(
    records: impl IntoIterator<Item = &'r NetRecord>,
    resolve: impl Fn(&str) -> Option<usize>,
    threshold: u64,
) -> Folded {
    let mut f = Folder::new(resolve, threshold);
    for r in records {
        f.add(r);
    }
    f.finish()
}
