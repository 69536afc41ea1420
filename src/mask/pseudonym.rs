//! `--pseudonymize KEYFILE`: an audit of how AI is used seldom needs names. The people of
//! every input (network-log users, client addresses and devices; the account or user of a
//! prompt log, an audit record or a commit) are replaced by a keyed hash (HMAC-SHA256) where the
//! input reads them, before anything is counted, checked or reported, so no output holds them.
//! The key is a file the data-protection officer keeps: the same key gives the same pseudonyms
//! from one run (and one machine, one Spark executor) to the next and from one input to the
//! other (`Alice@Corp.example` in a proxy log and in a ChatGPT export is one person), so audits
//! can be compared and, when the charter's procedure allows it, a pseudonym can be traced back
//! by whoever holds the key and the logs; without the key it cannot.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Shorter keys are refused: a guessable key lets anyone with a list of names undo the
/// pseudonyms.
pub const MIN_KEY_BYTES: usize = 16;

/// What a pseudonymised value was; part of the hashed input and of the pseudonym, so that a
/// user and a machine of the same name stay apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    User,
    Client,
    Device,
}

impl Subject {
    fn as_str(self) -> &'static str {
        match self {
            Subject::User => "user",
            Subject::Client => "client",
            Subject::Device => "device",
        }
    }
}

/// A keyed pseudonymiser.
#[derive(Clone)]
pub struct Pseudonymizer {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.write_str("Pseudonymizer")
    }
}

impl Pseudonymizer {
    /// A pseudonymiser keyed by the bytes of a key file (one trailing line break ignored, so
    /// that `echo`ed and editor-saved keys agree).
    pub fn new(key: &[u8]) -> Result<Pseudonymizer, String> {
        let key = key.strip_suffix(b"\n").unwrap_or(key);
        let key = key.strip_suffix(b"\r").unwrap_or(key);
        if key.len() < MIN_KEY_BYTES {
            return Err(format!(
                "the pseudonymisation key has {} bytes, fewer than {MIN_KEY_BYTES}: generate one with \
                 `head -c 32 /dev/urandom | base64 > pseudonym.key`",
                key.len()
            ));
        }
        let mac = Hmac::<Sha256>::new_from_slice(key).map_err(|e| e.to_string())?;
        Ok(Pseudonymizer { mac })
    }

    /// Reads the key file.
    pub fn from_file(path: &std::path::Path) -> Result<Pseudonymizer, String> {
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.len() > 64 * 1024 {
            return Err(format!("{}: not a key file (larger than 64 KiB)", path.display()));
        }
        let key = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Pseudonymizer::new(&key).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The pseudonym of a person as an input names them: a login, an e-mail address, git's
    /// `Name <e-mail>` or Umbrella's `name (e-mail)` (the address alone is the identity, so
    /// that a commit, a proxy log and a chat export of the same person agree).
    pub fn user(&self, identity: &str) -> String {
        self.pseudonym(Subject::User, address_of(identity))
    }

    /// `user-3f9c0a7d12e4b856`: 64 bits of HMAC-SHA256 over the kind and the value. User
    /// names and e-mail addresses are compared without case (`Alice@Corp` is `alice@corp`).
    pub fn pseudonym(&self, subject: Subject, value: &str) -> String {
        let value = value.trim();
        let normal = if subject == Subject::User { value.to_lowercase() } else { value.to_string() };
        let mut mac = self.mac.clone();
        mac.update(subject.as_str().as_bytes());
        mac.update(b"\0");
        mac.update(normal.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::with_capacity(24);
        out.push_str(subject.as_str());
        out.push('-');
        for b in &digest[..8] {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }
}

/// The e-mail address in `Name <a@b>` or `name (a@b)`, else the whole identity.
fn address_of(identity: &str) -> &str {
    let id = identity.trim();
    for (open, close) in [('<', '>'), ('(', ')')] {
        if let (Some(i), Some(inner)) = (id.rfind(open), id.strip_suffix(close))
            && let Some(address) = inner.get(i + 1..)
            && address.contains('@')
        {
            return address.trim();
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        // RFC 4231 test case 2 ("Jefe"), the one with a printable key and message.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap_or_else(|e| panic!("{e}"));
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn stable_keyed_and_kind_aware() {
        let p = Pseudonymizer::new(b"0123456789abcdef0123456789abcdef\n").unwrap_or_else(|e| panic!("{e}"));
        let q = Pseudonymizer::new(b"0123456789abcdef0123456789abcdef").unwrap_or_else(|e| panic!("{e}"));
        let other = Pseudonymizer::new(b"another key of the officer, 32 b").unwrap_or_else(|e| panic!("{e}"));
        let a = p.pseudonym(Subject::User, "alice@corp.example");
        assert!(a.starts_with("user-") && a.len() == 21, "{a}");
        assert_eq!(a, q.pseudonym(Subject::User, "Alice@Corp.Example"));
        assert_ne!(a, other.pseudonym(Subject::User, "alice@corp.example"));
        assert_ne!(a, p.pseudonym(Subject::User, "bob@corp.example"));
        let ip = p.pseudonym(Subject::Client, "10.0.0.5");
        assert!(ip.starts_with("client-") && !ip.contains("10.0.0.5"));
        assert!(Pseudonymizer::new(b"short").is_err());
        assert_eq!(p.user("Alice Martin <Alice@corp.example>"), a);
        assert_eq!(p.user(" alice@CORP.example "), a);
        assert_eq!(p.user("alice (alice@corp.example)"), a);
        assert_ne!(p.user("Alice Martin <alice>"), p.user("alice"));
        assert_ne!(p.user("Alice (corp)"), a);
        for odd in ["<", ">", "()", "a <>", "(@)", "é <ü@x>"] {
            assert!(p.user(odd).starts_with("user-"));
        }
    }
}
