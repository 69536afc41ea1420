//! Detectors of decisions about people with no human step (AI calls in code, CI jobs that
//! merge an agent's work, no-code workflows) and of emotion recognition.

use super::{Context, Detect, Hit, Scratch, emotion, oversight, workflow};
use crate::finding::Severity;
use crate::rules::Rule;
use crate::unit::Unit;

/// An AI call whose output decides about a person with no human step.
#[derive(Debug)]
pub struct AiDecision;

impl Detect for AiDecision {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, _: &Scratch) -> Vec<Hit> {
        let markers = cx.charter.review_markers();
        oversight::find(unit.rel_path, unit.text, &markers, &cx.charter.oversight.domains)
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
