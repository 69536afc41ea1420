//! The cheap test that keeps the repository-wide HITL001 pass from costing anything on files
//! that cannot hold a decision: one Aho-Corasick pass for the decision vocabulary and the person
//! nouns, then, on the files that pass, the decision patterns a summary takes its sites from
//! (without a match, no site: the parse is left for the end of the run). Every decision the
//! pass reports is a line holding a verb or a status and a person noun in code, or a status
//! field set to a decision in a function that names a person ([`super::oversight::decisions`],
//! [`super::flow`]); a file with no such line decides nothing, and its summary matters only as
//! a link of a chain, when some file of the run does.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::Literals;

use super::vocabulary::{NOUNS, STATUS_FIELDS, STATUSES, VERBS};
use super::{flow, oversight};

/// What a vocabulary word is, by pattern id: the patterns are verbs, then statuses, then
/// status fields, then nouns.
#[derive(Clone, Copy)]
enum Word {
    Verb,
    Status,
    Field,
    Noun,
}

fn word(id: usize) -> Word {
    let (v, s, f) = (VERBS.len(), STATUSES.len(), STATUS_FIELDS.len());
    if id < v {
        Word::Verb
    } else if id < v + s {
        Word::Status
    } else if id < v + s + f {
        Word::Field
    } else {
        Word::Noun
    }
}

static WORDS: LazyLock<Option<Literals>> = LazyLock::new(|| {
    Literals::new(VERBS.iter().chain(STATUSES).chain(STATUS_FIELDS).chain(NOUNS.iter().map(|(n, _)| n))).ok()
});

/// The patterns whose matches are the only lines a summary ([`super::flow::summarise`]) takes
/// decision sites from.
pub(super) fn decision_patterns() -> [&'static Regex; 5] {
    [
        &*oversight::DECISION_CALL,
        &*oversight::DECISION_STATUS,
        &*flow::DECISION_ASSIGN,
        &*flow::STATUS_SET,
        &*flow::KWARG_DECISION,
    ]
}

/// Whether `text` has a line a summary could take a decision site from. A file without one
/// decides nothing: its summary matters only as a link of a chain, and it is the same whatever
/// the per-file pass reported or the file suppressed (both only concern decision lines).
fn has_decision_line(text: &str) -> bool {
    decision_patterns().iter().any(|r| r.is_match(text))
}

/// Whether a file decides: the vocabulary gate, then the decision patterns.
pub fn decides(text: &str) -> bool {
    may_decide(text) && has_decision_line(text)
}

/// The words seen on one line.
#[derive(Default, Clone, Copy)]
struct Line {
    decision: bool,
    status: bool,
    field: bool,
    noun: bool,
}

/// Whether `text` may hold a decision about a person: a line with a decision verb or status
/// and a person noun (a call `reject_candidate(…)`, `candidate.status = "rejected"`,
/// `rejected_cvs = …`), or a line setting a status field to a decision in a file that names a
/// person (`estado_id = 2  # Rechazado` in a loop over applicants). Words match in any case,
/// inside identifiers, as the decision patterns do; a MIME type (`application/json`) names
/// nobody.
fn may_decide(text: &str) -> bool {
    let Some(ac) = WORDS.as_ref() else { return true };
    let bytes = text.as_bytes();
    let (mut line, mut scanned) = (Line::default(), 0usize);
    let (mut file_noun, mut field_line) = (false, false);
    // Matches come in text order (by start or by end) and no word holds a newline: the line of
    // a match is the one its end lies in, and lines come in order.
    for m in ac.overlapping(text) {
        if bytes.get(scanned..m.end()).is_some_and(|b| b.contains(&b'\n')) {
            line = Line::default();
        }
        scanned = scanned.max(m.end());
        match word(m.pattern().as_usize()) {
            Word::Verb => line.decision = true,
            Word::Status => (line.decision, line.status) = (true, true),
            Word::Field => line.field = true,
            Word::Noun
                if bytes.get(m.end()) != Some(&b'/')
                    && super::vocabulary::names_person(bytes, m.start(), m.end(), None) =>
            {
                line.noun = true
            }
            Word::Noun => {}
        }
        file_noun |= line.noun;
        // A status set (`shortlisted=score >= 80`, `estado_id = 2  # Rechazado`) may take its
        // person from the function around it.
        field_line |= line.status;
        if (line.decision && line.noun) || (file_noun && field_line) {
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
        // Not on one line.
        assert!(!may_decide("candidate = pick()\nreject(promise)\n"));
        assert!(may_decide("Candidate(\n    shortlisted=score >= 80,\n)\n"));
        // A status set in a file that names a person elsewhere; a MIME type is nobody.
        assert!(may_decide("for a in applicants:\n    a.estado_id = 2  # Rechazado\n"));
        assert!(!may_decide("headers = {'Accept': 'application/json'}\n"));
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
            let found = oversight::decisions(d, 0, d.len());
            let summary = flow::summarise("a.py", "a.py", d, &[], &crate::charter::Domain::ALL, &[], false);
            let sites = summary.map_or(0, |s| s.sites.len());
            assert!(!found.is_empty() || sites > 0, "{d}: not a decision");
            assert!(may_decide(d), "{d}");
            assert!(has_decision_line(d), "{d}: a summary takes its sites from these lines");
        }
        // Vocabulary alone is not a decision line: such a file is summarised only as a link.
        let words = "# a recruiter, not this code, may reject a candidate\nprint(candidate.name)\n";
        assert!(may_decide(words) && !has_decision_line(words));
    }
}
