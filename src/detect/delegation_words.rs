//! Vocabulary of HITL002's delegation detector, English, French, Spanish and German, written
//! lowercase with accents. A trailing `*` makes an entry a stem (any ending); other entries must
//! end at a word boundary. The detector adds the unaccented, `’` and hyphen-less spellings.

/// Decisions about people: verbs in every form users type, and the nouns of their outcome.
pub const DECISIONS: &[&str] = &[
    // English
    "reject*", "shortlist*", "short-list*", "hire", "hires", "hired", "hiring", "fire", "fired",
    "firing", "dismiss*", "rank", "ranked", "ranking", "deny", "denies", "denied", "denial*",
    "approve", "approved", "approval*", "accept", "accepted", "decline", "declined", "refuse",
    "refused", "refusal*", "eliminat*", "lay off", "laid off", "let go", "terminate", "terminated",
    "termination*", "admit", "admitted", "admission*", "turn down", "turned down", "weed out",
    "screen out", "evict*", "expel*", "disqualif*", "invite", "invited", "rejection*",
    "rule out",
    // French
    "rejet*", "écart*", "retenir", "retiens", "retenez", "retenus", "retenues", "retiendrai*",
    "licenci*", "embauch*", "refus*", "recruter", "recrute", "recrutez", "élimin*",
    "sélectionn*", "virer", "vire", "virez", "renvoyer", "renvoie", "accepter", "accepte",
    "acceptez", "admettre", "admis", "accorder", "accorde", "convoquer", "convoque",
    "garder", "garde", "gardez", "recaler", "recale", "non retenu*", "présélectionn*",
    // Spanish
    "rechaz*", "descart*", "contratar", "contrata", "contratamos", "contratemos", "contrato a",
    "despedir", "despide", "despido*", "despedimos", "seleccion*", "preseleccion*", "aprobar",
    "aprueba", "aprobamos", "denegar", "deniega", "admitir", "admite", "eliminar", "elimina",
    "aceptar", "acepta", "quedarme con", "quedarnos con", "invitar", "entrevistar",
    // German
    "ablehn*", "lehne", "lehnen", "absag*", "aussortier*", "sortiere", "sortier", "einstell*",
    "stelle ich ein", "stellen wir ein", "kündig*", "entlass*", "feuern", "feuere", "auswahl",
    "auswählen", "vorauswahl", "wähle ich aus", "genehmig*", "zusag*", "einladen", "rauswerfen",
    "behalten", "gekündigt", "abgelehnt", "eingestellt",
];

/// Verbs that, as the first word of a clause and followed closely by people, order the AI to
/// take the decision itself ("reject these candidates", "écarte les dossiers").
pub const IMPERATIVES: &[&str] = &[
    "reject", "decline", "refuse", "dismiss", "fire", "eliminate", "lay off",
    "terminate", "deny", "weed out", "screen out", "rejette", "rejetez", "écarte", "écartez",
    "élimine", "éliminez", "licencie", "licenciez", "refuse", "refusez", "recale", "rechaza",
    "rechace", "descarta", "descarte", "despide", "elimina", "lehne", "sortiere", "kündige",
    "entlasse",
];

/// The people or files a decision is about.
pub const PEOPLE: &[&str] = &[
    // English
    "candidate*", "applicant*", "applications", "application", "cv", "cvs", "cv's", "resume",
    "resumes", "résumé*", "employee*", "staff", "worker*", "tenant*", "borrower*", "student*",
    "pupil*", "intern", "interns", "people", "person", "persons", "team member*", "patients",
    "claimants", "contractors", "freelancers", "profiles", "new hire*", "loan requests",
    "loan applications", "my team",
    // French
    "candidat*", "candidature*", "profils", "salarié*", "employé*", "collaborat*", "étudiant*",
    "élève*", "locataire*", "emprunteur*", "dossier*", "demandeur*", "stagiaire*", "personnes",
    "postulant*", "intérimaires", "bénéficiaires", "allocataires", "demandes de prêt",
    "demandes de crédit",
    // Spanish
    "candidato*", "candidata*", "candidatura*", "solicitante*", "solicitudes", "currículum*",
    "curriculum*", "hojas de vida", "empleado*", "empleada*", "trabajador*", "estudiante*",
    "alumno*", "alumna*", "inquilino*", "prestatario*", "expediente*", "perfiles", "personas",
    "becario*", "postulante*", "aspirante*", "préstamo*",
    // German
    "bewerber*", "bewerbung*", "lebenslauf", "lebensläufe", "lebenslaufe", "mitarbeiter*",
    "mitarbeitende*", "angestellte*", "beschäftigte*", "studierende*", "schüler*", "mieter*",
    "kreditnehmer*", "kandidat*", "azubi*", "auszubildende*", "personen", "leute", "profile",
    "antragsteller*", "anträge", "kreditanträge", "praktikant*",
];

/// What hands the decision over: asking the AI to pick, or saying its answer is final.
pub const CUES: &[&str] = &[
    // English: asking it to pick
    "tell me which", "tell me who", "tell me whom", "just tell me", "decide which", "decide who",
    "decide for me", "you decide", "you choose", "you pick", "your call", "just decide",
    "make the call", "make the decision", "pick the ones", "pick which", "pick who", "pick the",
    "choose which", "choose who", "choose the", "select which", "select the ones", "which ones should",
    "which ones to", "who should", "who to", "which of them", "give me the list of", "list the ones",
    "list who", "say which", "let me know which", "figure out which", "identify which",
    "flag which", "mark which", "yes or no", "go or no-go",
    // English: acting on it unreviewed
    "without reading", "without checking", "without reviewing", "without looking",
    "without double-checking", "without double checking", "without verifying", "won't check",
    "won't read", "won't review", "won't look", "not going to check", "not going to read",
    "no need to explain", "no need to justify", "as final", "final decision", "final list",
    "final answer", "i'll forward your", "i will forward your", "forward your list",
    "forward your answer", "i'll send the refusals directly", "send them directly",
    "send them straight", "send them out directly", "i'll send them", "i will send them",
    "i'll just send", "i'll apply", "i will apply your", "apply your decision",
    "i'll go with your", "i'll follow your", "i will follow your", "whatever you say",
    "copy-paste your", "straight to hr", "straight to the candidates", "directly to hr",
    // French
    "dis-moi lesquels", "dis-moi lesquelles", "dis-moi qui", "dis-moi quels", "dis-moi quelles",
    "dites-moi lesquels", "dites-moi lesquelles", "dites-moi qui", "dites-moi quels",
    "dites-moi quelles", "indique ceux", "indique celles", "indique-moi", "indiquez ceux",
    "indiquez celles", "indiquez-moi", "choisis", "choisissez", "décide", "décidez", "tu décides",
    "tranche", "tranchez", "à toi de", "à vous de", "lesquels dois-je", "lesquelles dois-je",
    "qui dois-je", "qui faut-il", "lesquels faut-il", "lesquelles faut-il", "donne-moi la liste",
    "donnez-moi la liste", "sans relire", "sans lire", "sans vérifier", "sans regarder",
    "sans les lire", "sans les relire", "sans contrôler", "sans repasser", "je ne relirai pas",
    "je ne vais pas relire", "je ne vérifierai pas", "j'enverrai directement", "j'enverrai tel",
    "je les enverrai", "j'enverrai ta liste", "j'appliquerai", "je suivrai ton", "je suivrai ta",
    "je suivrai votre", "décision finale", "définitif", "définitive", "directement aux",
    // Spanish
    "dime cuáles", "dime cuales", "dime quién", "dime quiénes", "dime a quién", "dime a quiénes",
    "dime qué", "dígame cuáles", "dígame quiénes", "decide cuáles", "decide quién", "decide quiénes",
    "decide por mí", "elige", "escoge", "tú decides", "cuáles debo", "a quién debo",
    "a quiénes debo", "sin revisar", "sin leer", "sin comprobar", "sin mirar", "no voy a revisar",
    "no lo voy a revisar", "como definitiv*", "decisión final", "los enviaré directamente",
    "enviaré directamente", "enviaré tu lista", "reenviaré tu lista", "aplicaré tu",
    // German
    "sag mir welche", "sag mir, welche", "sag mir wen", "sag mir, wen", "sagen sie mir welche",
    "entscheide", "entscheiden sie", "entscheid du", "wähle aus", "such aus", "such die",
    "welche soll ich", "wen soll ich", "welche sollen wir", "wen sollen wir", "ohne zu prüfen",
    "ohne zu lesen", "ohne sie zu lesen", "ohne gegenzulesen", "ohne nachzuprüfen",
    "ohne prüfung", "ungeprüft", "ungelesen", "endgültig", "schicke ich direkt",
    "schicke sie direkt", "leite ich direkt", "leite deine liste", "direkt weiter",
    "ich übernehme deine",
];

/// Question words that, a few words before a [`MODALS`] entry, ask the AI who gets the
/// decision ("which employees should we lay off", "quels salariés dois-je licencier").
pub const WHICH: &[&str] = &[
    "which", "who", "whom", "quels", "quelles", "lesquels", "lesquelles", "qui", "cuáles",
    "qué", "quiénes", "a quién", "welche", "welchen", "wen", "wem",
];

/// The modal half of a question cue.
pub const MODALS: &[&str] = &[
    "should i", "should we", "dois-je", "devons-nous", "faut-il", "doit-on",
    "on doit", "debo", "debemos", "deberíamos", "soll ich", "sollen wir", "sollten wir",
];

/// Words that turn the request into asking for a method or a draft: within a few words
/// before the pair, or between its words, they clear it.
pub const BLOCKS: &[&str] = &[
    "what criteria", "which criteria", "criteria for", "criteria to", "how to", "how do",
    "how should", "how can", "how would", "template", "templates", "grid", "rubric", "checklist",
    "help me write", "write a", "draft a", "help me decide", "need to decide", "have to decide",
    "quels critères", "critères pour", "comment", "modèle", "grille", "rédige", "rédiger",
    "aide-moi à décider", "qué criterios", "criterios para", "cómo puedo", "cómo debo",
    "cómo decidir", "plantilla", "redacta", "escribe", "ayúdame a decidir", "welche kriterien",
    "kriterien für", "wie kann", "wie soll", "wie sollen", "vorlage", "schreib", "formuliere",
    "hilf mir zu entscheiden",
];

/// Negations that clear a pair when they come right before it ("don't tell me which").
pub const NEGATIONS: &[&str] = &[
    "don't", "do not", "dont", "never", "not", "ne me dis pas", "ne choisis pas", "ne décide pas",
    "jamais", "no me digas", "no decidas", "nunca", "nicht", "niemals", "keine",
];

/// A person keeping the decision, anywhere in the prompt, clears it.
pub const KEEPS: &[&str] = &[
    "is mine", "final say", "i'll decide", "i will decide", "i'll review", "i will review",
    "i'll check", "i will check", "i'll double-check", "i'll make the final", "i make the final",
    "we make the final", "we'll decide", "we will decide", "human review", "fill in themselves",
    "je déciderai", "je relirai", "je vérifierai", "je trancherai", "me revient", "nous déciderons",
    "c'est moi qui décide", "je décide", "yo decidiré", "decidiré yo", "revisaré", "es mía",
    "decido yo", "ich entscheide", "entscheide ich", "ich prüfe", "prüfe ich", "ich werde prüfen",
    "liegt bei mir", "before i decide", "avant de décider", "antes de decidir",
];

/// First-person words that make a people noun the writer's own ("my CV", "je suis candidat").
pub const OWN: &[&str] = &[
    "my", "mon", "ma", "mi", "mein", "meine", "meinen", "meinem", "i am a", "i'm a", "im a",
    "i am an", "as a", "je suis", "en tant que", "soy", "como", "ich bin", "als",
];
