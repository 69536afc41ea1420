//! The document-level AI-label check: does a unit show AI provenance, and does it carry an
//! accepted label? Unlike the per-match rules, the answer depends on the whole unit (evidence
//! present AND label absent), so the engine hands the unit's full text here.

use std::ops::Range;

use super::provenance;
pub use super::provenance::{Evidence, EvidenceKind};
use crate::unit::{Unit, UnitKind};

#[path = "label_code.rs"]
mod code;

/// The verdict on one unit that shows AI provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// All evidence, in text order (never empty).
    pub evidence: Vec<Evidence>,
    /// The accepted label found, if any.
    pub label: Option<String>,
}

impl Verdict {
    /// Copy-paste artifacts only (what a labelled document should still lose).
    pub fn artifacts(&self) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(|e| e.kind.is_artifact())
    }
}

/// `None` when the unit shows no AI provenance; the label is only looked for when it does.
pub fn judge(text: &str, accepted: &[&str]) -> Option<Verdict> {
    judge_gated(text, accepted, None)
}

/// [`judge`], told by `gates` whether the provenance literals occur (see [`provenance::find`]).
fn judge_gated(text: &str, accepted: &[&str], gates: Option<(bool, bool)>) -> Option<Verdict> {
    let evidence = provenance::find(text, gates);
    if evidence.is_empty() {
        return None;
    }
    let label = provenance::find_label(text, accepted);
    Some(Verdict { evidence, label })
}

/// Like [`judge`], but a unit of code (not prose, not a document) is read for chat-tool
/// leftovers in its strings and JSX text only: its comments, names and model-voice strings
/// (prompts say "as an AI assistant" on purpose) are no evidence.
pub fn judge_unit(unit: &Unit<'_>, accepted: &[&str], gates: Option<(bool, bool)>) -> Option<Verdict> {
    let k = unit.kinds;
    if !k.contains(UnitKind::Code) || k.contains(UnitKind::Prose) || k.contains(UnitKind::Document) {
        return judge_gated(unit.text, accepted, gates);
    }
    let evidence = code::find(unit);
    if evidence.is_empty() {
        return None;
    }
    let label = provenance::find_label(unit.text, accepted);
    Some(Verdict { evidence, label })
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() + 1
}

/// "ChatGPT `oai_citation` link (and 2 more: … line 7, … line 12)". Without `text` (units
/// extracted from office files and PDFs, whose lines are not the file's) the others are
/// listed without a line.
pub fn describe(text: Option<&str>, first: &Evidence, others: &[&Evidence]) -> String {
    let mut s = first.kind.describe().to_string();
    if first.leaks_upload {
        s.push_str(" that names a file uploaded to the chat tool");
    }
    if others.is_empty() {
        return s;
    }
    let shown: Vec<String> = others
        .iter()
        .take(4)
        .map(|e| match text {
            Some(t) => format!("{} at line {}", short(e.kind), line_of(t, e.span.start)),
            None => short(e.kind).to_string(),
        })
        .collect();
    let more = others.len().saturating_sub(4);
    s.push_str(&format!(" (and {} more: {}", others.len(), shown.join(", ")));
    if more > 0 {
        s.push_str(&format!(", …{more} others"));
    }
    s.push(')');
    s
}

fn short(k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::ContentReference => "contentReference",
        EvidenceKind::OaiCitation => "oai_citation",
        EvidenceKind::CiteTurn => "citeturn",
        EvidenceKind::BrowseCitation => "【†】 citation",
        EvidenceKind::UtmSource => "utm_source",
        EvidenceKind::AttributionJson => "attribution JSON",
        EvidenceKind::CopyCodeResidue => "Copy code residue",
        EvidenceKind::TranscriptLine => "transcript line",
        EvidenceKind::GeminiCite => "Gemini cite",
        EvidenceKind::GeminiSpan => "Gemini span",
        EvidenceKind::CodexTaskLink => "Codex task link",
        EvidenceKind::ModelVoice => "model voice",
        EvidenceKind::ProvenanceKey => "provenance key",
        EvidenceKind::GeneratorTool => "AI generator",
        EvidenceKind::ImageGenerator => "generator parameters",
    }
}

/// Secondary spans for the human output: other evidence inside the excerpt that starts at
/// byte `excerpt_start` and is `excerpt_len` long, relative to the excerpt.
pub fn secondary(
    others: &[&Evidence],
    excerpt_start: usize,
    excerpt_len: usize,
) -> Vec<(Range<usize>, String)> {
    others
        .iter()
        .filter(|e| e.span.start >= excerpt_start && e.span.end <= excerpt_start + excerpt_len)
        .map(|e| (e.span.start - excerpt_start..e.span.end - excerpt_start, short(e.kind).to_string()))
        .collect()
}

/// The accepted phrases for a help text: the charter's own first, then a few built-ins.
pub fn help_phrases(charter_own: &[String], all: &[&str]) -> String {
    let mut shown: Vec<&str> = charter_own.iter().map(String::as_str).collect();
    for p in all {
        if shown.len() >= charter_own.len() + 5 {
            break;
        }
        if !shown.iter().any(|s| s.eq_ignore_ascii_case(p)) && !p.contains('’') {
            shown.push(p);
        }
    }
    let rest = all.len().saturating_sub(shown.len());
    let mut s = shown.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ");
    if rest > 0 {
        s.push_str(&format!(" and {rest} more (`charterlint charter check` lists them)"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_evidence_and_label_together() {
        let accepted = ["AI-generated", "Généré par l'IA"];
        assert_eq!(judge("A plain memo.\n", &accepted), None);
        let v = judge("Summary :contentReference[oaicite:0]{index=0}\n", &accepted);
        assert!(v.as_ref().is_some_and(|v| v.label.is_none() && v.evidence.len() == 1));
        let v = judge("*Généré par l’IA*\n\nSummary :contentReference[oaicite:0]{index=0}\n", &accepted);
        assert_eq!(v.and_then(|v| v.label).as_deref(), Some("Généré par l'IA"));
    }

    #[test]
    fn describes_the_first_and_lists_the_others() {
        let text = "a :contentReference[oaicite:0]{index=0}\nb\nc 【4:0†source】\nd [cite: 3]\n";
        let v = judge(text, &[]).unwrap_or_else(|| unreachable!());
        let others: Vec<&Evidence> = v.evidence[1..].iter().collect();
        let d = describe(Some(text), &v.evidence[0], &others);
        let plain = describe(None, &v.evidence[0], &others);
        assert!(plain.contains("(and 2 more: 【†】 citation, Gemini cite)"), "{plain}");
        assert!(d.starts_with("ChatGPT `contentReference`"), "{d}");
        assert!(
            d.contains("and 2 more") && d.contains("line 3") && d.contains("Gemini cite at line 4"),
            "{d}"
        );
        let sec = secondary(&others, 0, text.len());
        assert_eq!(sec.len(), 2);
        assert_eq!(&text[sec[0].0.clone()], "【4:0†source】");
    }

    #[test]
    fn help_names_the_charter_phrases_first() {
        let own = vec!["Rédigé par un robot".to_string()];
        let h = help_phrases(
            &own,
            &["AI-generated", "Généré par l’IA", "Généré par l'IA", "Rédigé par un robot"],
        );
        assert!(h.starts_with("\"Rédigé par un robot\", \"AI-generated\""), "{h}");
        assert!(!h.contains('’'));
    }
}
