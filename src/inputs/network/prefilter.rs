//! Most of a proxy log goes to hosts no AI service owns. A line in which no catalogue host
//! occurs (ASCII case ignored) cannot resolve to a service, so it is counted and passed over
//! without being parsed: one pass of the host scan (`hostscan`), as a text search would do.

use memchr::memmem::Finder;

use super::hostscan::HostScan;

use super::NetFormat;
use crate::catalog::HostIndex;

/// Field names of captured prompts (`prompt_req`, a mapped `prompt` column).
const PROMPT: &[u8] = b"prompt";

#[derive(Debug)]
pub struct Candidates {
    hosts: Option<HostScan>,
    prompt: Finder<'static>,
}

impl Candidates {
    pub fn new(index: &HostIndex) -> Candidates {
        let hosts = HostScan::new(index.entries.iter().map(|(h, _, _)| h.as_str()));
        Candidates { hosts, prompt: Finder::new(PROMPT) }
    }

    /// What a line of `format` must hold to be parsed, for a scan of whole blocks; `None` when
    /// every line is (see [`Candidates::keep`]).
    pub fn needles(&self, format: NetFormat) -> Option<super::blocks::Needles<'_>> {
        let hosts = self.hosts.as_ref().filter(|_| super::parallel::splittable(format))?;
        Some(super::blocks::Needles { hosts, also: &self.prompt })
    }

    /// Whether a line of `format` must be parsed. Formats whose header lines describe the
    /// lines after them (`#fields`, a CSV header) are parsed whole; a captured prompt is kept
    /// whatever host it went to.
    pub fn keep(&self, format: NetFormat, line: &[u8]) -> bool {
        let Some(hosts) = &self.hosts else { return true };
        !super::parallel::splittable(format)
            || hosts.find(line, 0).is_some()
            || self.prompt.find(line).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn lines_without_a_catalogue_host_are_passed_over() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let cand = Candidates::new(&HostIndex::new(&c));
        let squid = NetFormat::SquidNative;
        assert!(cand.keep(squid, b"1.0 1 10.0.0.5 TCP_TUNNEL/200 5 CONNECT Chat.DeepSeek.com:443 alice -"));
        assert!(!cand.keep(squid, b"1.0 1 10.0.0.5 TCP_MISS/200 5 GET http://intranet.example.org/ alice -"));
        assert!(cand.keep(NetFormat::ZscalerJson, br#"{"hostname":"x.example","prompt_req":"hi"}"#));
        assert!(cand.keep(NetFormat::W3c, b"#Fields: date time cs-host"));
    }
}
