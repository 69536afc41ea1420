//! Detectors: reusable finders (hidden Unicode, key entropy, secrets, personal data with their
//! validators, markers, pasted code, AI provenance and labels, commit disclosures, code scopes,
//! AI decisions about people, emotion recognition, automations without review, manifests), and
//! the detectors that rules name in their `matcher.detector`, each behind [`Detect`] and
//! listed in [`registry`]. No detector knows the engine: it gets a unit, the shared
//! [`Context`] and the unit's prefilter results ([`Scratch`]), and returns [`Hit`]s.

pub mod callgraph;
pub mod code;
pub mod code_regions;
pub mod commit;
pub mod emotion;
pub mod entropy;
pub mod flow;
mod flow_lines;
pub mod label;
pub mod manifest;
pub mod markers;
mod number_windows;
pub mod oversight;
pub mod personal;
pub mod placeholder;
pub mod provenance;
pub mod registry;
pub mod scope;
pub mod secrets;
pub mod unicode;
pub mod validate;
pub mod workflow;

mod ai_service;
mod audit;
mod confidential;
mod context;
mod decisions;
mod delegation;
#[rustfmt::skip] // word tables read best packed, one language per block
mod delegation_words;
mod hidden;
mod hitl_gate;
mod imports;
mod labels;
mod network;
mod override_phrase;
mod sdk_use;
mod vocabulary;

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

pub use ai_service::key_hits;
pub use context::{Context, KeyFormat};

use crate::finding::Severity;
use crate::rules::Rule;
use crate::unit::Unit;

/// A detector a rule calls by name.
pub trait Detect: fmt::Debug + Send + Sync {
    /// Where the rule's matches are in one unit.
    fn hits(&self, rule: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit>;

    /// What the engine's prefilter must look for on this detector's behalf, and what wakes it.
    fn uses(&self) -> Uses {
        Uses::default()
    }

    /// One finding per AI service for the whole run, at its first file, instead of one per
    /// file (assistant configuration files).
    fn once_per_run(&self) -> bool {
        false
    }

    /// Findings of a run-level pass, after every unit was checked: a detector that relates
    /// files (a call graph across the repository) keeps small per-file summaries while `hits`
    /// runs and reports here. Each finding carries the few lines it needs, not its file.
    fn finish(&self, _rule: &Rule, _cx: &Context) -> Vec<RunHit> {
        Vec::new()
    }
}

/// A hit of a run-level pass, with the lines of its file it lies in.
#[derive(Debug, Clone)]
pub struct RunHit {
    /// Path as shown to the user, and relative to the scan root.
    pub path: String,
    pub rel_path: String,
    /// Lines of the file, from `first_line`; the hit's spans are in this text.
    pub text: String,
    pub first_line: usize,
    pub hit: Hit,
}

/// Prefilter literals a detector needs; a detector with any of them set, and no keywords in
/// its rule, runs only on units where its literals occur.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Uses {
    /// The catalogue's API key formats; wakes the detector when a key marker occurs.
    pub keys: bool,
    /// The catalogue's API hosts; wakes the detector when one occurs.
    pub hosts: bool,
    /// The catalogue's API-key variable names; wakes the detector when one occurs.
    pub env_vars: bool,
    /// Whether the literals above wake the detector (else it needs them but runs ungated).
    pub gated: bool,
    /// Each of its hits lies on one line that holds a keyword of its rule: given those lines
    /// ([`Scratch::lines`]), it searches them and not the whole unit.
    pub keyword_lines: bool,
}

impl Uses {
    pub fn union(self, o: Uses) -> Uses {
        Uses {
            keys: self.keys || o.keys,
            hosts: self.hosts || o.hosts,
            env_vars: self.env_vars || o.env_vars,
            gated: self.gated || o.gated,
            keyword_lines: self.keyword_lines || o.keyword_lines,
        }
    }
}

/// What the engine's one prefilter pass found in a unit, and caches that several detectors of
/// the same unit share.
#[derive(Debug, Default)]
pub struct Scratch {
    /// For each key format of the context, whether one of its markers occurs.
    pub key_seen: Vec<bool>,
    /// For each secret format, whether one of its keywords occurs; empty when no prefilter
    /// pass looked (the secrets' own search then does).
    pub secret_seen: Vec<bool>,
    /// Whether a case-insensitive classification marker occurs; `None` when no prefilter pass
    /// looked (the markers' own search then does).
    pub marker_seen: Option<bool>,
    /// Whether a literal of an AI artifact and of a model-voice phrase occurs; `None` when no
    /// prefilter pass looked (the provenance search then does).
    pub provenance_seen: Option<(bool, bool)>,
    /// API host literals found: span and index in the context's host index.
    pub host_hits: Vec<(Range<usize>, usize)>,
    /// API-key variable names found: span and catalogue service.
    pub env_hits: Vec<(Range<usize>, usize)>,
    /// Where the keywords of the rules that search only their keywords' lines occur: rule
    /// index and start.
    pub keyword_at: Vec<(usize, usize)>,
    /// The lines (without their newline) that hold a keyword of the rule being run, in order,
    /// when it declared [`Uses::keyword_lines`] and the prefilter pass looked; `None` otherwise,
    /// and the detector searches the whole unit.
    pub lines: Option<Vec<Range<usize>>>,
    pub hidden: OnceLock<Vec<unicode::Hidden>>,
    pub verdict: OnceLock<Option<label::Verdict>>,
    pub(crate) personal: OnceLock<Vec<personal::Datum>>,
    pub(crate) secrets: OnceLock<Vec<secrets::Secret>>,
    pub(crate) keys: OnceLock<Vec<Hit>>,
    pub(crate) marks: OnceLock<Vec<markers::Mark>>,
}

impl Scratch {
    /// The personal data of the unit's text (`text` is always the unit's own): the detector
    /// that reports them and the redactor that masks them share one search.
    pub fn personal(&self, text: &str) -> &[personal::Datum] {
        self.personal.get_or_init(|| personal::find(text))
    }

    /// The secrets of the unit's text, shared like [`Scratch::personal`].
    pub fn secrets(&self, text: &str) -> &[secrets::Secret] {
        self.secrets.get_or_init(|| self.secrets_of(text))
    }

    /// The secrets of a part of the unit's text, not kept: the formats the unit's prefilter pass
    /// saw are the only ones a part can hold.
    pub fn secrets_of(&self, text: &str) -> Vec<secrets::Secret> {
        if self.secret_seen.is_empty() {
            secrets::find(text)
        } else {
            secrets::find_among(text, &self.secret_seen)
        }
    }

    /// The catalogue's AI keys in the unit's text ([`key_hits`]), shared by the two rules that
    /// report them and the redactor like [`Scratch::personal`].
    pub fn keys(&self, cx: &Context, text: &str) -> &[Hit] {
        self.keys.get_or_init(|| key_hits(cx, text, &self.key_seen))
    }

    /// The markers of the unit's text, shared by the rule that reports them and the redactor.
    pub fn marks(&self, cx: &Context, text: &str) -> &[markers::Mark] {
        self.marks.get_or_init(|| cx.markers.find(text, self.marker_seen))
    }
}

/// The lines of `text` (newline excluded) that hold the offsets `at`, each once, in order.
pub fn lines_holding(text: &str, mut at: Vec<usize>) -> Vec<Range<usize>> {
    at.sort_unstable();
    let bytes = text.as_bytes();
    let mut lines: Vec<Range<usize>> = Vec::new();
    for a in at {
        if lines.last().is_some_and(|l| a <= l.end) {
            continue;
        }
        let a = a.min(bytes.len());
        let start = memchr::memrchr(b'\n', &bytes[..a]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[a..]).map_or(bytes.len(), |i| a + i);
        lines.push(start..end);
    }
    lines
}

/// A place a rule matched, before severity and suppressions are applied.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    pub span: Range<usize>,
    /// The AI service involved (catalogue index); its charter status can set the severity.
    pub service: Option<usize>,
    /// `{detail}` in the rule's message.
    pub detail: String,
    /// The matched text is a secret or a personal datum: masked in every output.
    pub secret: bool,
    /// Further hits of the same service in the same unit, folded into this one.
    pub repeats: usize,
    /// Secondary places shown with the finding (the AI call behind a decision); the excerpt
    /// grows to show them.
    pub labels: Vec<(Range<usize>, String)>,
    /// Secondary places shown only when they fall in the excerpt (other AI evidence).
    pub notes: Vec<(Range<usize>, String)>,
    /// A severity the detector decides from context, before the charter's overrides.
    pub severity: Option<Severity>,
    /// The highest severity this hit may have, whatever the charter's status of its service
    /// says (a placeholder host, an attack phrase quoted in documentation): not evidence enough
    /// for more. The charter's explicit `rules.severity` still wins.
    pub at_most: Option<Severity>,
    /// Appended to the message (why the severity was raised).
    pub suffix: String,
    /// Appended to the rule's help, on a line of its own.
    pub help: String,
}

impl Hit {
    /// A hit with only a span and a detail.
    pub fn at(span: Range<usize>, detail: String) -> Hit {
        Hit { span, detail, ..Hit::default() }
    }

    /// A hit that names the AI service involved.
    pub fn service(span: Range<usize>, service: usize) -> Hit {
        Hit { span, service: Some(service), ..Hit::default() }
    }
}

/// One finding per AI service and unit: a file that talks to a service talks to it many
/// times, and the first place is where a reviewer starts.
pub fn fold_by_service(hits: Vec<Hit>) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match out.iter_mut().find(|o| o.service == h.service) {
            Some(first) => first.repeats += 1,
            None => out.push(h),
        }
    }
    out
}

/// Builds, on the calling thread, the automata that almost every small run needs on its first
/// files: a pre-commit hook calls it on a spare core while its start-up runs.
pub fn warm_up() {
    let _ = &*oversight::AI_CALL;
    let _ = override_phrase::regex();
    // The text-free form: the one a text without chat-tool citations gets.
    let _ = provenance::artifact_regex("");
}
