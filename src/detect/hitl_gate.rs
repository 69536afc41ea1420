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

/// Whether a line holds a match of the patterns a summary takes its decision sites from.
fn has_decision_line(line: &str) -> bool {
    decision_patterns().iter().any(|r| r.is_match(line))
}

/// Whether a file decides: a line a summary could take a decision site from. A file without
/// one decides nothing: its summary matters only as a link of a chain, and it is the same
/// whatever the per-file pass reported or the file suppressed (both only concern decision
/// lines).
pub fn decides(text: &str) -> bool {
    gate(text, has_decision_line)
}

/// The words seen on one line.
#[derive(Default, Clone, Copy)]
struct Line {
    decision: bool,
    status: bool,
    noun: bool,
}

/// Whether some line of `text` may hold a decision about a person and passes `check`.
///
/// A summary's decision site is a line with a decision verb or status and a person noun (a
/// call `reject_candidate(…)`, `candidate.status = "rejected"`, `rejected_cvs = …`), or a line
/// setting a status to a decision in a file that names a person (`estado_id = 2  # Rechazado`
/// in a loop over applicants, `Candidate(\n    shortlisted=…`): only such lines are checked,
/// each once. Words match in any case, inside identifiers, as the decision patterns do; a MIME
/// type (`application/json`) names nobody.
fn gate(text: &str, mut check: impl FnMut(&str) -> bool) -> bool {
    let Some(ac) = WORDS.as_ref() else { return check(text) };
    let bytes = text.as_bytes();
    let (mut line, mut scanned) = (Line::default(), 0usize);
    // The current line's start, and whether it was checked already.
    let (mut start, mut checked) = (0usize, false);
    let mut file_noun = false;
    // Lines with a status, checked once the file names a person.
    let mut status_lines: Vec<usize> = Vec::new();
    let line_at = |start: usize| {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        &text[start..end]
    };
    // Matches come in text order (by start or by end) and no word holds a newline: the line of
    // a match is the one its end lies in, and lines come in order.
    for m in ac.overlapping(text) {
        if let Some(nl) = bytes.get(scanned..m.end()).and_then(|b| memchr::memrchr(b'\n', b)) {
            (line, start, checked) = (Line::default(), scanned + nl + 1, false);
        }
        scanned = scanned.max(m.end());
        match word(m.pattern().as_usize()) {
            Word::Verb => line.decision = true,
            Word::Status => (line.decision, line.status) = (true, true),
            Word::Field => {}
            Word::Noun
                if bytes.get(m.end()) != Some(&b'/')
                    && super::vocabulary::names_person(bytes, m.start(), m.end(), None) =>
            {
                line.noun = true
            }
            Word::Noun => {}
        }
        if line.noun && !file_noun {
            file_noun = true;
            // The current line may be among them: it is not checked again below.
            checked |= status_lines.last() == Some(&start);
            if status_lines.drain(..).any(|s| check(line_at(s))) {
                return true;
            }
        }
        let may = (line.decision && line.noun) || (line.status && file_noun);
        if may && !checked {
            checked = true;
            if check(line_at(start)) {
                return true;
            }
        } else if line.status && !file_noun && status_lines.last() != Some(&start) {
            status_lines.push(start);
        }
    }
    false
}

/// Whether `text` may hold a decision about a person, whatever its lines match.
#[cfg(test)]
fn may_decide(text: &str) -> bool {
    gate(text, |_| true)
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
    fn a_file_decides_only_where_a_decision_line_holds_the_words() {
        // A test named after what the code rejects, a status in a docstring, workers elsewhere:
        // no line both matches a decision pattern and may decide about a person.
        let tests = "def test_x509_rejects_bad_keys() -> None:\n    \"\"\"The exchange refuses them.\"\"\"\n\nwith Pool(max_workers=2) as p:\n    p.map(f, xs)\n";
        assert!(may_decide(tests), "the words are there: a status, a person");
        assert!(!decides(tests));
        // A status set before the file names anybody, and after.
        assert!(decides("row.estado_id = 2  # Rechazado\nfor a in applicants:\n    pass\n"));
        assert!(decides("for a in applicants:\n    pass\nrow.estado_id = 2  # Rechazado\n"));
        assert!(decides("Candidate(\n    shortlisted=score >= 80,\n)\n"));
        assert!(!decides("for a in applicants:\n    pass\nstatus = 'ok'\n"));
    }

    /// Every file a summary finds a decision site in passes the gate: random files of lines
    /// that decide, name people, set statuses or only hold the words.
    #[test]
    fn the_gate_keeps_every_file_a_summary_takes_a_decision_from() {
        let pool = [
            "def screen(candidate):\n",
            "    reject_candidate(candidate)\n",
            "    candidate.status = 'rejected'\n",
            "    rejected_resumes = ranked[5:]\n",
            "    row.estado_id = 2  # Rechazado\n",
            "    return Candidate(\n        shortlisted=score >= 80,\n    )\n",
            "def test_rejects_untrusted_module(self):\n",
            "    with ThreadPoolExecutor(max_workers=4) as ex:\n",
            "    approved_tree: str | None = None,\n",
            "    ranker = Ranker(chat_generator=gen)\n",
            "    for applicant in applicants:\n",
            "    # a recruiter may reject a candidate\n",
            "    print(x)\n",
            "def refuse(promise):\n    promise.cancel()\n",
            "    decision = llm.invoke(prompt)\n",
        ];
        let mut rng = crate::test_rng::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let (mut kept, mut decided) = (0, 0);
        for _ in 0..3000 {
            let n = 1 + (rng.next_u64() % 8) as usize;
            let text: String = (0..n).map(|_| pool[(rng.next_u64() % pool.len() as u64) as usize]).collect();
            let summary =
                flow::summarise("a.py", "a.py", &text, &[], &crate::charter::Domain::ALL, &[], false);
            let sites = summary.map_or(0, |s| s.sites.len());
            if sites > 0 {
                decided += 1;
                assert!(decides(&text), "a summary takes a decision from:\n{text}");
            }
            kept += usize::from(decides(&text));
        }
        assert!(decided > 300, "the files decide often enough to test the gate: {decided}");
        assert!(kept < 3000, "and the gate keeps out some: {kept}");
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
