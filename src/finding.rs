//! The one finding type that every reporter reads, and the severity scale.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The six rule categories of the charter (DESIGN.md), and the suppression comments' own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    ConfidentialData,
    AiLabel,
    HumanOversight,
    ShadowAi,
    PromptInjection,
    ProhibitedPractice,
    /// Findings about suppression comments (ALLOW rules). Their findings carry the category of
    /// the rule they suppress, so outputs only ever show the six charter categories.
    Suppression,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::ConfidentialData,
        Category::AiLabel,
        Category::HumanOversight,
        Category::ShadowAi,
        Category::PromptInjection,
        Category::ProhibitedPractice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ConfidentialData => "confidential-data",
            Category::AiLabel => "ai-label",
            Category::HumanOversight => "human-oversight",
            Category::ShadowAi => "shadow-ai",
            Category::PromptInjection => "prompt-injection",
            Category::ProhibitedPractice => "prohibited-practice",
            Category::Suppression => "suppression",
        }
    }

    /// The rule-id prefix that belongs to the category.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Category::ConfidentialData => "CONF",
            Category::AiLabel => "LABEL",
            Category::HumanOversight => "HITL",
            Category::ShadowAi => "SHADOW",
            Category::PromptInjection => "INJECT",
            Category::ProhibitedPractice => "PROHIB",
            Category::Suppression => "ALLOW",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A secondary span shown in the human output, with its own label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range relative to [`Excerpt::text`].
    pub span: Range<usize>,
    pub text: String,
}

/// The lines around a finding, already masked, kept so reporters never need the file again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// 1-based line number of the first line of `text` in the source.
    pub first_line: usize,
    /// Byte range of the primary span, relative to `text`.
    pub span: Range<usize>,
    pub labels: Vec<Label>,
}

/// One rule violation found in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Shared by all the findings of the rule (and `path` by those of the file, `tool` by
    /// those of the service): a log audit holds a hundred thousand findings of one file.
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub title: Arc<str>,
    pub message: String,
    pub path: Arc<str>,
    pub start: Position,
    pub end: Position,
    /// For findings inside a log record: which conversation, message, role and time.
    pub record: Option<String>,
    /// The matched line, masked.
    pub snippet: String,
    pub fingerprint: String,
    /// The rule's own texts, shared by all its findings: a log audit can hold a hundred
    /// thousand findings of a few rules, and these texts are most of a finding's size.
    pub charter_ref: Arc<str>,
    pub references: Arc<[String]>,
    pub help: Arc<str>,
    /// Boxed: the machine formats build none, and a finding without one stays small.
    pub excerpt: Option<Box<Excerpt>>,
    /// Catalogue id of the AI service the finding is about, when there is one.
    pub tool: Option<Arc<str>>,
}

#[cfg(test)]
impl Finding {
    /// A finding of `rule` at the start of `line` in `path`, every other field empty: tests
    /// set what they look at with struct update.
    pub fn sample(rule: &str, path: &str, line: usize) -> Finding {
        Finding {
            rule: rule.into(),
            category: Category::ShadowAi,
            severity: Severity::Warning,
            title: "".into(),
            message: String::new(),
            path: path.into(),
            start: Position { line, column: 1 },
            end: Position { line, column: 2 },
            record: None,
            snippet: String::new(),
            fingerprint: String::new(),
            charter_ref: "".into(),
            references: Vec::new().into(),
            help: "".into(),
            excerpt: None,
            tool: None,
        }
    }
}

/// A rule's texts that every finding of the rule repeats, built once per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTexts {
    pub id: Arc<str>,
    pub title: Arc<str>,
    pub charter_ref: Arc<str>,
    pub references: Arc<[String]>,
    pub help: Arc<str>,
}

impl RuleTexts {
    pub fn new(id: &str, title: &str, charter_ref: &str, references: &[String], help: String) -> RuleTexts {
        RuleTexts {
            id: id.into(),
            title: title.into(),
            charter_ref: charter_ref.into(),
            references: references.into(),
            help: help.into(),
        }
    }
}

/// A line-independent identity: rule + path + hash of the matched text, so that moving code
/// does not change it and the secret itself is never stored.
pub fn fingerprint(rule: &str, path: &str, matched: &str) -> String {
    let inner = Sha256::digest(matched.as_bytes());
    let mut outer = Sha256::new();
    outer.update(rule.as_bytes());
    outer.update([0]);
    outer.update(path.as_bytes());
    outer.update([0]);
    outer.update(inner);
    let digest = outer.finalize();
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    // One allocation per finding: a large log has tens of thousands of them.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in digest {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    hex
}

#[cfg(test)]
// charterlint: allow-file SHADOW002 -- fingerprints are tested on real host names
mod tests {
    use super::*;

    #[test]
    fn fingerprint_depends_on_rule_path_and_text_only() {
        let a = fingerprint("SHADOW002", "src/a.py", "api.openai.com");
        assert_eq!(a, fingerprint("SHADOW002", "src/a.py", "api.openai.com"));
        assert_ne!(a, fingerprint("SHADOW001", "src/a.py", "api.openai.com"));
        assert_ne!(a, fingerprint("SHADOW002", "src/b.py", "api.openai.com"));
        assert_ne!(a, fingerprint("SHADOW002", "src/a.py", "api.anthropic.com"));
        assert!(a.starts_with("sha256:") && a.len() == 71);
        assert!(!a.contains("openai"));
    }

    #[test]
    fn severity_orders_error_highest() {
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
    }
}
