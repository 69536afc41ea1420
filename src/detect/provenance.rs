//! AI provenance evidence in prose and documents, and the AI labels that disclose it.
//!
//! Evidence comes in three strengths, all kept as spans into the unit's text:
//! - copy-paste artifacts of chat tools (ChatGPT citation markup and its private-use
//!   delimiters, browse citations, `utm_source` parameters, UI residue such as `pythonCopy code`
//!   and `ChatGPT said:` lines, Gemini `[cite: N]` and `[span_N](start_span)`);
//! - model-voice phrases in English and French ("As an AI language model", "En tant que modèle
//!   de langage", knowledge-cutoff phrases);
//! - provenance metadata: a front-matter block (Markdown, or the document properties that office,
//!   PDF and image inputs render the same way) with a key such as `ai_generated: true`, or a
//!   generator/producer key naming an AI tool; Stable Diffusion and ComfyUI parameters in images.
//!
//! False-positive traps are handled here, not in rules: inline code spans and fenced code blocks
//! are skipped (cleaners, detectors and explanatory docs show the markup as code), a phrase in
//! quotes is a mention rather than a use, and only generator-like keys count in metadata (an
//! `author: Claude Martin` is a person). Code files never reach these detectors: the rules apply
//! to prose and document units only.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::pattern::Literals;

pub use super::code_regions::code_regions;
use super::code_regions::inside;

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    ContentReference,
    OaiCitation,
    CiteTurn,
    BrowseCitation,
    UtmSource,
    AttributionJson,
    CopyCodeResidue,
    TranscriptLine,
    GeminiCite,
    GeminiSpan,
    CodexTaskLink,
    ModelVoice,
    ProvenanceKey,
    GeneratorTool,
    ImageGenerator,
}

impl EvidenceKind {
    /// A short description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            EvidenceKind::ContentReference => "ChatGPT `contentReference` citation marker",
            EvidenceKind::OaiCitation => "ChatGPT `oai_citation` link",
            EvidenceKind::CiteTurn => "ChatGPT `citeturn` citation marker",
            EvidenceKind::BrowseCitation => "OpenAI browse/file-search citation `【N†source】`",
            EvidenceKind::UtmSource => "link tagged `utm_source` by ChatGPT",
            EvidenceKind::AttributionJson => "ChatGPT attribution JSON",
            EvidenceKind::CopyCodeResidue => "ChatGPT \"Copy code\" button residue",
            EvidenceKind::TranscriptLine => "pasted chat transcript line",
            EvidenceKind::GeminiCite => "Gemini `[cite: N]` marker",
            EvidenceKind::GeminiSpan => "Gemini `[span_N](start_span)` marker",
            EvidenceKind::CodexTaskLink => "OpenAI Codex task link",
            EvidenceKind::ModelVoice => "AI model speaking about itself",
            EvidenceKind::ProvenanceKey => "metadata declaring AI generation",
            EvidenceKind::GeneratorTool => "metadata naming an AI tool as generator",
            EvidenceKind::ImageGenerator => "image-generator parameters in the image metadata",
        }
    }

    /// Leftover markup that a labelled document should still lose (it leaks tool use).
    pub fn is_artifact(self) -> bool {
        !matches!(
            self,
            EvidenceKind::ModelVoice
                | EvidenceKind::ProvenanceKey
                | EvidenceKind::GeneratorTool
                | EvidenceKind::ImageGenerator
        )
    }
}

/// One piece of evidence: what, and where in the unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub span: Range<usize>,
    /// The marker names a file uploaded to the chat tool (`file-service://`, `filecite`).
    pub leaks_upload: bool,
}

const ARTIFACT_KINDS: [EvidenceKind; 11] = [
    EvidenceKind::ContentReference,
    EvidenceKind::OaiCitation,
    EvidenceKind::CiteTurn,
    EvidenceKind::BrowseCitation,
    EvidenceKind::UtmSource,
    EvidenceKind::AttributionJson,
    EvidenceKind::CopyCodeResidue,
    EvidenceKind::TranscriptLine,
    EvidenceKind::GeminiCite,
    EvidenceKind::GeminiSpan,
    EvidenceKind::CodexTaskLink,
];

/// The alternatives of each artifact kind, in `ARTIFACT_KINDS` order; each kind becomes one
/// group. An alternative with a bounded run of Unicode characters (`{0,500}` copies of a
/// negated class: 8 ms of compilation, most of a pre-commit run's regex work) names the literal
/// it cannot match without.
const ARTIFACT_PARTS: [&[(&str, Option<&str>)]; 11] = [
    &[(r":contentReference\[oaicite:[0-9]+\](?:\{index=[0-9]+\})?", None)],
    &[(r"\[oai_citation(?:_attribution)?:[0-9]+‡[^\]\n]{0,300}\]\([^)\n]{0,500}\)", Some("[oai_citation"))],
    // With its private-use delimiters (U+E200 start, U+E202 separator, U+E201 end), or
    // bare as a paste leaves it.
    &[
        (
            r"\x{E200}(?:cite|filecite|navlist|image_group|entity)[^\x{E201}\n]{0,500}\x{E201}",
            Some("\u{E200}"),
        ),
        (
            r"(?:file)?cite(?:\x{E202}?turn[0-9]+(?:search|news|view|file|image|forecast|finance|sports|product)[0-9]+)+",
            None,
        ),
    ],
    &[(r"【[0-9]+(?::[0-9]+)?†[^】\n]{0,200}】", Some("【"))],
    &[(r"[?&]utm_source=(?:chatgpt\.com|openai)(?-u:\b)", None)],
    &[(r#"\(\{"attribution":\{"attributableIndex":"[0-9]+-[0-9]+"\}\}\)"#, None)],
    &[(
        r"(?-u:\b)(?:python|bash|shell|sh|javascript|js|json|sql|java|html|css|typescript|ts|yaml|csharp|cpp|c|go|rust|ruby|php|xml|markdown|kotlin|swift|plaintext|powershell|r)Copy(?: code|Edit)",
        None,
    )],
    &[(
        r"(?m)^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?:You said|ChatGPT said|Vous avez dit|ChatGPT a dit)[ \t]*:(?:\*\*)?[ \t]*\r?$",
        None,
    )],
    &[(r"\[cite:[ \t]*[0-9]+(?:,[ \t]*[0-9]+)*\]|\[cite_start\]", None)],
    &[(r"\[span_[0-9]+\]\((?:start|end)_span\)", None)],
    &[(r"https://chatgpt\.com/codex/tasks/task_e_[0-9a-f]+", None)],
];

/// The artifact regex for `text`: the whole one when `text` holds a literal some alternative
/// needs, otherwise the one without those alternatives (a kind left with none gets a class that
/// matches nothing, so the groups keep their numbers). An alternative that cannot match anywhere
/// in the text changes nothing in a leftmost-first search: both give the same matches.
pub(super) fn artifact_regex(text: &str) -> &'static Regex {
    static FULL: OnceLock<Regex> = OnceLock::new();
    static LIGHT: OnceLock<Regex> = OnceLock::new();
    let build =
        |all| Regex::new(&artifact_alternation(all)).unwrap_or_else(|e| unreachable!("artifact regex: {e}"));
    let mut needed = ARTIFACT_PARTS.iter().flat_map(|alts| alts.iter().filter_map(|(_, needs)| *needs));
    if needed.any(|l| memchr::memmem::find(text.as_bytes(), l.as_bytes()).is_some()) {
        FULL.get_or_init(|| build(true))
    } else {
        LIGHT.get_or_init(|| build(false))
    }
}

/// The artifact alternation, with every alternative (`all`) or only those that need no literal.
fn artifact_alternation(all: bool) -> String {
    let groups: Vec<String> = ARTIFACT_PARTS
        .iter()
        .map(|alts| {
            let kept: Vec<&str> =
                alts.iter().filter(|(_, needs)| all || needs.is_none()).map(|(p, _)| *p).collect();
            let alternation =
                if kept.is_empty() { r"[^\x00-\x{10FFFF}]".to_string() } else { kept.join("|") };
            format!("({alternation})")
        })
        .collect();
    groups.join("|")
}

fn voice_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let a = "['’]";
        let p = format!(
            r"(?i)(?-u:\b)(?:as an ai (?:language model|assistant|model|chatbot)|as a large language model|as of my (?:last )?(?:knowledge (?:update|cut-?off)|training (?:data|cut-?off))|my (?:knowledge|training data) (?:cut-?off|only goes up to)|i (?:do not|don{a}t) have (?:real-time|access to real-time) (?:data|information)|en tant que (?:modèle de langage|grand modèle de langage|qu{a}intelligence artificielle|qu{a}assistant (?:ia|virtuel))|en tant qu{a}ia|selon mes dernières (?:connaissances|mises à jour)|ma date (?:de coupure|limite) (?:de mes|des) connaissances|à la date de ma dernière mise à jour)(?-u:\b)"
        );
        Regex::new(&p).unwrap_or_else(|e| unreachable!("voice regex: {e}"))
    })
}

/// AI tool names, as a generator or producer value would spell them.
fn tool_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:chatgpt|gpt-?[345](?:\.[0-9])?o?|openai|claude|anthropic|gemini|google bard|copilot|mistral|le chat|llama|perplexity|deepseek|midjourney|dall-?e|dall·e|stable diffusion|stablediffusion|sdxl|comfyui|automatic1111|adobe firefly|firefly|grok|qwen|codex|jasper|gamma\.app|ideogram|leonardo\.ai)(?-u:\b)",
        )
        .unwrap_or_else(|e| unreachable!("tool regex: {e}"))
    })
}

/// The name of the AI tool in `value`, if one is named.
pub fn ai_tool_in(value: &str) -> Option<&str> {
    tool_regex().find(value).map(|m| m.as_str())
}

/// Copy-paste artifacts of chat tools, outside code spans and blocks.
pub fn artifacts(text: &str, code: &[Range<usize>]) -> Vec<Evidence> {
    let mut out = Vec::new();
    for c in artifact_regex(text).captures_iter(text) {
        let Some((kind, m)) =
            ARTIFACT_KINDS.iter().enumerate().find_map(|(i, k)| c.get(i + 1).map(|m| (*k, m)))
        else {
            continue;
        };
        let span = m.range();
        if inside(code, &span) || in_quoted_blockquote(text, span.start) {
            continue;
        }
        let s = m.as_str();
        let leaks_upload = s.contains("file-service://") || s.contains("filecite") || s.contains("turn0file");
        out.push(Evidence { kind, span, leaks_upload });
    }
    out
}

/// The offset sits in a Markdown blockquote that opens with a quotation mark (`> "…`): an
/// example quoted by documentation about chat tools, not pasted output.
fn in_quoted_blockquote(text: &str, at: usize) -> bool {
    let mut line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..].starts_with('>') {
        return false;
    }
    // Bounded walk up to the blockquote's first line.
    for _ in 0..200 {
        if line_start == 0 {
            break;
        }
        let prev = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        if !text[prev..].starts_with('>') {
            break;
        }
        line_start = prev;
    }
    let first = text[line_start..].trim_start_matches('>').trim_start();
    first.starts_with(['"', '“', '«', '„'])
}

/// Model-voice phrases, outside code and not quoted (a quoted phrase is talked about, not said).
pub fn model_voice(text: &str, code: &[Range<usize>]) -> Vec<Evidence> {
    voice_regex()
        .find_iter(text)
        .filter(|m| !inside(code, &m.range()))
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            !matches!(before, Some('"' | '“' | '«' | '\'' | '‘' | '`' | '„'))
                && !in_quoted_blockquote(text, m.start())
                && !text[..m.start()].ends_with("« ")
                && !forbidden_before(text, m.start())
        })
        .map(|m| Evidence { kind: EvidenceKind::ModelVoice, span: m.range(), leaks_upload: false })
        .collect()
}

/// Whether the phrase at `at` is forbidden rather than said: "never say As an AI language
/// model", "Ne dis jamais En tant qu'IA" (system prompts and style guides), judged on the
/// words just before it on the same line.
fn forbidden_before(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut from = at.saturating_sub(60).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..at].to_lowercase().replace('’', "'");
    const NEGATIONS: [&str; 16] = [
        "never",
        "don't",
        "do not",
        "avoid",
        "without",
        "instead of",
        "stop saying",
        "phrases like",
        "jamais",
        "évite",
        "éviter",
        "n'écris",
        "ne dis",
        "n'utilise",
        "sans dire",
        "interdit",
    ];
    NEGATIONS.iter().any(|n| before.contains(n))
}

/// The front-matter block at the top of `text` (`---` … `---`), as its byte range.
pub fn front_matter(text: &str) -> Option<Range<usize>> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let offset = text.len() - body.len();
    let first = body.split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut pos = first.len();
    for line in body[first.len()..].split_inclusive('\n') {
        pos += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return Some(offset..offset + pos);
        }
    }
    None
}

/// Keys whose truthy value declares AI generation.
const PROVENANCE_KEYS: &[&str] = &[
    "ai_generated",
    "ai-generated",
    "aigenerated",
    "generated_by_ai",
    "ai_assisted",
    "ai-assisted",
    "aiassisted",
];
/// Keys whose value names the tool that made the document (never its author).
const GENERATOR_KEYS: &[&str] = &[
    "generated_by",
    "generated-by",
    "generatedby",
    "generator",
    "producer",
    "creator_tool",
    "creatortool",
    "application",
    "software",
    "ai_tool",
    "ai-tool",
    "ai_model",
    "ai-model",
    "created_with",
    "created-with",
    "model",
];

/// Provenance keys in a front-matter block: `ai_generated: true`, `generator: ChatGPT`.
/// Image inputs add `png.parameters`, `png.prompt`, `png.workflow` and `exif.parameters`
/// lines for generator parameters.
pub fn metadata(text: &str) -> Vec<Evidence> {
    let Some(fm) = front_matter(text) else { return Vec::new() };
    let mut out = Vec::new();
    let mut pos = fm.start;
    for line in text[fm.clone()].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let Some((key, value)) = line.split_once(':') else { continue };
        let key_norm = key.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        let value = value.trim().trim_matches(['"', '\'']);
        let span = start + line.len() - line.trim_start().len()..start + line.trim_end().len();
        let kind = if PROVENANCE_KEYS.contains(&key_norm.as_str()) {
            matches!(value.to_ascii_lowercase().as_str(), "true" | "yes" | "oui" | "1" | "partial")
                .then_some(EvidenceKind::ProvenanceKey)
        } else if GENERATOR_KEYS.contains(&key_norm.as_str()) {
            ai_tool_in(value).map(|_| EvidenceKind::GeneratorTool)
        } else if matches!(
            key_norm.as_str(),
            "png.parameters"
                | "png.prompt"
                | "png.workflow"
                | "png.sd-metadata"
                | "png.invokeai_metadata"
                | "png.dream"
                | "exif.parameters"
        ) {
            (!value.is_empty()).then_some(EvidenceKind::ImageGenerator)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push(Evidence { kind, span, leaks_upload: false });
        }
    }
    out
}

/// Every piece of evidence in a prose or document unit, in text order. `gates` says whether
/// an artifact's and a model-voice phrase's literals ([`gate_literals`]) occur, when a pass
/// over the text already knows (else they are searched here).
pub fn find(text: &str, gates: Option<(bool, bool)>) -> Vec<Evidence> {
    let (maybe_artifact, maybe_voice) = gates.unwrap_or_else(|| self::gates(text));
    let mut out = metadata(text);
    if !maybe_artifact && !maybe_voice {
        return out;
    }
    let code = code_regions(text);
    if maybe_artifact {
        out.extend(artifacts(text, &code));
    }
    if maybe_voice {
        out.extend(model_voice(text, &code));
    }
    out.sort_by_key(|e| (e.span.start, e.span.end));
    out.dedup_by(|b, a| b.span.start < a.span.end);
    out
}

/// Literals without which no artifact (`true`) or model-voice phrase (`false`) can match,
/// matched ASCII case-insensitively: one pass spares most prose both regexes.
pub fn gate_literals() -> impl Iterator<Item = (&'static str, bool)> {
    ARTIFACT.iter().map(|l| (*l, true)).chain(VOICE.iter().chain(VOICE_FR.iter()).map(|l| (*l, false)))
}

const ARTIFACT: [&str; 16] = [
    ":contentReference",
    "[oai_citation",
    "\u{E200}",
    "\u{E202}",
    "citeturn",
    "†",
    "utm_source=",
    "attributableIndex",
    "Copy code",
    "CopyEdit",
    "said",
    "a dit",
    "avez dit",
    "[cite",
    "[span_",
    "chatgpt.com/codex",
];
const VOICE: [&str; 8] = [
    "as an ai",
    "as a large language",
    "as of my",
    "my knowledge",
    "my training",
    "have real-time",
    "have access to real-time",
    "en tant qu",
];
const VOICE_FR: [&str; 3] = ["selon mes derni", "ma date ", "date de ma derni"];

/// Whether the literals of [`gate_literals`] of an artifact and of a model-voice phrase occur.
fn gates(text: &str) -> (bool, bool) {
    static AC: OnceLock<Option<Literals>> = OnceLock::new();
    let ac =
        AC.get_or_init(|| Literals::new(ARTIFACT.iter().chain(VOICE.iter()).chain(VOICE_FR.iter())).ok());
    let Some(ac) = ac else { return (true, true) };
    let (mut artifact, mut voice) = (false, false);
    for m in ac.overlapping(text) {
        if m.pattern().as_usize() < ARTIFACT.len() {
            artifact = true;
        } else {
            voice = true;
        }
        if artifact && voice {
            break;
        }
    }
    (artifact, voice)
}

/// IPTC digital-source types that mark media as AI-made (in XMP or in a C2PA manifest).
pub const IPTC_AI_SOURCE_TYPES: &[&str] =
    &["trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "algorithmicMedia"];

/// `text` with its HTML/Markdown comments (`<!-- … -->`) blanked: a label no reader sees is
/// not a label.
fn without_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("<!--") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = match rest[i + 4..].find("-->") {
            Some(j) => &rest[i + 4 + j + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Folds case and the typographic apostrophe so that "Généré par l’IA" matches "généré par l'ia".
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | 'ʼ' | '‘' => '\'',
            '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first accepted label phrase found in `text` (case-insensitive, either apostrophe), or an
/// IPTC AI digital-source type (the machine-readable marking of images). A phrase counts only
/// as a statement about the document — see [`is_statement`] — not as any occurrence of the
/// words: a file name `ai-generated.svg`, an image path, a URL, link or alt text, a code span
/// or a sentence about AI-generated things in general say nothing about this document.
pub fn find_label(text: &str, accepted: &[&str]) -> Option<String> {
    let folded = fold(&without_comments(text));
    let code = code_regions(&folded);
    for phrase in accepted {
        let p = fold(phrase);
        if p.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(i) = folded[from..].find(&p) {
            let (s, e) = (from + i, from + i + p.len());
            // A label is a phrase, not part of a word ("AI-generated" in "non-AI-generatedness").
            let ok_before = folded[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let ok_after = folded[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if ok_before && ok_after && !inside(&code, &(s..e)) && is_statement(&folded, s, e) {
                return Some((*phrase).to_string());
            }
            from = e;
        }
    }
    IPTC_AI_SOURCE_TYPES.iter().find(|t| text.contains(**t)).map(|t| format!("IPTC DigitalSourceType {t}"))
}

/// The phrase at `s..e` of the folded text is said of the document: it is not part of a path,
/// file name, URL, link or image, and it opens its sentence (after list or emphasis markup),
/// follows a short `Label:`/`Note:`/`Figure 2:` lead-in or a front-matter key, or completes a
/// sentence whose subject is the document ("This summary was", "Texte"), and that sentence
/// is short, as labels are.
fn is_statement(folded: &str, s: usize, e: usize) -> bool {
    let line_start = folded[..s].rfind('\n').map_or(0, |i| i + 1);
    let line_end = folded[e..].find('\n').map_or(folded.len(), |i| e + i);
    let (before, after) = (&folded[line_start..s], &folded[e..line_end]);
    // Part of a path, file name or URL: `images/ai-generated.svg`, `ai_generated-1.png`. An
    // underscore or dot joins only between word characters (`_AI-generated_` is emphasis).
    let mut back = before.chars().rev();
    let joined_before = match back.next() {
        Some('/' | '\\' | '=' | '?' | '&' | '#' | '@') => true,
        Some('_' | '.') => back.next().is_some_and(char::is_alphanumeric),
        _ => false,
    };
    let mut rest = after.chars();
    let joined_after = match rest.next() {
        Some('/' | '\\' | '=' | '&' | '?') => true,
        Some('.' | '_') => rest.next().is_some_and(char::is_alphanumeric),
        _ => false,
    };
    if joined_before || joined_after {
        return false;
    }
    // The text of a link or an image (`[AI-generated images](…)`, `![AI-generated](…)`).
    if let Some(open) = before.rfind('[')
        && !before[open..].contains(']')
        && after.find(']').is_some_and(|close| after[close + 1..].starts_with('('))
    {
        return false;
    }
    let sentence_start = before
        .rmatch_indices([';', '|', '.', '!', '?', '—'])
        .find(|(i, m)| before[i + m.len()..].starts_with([' ', '\t']) || *m == "|" || *m == "—")
        .map_or(0, |(i, m)| i + m.len());
    let markup = |c: char| {
        c.is_whitespace()
            || matches!(c, '*' | '_' | '>' | '#' | '-' | '+' | '~' | '"' | '“' | '”' | '«' | '»' | '(' | '[')
    };
    let mut lead = before[sentence_start..].trim_matches(markup);
    // A short lead-in: `Note:`, `Label:`, `Figure 2:`, a front-matter key.
    if let Some(i) = lead.find([':', '–'])
        && i <= 30
        && lead[..i].chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '*'))
    {
        lead = lead[i..].trim_start_matches([':', '–']).trim_matches(markup);
    }
    let sentence_end = after.find([';', '|', '.', '!', '?']).unwrap_or(after.len());
    let short = after[..sentence_end].split_whitespace().count() <= 10;
    short && (lead.is_empty() || document_subject().is_match(&format!("{lead} ")))
}

/// The document as the subject of the label's sentence: "This summary was", "Texte", "Ce
/// résumé a été".
fn document_subject() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        crate::rules::compile::build_regex(
            r"^(?:(?:this|the|ce|cette|cet|le|la|les|ces)[ \t]+)?(?:[a-zà-ÿ-]+[ \t]+){0,2}(?:document|text|texte|article|post|page|report|rapport|summary|résumé|content|contenu|image|illustration|photo|picture|figure|translation|traduction|answer|réponse|response|readme|section|chapter|chapitre|note|draft|brouillon|memo|mémo|e-?mail|mail|letter|lettre|description|guide|analysis|analyse|study|étude|synthèse|version|copy|visuel|visual)s?(?:[ \t]+(?:below|above|ci-dessous|ci-dessus))?[ \t,]*(?:(?:was|is|are|were|has[ \t]+been|have[ \t]+been|a[ \t]+été|est|sont|ont[ \t]+été)[ \t]+)?(?:(?:partly|partially|entirely|fully|largely|en[ \t]+partie|partiellement|entièrement)[ \t]+)?$",
        )
        .unwrap_or_else(|e| panic!("built-in pattern: {e}"))
    })
}

#[cfg(test)]
#[path = "provenance_tests.rs"]
mod tests;
