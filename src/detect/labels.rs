//! The document-level AI-label detectors: a unit is judged whole (evidence present AND label
//! absent), the hit points at the first piece of evidence and notes the others, and its help
//! names the accepted phrases. Inside `labels.required_in` an unlabelled document is an error.

use super::{Context, Detect, Hit, Scratch, commit, label};
use crate::finding::Severity;
use crate::rules::Rule;
use crate::unit::{Unit, UnitKind};

/// Which judgement of a document the detector reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// AI provenance evidence in a document that carries no accepted AI label.
    Unlabelled,
    /// Chat-tool copy-paste artifacts left in a document that is labelled.
    ArtifactLabelled,
    /// An AI-generated image with no IPTC/C2PA marking, in a `labels.required_in` path.
    ImageUnmarked,
}

#[derive(Debug)]
pub struct Labels(pub Judged);

impl Detect for Labels {
    fn hits(&self, rule: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        // Files that instruct an AI (assistant rules, prompt templates) are not its output.
        if unit.kinds.contains(UnitKind::Assistant) || unit.kinds.contains(UnitKind::PromptTemplate) {
            return Vec::new();
        }
        let is_image = unit.kinds.contains(UnitKind::Image);
        let wanted = match self.0 {
            Judged::ImageUnmarked => is_image && cx.label_required(unit.rel_path),
            _ => !is_image,
        };
        if !wanted {
            return Vec::new();
        }
        // Shared by the label rules that read the same unit, so the unit is judged once.
        let verdict = scratch
            .verdict
            .get_or_init(|| label::judge_unit(unit, &cx.charter.accepted_labels(), scratch.provenance_seen));
        let Some(v) = verdict else { return Vec::new() };
        let (first, others): (&label::Evidence, Vec<&label::Evidence>) = match self.0 {
            Judged::Unlabelled | Judged::ImageUnmarked if v.label.is_none() => {
                (&v.evidence[0], v.evidence[1..].iter().collect())
            }
            Judged::ArtifactLabelled if v.label.is_some() => {
                let mut arts = v.artifacts();
                let Some(first) = arts.next() else { return Vec::new() };
                (first, arts.collect())
            }
            _ => return Vec::new(),
        };
        let located = !unit.kinds.contains(UnitKind::Document) && !is_image;
        let mut detail = label::describe(located.then_some(unit.text), first, &others);
        if self.0 == Judged::ArtifactLabelled {
            let leaks = std::iter::once(first).chain(others.iter().copied()).any(|e| e.leaks_upload);
            if leaks && !first.leaks_upload {
                detail.push_str("; one names a file uploaded to the chat tool");
            }
        }
        let mut hit = Hit::at(first.span.clone(), detail);
        hit.notes = label::secondary(&others, 0, unit.text.len());
        if self.0 == Judged::Unlabelled
            && cx.label_required(unit.rel_path)
            && cx.charter.severity_override(&rule.id).is_none()
        {
            hit.severity = Some(Severity::Error);
            hit.suffix = " (labels are required here by the charter)".into();
        }
        if self.0 != Judged::ArtifactLabelled {
            let phrases = label::help_phrases(&cx.charter.labels.accepted, &cx.charter.accepted_labels());
            hit.help = format!("accepted labels: {phrases}");
        }
        vec![hit]
    }
}

/// A commit message that shows AI use without the charter's `labels.commit_trailer`.
#[derive(Debug)]
pub struct CommitUndisclosed;

impl Detect for CommitUndisclosed {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, _: &Scratch) -> Vec<Hit> {
        let Some(trailer) = cx.charter.labels.commit_trailer.as_deref() else { return Vec::new() };
        if !unit.kinds.contains(UnitKind::CommitMessage) || commit::has_trailer(unit.text, trailer) {
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
        let mut hit = Hit::at(first.span.clone(), detail);
        hit.help = format!("the charter asks for the trailer `{trailer}: <tool and model>`");
        vec![hit]
    }
}
