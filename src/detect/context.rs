//! What every detector may read: the catalogue and its host index, the charter, and what is
//! compiled from them once per run (key formats, classification markers, assistant-file and
//! label globs).

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use super::markers::Markers;
use crate::catalog::{Catalog, HostIndex};
use crate::charter::{Charter, Decision, ToolStatus};
use crate::rules::compile;

/// An AI provider's key format, compiled on first use: a key regex with long bounded
/// repetitions costs more to build than a pre-commit hook's whole scan, and most runs meet the
/// markers of only a few formats.
#[derive(Debug)]
pub struct KeyFormat {
    pub service: usize,
    pattern: String,
    regex: OnceLock<Option<Regex>>,
    /// The most bytes one match can hold, when the pattern bounds it.
    longest: OnceLock<Option<usize>>,
    pub entropy: Option<f64>,
    /// Words one of which must occur shortly before the key (lowercase).
    pub context: Vec<String>,
    /// Literals of which one occurs in every key (the prefilter's).
    pub keywords: Vec<String>,
}

impl KeyFormat {
    /// The compiled key regex; `None` only if the catalogue held a pattern that does not
    /// compile, which the catalogue's tests rule out.
    pub fn regex(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| compile::build_regex(&self.pattern).ok()).as_ref()
    }

    /// The most bytes one match can hold; `None` when the pattern does not bound it.
    pub fn longest(&self) -> Option<usize> {
        *self.longest.get_or_init(|| {
            let hir = regex_syntax::ParserBuilder::new().build().parse(&self.pattern).ok()?;
            hir.properties().maximum_len()
        })
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

#[derive(Debug)]
pub struct Context {
    pub catalog: Catalog,
    pub hosts: HostIndex,
    pub charter: Charter,
    /// Key formats of the catalogue, compiled when a detector uses them.
    pub keys: Vec<KeyFormat>,
    /// Classification markers, code names and patterns of the charter, compiled.
    pub markers: Markers,
    assistant_globs: GlobSet,
    /// For each assistant glob, the service it belongs to.
    assistant_owner: Vec<usize>,
    /// `labels.required_in`: where unlabelled AI content is an error.
    label_required: GlobSet,
    /// Tells contexts apart in the per-thread memo of path questions.
    id: u64,
}

thread_local! {
    /// The last path asked about on this thread and its assistant (context id, path, answer):
    /// every message of a prompt log is a unit at its file's path, and a glob set match for
    /// each was a twentieth of the time spent on such a log.
    static LAST_ASSISTANT: RefCell<(u64, String, Option<usize>)> = const { RefCell::new((0, String::new(), None)) };
}

impl Context {
    /// The key formats of the catalogue, in the order the prefilter numbers them.
    pub fn key_formats(catalog: &Catalog) -> Vec<KeyFormat> {
        let mut keys = Vec::new();
        for (si, s) in catalog.services.iter().enumerate() {
            for k in &s.keys {
                // The embedded catalogue's formats all compile (a test checks it), and a
                // charter's custom tools declare none.
                keys.push(KeyFormat {
                    service: si,
                    pattern: k.regex.clone(),
                    regex: OnceLock::new(),
                    longest: OnceLock::new(),
                    entropy: k.entropy,
                    context: k.context.iter().map(|c| c.to_ascii_lowercase()).collect(),
                    keywords: k.keywords.clone(),
                });
            }
        }
        keys
    }

    /// The context of a run: `hosts` and `keys` are the catalogue's ([`HostIndex::new`],
    /// [`Context::key_formats`]), made first because the engine's prefilter needs them too.
    pub fn new(
        catalog: Catalog,
        charter: Charter,
        hosts: HostIndex,
        keys: Vec<KeyFormat>,
    ) -> Result<Context, String> {
        let mut gb = GlobSetBuilder::new();
        let mut assistant_owner = Vec::new();
        for (si, s) in catalog.services.iter().enumerate() {
            for g in &s.assistant_files {
                let glob = Glob::new(g).map_err(|e| format!("assistant file glob `{g}` of {}: {e}", s.id))?;
                gb.add(glob);
                assistant_owner.push(si);
            }
        }
        let assistant_globs = gb.build().map_err(|e| e.to_string())?;
        let label_required = crate::paths::glob_set(&charter.labels.required_in, "labels.required_in")?;
        let markers = Markers::try_new(&charter)?;
        Ok(Context {
            catalog,
            hosts,
            charter,
            keys,
            markers,
            assistant_globs,
            assistant_owner,
            label_required,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        })
    }

    pub fn status_of(&self, service: usize) -> ToolStatus {
        self.decision_of(service).status
    }

    /// The charter's status of a service and what decided it (its own entry, the local-runtime
    /// or the jurisdiction policy).
    pub fn decision_of(&self, service: usize) -> Decision<'_> {
        let s = &self.catalog.services[service];
        self.charter.tool_decision(&s.id, s.facts())
    }

    /// The AI assistant a file configures, if any.
    pub fn assistant_of(&self, rel_path: &str) -> Option<usize> {
        LAST_ASSISTANT.with_borrow_mut(|(id, path, found)| {
            if *id != self.id || path != rel_path {
                *found = self.assistant_globs.matches(rel_path).first().map(|&g| self.assistant_owner[g]);
                *id = self.id;
                path.clear();
                path.push_str(rel_path);
            }
            *found
        })
    }

    /// Whether the charter requires AI content at this path to be labelled.
    pub fn label_required(&self, rel_path: &str) -> bool {
        self.label_required.is_match(rel_path)
    }
}
