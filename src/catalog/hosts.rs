//! Host names of AI services and how they match: on DNS label boundaries, so `claude.ai` matches
//! `claude.ai` and `api.claude.ai` but never `notclaude.ai` or `claude.ai.example.com`.

use std::collections::HashMap;

use super::Catalog;

/// Whether a host or domain is an API endpoint or a web (chat, product) domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HostKind {
    Api,
    Web,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostMatch {
    pub service: usize,
    pub kind: HostKind,
    /// The catalogue entry that matched (the registered suffix).
    pub entry: String,
}

/// Every catalogue host, lowercased, with its service.
#[derive(Debug, Default)]
pub struct HostIndex {
    pub entries: Vec<(String, usize, HostKind)>,
    exact: HashMap<String, usize>,
}

impl HostIndex {
    pub fn new(catalog: &Catalog) -> HostIndex {
        let mut idx = HostIndex::default();
        for (i, s) in catalog.services.iter().enumerate() {
            for (list, kind) in [(&s.api_hosts, HostKind::Api), (&s.domains, HostKind::Web)] {
                for h in list {
                    let h = h.trim().trim_end_matches('.').to_ascii_lowercase();
                    if h.is_empty() || idx.exact.contains_key(&h) {
                        continue;
                    }
                    idx.exact.insert(h.clone(), idx.entries.len());
                    idx.entries.push((h, i, kind));
                }
            }
        }
        idx
    }

    /// The service that owns a full host name (from a proxy log or a URL): the longest
    /// registered suffix on a label boundary.
    pub fn lookup(&self, host: &str) -> Option<HostMatch> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut rest = host.as_str();
        loop {
            if let Some(&e) = self.exact.get(rest) {
                let (entry, service, kind) = &self.entries[e];
                return Some(HostMatch { service: *service, kind: *kind, entry: entry.clone() });
            }
            rest = &rest[rest.find('.')? + 1..];
        }
    }
}

fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Whether `text[start..end]`, which equals a registered host, stands on label boundaries: the
/// byte before is not part of a label (a `.` is fine: that is a subdomain), and the host does
/// not continue after it with more labels.
pub fn on_label_boundary(text: &[u8], start: usize, end: usize) -> bool {
    if start > 0 && is_label_byte(text[start - 1]) {
        return false;
    }
    match text.get(end) {
        None => true,
        Some(&b) if is_label_byte(b) => false,
        Some(b'.') => !text.get(end + 1).copied().is_some_and(is_label_byte),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, host: &str) -> bool {
        text.match_indices(host).any(|(s, m)| on_label_boundary(text.as_bytes(), s, s + m.len()))
    }

    #[test]
    fn label_boundaries() {
        assert!(hit("https://claude.ai/chat", "claude.ai"));
        assert!(hit("url = 'https://api.claude.ai'", "claude.ai"));
        assert!(hit("claude.ai", "claude.ai"));
        assert!(hit("see claude.ai.", "claude.ai"));
        assert!(!hit("https://notclaude.ai/", "claude.ai"));
        assert!(!hit("https://claude.ai.evil.example/", "claude.ai"));
        assert!(!hit("claude.airline.com", "claude.ai"));
        assert!(!hit("my-claude.ai", "claude.ai"));
    }
}
