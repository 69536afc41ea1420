//! Messages a log holds more than once. A request log resends a conversation's history with
//! every request and the same system prompt with each: a resent message must not repeat its
//! findings, and a message checked once and found clean need not be checked again.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::Role;

/// The most hashes of clean messages kept (a few MB per worker) before starting again.
const CLEAN_CAP: usize = 1 << 18;

/// The most hashes of one batch's messages kept before starting again.
const RESENT_CAP: usize = 1 << 20;

/// What one worker of one file has met.
#[derive(Default)]
pub struct Repeats {
    /// Messages of the current batch: the batches of a file go to the workers in no fixed
    /// order, so that which repeats count as resent depends on the file alone.
    resent: HashSet<u64, BuildHasherDefault<Prehashed>>,
    /// Messages checked in this file that gave no finding. Checking one again would find
    /// nothing again (a unit's findings depend on its text, kind, tool and path alone), so it
    /// is skipped; a message with findings is checked each time, to be reported where resent
    /// history says.
    clean: HashSet<u64, BuildHasherDefault<Prehashed>>,
}

impl Repeats {
    /// Whether the message was met before in this batch; remembers it.
    pub fn resent(&mut self, key: u64) -> bool {
        if self.resent.len() >= RESENT_CAP {
            self.resent.clear();
        }
        !self.resent.insert(key)
    }

    /// Whether the message was checked before and found clean.
    pub fn clean(&self, key: u64) -> bool {
        self.clean.contains(&key)
    }

    pub fn found_clean(&mut self, key: u64) {
        if self.clean.len() >= CLEAN_CAP {
            self.clean.clear();
        }
        self.clean.insert(key);
    }

    /// A new batch of records begins: what was resent before it no longer counts.
    pub fn next_batch(&mut self) {
        self.resent.clear();
    }
}

/// The hasher of a set of hashes: the key is already one, hashing it again took a hundredth of
/// reading a request log.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys come here; any other input is still hashed, if poorly.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A message's identity. Keyed at random once per run: with the fixed keys of
/// `DefaultHasher::new`, a user who knows the tool could search offline for a prompt whose hash
/// equals an earlier harmless one's (a birthday search, about 2^32 hashes) and have it skipped.
pub fn key(text: &str, tool: Option<usize>, role: Role) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> = std::sync::OnceLock::new();
    let mut h = KEYS.get_or_init(std::collections::hash_map::RandomState::new).build_hasher();
    text.hash(&mut h);
    tool.hash(&mut h);
    // The same words from the user and from the assistant are checked as different kinds.
    role.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::super::{Ctx, Message};
    use super::*;
    use crate::catalog::Catalog;
    use crate::inputs::{Counts, Source};
    use crate::unit::{Kinds, Unit, UnitKind};

    /// Records the texts it is handed; a text holding `FIND` has one finding.
    #[derive(Default)]
    struct Texts(std::sync::Mutex<Vec<(String, bool)>>);

    impl crate::inputs::Sink for Texts {
        fn unit(&self, unit: &Unit<'_>) -> usize {
            let prompt = unit.kinds.contains(UnitKind::Prompt);
            self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((unit.text.into(), prompt));
            usize::from(unit.text.contains("FIND"))
        }
        fn error(&self, _: crate::inputs::InputError) {}
        fn counts(&self, _: Counts) {}
    }

    /// The units `messages` (role, text) are handed over as, read as a file of `format`.
    fn handed(format: &'static str, messages: &[(Role, &str)]) -> Vec<(String, bool)> {
        let catalog = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let status = |_: usize| crate::charter::ToolStatus::Unapproved;
        let network = crate::inputs::network::audit::Settings::new(&status);
        let (sink, csv_map) = (Texts::default(), crate::charter::CsvMap::default());
        let source = Source {
            catalog: &catalog,
            csv_map: &csv_map,
            refine: &|_: &str, kinds: Kinds| kinds,
            label_required: &|_: &str| false,
            show_secrets: false,
            network: &network,
            pseudonym: None,
            sink: &sink,
        };
        let mut ctx = Ctx::new(&source, "log", "log");
        ctx.format = format;
        for (index, &(role, text)) in messages.iter().enumerate() {
            let m = Message {
                text,
                role,
                tool: None,
                user: None,
                conversation: None,
                index,
                time: None,
                part: None,
            };
            ctx.message(&m, None);
        }
        drop(ctx);
        sink.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    #[test]
    fn a_message_found_clean_is_not_checked_again_one_with_findings_is() {
        use Role::{Assistant, User};
        let messages =
            [(User, "hello"), (User, "FIND me"), (User, "hello"), (User, "FIND me"), (Assistant, "hello")];
        let own = |t: &[(&str, bool)]| t.iter().map(|&(s, p)| (s.to_string(), p)).collect::<Vec<_>>();
        // In an export, the same prompt twice is two prompts: the one with a finding is
        // checked (and reported) each time; the clean one once, and once more as an answer,
        // which is checked as another kind.
        let export = own(&[("hello", true), ("FIND me", true), ("FIND me", true), ("hello", false)]);
        assert_eq!(handed("chatgpt", &messages), export);
        // A request log resends history: within a batch, each message is checked once.
        assert_eq!(handed("jsonl", &messages), own(&[("hello", true), ("FIND me", true), ("hello", false)]));
    }
}
