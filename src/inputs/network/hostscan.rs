//! Finding the lines of a log that name a catalogue host, faster than an automaton over every
//! byte. A host name in a log ends where the name does (`chat.deepseek.com:443`,
//! `"https://claude.ai/chat"`), and every catalogue host holds a dot: so the scan jumps from dot
//! to dot (`memchr`), takes the end of the name each dot is in, and walks that name backwards
//! through a trie of the reversed hosts, a few steps for the timestamps, addresses and ordinary
//! hosts that make up a proxy log. A line is kept when a catalogue host ends where a name ends
//! (ASCII case ignored, trailing dots of a fully qualified name left out): the lines a reader
//! could resolve to a catalogue host, since a host is matched on label boundaries.
//!
//! Hosts with bytes outside `a-z 0-9 - . _`, or without a dot (a custom tool named in a
//! charter), cannot be scanned that way: then an Aho-Corasick automaton finds them anywhere.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

/// Bytes a host name is made of, each mapped to its trie symbol (upper case as lower).
const SYMBOLS: usize = 39;

fn symbol(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b'A'..=b'Z' => Some(usize::from(b - b'A')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        b'-' => Some(36),
        b'.' => Some(37),
        b'_' => Some(38),
        _ => None,
    }
}

/// The hosts reversed: node 0 is the root, 0 in `next` means no edge.
#[derive(Debug)]
pub struct SuffixTrie {
    next: Vec<[u32; SYMBOLS]>,
    terminal: Vec<bool>,
}

impl SuffixTrie {
    fn new<'h>(hosts: impl Iterator<Item = &'h str>) -> Option<SuffixTrie> {
        let mut t = SuffixTrie { next: vec![[0; SYMBOLS]], terminal: vec![false] };
        let mut any = false;
        for h in hosts {
            if !h.contains('.') {
                return None;
            }
            let mut node = 0usize;
            for &b in h.as_bytes().iter().rev() {
                let s = symbol(b)?;
                node = match t.next[node][s] {
                    0 => {
                        let id = u32::try_from(t.next.len()).ok()?;
                        t.next[node][s] = id;
                        t.next.push([0; SYMBOLS]);
                        t.terminal.push(false);
                        id as usize
                    }
                    n => n as usize,
                };
            }
            t.terminal[node] = true;
            any = true;
        }
        any.then_some(t)
    }

    /// The start of a host that ends at `end` in `hay`, walking back at most to `floor`.
    fn ends_at(&self, hay: &[u8], floor: usize, end: usize) -> Option<usize> {
        let mut node = 0usize;
        let mut j = end;
        while j > floor {
            j -= 1;
            let s = symbol(hay[j])?;
            node = self.next[node][s] as usize;
            if node == 0 {
                return None;
            }
            if self.terminal[node] {
                return Some(j);
            }
        }
        None
    }

    fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        // Names already walked: a dot inside one of them starts nothing new.
        let mut done = from;
        for dot in memchr::memchr_iter(b'.', &hay[from..]) {
            let at = from + dot;
            if at < done {
                continue;
            }
            let mut end = at + 1;
            while end < hay.len() && symbol(hay[end]).is_some() {
                end += 1;
            }
            done = end;
            let mut name_end = end;
            while name_end > at && hay[name_end - 1] == b'.' {
                name_end -= 1;
            }
            if let Some(start) = self.ends_at(hay, from, name_end) {
                return Some(start);
            }
        }
        None
    }
}

/// Where the next catalogue host is in a block of log lines.
#[derive(Debug)]
pub enum HostScan {
    Names(SuffixTrie),
    Anywhere(AhoCorasick),
}

impl HostScan {
    pub fn new<'h>(hosts: impl Iterator<Item = &'h str> + Clone) -> Option<HostScan> {
        if let Some(t) = SuffixTrie::new(hosts.clone()) {
            return Some(HostScan::Names(t));
        }
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A full DFA: a few hundred KB for the catalogue, one table lookup per byte.
            .kind(Some(AhoCorasickKind::DFA))
            // Every host holds a `.`, the byte the prefilter would pick as rare: in a log, where
            // dots are everywhere, it would stop and restart the DFA at almost every dot.
            .prefilter(false)
            .build(hosts)
            .ok()
            .map(HostScan::Anywhere)
    }

    /// A position, at or after `from` and in the same line as a host, where a host starts; `from`
    /// must be the start of a line.
    pub fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        match self {
            HostScan::Names(t) => t.find(hay, from),
            HostScan::Anywhere(ac) => ac.find(Input::new(hay).range(from..)).map(|m| m.start()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(hosts: &[&str]) -> HostScan {
        HostScan::new(hosts.iter().copied()).unwrap_or_else(|| panic!("no scan"))
    }

    #[test]
    fn finds_a_host_where_a_name_ends() {
        let s = scan(&["claude.ai", "chat.deepseek.com"]);
        assert!(matches!(s, HostScan::Names(_)));
        let at = |t: &str| s.find(t.as_bytes(), 0);
        assert_eq!(at("1709.1 10.0.0.5 CONNECT Chat.DeepSeek.com:443 alice"), Some(24));
        assert_eq!(at("GET https://api.claude.ai/v1 x"), Some(16));
        assert_eq!(at(r#"{"hostname":"claude.ai."}"#), Some(13));
        assert_eq!(at("x.claude.ai"), Some(2));
        assert_eq!(at("notclaude.ai"), Some(3), "the reader, not the scan, checks the left label boundary");
        assert_eq!(at("1709.1 10.0.0.5 GET http://claude.airline.com/ -"), None);
        assert_eq!(at("deepseek.com chat.deepseek.co"), None);
        assert_eq!(at("no dots at all"), None);
        // `from` is a line start: nothing before it is read.
        assert_eq!(s.find(b"claude.ai\nx claude.ai", 10), Some(12));
    }

    #[test]
    fn hosts_a_name_scan_cannot_hold_fall_back_to_an_automaton() {
        let s = scan(&["claude.ai", "llm-gateway"]);
        assert!(matches!(s, HostScan::Anywhere(_)));
        assert_eq!(s.find(b"x LLM-Gateway:8443 y", 0), Some(2));
        assert!(matches!(scan(&["claude.ai", "llm.corp:8443"]), HostScan::Anywhere(_)));
    }
}
