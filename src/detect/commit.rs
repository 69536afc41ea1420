//! AI use in a commit message: co-author trailers and tool footers that AI coding agents write
//! (Claude Code, Copilot, Cursor, Codex, Aider, Devin, Jules, Amp, OpenHands…), "generated
//! with …" phrases, chat-tool artifacts, and the charter's own disclosure trailer
//! (`labels.commit_trailer`, e.g. `Assisted-by`).
//!
//! A commit *about* an AI tool ("Bump openai to 1.40", "Fix Copilot config parsing") is not AI
//! use: tool names count only as an identity (a trailer value, an author, an agent's noreply
//! address) or after "generated/written/assisted … with/by". A person called Claude is not
//! Claude: the name alone is not an identity, only with a model name or Anthropic's address.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::provenance;

/// One sign of AI use in a commit message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Range<usize>,
    /// How it reads in a message: "trailer `Co-authored-by: Claude <noreply@anthropic.com>`".
    pub what: String,
}

/// Prefix of lines the commit-msg hook adds for AI artifacts in the staged changes.
pub const STAGED_PREFIX: &str = "X-Staged-AI-Artifact:";
/// Prefix of the line that carries the commit's author in `scan --git-log` units.
pub const AUTHOR_PREFIX: &str = "Author:";

fn identity() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)noreply@anthropic\.com|(?-u:\b)claude(?:[ \t]+(?:code|opus|sonnet|haiku)|\[bot\])|anthropic-code-agent|copilot@users\.noreply\.github\.com|copilot-swe-agent|copilot autofix|cursoragent@cursor\.com|cursor\[bot\]|noreply@openai\.com|codex@openai\.com|codex@users\.noreply\.github\.com|openai-code-agent|aider@aider\.chat|\(aider\)|devin-ai-integration|google-labs-jules|amp@ampcode\.com|factory-droid|openhands@all-hands\.dev|qwen-coder@|gemini-code-assist|chatgpt-codex-connector",
        )
        .unwrap_or_else(|e| unreachable!("identity regex: {e}"))
    })
}

fn footer() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?im)^[^\n]*(?:(?:generated|written|created|drafted|produced|authored|assisted|made|co-authored)[ \t]+(?:with|by|using|in)[ \t]+(?:the[ \t]+help[ \t]+of[ \t]+)?\[?(?:claude(?:[ \t]+code)?|chatgpt|github[ \t]+copilot|copilot|cursor|codex|gemini|aider|devin|jules|windsurf|an?[ \t]+(?:ai|llm)|ai)(?-u:\b)|^made-with:[ \t]*cursor)[^\n]*",
        )
        .unwrap_or_else(|e| unreachable!("footer regex: {e}"))
    })
}

fn trailer_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\n]*?)[ \t]*\r?$")
            .unwrap_or_else(|e| unreachable!("trailer regex: {e}"))
    })
}

/// Whether the message carries `trailer:` with a value (key compared case-insensitively).
pub fn has_trailer(text: &str, trailer: &str) -> bool {
    trailer_line().captures_iter(text).any(|c| {
        c.get(1).is_some_and(|k| k.as_str().eq_ignore_ascii_case(trailer))
            && c.get(2).is_some_and(|v| !v.as_str().is_empty())
    })
}

/// Every sign of AI use in a commit message, in text order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for c in trailer_line().captures_iter(text) {
        let (Some(line), Some(key), Some(value)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        let k = key.as_str();
        let as_identity = identity().is_match(value.as_str());
        let disclosure = ["assisted-by", "generated-by", "ai-assisted", "ai-tool"]
            .iter()
            .any(|d| k.eq_ignore_ascii_case(d));
        if k.eq_ignore_ascii_case(STAGED_PREFIX.trim_end_matches(':')) {
            out.push(Mention {
                span: line.range(),
                what: format!("staged changes that add {}", value.as_str()),
            });
        } else if as_identity || disclosure {
            let what = if k.eq_ignore_ascii_case("author") { "AI author" } else { "trailer" };
            out.push(Mention { span: line.range(), what: format!("{what} `{}`", line.as_str().trim()) });
        }
    }
    for m in footer().find_iter(text) {
        if !out.iter().any(|o| o.span.start < m.end() && m.start() < o.span.end) {
            out.push(Mention { span: m.range(), what: format!("footer `{}`", m.as_str().trim()) });
        }
    }
    let code = provenance::code_regions(text);
    for e in provenance::artifacts(text, &code) {
        if !out.iter().any(|o| o.span.start < e.span.end && e.span.start < o.span.end) {
            out.push(Mention { span: e.span, what: e.kind.describe().to_string() });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// The commit message as git keeps it: comment lines and everything below the scissors line
/// (`git commit -v`) removed.
pub fn clean_message(raw: &str) -> String {
    let mut out = String::new();
    for line in raw.lines() {
        if line.starts_with("# ------------------------ >8 ------------------------") {
            break;
        }
        if line.starts_with('#') {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whats(text: &str) -> Vec<String> {
        mentions(text).into_iter().map(|m| m.what).collect()
    }

    #[test]
    fn agent_trailers_and_footers() {
        let claude = "Add parser\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n";
        let w = whats(claude);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].starts_with("footer") && w[1].contains("noreply@anthropic.com"));
        assert_eq!(
            whats("Fix\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n").len(),
            1
        );
        assert_eq!(whats("Fix\n\nMade-with: Cursor\n").len(), 1);
        assert_eq!(whats("Fix\n\nCo-authored-by: aider (gpt-4o) <aider@aider.chat>\n").len(), 1);
        assert_eq!(whats("Refactor\n\nWritten with the help of ChatGPT.\n").len(), 1);
        assert_eq!(whats("Docs\n\nSee https://chatgpt.com/codex/tasks/task_e_68a1b2c3d4\n").len(), 1);
    }

    #[test]
    fn commits_about_tools_and_people_named_claude_are_not_ai_use() {
        assert!(whats("Bump openai from 1.39 to 1.40\n\nFix Copilot config parsing.\n").is_empty());
        assert!(whats("Fix typo\n\nSigned-off-by: Claude Martin <claude.martin@acme.example>\n").is_empty());
        assert!(whats("Support Cursor rules files in the scanner\n").is_empty());
    }

    #[test]
    fn trailer_and_cleaning() {
        let msg = clean_message(
            "Fix\n\nAssisted-by: Claude Code\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n+Co-authored-by: Claude <noreply@anthropic.com>\n",
        );
        assert_eq!(msg, "Fix\n\nAssisted-by: Claude Code\n");
        assert!(has_trailer(&msg, "assisted-by"));
        assert!(!has_trailer("Fix\n\nAssisted-by:\n", "Assisted-by"));
        assert_eq!(whats(&msg), ["trailer `Assisted-by: Claude Code`"]);
    }
}
