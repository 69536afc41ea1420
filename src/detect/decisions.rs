//! Detectors of decisions about people with no human step (AI calls in code, CI jobs that
//! merge an agent's work, no-code workflows) and of emotion recognition.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use super::{
    Context, Detect, Hit, RunHit, Scratch, callgraph, emotion, flow, hitl_gate, oversight, workflow,
};
use crate::finding::Severity;
use crate::rules::Rule;
use crate::unit::{Place, Unit};

/// An AI call whose output decides about a person with no human step: in one function here,
/// and across functions and files in [`Detect::finish`], from the summaries kept per file.
///
/// Every AI result comes from an AI call ([`oversight::ai_calls`]): until a file of the run
/// calls one, no chain can start, and files are kept aside with their decision test undone; a
/// run whose files call none (most commits) summarises nothing.
#[derive(Debug, Default)]
pub struct AiDecision {
    run: Mutex<Run>,
    /// Whether a file of the call graph's languages calls AI.
    ai_seen: AtomicBool,
}

/// What the run keeps for the repository-wide pass.
#[derive(Debug, Default)]
struct Run {
    /// Summaries of the files that may decide, and the number of names all summaries hold.
    summaries: Vec<flow::FileSummary>,
    names: usize,
    /// The other code files, summarised at the end only if some file decides: in a repository
    /// that decides nothing about people they cost a copy, not a parse.
    deferred: Vec<Deferred>,
    deferred_bytes: usize,
}

#[derive(Debug)]
struct Deferred {
    path: String,
    rel_path: String,
    text: String,
    /// Kept before any AI call was seen: whether it decides is for the end of the run to find
    /// out. It calls no AI itself, so the per-file pass reported nothing in it.
    untested: bool,
}

/// Names the summaries of one run may hold (a few tens of MB). Past it, files with neither an
/// AI call nor a decision (relays between the two) are no longer kept: a very large tree
/// loses some long chains, never its memory bound.
const MAX_NAMES: usize = 1_000_000;
/// Bytes of code kept for a summary at the end of the run; past it, files are summarised as
/// they come, as if some file decided.
const MAX_DEFERRED_BYTES: usize = 64 << 20;

impl Run {
    fn keep(&mut self, s: flow::FileSummary) {
        if s.is_empty() {
            return;
        }
        let size = s.size();
        if self.names + size <= MAX_NAMES || s.has_ai_or_decision() {
            self.names += size;
            self.summaries.push(s);
        }
    }
}

impl Detect for AiDecision {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, _: &Scratch) -> Vec<Hit> {
        let markers = cx.charter.review_markers();
        let domains = &cx.charter.oversight.domains;
        let calls = oversight::ai_calls(unit.text);
        let found = oversight::find(unit.rel_path, unit.text, &calls, &markers, domains);
        // Only whole files take part in the call graph: a log message or an extracted
        // document has no functions.
        if matches!(unit.place, Place::File) && flow::parses(unit.rel_path) {
            if !calls.is_empty() {
                self.ai_seen.store(true, Ordering::Relaxed);
            }
            // Files that cannot decide are summarised at the end, and only when some file
            // decides and they link its chain: the summary (a parse) is most of a hook's time.
            // Tested before the lock is taken, which every thread's files wait on.
            let ai_seen = self.ai_seen.load(Ordering::Relaxed);
            let decides = ai_seen && hitl_gate::decides(unit.text);
            let mut run = self.run.lock().unwrap_or_else(PoisonError::into_inner);
            if !decides && run.deferred_bytes + unit.text.len() <= MAX_DEFERRED_BYTES {
                run.deferred_bytes += unit.text.len();
                run.deferred.push(Deferred {
                    path: unit.path.to_string(),
                    rel_path: unit.rel_path.to_string(),
                    text: unit.text.to_string(),
                    untested: !ai_seen,
                });
            } else {
                // Summarised outside the lock: it is the costly part.
                drop(run);
                let reported: Vec<usize> = found.iter().map(|d| d.decision.start).collect();
                let suppressed = suppresses_file(unit.text);
                let s = flow::summarise(
                    unit.path,
                    unit.rel_path,
                    unit.text,
                    &markers,
                    domains,
                    &reported,
                    suppressed,
                );
                if let Some(s) = s {
                    self.run.lock().unwrap_or_else(PoisonError::into_inner).keep(s);
                }
            }
        }
        found
            .into_iter()
            .map(|d| {
                let scope = match &d.scope {
                    Some(name) => format!("`{name}` or the functions of this file that call it"),
                    None => format!(
                        "the {} lines around the call (no parser for this language)",
                        oversight::FALLBACK_WINDOW
                    ),
                };
                Hit {
                    labels: vec![(d.ai_call, "the AI call whose output drives it".into())],
                    ..Hit::at(
                        d.decision,
                        format!("{} decision; no review step in {scope}", d.domain.as_str()),
                    )
                }
            })
            .collect()
    }

    fn finish(&self, _: &Rule, cx: &Context) -> Vec<RunHit> {
        let mut run = std::mem::take(&mut *self.run.lock().unwrap_or_else(PoisonError::into_inner));
        // No AI call anywhere: no chain can start.
        if !self.ai_seen.swap(false, Ordering::Relaxed) {
            return Vec::new();
        }
        let markers = cx.charter.review_markers();
        let domains = &cx.charter.oversight.domains;
        // The files kept before the first AI call was seen: those that decide are summarised
        // as they would have been on arrival (nothing reported in them, see `Deferred`).
        let (mut untested, mut deferred): (Vec<_>, Vec<_>) =
            std::mem::take(&mut run.deferred).into_iter().partition(|d| d.untested);
        untested.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        for d in untested {
            if !hitl_gate::decides(&d.text) {
                deferred.push(d);
                continue;
            }
            let suppressed = suppresses_file(&d.text);
            if let Some(s) =
                flow::summarise(&d.path, &d.rel_path, &d.text, &markers, domains, &[], suppressed)
            {
                run.keep(s);
            }
        }
        // No decision about a person anywhere: no chain can end in one.
        if run.summaries.iter().all(|s| s.sites.is_empty()) {
            return Vec::new();
        }
        let pulled = chain_links(&run.summaries, deferred, &markers, domains);
        for s in pulled {
            run.keep(s);
        }
        let mut files = run.summaries;
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        callgraph::resolve(&files)
            .into_iter()
            .map(|d| RunHit {
                path: d.path,
                rel_path: d.rel_path,
                text: d.excerpt,
                first_line: d.first_line,
                hit: Hit::at(d.span, d.detail),
            })
            .collect()
    }
}

/// The summaries of the deferred files that may link a decision to an AI call: a file is read
/// when it names a function or attribute a decision depends on, or a function of one of them
/// (its definition, a caller that may review), then its own dependencies are wanted in turn. A
/// file naming none of them adds nothing the call graph could use.
fn chain_links(
    kept: &[flow::FileSummary],
    mut deferred: Vec<Deferred>,
    markers: &[&str],
    domains: &[crate::charter::Domain],
) -> Vec<flow::FileSummary> {
    // Units arrive in walk order, which depends on threads: the graph must not.
    deferred.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    let mut wanted: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    kept.iter().for_each(|s| s.names_into(&mut wanted));
    let mut out: Vec<flow::FileSummary> = Vec::new();
    let mut searched = 0;
    loop {
        // What a call passes is wanted once the function it calls is: each round may add both.
        kept.iter().chain(&out).for_each(|s| s.passed_names_into(&mut wanted));
        if wanted.len() <= searched || deferred.is_empty() {
            break;
        }
        searched = wanted.len();
        let Ok(ac) = aho_corasick::AhoCorasick::new(&wanted) else { break };
        let (hit, rest): (Vec<_>, Vec<_>) = deferred.into_iter().partition(|d| ac.is_match(&d.text));
        deferred = rest;
        for d in hit {
            // The gate found no decision in these files: nothing was reported or suppressed.
            if let Some(s) = flow::summarise(&d.path, &d.rel_path, &d.text, markers, domains, &[], false) {
                s.names_into(&mut wanted);
                out.push(s);
            }
        }
    }
    out
}

/// Whether the file suppresses HITL001 as a whole (an `allow-file` comment naming HITL001 with a reason):
/// its decisions are not kept for the run-level pass, whose excerpt would not show the comment.
fn suppresses_file(text: &str) -> bool {
    text.lines().any(|l| {
        l.split_once("charterlint:").is_some_and(|(_, rest)| {
            let rest = rest.trim_start();
            rest.starts_with("allow-file")
                && rest.contains("--")
                && rest.split([' ', ',', '\t']).any(|w| w == "HITL001" || w == "HITL")
        })
    })
}

/// Emotion recognition or biometric categorisation of people.
#[derive(Debug)]
pub struct EmotionRecognition;

impl Detect for EmotionRecognition {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        emotion::find_in_file(unit.rel_path, unit.text)
            .into_iter()
            .map(|e| Hit {
                severity: (!e.workplace_or_school).then_some(Severity::Warning),
                ..Hit::at(e.span, e.api.to_string())
            })
            .collect()
    }
}

/// A CI job that merges or pushes an AI agent's changes with no review.
#[derive(Debug)]
pub struct AiAutomerge;

impl Detect for AiAutomerge {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        automations(workflow::ci(unit.rel_path, unit.text))
    }
}

/// A no-code workflow that chains an AI node into an action deciding about a person.
#[derive(Debug)]
pub struct NoCodeDecision;

impl Detect for NoCodeDecision {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        automations(workflow::no_code(unit.rel_path, unit.text))
    }
}

fn automations(found: Vec<workflow::Automation>) -> Vec<Hit> {
    found
        .into_iter()
        .map(|a| Hit { labels: vec![(a.ai, "the AI step".into())], ..Hit::at(a.action, a.what) })
        .collect()
}
