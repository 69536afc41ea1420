//! The engine side of the document-level AI-label rules: a unit is judged whole (evidence present
//! AND label absent), the finding points at the first piece of evidence, lists the others, and
//! its help names the accepted phrases. Inside `labels.required_in` an unlabelled document is an
//! error.

use std::sync::OnceLock;

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::{Engine, Hit, Unit};
use crate::detect::{commit, label};
use crate::finding::{self, Finding, Severity};
use crate::inputs::kind::FileKind;
use crate::rules::{CompiledRule, Detector};

/// The charter's `labels.required_in` globs (already validated by the charter loader).
pub(super) fn required_globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("labels.required_in `{p}`: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

impl Engine {
    /// Whether the charter requires AI content at this path to be labelled.
    pub fn label_required(&self, rel_path: &str) -> bool {
        self.label_required.is_match(rel_path)
    }

    fn verdict(&self, unit: &Unit<'_>) -> Option<label::Verdict> {
        label::judge(unit.text, &self.charter.accepted_labels())
    }

    /// `verdict` is shared by the label rules that read the same unit, so the unit is judged
    /// once.
    pub(super) fn label_hits(
        &self,
        detector: Detector,
        unit: &Unit<'_>,
        verdict: &OnceLock<Option<label::Verdict>>,
    ) -> Vec<Hit> {
        if detector == Detector::AiCommitUndisclosed {
            return self.commit_hits(unit);
        }
        // Files that instruct an AI (assistant rules, prompt templates) are not its output.
        if unit.kinds.contains(FileKind::Assistant) || unit.kinds.contains(FileKind::PromptTemplate) {
            return Vec::new();
        }
        let is_image = unit.kinds.contains(FileKind::Image);
        let wanted = match detector {
            Detector::AiImageUnmarked => is_image && self.label_required(unit.rel_path),
            _ => !is_image,
        };
        if !wanted {
            return Vec::new();
        }
        let Some(v) = verdict.get_or_init(|| self.verdict(unit)) else { return Vec::new() };
        let (first, others): (&label::Evidence, Vec<&label::Evidence>) = match detector {
            Detector::AiUnlabelled | Detector::AiImageUnmarked if v.label.is_none() => {
                (&v.evidence[0], v.evidence[1..].iter().collect())
            }
            Detector::AiArtifactLabelled if v.label.is_some() => {
                let mut arts = v.artifacts();
                let Some(first) = arts.next() else { return Vec::new() };
                (first, arts.collect())
            }
            _ => return Vec::new(),
        };
        let located = !unit.kinds.contains(FileKind::Document) && !is_image;
        let mut detail = label::describe(located.then_some(unit.text), first, &others);
        if detector == Detector::AiArtifactLabelled {
            let leaks = std::iter::once(first).chain(others.iter().copied()).any(|e| e.leaks_upload);
            if leaks && !first.leaks_upload {
                detail.push_str("; one names a file uploaded to the chat tool");
            }
        }
        vec![Hit { span: first.span.clone(), service: None, detail, ..Hit::default() }]
    }

    /// Severity by `labels.required_in`, secondary spans for the other evidence, and the
    /// accepted phrases in the help.
    pub(super) fn label_finding(&self, rule: &CompiledRule, unit: &Unit<'_>, f: &mut Finding) {
        let detector = rule.detector;
        if detector == Some(Detector::AiCommitUndisclosed) {
            if let Some(t) = &self.charter.labels.commit_trailer {
                f.help.push_str(&format!("\nthe charter asks for the trailer `{t}: <tool and model>`"));
            }
            return;
        }
        if detector == Some(Detector::AiUnlabelled)
            && self.label_required(unit.rel_path)
            && self.charter.severity_override(&rule.rule.id).is_none()
        {
            f.severity = Severity::Error;
            f.message.push_str(" (labels are required here by the charter)");
        }
        if detector != Some(Detector::AiArtifactLabelled) {
            let phrases = label::help_phrases(&self.charter.labels.accepted, &self.charter.accepted_labels());
            f.help.push_str(&format!("\naccepted labels: {phrases}"));
        }
        let (Some(v), Some(ex)) = (self.verdict(unit), f.excerpt.as_mut()) else { return };
        let others: Vec<&label::Evidence> = match detector {
            Some(Detector::AiArtifactLabelled) => v.artifacts().skip(1).collect(),
            _ => v.evidence.iter().skip(1).collect(),
        };
        let start = line_start(unit.text, ex.first_line);
        if unit.text.get(start..start + ex.text.len()) != Some(ex.text.as_str()) {
            return; // the excerpt was clamped around a long line; leave it unlabelled
        }
        for (span, text) in label::secondary(&others, start, ex.text.len()) {
            ex.labels.push(finding::Label { span, text });
        }
    }
}

impl Engine {
    /// AI use in a commit message without the charter's disclosure trailer.
    fn commit_hits(&self, unit: &Unit<'_>) -> Vec<Hit> {
        let Some(trailer) = self.charter.labels.commit_trailer.as_deref() else { return Vec::new() };
        if !unit.kinds.contains(FileKind::CommitMessage) || commit::has_trailer(unit.text, trailer) {
            return Vec::new();
        }
        let mentions = commit::mentions(unit.text);
        let Some(first) = mentions.first() else { return Vec::new() };
        let mut detail = first.what.clone();
        if mentions.len() > 1 {
            let s = if mentions.len() == 2 { "" } else { "s" };
            detail.push_str(&format!(" (and {} more sign{s} of AI use)", mentions.len() - 1));
        }
        detail.push_str(&format!(" but no `{trailer}:` trailer"));
        vec![Hit { span: first.span.clone(), service: None, detail, ..Hit::default() }]
    }
}

/// Byte offset where the 1-based `line` starts.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    memchr::memchr_iter(b'\n', text.as_bytes()).nth(line - 2).map_or(text.len(), |i| i + 1)
}
