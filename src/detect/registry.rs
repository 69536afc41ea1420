//! The detectors rules can name in `matcher.detector`. A new detector is one file and one
//! row here.

use super::Detect;
use super::ai_service::{AiDependency, AiEnvVar, AiHost, AiKey, AssistantFile};
use super::audit::RecordFact;
use super::confidential::{ConfidentialMarker, PastedCode, PersonalData, PromptWithPersonalData, Secret};
use super::decisions::{AiAutomerge, AiDecision, EmotionRecognition, NoCodeDecision};
use super::delegation::Delegation;
use super::hidden::Hidden;
use super::labels::{CommitUndisclosed, Judged, Labels};
use super::network::NetworkUse;
use super::override_phrase::OverridePhrase;
use super::sdk_use::AiSdkUse;
use super::unicode::HiddenKind;
use crate::unit::FactKind;

type Make = fn() -> Box<dyn Detect>;

/// Every detector, by the name rules use.
pub const DETECTORS: &[(&str, Make)] = &[
    ("ai-dependency", || Box::new(AiDependency)),
    ("ai-host", || Box::new(AiHost)),
    ("ai-key", || Box::new(AiKey)),
    ("ai-env-var", || Box::new(AiEnvVar)),
    ("ai-sdk-use", || Box::new(AiSdkUse)),
    ("assistant-file", || Box::new(AssistantFile)),
    ("hidden-tags", || Box::new(Hidden(HiddenKind::Tags))),
    ("bidi-control", || Box::new(Hidden(HiddenKind::Bidi))),
    ("invisible-run", || Box::new(Hidden(HiddenKind::Invisible))),
    ("ai-decision", || Box::new(AiDecision::default())),
    ("emotion-recognition", || Box::new(EmotionRecognition)),
    ("ai-automerge", || Box::new(AiAutomerge)),
    ("instruction-override", || Box::new(OverridePhrase)),
    ("no-code-decision", || Box::new(NoCodeDecision)),
    ("delegation", || Box::new(Delegation)),
    ("ai-unlabelled", || Box::new(Labels(Judged::Unlabelled))),
    ("ai-artifact-labelled", || Box::new(Labels(Judged::ArtifactLabelled))),
    ("ai-image-unmarked", || Box::new(Labels(Judged::ImageUnmarked))),
    ("ai-commit-undisclosed", || Box::new(CommitUndisclosed)),
    ("secret", || Box::new(Secret)),
    ("personal-data", || Box::new(PersonalData)),
    ("confidential-marker", || Box::new(ConfidentialMarker)),
    ("pasted-code", || Box::new(PastedCode)),
    ("prompt-with-personal-data", || Box::new(PromptWithPersonalData)),
    ("labelled-resource", || Box::new(RecordFact(FactKind::LabelledResource))),
    ("injection-detected", || Box::new(RecordFact(FactKind::InjectionDetected))),
    ("network-use", || Box::new(NetworkUse(FactKind::NetworkUse))),
    ("network-attempt", || Box::new(NetworkUse(FactKind::NetworkAttempt))),
];

/// The detector a rule names, if there is one by that name.
pub fn build(name: &str) -> Option<Box<dyn Detect>> {
    DETECTORS.iter().find(|(n, _)| *n == name).map(|(_, make)| make())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut names: Vec<&str> = DETECTORS.iter().map(|(n, _)| *n).collect();
        assert!(names.iter().all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DETECTORS.len());
        assert!(build("ai-host").is_some());
        assert!(build("ai-hosts").is_none());
    }

    #[test]
    fn every_rule_of_the_pack_names_a_known_detector() {
        let rules = crate::rules::embedded().unwrap_or_else(|e| panic!("{e}"));
        for r in &rules {
            if let Some(d) = &r.matcher.detector {
                assert!(build(d).is_some(), "{}: unknown detector {d}", r.id);
            }
        }
    }
}
