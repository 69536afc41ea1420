//! The words of the rendered charter, one table per language. Backticks mark code spans. `{…}`
//! placeholders are filled by the builder. The French table is the reference text: it follows
//! the white paper's charter (§2 ethics, §5 HR, §7 security, §8 collective intelligence).

use crate::charter::Domain;
use crate::finding::Category;

#[derive(Debug)]
pub struct Text {
    pub title: &'static str,
    pub title_for: &'static str,
    pub lead: &'static str,
    pub contact: &'static str,
    pub principles: &'static str,
    pub principles_items: &'static [&'static str],
    pub tools: &'static str,
    pub tools_lead: &'static str,
    pub approved: &'static str,
    pub approved_note: &'static str,
    pub tolerated: &'static str,
    pub tolerated_note: &'static str,
    pub forbidden: &'static str,
    pub forbidden_note: &'static str,
    pub none_listed: &'static str,
    pub unapproved: &'static str,
    pub own_tools: &'static str,
    pub by_origin: &'static str,
    pub origin_note: &'static str,
    /// Approved, tolerated, forbidden: each starts a line of the policy by origin.
    pub origin_status: [&'static str; 3],
    pub jurisdiction_rule: &'static str,
    pub eu_note: &'static str,
    pub local_rule: &'static str,
    pub data: &'static str,
    pub data_lead: &'static str,
    pub data_where: &'static [&'static str],
    pub data_kinds: &'static str,
    pub secrets: &'static str,
    pub personal: &'static str,
    pub markers: &'static str,
    pub markers_own: &'static str,
    pub codenames: &'static str,
    pub patterns: &'static str,
    pub labels: &'static str,
    pub labels_lead: &'static str,
    pub labels_where: &'static str,
    pub labels_anywhere: &'static str,
    pub labels_phrases: &'static str,
    pub labels_trailer: &'static str,
    pub oversight: &'static str,
    pub oversight_lead: &'static str,
    pub oversight_domains: &'static str,
    pub oversight_markers: &'static str,
    pub prohibited: &'static str,
    pub prohibited_items: &'static [&'static str],
    pub governance: &'static str,
    pub governance_items: &'static [&'static str],
    pub governance_contact: &'static str,
    pub disabled: &'static str,
    pub references: &'static str,
    pub references_lead: &'static str,
    pub white_paper: &'static str,
    pub commitment: &'static str,
    pub commitment_text: &'static str,
    pub signature: &'static str,
    pub generated: &'static str,
    /// Markers, label phrases and review markers of the built-in lists shown as examples.
    pub example_markers: &'static [&'static str],
    pub example_labels: &'static [&'static str],
    pub example_review: &'static [&'static str],
}

impl Text {
    pub fn domain(&self, d: Domain, fr: bool) -> &'static str {
        match (d, fr) {
            (Domain::Employment, true) => {
                "emploi et gestion du personnel : recrutement, promotion, licenciement, attribution des tâches, suivi des salariés"
            }
            (Domain::Education, true) => {
                "éducation et formation : admission, évaluation, surveillance des examens"
            }
            (Domain::Credit, true) => "crédit : solvabilité et notation des personnes",
            (Domain::EssentialServices, true) => {
                "services essentiels : prestations sociales, assurance vie et santé, appels d'urgence"
            }
            (Domain::Migration, true) => "migration : asile, visas, contrôle aux frontières",
            (Domain::Justice, true) => "justice et processus démocratiques",
            (Domain::LawEnforcement, true) => {
                "maintien de l'ordre : évaluation des risques, des preuves, profilage"
            }
            (Domain::Biometrics, true) => {
                "biométrie : identification à distance, catégorisation, reconnaissance des émotions"
            }
            (Domain::CriticalInfrastructure, true) => {
                "infrastructures critiques : énergie, eau, gaz, chauffage, trafic"
            }
            (Domain::Employment, false) => {
                "employment and workforce management: recruitment, promotion, dismissal, task allocation, monitoring"
            }
            (Domain::Education, false) => "education and training: admission, assessment, exam proctoring",
            (Domain::Credit, false) => "credit: creditworthiness and credit scoring of people",
            (Domain::EssentialServices, false) => {
                "essential services: public benefits, life and health insurance, emergency calls"
            }
            (Domain::Migration, false) => "migration: asylum, visas, border control",
            (Domain::Justice, false) => "justice and democratic processes",
            (Domain::LawEnforcement, false) => {
                "law enforcement: risk assessment, evidence evaluation, profiling"
            }
            (Domain::Biometrics, false) => {
                "biometrics: remote identification, categorisation, emotion recognition"
            }
            (Domain::CriticalInfrastructure, false) => {
                "critical infrastructure: energy, water, gas, heating, traffic"
            }
        }
    }

    pub fn category(&self, c: Category, fr: bool) -> &'static str {
        match (c, fr) {
            (Category::ConfidentialData, true) => "Données confidentielles",
            (Category::AiLabel, true) => "Étiquetage des contenus générés par IA",
            (Category::HumanOversight, true) => "Supervision humaine",
            (Category::ShadowAi, true) => "IA fantôme (shadow AI)",
            (Category::PromptInjection, true) => "Injection de prompt",
            (Category::ProhibitedPractice, true) => "Pratiques interdites",
            (Category::Suppression, true) => "Exceptions et gouvernance",
            (Category::ConfidentialData, false) => "Confidential data",
            (Category::AiLabel, false) => "Labelling AI-generated content",
            (Category::HumanOversight, false) => "Human oversight",
            (Category::ShadowAi, false) => "Shadow AI",
            (Category::PromptInjection, false) => "Prompt injection",
            (Category::ProhibitedPractice, false) => "Prohibited practices",
            (Category::Suppression, false) => "Exceptions and governance",
        }
    }
}

pub const FR: Text = Text {
    title: "Charte d'utilisation de l'intelligence artificielle",
    title_for: "Charte d'utilisation de l'intelligence artificielle — {org}",
    lead: "L'intelligence artificielle nous aide à travailler mieux et plus vite. Elle comporte aussi des risques : fuite d'informations confidentielles, décisions injustes sur des personnes, contenus trompeurs, outils utilisés hors de tout contrôle. Cette charte dit comment nous l'utilisons. Elle s'applique à chacun d'entre nous, salariés, stagiaires et prestataires, pour tout usage de l'IA dans le cadre du travail.",
    contact: "Une question, un doute, un outil à proposer : écrivez à {contact}.",
    principles: "Principes",
    principles_items: &[
        "**Vous restez responsable** de ce que vous produisez avec l'IA : relisez, vérifiez les faits et les sources, corrigez.",
        "**Transparence** : tout contenu généré par l'IA que nous diffusons est étiqueté comme tel.",
        "**Un humain décide** : l'IA n'a jamais le dernier mot sur une décision qui concerne une personne.",
        "**Confidentialité** : nos informations confidentielles et les données personnelles ne sortent pas de l'entreprise par un outil d'IA non approuvé.",
        "**Des outils choisis ensemble** : nous utilisons les outils approuvés ; les autres sont évalués par le comité IA avant tout usage.",
        "**Vigilance** : un texte, un document ou une page web peut contenir des instructions cachées destinées à l'IA ; nous les signalons.",
    ],
    tools: "Outils autorisés, tolérés et interdits",
    tools_lead: "Chaque outil d'IA a un statut décidé par le comité IA. Un outil qui n'est cité nulle part n'est pas approuvé.",
    approved: "Outils approuvés",
    approved_note: "Utilisables pour votre travail, y compris avec des informations internes et confidentielles, dans le respect des règles ci-dessous.",
    tolerated: "Outils tolérés",
    tolerated_note: "Utilisables avec des informations publiques uniquement : jamais de donnée confidentielle ni de donnée personnelle.",
    forbidden: "Outils interdits",
    forbidden_note: "À ne pas utiliser, même à titre personnel sur un poste ou un compte de l'entreprise.",
    none_listed: "Aucun pour l'instant.",
    unapproved: "Tout autre service d'IA est **non approuvé** : l'utiliser, y intégrer son SDK, sa clé d'API ou ses fichiers de configuration, c'est de l'IA fantôme (shadow AI). Avant d'adopter un outil, demandez au comité IA de l'évaluer.",
    own_tools: "Outils propres à l'organisation",
    by_origin: "Outils non cités : selon leur origine",
    origin_note: "Un outil cité dans une liste ci-dessus garde son statut. Pour les autres, le statut dépend du droit dont relève leur fournisseur (`charterlint catalog` l'indique) :",
    origin_status: ["Approuvés", "Tolérés", "Interdits"],
    jurisdiction_rule: " : les services dont le fournisseur relève du droit de ",
    eu_note: "`EU` désigne les États membres de l'Union européenne.",
    local_rule: " : les moteurs locaux (Ollama, llama.cpp, LM Studio…), dont les modèles tournent sur les machines de l'organisation.",
    data: "Données",
    data_lead: "Ce qui ne doit jamais entrer dans un outil d'IA non approuvé, toléré ou interdit (prompt, fichier joint, code envoyé à une API) :",
    data_where: &[
        "outils approuvés : les informations internes et confidentielles sont permises, les secrets jamais ;",
        "outils tolérés : informations publiques uniquement ;",
        "tout autre outil : rien qui vienne de l'entreprise.",
    ],
    data_kinds: "Sont confidentiels en particulier :",
    secrets: "les secrets : clés d'API, mots de passe, jetons d'accès, clés privées — même dans un outil approuvé, un secret ne se colle pas dans un prompt",
    personal: "les données personnelles : adresses e-mail, numéros de téléphone, IBAN, numéros de carte bancaire, numéros de sécurité sociale (NIR), et les informations sur nos clients, candidats et collègues",
    markers: "tout document marqué, par exemple {examples}",
    markers_own: "nos propres marquages : {list}",
    codenames: "nos noms de projets, qui ne doivent jamais sortir de l'entreprise : {list}",
    patterns: "nos identifiants internes : {list}",
    labels: "Étiquetage",
    labels_lead: "Un contenu produit avec l'IA que nous publions ou transmettons (document, image, page, message) porte une mention visible.",
    labels_where: "La mention est obligatoire dans : {list}.",
    labels_anywhere: "La mention est attendue partout où un contenu a été produit avec l'aide de l'IA.",
    labels_phrases: "Mentions reconnues, par exemple : {list}.",
    labels_trailer: "Dans un dépôt de code, un commit écrit avec l'aide de l'IA le déclare par la ligne `{trailer}: <outil>` à la fin du message.",
    oversight: "Supervision humaine",
    oversight_lead: "Dans les domaines ci-dessous, une IA ne prend jamais seule une décision qui concerne une personne : une personne compétente examine le résultat et décide. En ressources humaines, cette supervision humaine est obligatoire.",
    oversight_domains: "Domaines concernés :",
    oversight_markers: "Dans le code, la sortie d'un modèle passe par une étape de revue humaine avant la décision, par exemple {list}.",
    prohibited: "Pratiques interdites",
    prohibited_items: &[
        "Reconnaître ou déduire les émotions des salariés ou des élèves, au travail ou à l'école (AI Act, art. 5(1)(f)).",
        "Classer des personnes d'après des données biométriques pour en déduire des caractéristiques sensibles (AI Act, art. 5(1)(g)).",
        "Surveiller les personnes à leur insu au moyen de l'IA.",
        "Cacher des instructions destinées à une IA dans un texte, un document ou un fichier (caractères invisibles, texte masqué), ou demander à une IA d'ignorer ses consignes. Si vous en trouvez, signalez-les.",
        "Contourner un outil approuvé en passant par un compte personnel ou un service non approuvé.",
    ],
    governance: "Gouvernance",
    governance_items: &[
        "Le comité IA tient cette charte à jour, évalue les outils proposés et décide de leur statut.",
        "Une exception à une règle est décidée par le comité IA et motivée ; dans le code, elle figure en commentaire avec sa raison.",
        "La charte est vérifiée automatiquement (charterlint) dans nos dépôts, nos documents et les journaux d'utilisation des outils d'IA ; ce contrôle aide, il ne remplace pas votre jugement.",
        "Partagez vos usages, vos réussites et vos doutes : nous apprenons ensemble à bien utiliser l'IA.",
    ],
    governance_contact: "Contact du comité IA : {contact}.",
    disabled: "Règles de contrôle désactivées par cette charte : {list}.",
    references: "Références",
    references_lead: "Cette charte applique le livre blanc de Telecom Valley, *Les métamorphoses de l'entreprise face à l'imprévu, tome 2 : l'intelligence artificielle* (2025), et les textes suivants :",
    white_paper: "livre blanc {refs}",
    commitment: "Engagement",
    commitment_text: "Je déclare avoir lu cette charte et m'engage à la respecter.",
    signature: "Nom : ……………………   Date : ……………………   Signature : ……………………",
    generated: "Texte produit à partir du fichier `ai-charter.yaml` de l'organisation.",
    example_markers: &[
        "Strictement confidentiel",
        "Diffusion restreinte",
        "C3 – Confidentiel",
        "Usage interne",
    ],
    example_labels: &["Généré par l'IA", "Contenu généré par IA", "Rédigé avec l'aide de l'IA"],
    example_review: &["validation_humaine", "revue_manuelle", "human_review"],
};

pub const EN: Text = Text {
    title: "AI usage charter",
    title_for: "AI usage charter — {org}",
    lead: "Artificial intelligence helps us work better and faster. It also carries risks: confidential information leaking, unfair decisions about people, misleading content, tools used outside any control. This charter says how we use it. It applies to each of us, employees, interns and contractors, whenever we use AI for work.",
    contact: "A question, a doubt, a tool to propose: write to {contact}.",
    principles: "Principles",
    principles_items: &[
        "**You stay responsible** for what you make with AI: reread, check facts and sources, correct.",
        "**Transparency**: AI-generated content that we publish is labelled as such.",
        "**A human decides**: AI never has the last word on a decision about a person.",
        "**Confidentiality**: our confidential information and personal data never leave the company through an AI tool that is not approved.",
        "**Tools chosen together**: we use the approved tools; others are assessed by the AI committee before any use.",
        "**Vigilance**: a text, a document or a web page may hide instructions meant for AI; we report them.",
    ],
    tools: "Approved, tolerated and forbidden tools",
    tools_lead: "Each AI tool has a status decided by the AI committee. A tool listed nowhere is not approved.",
    approved: "Approved tools",
    approved_note: "For your work, internal and confidential information included, within the rules below.",
    tolerated: "Tolerated tools",
    tolerated_note: "With public information only: never confidential or personal data.",
    forbidden: "Forbidden tools",
    forbidden_note: "Not to be used, not even privately on a company device or account.",
    none_listed: "None yet.",
    unapproved: "Any other AI service is **unapproved**: using it, or adding its SDK, API key or configuration files, is shadow AI. Before adopting a tool, ask the AI committee to assess it.",
    own_tools: "The organisation's own tools",
    by_origin: "Tools listed nowhere: by origin",
    origin_note: "A tool named in a list above keeps its status. For the others, the status follows the law their provider is under (`charterlint catalog` shows it):",
    origin_status: ["Approved", "Tolerated", "Forbidden"],
    jurisdiction_rule: ": services whose provider is under the law of ",
    eu_note: "`EU` stands for the member states of the European Union.",
    local_rule: ": local runtimes (Ollama, llama.cpp, LM Studio…), whose models run on the organisation's own machines.",
    data: "Data",
    data_lead: "What must never go into an AI tool that is not approved (a prompt, an attached file, code sent to an API):",
    data_where: &[
        "approved tools: internal and confidential information allowed, secrets never;",
        "tolerated tools: public information only;",
        "any other tool: nothing that comes from the company.",
    ],
    data_kinds: "Confidential, in particular:",
    secrets: "secrets: API keys, passwords, access tokens, private keys — not even in an approved tool does a secret go into a prompt",
    personal: "personal data: e-mail addresses, phone numbers, IBANs, payment card numbers, national identity numbers, and anything about our customers, candidates and colleagues",
    markers: "any marked document, e.g. {examples}",
    markers_own: "our own markings: {list}",
    codenames: "our project names, which must never leave the company: {list}",
    patterns: "our internal identifiers: {list}",
    labels: "Labelling",
    labels_lead: "Content made with AI that we publish or pass on (a document, an image, a page, a message) carries a visible label.",
    labels_where: "A label is required in: {list}.",
    labels_anywhere: "A label is expected wherever content was made with the help of AI.",
    labels_phrases: "Accepted labels, for example: {list}.",
    labels_trailer: "In a code repository, a commit written with the help of AI says so with a `{trailer}: <tool>` line at the end of its message.",
    oversight: "Human oversight",
    oversight_lead: "In the domains below, AI never decides alone about a person: a competent person reviews the result and decides. In human resources, this human oversight is mandatory.",
    oversight_domains: "Domains:",
    oversight_markers: "In code, a model's output goes through a human review step before the decision, e.g. {list}.",
    prohibited: "Prohibited practices",
    prohibited_items: &[
        "Recognising or inferring the emotions of employees or students, at work or at school (AI Act Art. 5(1)(f)).",
        "Sorting people by biometric data to infer sensitive characteristics (AI Act Art. 5(1)(g)).",
        "Monitoring people with AI without their knowledge.",
        "Hiding instructions meant for AI in a text, a document or a file (invisible characters, hidden text), or asking an AI to ignore its instructions. If you find any, report them.",
        "Getting round an approved tool through a personal account or an unapproved service.",
    ],
    governance: "Governance",
    governance_items: &[
        "The AI committee keeps this charter up to date, assesses the tools proposed and decides their status.",
        "An exception to a rule is decided by the AI committee, with a reason; in code, it is a comment that gives the reason.",
        "The charter is checked automatically (charterlint) in our repositories, our documents and the usage logs of AI tools; the check helps, it does not replace your judgement.",
        "Share your uses, successes and doubts: we learn together to use AI well.",
    ],
    governance_contact: "AI committee contact: {contact}.",
    disabled: "Checks this charter turns off: {list}.",
    references: "References",
    references_lead: "This charter applies the Telecom Valley white paper *Les métamorphoses de l'entreprise face à l'imprévu, tome 2 : l'intelligence artificielle* (2025) and the following texts:",
    white_paper: "white paper {refs}",
    commitment: "Commitment",
    commitment_text: "I have read this charter and undertake to follow it.",
    signature: "Name: ……………………   Date: ……………………   Signature: ……………………",
    generated: "Text made from the organisation's `ai-charter.yaml` file.",
    example_markers: &[
        "Strictly Confidential",
        "Internal Use Only",
        "Do Not Distribute",
        "Diffusion restreinte",
    ],
    example_labels: &["AI-generated", "Generated by AI", "Written with the help of AI"],
    example_review: &["human_review", "manual_approval", "request_review"],
};
