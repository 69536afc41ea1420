//! The words of the audit report, in English and French. A new language is one more `Text`
//! constant and one `Lang` variant.

use crate::charter::ToolStatus;
use crate::finding::{Category, Severity};

/// The language of the report (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// `fr`, `fr-FR`, `French`… → French; anything else → `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        let primary = t.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" | "english" | "anglais" => Some(Lang::En),
            "fr" | "french" | "français" | "francais" => Some(Lang::Fr),
            _ => None,
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    pub fn severity(self, s: Severity) -> &'static str {
        match (self, s) {
            (Lang::En, Severity::Error) => "Error",
            (Lang::En, Severity::Warning) => "Warning",
            (Lang::En, Severity::Info) => "Info",
            (Lang::Fr, Severity::Error) => "Erreur",
            (Lang::Fr, Severity::Warning) => "Avertissement",
            (Lang::Fr, Severity::Info) => "Information",
        }
    }

    pub fn category(self, c: Category) -> &'static str {
        match (self, c) {
            (Lang::En, Category::ConfidentialData) => "Confidential data",
            (Lang::En, Category::AiLabel) => "AI label",
            (Lang::En, Category::HumanOversight) => "Human oversight",
            (Lang::En, Category::ShadowAi) => "Shadow AI",
            (Lang::En, Category::PromptInjection) => "Prompt injection",
            (Lang::En, Category::ProhibitedPractice) => "Prohibited practice",
            (Lang::En, Category::Suppression) => "Suppression",
            (Lang::Fr, Category::ConfidentialData) => "Données confidentielles",
            (Lang::Fr, Category::AiLabel) => "Étiquetage IA",
            (Lang::Fr, Category::HumanOversight) => "Supervision humaine",
            (Lang::Fr, Category::ShadowAi) => "IA fantôme",
            (Lang::Fr, Category::PromptInjection) => "Injection de prompt",
            (Lang::Fr, Category::ProhibitedPractice) => "Pratique interdite",
            (Lang::Fr, Category::Suppression) => "Suppression",
        }
    }

    pub fn status(self, s: Option<ToolStatus>) -> &'static str {
        match (self, s) {
            (Lang::En, Some(ToolStatus::Approved)) => "approved",
            (Lang::En, Some(ToolStatus::Tolerated)) => "tolerated",
            (Lang::En, Some(ToolStatus::Unapproved)) => "not approved",
            (Lang::En, Some(ToolStatus::Forbidden)) => "forbidden",
            (Lang::En, None) => "unknown to the catalogue",
            (Lang::Fr, Some(ToolStatus::Approved)) => "approuvé",
            (Lang::Fr, Some(ToolStatus::Tolerated)) => "toléré",
            (Lang::Fr, Some(ToolStatus::Unapproved)) => "non approuvé",
            (Lang::Fr, Some(ToolStatus::Forbidden)) => "interdit",
            (Lang::Fr, None) => "inconnu du catalogue",
        }
    }
}

/// Every fixed phrase of the report.
#[derive(Debug)]
pub struct Text {
    pub title: &'static str,
    pub generated_by: &'static str,
    pub contents: &'static str,
    pub scope: &'static str,
    pub inputs: &'static str,
    pub files: &'static str,
    pub records: &'static str,
    pub conversations: &'static str,
    pub messages: &'static str,
    pub period: &'static str,
    pub period_unknown: &'static str,
    pub to: &'static str,
    pub charter: &'static str,
    pub organization: &'static str,
    pub source: &'static str,
    pub version: &'static str,
    pub sha256: &'static str,
    pub input_errors: &'static str,
    pub headline: &'static str,
    pub findings: &'static str,
    pub users_with_findings: &'static str,
    pub tools_outside: &'static str,
    pub confidential_sent: &'static str,
    pub by_category: &'static str,
    pub by_category_caption: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    pub total: &'static str,
    pub inventory: &'static str,
    pub inventory_caption: &'static str,
    pub inventory_intro: &'static str,
    pub tool: &'static str,
    pub status: &'static str,
    pub users: &'static str,
    pub first_seen: &'static str,
    pub last_seen: &'static str,
    pub confidential: &'static str,
    pub confidential_intro: &'static str,
    pub by_tool: &'static str,
    pub by_month: &'static str,
    pub month: &'static str,
    pub undated: &'static str,
    pub oversight: &'static str,
    pub oversight_caption: &'static str,
    pub rule: &'static str,
    pub location: &'static str,
    pub message: &'static str,
    pub labels: &'static str,
    pub labels_caption: &'static str,
    pub labels_none: &'static str,
    pub document: &'static str,
    pub serious: &'static str,
    pub serious_intro: &'static str,
    pub serious_caption: &'static str,
    pub conversation: &'static str,
    pub user: &'static str,
    pub time: &'static str,
    pub excerpts: &'static str,
    pub per_user: &'static str,
    pub per_user_caption: &'static str,
    pub method: &'static str,
    pub checked: &'static str,
    pub checked_items: &'static [&'static str],
    pub limits: &'static str,
    pub limits_items: &'static [&'static str],
    pub m365_limit: &'static str,
    pub none: &'static str,
    pub unknown: &'static str,
    pub of: &'static str,
}

pub const EN: Text = Text {
    title: "AI usage audit report",
    generated_by: "Generated by charterlint",
    contents: "Contents",
    scope: "Scope",
    inputs: "Inputs scanned",
    files: "Files read",
    records: "Log records",
    conversations: "Conversations",
    messages: "Messages",
    period: "Period covered",
    period_unknown: "unknown (no dated record has a finding)",
    to: "to",
    charter: "Charter",
    organization: "Organisation",
    source: "Charter file",
    version: "Charter format version",
    sha256: "SHA-256 of the charter text",
    input_errors: "Inputs that could not be read",
    headline: "Headline figures",
    findings: "Findings",
    users_with_findings: "People with findings",
    tools_outside: "AI tools outside the charter",
    confidential_sent: "Confidential data sent to AI tools",
    by_category: "Findings by category and severity",
    by_category_caption: "Findings by charter category and severity",
    category: "Category",
    severity: "Severity",
    total: "Total",
    inventory: "Shadow-AI inventory",
    inventory_caption: "AI tools seen, by charter status",
    inventory_intro: "AI tools seen in the repositories, prompt logs and network logs scanned, with their status under the charter. First and last seen come from dated records with findings.",
    tool: "AI tool",
    status: "Charter status",
    users: "People",
    first_seen: "First seen",
    last_seen: "Last seen",
    confidential: "Confidential data sent to AI tools",
    confidential_intro: "Secrets, personal data, classification markers and code names found in prompts and in code that sends data to an AI tool.",
    by_tool: "By AI tool",
    by_month: "By month",
    month: "Month",
    undated: "undated",
    oversight: "Human oversight and prohibited practices",
    oversight_caption: "Decisions about people without human review, and practices the AI Act prohibits",
    rule: "Rule",
    location: "Location",
    message: "Finding",
    labels: "AI-label status of documents",
    labels_caption: "Documents with AI provenance and no accepted label",
    labels_none: "No document showed AI provenance without an accepted label.",
    document: "Document",
    serious: "Most serious conversations",
    serious_intro: "Conversations ranked by the severity of their findings. Excerpts are masked: secrets and personal data are never shown in full.",
    serious_caption: "Conversations with the most serious findings",
    conversation: "Conversation",
    user: "Person",
    time: "Time",
    excerpts: "Masked excerpts",
    per_user: "Findings per person",
    per_user_caption: "Findings by the person who sent the text",
    method: "Method and limits",
    checked: "What was checked",
    checked_items: &[
        "Every file under the inputs was read once; prompt logs (ChatGPT, Claude, Gemini, Open WebUI, LibreChat, JSONL, CSV) were read message by message, with the sender, the AI tool and the time.",
        "Each text was checked against the rules of the charter: secrets and personal data (validated: IBAN mod-97, Luhn, NIR key), classification markers and code names, AI tools outside the charter, hidden prompt injections, decisions about people without human review, emotion recognition, and AI labels on documents.",
        "A finding's severity follows the charter's status of the AI tool that received the data.",
    ],
    limits: "What cannot be checked",
    limits_items: &[
        "Only what the exports and logs contain: conversations deleted before the export, tools used outside the logs scanned and personal devices are not seen.",
        "Detection is by patterns and validators: a datum written in an unusual form, or paraphrased, can be missed; a look-alike value can be reported.",
        "Whether an answer of an AI tool was reviewed by a person before use cannot be seen in a log.",
        "Secrets and personal data are masked in this report; the excerpts are cut to what is needed to understand a finding.",
    ],
    m365_limit: "Microsoft 365 Copilot audit records hold no prompt text: only the labelled resources Copilot read and the injections it detected were checked.",
    none: "None.",
    unknown: "unknown",
    of: "of",
};

pub const FR: Text = Text {
    title: "Rapport d'audit des usages de l'IA",
    generated_by: "Produit par charterlint",
    contents: "Sommaire",
    scope: "Périmètre",
    inputs: "Sources analysées",
    files: "Fichiers lus",
    records: "Enregistrements de journaux",
    conversations: "Conversations",
    messages: "Messages",
    period: "Période couverte",
    period_unknown: "inconnue (aucun enregistrement daté ne porte de constat)",
    to: "au",
    charter: "Charte",
    organization: "Organisation",
    source: "Fichier de charte",
    version: "Version du format de charte",
    sha256: "SHA-256 du texte de la charte",
    input_errors: "Sources illisibles",
    headline: "Chiffres clés",
    findings: "Constats",
    users_with_findings: "Personnes concernées",
    tools_outside: "Outils d'IA hors charte",
    confidential_sent: "Données confidentielles envoyées à des outils d'IA",
    by_category: "Constats par catégorie et gravité",
    by_category_caption: "Constats par catégorie de la charte et par gravité",
    category: "Catégorie",
    severity: "Gravité",
    total: "Total",
    inventory: "Inventaire de l'IA fantôme",
    inventory_caption: "Outils d'IA observés, par statut dans la charte",
    inventory_intro: "Outils d'IA observés dans les dépôts, journaux de prompts et journaux réseau analysés, avec leur statut dans la charte. Première et dernière observation d'après les enregistrements datés porteurs de constats.",
    tool: "Outil d'IA",
    status: "Statut dans la charte",
    users: "Personnes",
    first_seen: "Première observation",
    last_seen: "Dernière observation",
    confidential: "Données confidentielles envoyées à des outils d'IA",
    confidential_intro: "Secrets, données personnelles, mentions de classification et noms de code trouvés dans des prompts et dans du code qui envoie des données à un outil d'IA.",
    by_tool: "Par outil d'IA",
    by_month: "Par mois",
    month: "Mois",
    undated: "non daté",
    oversight: "Supervision humaine et pratiques interdites",
    oversight_caption: "Décisions sur des personnes sans revue humaine, et pratiques interdites par l'AI Act",
    rule: "Règle",
    location: "Emplacement",
    message: "Constat",
    labels: "Étiquetage IA des documents",
    labels_caption: "Documents de provenance IA sans mention acceptée",
    labels_none: "Aucun document de provenance IA sans mention acceptée.",
    document: "Document",
    serious: "Conversations les plus sérieuses",
    serious_intro: "Conversations classées par gravité de leurs constats. Les extraits sont masqués : secrets et données personnelles ne sont jamais montrés en entier.",
    serious_caption: "Conversations aux constats les plus graves",
    conversation: "Conversation",
    user: "Personne",
    time: "Date",
    excerpts: "Extraits masqués",
    per_user: "Constats par personne",
    per_user_caption: "Constats par personne ayant envoyé le texte",
    method: "Méthode et limites",
    checked: "Ce qui a été vérifié",
    checked_items: &[
        "Chaque fichier des sources a été lu une fois ; les journaux de prompts (ChatGPT, Claude, Gemini, Open WebUI, LibreChat, JSONL, CSV) ont été lus message par message, avec l'expéditeur, l'outil d'IA et la date.",
        "Chaque texte a été vérifié selon les règles de la charte : secrets et données personnelles (validés : IBAN mod-97, Luhn, clé du NIR), mentions de classification et noms de code, outils d'IA hors charte, injections de prompt cachées, décisions sur des personnes sans revue humaine, reconnaissance des émotions, et mentions « généré par l'IA » des documents.",
        "La gravité d'un constat suit le statut, dans la charte, de l'outil d'IA qui a reçu les données.",
    ],
    limits: "Ce qui ne peut pas être vérifié",
    limits_items: &[
        "Seul le contenu des exports et journaux : conversations supprimées avant l'export, outils utilisés hors des journaux analysés et appareils personnels échappent à l'analyse.",
        "La détection repose sur des motifs et des validateurs : une donnée écrite sous une forme inhabituelle ou paraphrasée peut échapper ; une valeur ressemblante peut être signalée.",
        "Un journal ne montre pas si une réponse d'outil d'IA a été relue par une personne avant usage.",
        "Secrets et données personnelles sont masqués dans ce rapport ; les extraits sont réduits au nécessaire pour comprendre un constat.",
    ],
    m365_limit: "Les enregistrements d'audit de Microsoft 365 Copilot ne contiennent pas le texte des prompts : seuls les documents étiquetés lus par Copilot et les injections qu'il a détectées ont été vérifiés.",
    none: "Aucun.",
    unknown: "inconnu",
    of: "sur",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_read_loosely() {
        assert_eq!(Lang::from_tag("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag(" French "), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
    }

    #[test]
    fn both_languages_say_every_limit() {
        assert_eq!(EN.checked_items.len(), FR.checked_items.len());
        assert_eq!(EN.limits_items.len(), FR.limits_items.len());
        assert_ne!(EN.title, FR.title);
    }
}
