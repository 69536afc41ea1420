//! The words of decisions about people, in English, French, Spanish, German, Italian and
//! Portuguese: decision verbs, the statuses they set, the fields that hold a status, and the
//! nouns for the people decided about, with the EU AI Act Annex III domain each belongs to.
//! Identifiers are matched in ASCII lower case, so accented words are listed without accents
//! (`rejete`, `abgelehnt`, `kuendig`), as code spells them.

use crate::charter::Domain;

/// Stems of verbs that decide about a person. A stem matches inside an identifier
/// (`reject_candidate`, `rechazarPostulante`), so ambiguous stems are spelled longer:
/// `contrata` (not `contract`), `einstellen` (not `Einstellungen`), `assumere` (not `assume`).
pub const VERBS: &[&str] = &[
    // English
    "reject",
    "approv",
    "hire",
    "hiring",
    "dismiss",
    "deny",
    "denie",
    "declin",
    "refus",
    "fire",
    "terminat",
    "shortlist",
    "disqualif",
    "rank",
    "accept",
    "admit",
    "expel",
    "evict",
    // French
    "rejet",
    "embauch",
    "licenci",
    "recrut",
    "ecart",
    "renvo",
    // Spanish
    "rechaz",
    "descart",
    "contrata",
    "despid",
    "desped",
    "aprobar",
    "admitir",
    "denegar",
    // German
    "ablehn",
    "abgelehnt",
    "einstellen",
    "eingestellt",
    "kuendig",
    "entlass",
    "genehmig",
    "zulass",
    "absage",
    // Italian
    "rifiut",
    "respin",
    "scartar",
    "assumere",
    "assunt",
    "licenzi",
    "approva",
    "ammett",
    "bocci",
    // Portuguese
    "rejeit",
    "recus",
    "demit",
    "aprova",
    "reprov",
];

/// Statuses a decision sets (`status = "rejected"`, `estado_id = 2  # Rechazado`).
pub const STATUSES: &[&str] = &[
    // English
    "rejected",
    "hired",
    "approved",
    "denied",
    "declined",
    "refused",
    "accepted",
    "admitted",
    "shortlisted",
    "disqualified",
    "dismissed",
    "terminated",
    "not_selected",
    // French
    "rejete",
    "rejetee",
    "refuse",
    "refusee",
    "accepte",
    "acceptee",
    "retenu",
    "retenue",
    "embauche",
    "ecarte",
    "ecartee",
    // Spanish
    "rechazado",
    "rechazada",
    "aprobado",
    "aprobada",
    "aceptado",
    "aceptada",
    "contratado",
    "contratada",
    "descartado",
    "descartada",
    "denegado",
    "denegada",
    "no_apto",
    "no_apta",
    // German
    "abgelehnt",
    "angenommen",
    "eingestellt",
    "genehmigt",
    "zugelassen",
    "gekuendigt",
    // Italian
    "respinto",
    "respinta",
    "rifiutato",
    "rifiutata",
    "scartato",
    "scartata",
    "approvato",
    "approvata",
    "assunto",
    "assunta",
    "accettato",
    "accettata",
    "ammesso",
    "ammessa",
    // Portuguese
    "rejeitado",
    "rejeitada",
    "recusado",
    "recusada",
    "aprovado",
    "aprovada",
    "contratado",
    "aceito",
    "aceita",
    "reprovado",
    "reprovada",
];

/// Fields that hold a person's status or a decision.
pub const STATUS_FIELDS: &[&str] = &[
    "status",
    "decision",
    "state",
    "outcome",
    "verdict",
    "statut",
    "etat",
    "estado",
    "estatus",
    "decision",
    "resultado",
    "zustand",
    "entscheidung",
    "stato",
    "esito",
    "situacao",
    "decisao",
];

/// People a decision is about, with their domain.
pub const NOUNS: &[(&str, Domain)] = &[
    // Employment (every language)
    ("candidate", Domain::Employment),
    ("applicant", Domain::Employment),
    ("application", Domain::Employment),
    ("employee", Domain::Employment),
    ("staff", Domain::Employment),
    ("worker", Domain::Employment),
    ("resume", Domain::Employment),
    ("cv", Domain::Employment),
    ("candidat", Domain::Employment),
    ("candidature", Domain::Employment),
    ("salarie", Domain::Employment),
    ("employe", Domain::Employment),
    ("dossier", Domain::Employment),
    ("postulante", Domain::Employment),
    ("postulacion", Domain::Employment),
    ("solicitante", Domain::Employment),
    ("aspirante", Domain::Employment),
    ("empleado", Domain::Employment),
    ("trabajador", Domain::Employment),
    ("curriculum", Domain::Employment),
    ("bewerber", Domain::Employment),
    ("bewerbung", Domain::Employment),
    ("kandidat", Domain::Employment),
    ("mitarbeiter", Domain::Employment),
    ("arbeitnehmer", Domain::Employment),
    ("lebenslauf", Domain::Employment),
    ("dipendente", Domain::Employment),
    ("lavoratore", Domain::Employment),
    ("funcionario", Domain::Employment),
    ("colaborador", Domain::Employment),
    ("curriculo", Domain::Employment),
    // Education
    ("student", Domain::Education),
    ("pupil", Domain::Education),
    ("etudiant", Domain::Education),
    ("eleve", Domain::Education),
    ("estudiante", Domain::Education),
    ("alumno", Domain::Education),
    ("schueler", Domain::Education),
    ("studente", Domain::Education),
    ("alunno", Domain::Education),
    ("estudante", Domain::Education),
    ("aluno", Domain::Education),
    // Credit
    ("borrower", Domain::Credit),
    ("loan", Domain::Credit),
    ("credit", Domain::Credit),
    ("emprunteur", Domain::Credit),
    ("pret", Domain::Credit),
    ("prestatario", Domain::Credit),
    ("prestamo", Domain::Credit),
    ("kreditnehmer", Domain::Credit),
    ("mutuatario", Domain::Credit),
    ("prestito", Domain::Credit),
    ("emprestimo", Domain::Credit),
    // Essential services
    ("tenant", Domain::EssentialServices),
    ("patient", Domain::EssentialServices),
    ("locataire", Domain::EssentialServices),
    ("inquilino", Domain::EssentialServices),
    ("paciente", Domain::EssentialServices),
    ("mieter", Domain::EssentialServices),
    ("paziente", Domain::EssentialServices),
    // Migration, justice
    ("visa", Domain::Migration),
    ("asylum", Domain::Migration),
    ("defendant", Domain::Justice),
    ("parole", Domain::Justice),
];

/// `a|b|c`, longest first so that alternation prefers `candidature` to `candidat`.
pub fn alternation(words: impl IntoIterator<Item = &'static str>) -> String {
    let mut v: Vec<&str> = words.into_iter().collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v.join("|")
}

pub fn verbs() -> String {
    alternation(VERBS.iter().copied())
}

pub fn statuses() -> String {
    alternation(STATUSES.iter().copied())
}

pub fn status_fields() -> String {
    alternation(STATUS_FIELDS.iter().copied())
}

pub fn nouns() -> String {
    alternation(NOUNS.iter().map(|(n, _)| *n))
}

/// Nouns that are also common pieces of other words (`cv` in `recv` and `cv2`, `pret` in
/// `interpreter` and `from_pretrained`): a person only as a word of their own in an identifier.
pub const WORD_ONLY: &[&str] = &["cv", "pret"];

/// Whether the noun at `start..end` of `text` names a person: always, unless it is one of
/// [`WORD_ONLY`] inside another word. A word begins after a character that is not a letter or
/// a digit, or at a lower-to-upper case change (`rejectedCv`), and ends likewise, after an
/// optional plural `s` (`cv_score`, `CVs`, `montant_pret`, `pretImmobilier`). `before` is the
/// character before `text` when `text` is cut out of a larger one.
pub fn names_person(text: &[u8], start: usize, end: usize, before: Option<u8>) -> bool {
    let word = &text[start..end];
    if !WORD_ONLY.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(word)) {
        return true;
    }
    let prev = if start == 0 { before } else { Some(text[start - 1]) };
    let begins = prev.is_none_or(|p| {
        !p.is_ascii_alphanumeric() || (p.is_ascii_lowercase() && word[0].is_ascii_uppercase())
    });
    let ends_at = |e: usize| {
        text.get(e).is_none_or(|&c| {
            !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && text[e - 1].is_ascii_lowercase())
        })
    };
    begins && (ends_at(end) || (matches!(text.get(end), Some(b's' | b'S')) && ends_at(end + 1)))
}

/// The domain of a person noun (matched case-insensitively); employment when unknown.
pub fn domain_of(noun: &str) -> Domain {
    let n = noun.to_ascii_lowercase();
    NOUNS.iter().find(|(w, _)| *w == n).map_or(Domain::Employment, |(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_ascii_and_every_language_is_there() {
        for w in VERBS.iter().chain(STATUSES).chain(STATUS_FIELDS).chain(NOUNS.iter().map(|(n, _)| n)) {
            assert!(w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{w}");
        }
        for w in ["reject", "rejet", "rechaz", "ablehn", "rifiut", "rejeit", "contrata", "einstellen"] {
            assert!(VERBS.contains(&w), "{w}");
        }
        for w in ["rechazado", "abgelehnt", "respinto", "rejeitado", "rejete"] {
            assert!(STATUSES.contains(&w), "{w}");
        }
        assert_eq!(domain_of("Bewerber"), Domain::Employment);
        assert_eq!(domain_of("alumno"), Domain::Education);
        assert_eq!(domain_of("inquilino"), Domain::EssentialServices);
        assert!(alternation(["candidat", "candidature"]).starts_with("candidature"));
    }

    #[test]
    fn short_nouns_name_a_person_only_as_words_of_their_own() {
        // The first of the short nouns in `t`, as the noun search finds it.
        let person = |t: &str| {
            let lower = t.to_ascii_lowercase();
            let (at, w) = WORD_ONLY
                .iter()
                .filter_map(|w| lower.find(w).map(|at| (at, w.len())))
                .min()
                .unwrap_or_else(|| panic!("a short noun in {t}"));
            names_person(t.as_bytes(), at, at + w, None)
        };
        for t in [
            "cv",
            "cv_score",
            "rejected_cvs",
            "rejectedCv",
            "CVs = []",
            "candidate.cv",
            "montant_pret",
            "pretImmobilier",
            "PRET_ID",
        ] {
            assert!(person(t), "{t}");
        }
        for t in [
            "recv(sock)",
            "import cv2",
            "cvxpy",
            "code_interpreter",
            "from_pretrained",
            "pretty",
            "PRETTY",
            "interpret",
        ] {
            assert!(!person(t), "{t}");
        }
        // Other nouns stand inside identifiers; a cut-out text is read with what precedes it.
        assert!(names_person(b"applicants", 0, 9, Some(b'x')));
        assert!(!names_person(b"cv", 0, 2, Some(b'e')) && names_person(b"cv", 0, 2, Some(b'.')));
    }

    #[test]
    fn ambiguous_stems_stay_out() {
        // `contract`, `assume` and German `Einstellungen` (settings) decide nothing.
        for w in ["contract", "assum", "einstell"] {
            assert!(!VERBS.contains(&w), "{w}");
        }
    }
}
