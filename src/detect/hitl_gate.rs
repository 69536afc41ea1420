//! The cheap test that keeps the repository-wide HITL001 pass from costing anything on files
//! that cannot hold a decision: one Aho-Corasick pass for the decision vocabulary (verbs and
//! statuses) and the person nouns. Every decision the pass reports is a line holding a verb or a
//! status and a person noun in code ([`super::oversight::decisions`], [`super::flow`]), so a file
//! without both words has no decision; its summary matters only as a link of a chain, and only
//! when some file of the run does decide.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::vocabulary::{NOUNS, STATUSES, VERBS};

/// Pattern ids below this are decision words; the others are person nouns.
static SPLIT: LazyLock<usize> = LazyLock::new(|| VERBS.len() + STATUSES.len());

static WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let words = VERBS.iter().chain(STATUSES).chain(NOUNS.iter().map(|(n, _)| n));
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(words)
        .ok()
});

/// Whether `text` holds both a decision word and a person noun, in any case, anywhere: a
/// superset of the files where a decision about a person can be found.
pub fn may_decide(text: &str) -> bool {
    let Some(ac) = WORDS.as_ref() else { return true };
    let (mut decision, mut noun) = (false, false);
    for m in ac.find_overlapping_iter(text) {
        if m.pattern().as_usize() < *SPLIT {
            decision = true;
        } else {
            noun = true;
        }
        if decision && noun {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_a_decision_word_and_a_person_are_needed() {
        assert!(may_decide("def f(c):\n    reject_candidate(c)\n"));
        assert!(may_decide("postulacion.estado_id = 2  # Rechazado\n"));
        assert!(may_decide("if s < 50:\n    BEWERBER_ABLEHNEN(b)\n"));
        // A decision word with nobody to decide about, or a person with no decision.
        assert!(!may_decide("def reject(promise):\n    promise.cancel()\n"));
        assert!(!may_decide("for candidate in candidates:\n    print(candidate)\n"));
        assert!(!may_decide(""));
    }

    #[test]
    fn every_decision_the_detectors_see_passes_the_gate() {
        let decisions = [
            "reject_candidate(c)",
            "candidate.status = 'rejected'",
            "rejected_resumes = ranked[5:]",
            "postulacion.estado_id = 2  # Rechazado",
            "Bewerber.status = 'abgelehnt'",
            "studente.esito = 'respinto'",
            "aluno.situacao = 'reprovado'",
            "await denyLoan(borrower)",
        ];
        for d in decisions {
            let found = super::super::oversight::decisions(d, 0, d.len());
            let summary = super::super::flow::summarise(
                "a.py",
                "a.py",
                d,
                &[],
                &crate::charter::Domain::ALL,
                &[],
                false,
            );
            let sites = summary.map_or(0, |s| s.sites.len());
            assert!(!found.is_empty() || sites > 0, "{d}: not a decision");
            assert!(may_decide(d), "{d}");
        }
    }
}
