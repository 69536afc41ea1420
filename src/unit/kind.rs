//! What a file is, from its path: code, config, prose, a manifest, a prompt template. Rules say
//! which kinds they apply to; a file can be several kinds at once (CLAUDE.md is prose that an
//! assistant reads).

use serde::Deserialize;

/// One kind of file or unit a rule can apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    Code,
    Config,
    Prose,
    Manifest,
    /// A file that an AI coding assistant reads as instructions.
    Assistant,
    PromptTemplate,
    /// A message a person sent to an AI tool (prompt logs).
    Prompt,
    /// A message an AI tool sent back (prompt logs).
    Response,
    /// Text extracted from a document (office file, PDF, HTML).
    Document,
    /// A commit message.
    CommitMessage,
    /// The metadata of an image (PNG, JPEG, WebP), rendered as text by its input.
    Image,
    /// An AI audit-log record (Microsoft 365 Copilot), rendered as text by its input.
    AuditRecord,
    /// A person's use of an AI service folded from network logs (proxy, DNS, firewall),
    /// stated in one line by its input.
    Network,
    /// Any text file.
    Any,
}

impl UnitKind {
    const fn bit(self) -> u16 {
        1 << self as u8
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Code => "code",
            UnitKind::Config => "config",
            UnitKind::Prose => "prose",
            UnitKind::Manifest => "manifest",
            UnitKind::Assistant => "assistant",
            UnitKind::PromptTemplate => "prompt-template",
            UnitKind::Prompt => "prompt",
            UnitKind::Response => "response",
            UnitKind::Document => "document",
            UnitKind::CommitMessage => "commit-message",
            UnitKind::Image => "image",
            UnitKind::AuditRecord => "audit-record",
            UnitKind::Network => "network",
            UnitKind::Any => "any",
        }
    }
}

/// A set of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Kinds(u16);

impl Kinds {
    pub fn with(mut self, k: UnitKind) -> Kinds {
        self.0 |= k.bit() | UnitKind::Any.bit();
        self
    }

    pub fn contains(self, k: UnitKind) -> bool {
        self.0 & k.bit() != 0
    }

    /// A rule's list of kinds as a set, as written (no `Any` added, unlike [`Kinds::with`]).
    pub fn exactly(list: &[UnitKind]) -> Kinds {
        Kinds(list.iter().fold(0, |bits, k| bits | k.bit()))
    }

    /// Whether a rule that applies to `wanted` (its list made a set by [`Kinds::exactly`]; empty
    /// = every kind) applies here. One test per rule and unit: walking the list was a fiftieth
    /// of reading a prompt log.
    pub fn meets(self, wanted: Kinds) -> bool {
        wanted.0 == 0 || self.0 & wanted.0 != 0
    }
}

const CODE: &[&str] = &[
    "py", "pyi", "pyw", "ipynb", "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "vue", "svelte",
    "java", "kt", "kts", "scala", "groovy", "gradle", "go", "rs", "rb", "php", "cs", "fs", "vb", "swift",
    "m", "mm", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "dart", "lua", "r", "jl", "ex", "exs", "erl",
    "clj", "cljs", "hs", "ml", "pl", "pm", "sh", "bash", "zsh", "fish", "ps1", "psm1", "bat", "cmd", "sql",
    "zig", "nim", "elm", "sol", "tf", "hcl",
];
const CONFIG: &[&str] = &[
    "json",
    "jsonc",
    "json5",
    "yaml",
    "yml",
    "toml",
    "ini",
    "cfg",
    "conf",
    "properties",
    "env",
    "xml",
    "plist",
    "csproj",
    "fsproj",
    "vbproj",
    "props",
    "targets",
    "config",
    "lock",
    "nix",
    "tfvars",
    "mdc",
];
const PROSE: &[&str] = &[
    "md", "markdown", "mdx", "mdc", "txt", "text", "rst", "adoc", "asciidoc", "org", "tex", "html", "htm",
    "xhtml",
];
const CONFIG_NAMES: &[&str] = &[
    "dockerfile",
    "containerfile",
    "makefile",
    "procfile",
    "jenkinsfile",
    "vagrantfile",
    ".npmrc",
    ".yarnrc",
    ".pypirc",
    ".netrc",
    ".gitlab-ci.yml",
    "docker-compose.yml",
];

/// Classifies a file by its `/`-separated path relative to the scan root. Manifest and
/// assistant kinds are added by the caller, which knows the manifest parser and the catalogue.
pub fn classify(rel_path: &str) -> Kinds {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let lower = name.to_ascii_lowercase();
    let mut kinds = Kinds::default().with(UnitKind::Any);
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if CODE.contains(&ext) {
        kinds = kinds.with(UnitKind::Code);
    }
    if CONFIG.contains(&ext)
        || CONFIG_NAMES.contains(&lower.as_str())
        || lower == ".env"
        || lower.starts_with(".env.")
        || lower.starts_with("dockerfile.")
    {
        kinds = kinds.with(UnitKind::Config);
    }
    if PROSE.contains(&ext) || matches!(lower.as_str(), "readme" | "notice" | "authors") {
        kinds = kinds.with(UnitKind::Prose);
    }
    if matches!(lower.as_str(), "commit_editmsg" | "merge_msg" | "squash_msg" | "tag_editmsg") {
        kinds = kinds.with(UnitKind::CommitMessage);
    }
    if matches!(ext, "png" | "jpg" | "jpeg" | "webp") {
        kinds = kinds.with(UnitKind::Image);
    }
    if is_prompt_template(rel_path, &lower, ext) {
        kinds = kinds.with(UnitKind::PromptTemplate);
    }
    kinds
}

fn is_prompt_template(rel_path: &str, lower_name: &str, ext: &str) -> bool {
    matches!(ext, "prompt" | "prompty" | "jinja" | "j2" | "hbs" | "mustache" | "tmpl")
        && (lower_name.contains("prompt") || rel_path.to_ascii_lowercase().contains("prompt"))
        || lower_name.ends_with(".prompt.md")
        || lower_name.ends_with(".prompt.yml")
        || lower_name.ends_with(".prompt.yaml")
        || ext == "prompt"
        || ext == "prompty"
        || rel_path
            .to_ascii_lowercase()
            .split('/')
            .rev()
            .skip(1)
            .any(|d| d == "prompts" || d == "prompt_templates" || d == "system_prompts")
            && matches!(ext, "md" | "txt" | "yaml" | "yml" | "json" | "j2" | "jinja" | "tmpl")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk of a rule's list that [`Kinds::meets`] replaced: the reference it must agree with.
    fn intersects(k: Kinds, wanted: &[UnitKind]) -> bool {
        wanted.is_empty() || wanted.iter().any(|w| k.contains(*w))
    }

    #[test]
    fn a_rule_list_made_a_set_meets_what_the_list_intersects() {
        let all = [
            UnitKind::Code,
            UnitKind::Config,
            UnitKind::Prose,
            UnitKind::Prompt,
            UnitKind::Response,
            UnitKind::Document,
            UnitKind::Any,
        ];
        let units = [
            Kinds::default(),
            Kinds::default().with(UnitKind::Code),
            Kinds::default().with(UnitKind::Prompt).with(UnitKind::Prose),
            Kinds::default().with(UnitKind::Response),
        ];
        // Every list of up to two kinds, the empty one included.
        let mut lists: Vec<Vec<UnitKind>> = vec![vec![]];
        for a in all {
            lists.push(vec![a]);
            for b in all {
                lists.push(vec![a, b]);
            }
        }
        let mut met = 0;
        for u in units {
            for l in &lists {
                assert_eq!(u.meets(Kinds::exactly(l)), intersects(u, l), "{u:?} {l:?}");
                met += usize::from(u.meets(Kinds::exactly(l)));
            }
        }
        assert!(met > 0 && met < units.len() * lists.len());
    }

    #[test]
    fn classifies_common_files() {
        assert!(classify("src/app.py").contains(UnitKind::Code));
        assert!(!classify("src/app.py").contains(UnitKind::Prose));
        assert!(classify("docs/guide.md").contains(UnitKind::Prose));
        assert!(classify(".env.local").contains(UnitKind::Config));
        assert!(classify("deploy/Dockerfile").contains(UnitKind::Config));
        assert!(classify("prompts/system.md").contains(UnitKind::PromptTemplate));
        assert!(classify("app/summarise.prompt").contains(UnitKind::PromptTemplate));
        assert!(!classify("docs/guide.md").contains(UnitKind::PromptTemplate));
        assert!(classify("LICENSE").contains(UnitKind::Any));
        assert!(classify("LICENSE").meets(Kinds::exactly(&[])));
        assert!(!classify("LICENSE").meets(Kinds::exactly(&[UnitKind::Code, UnitKind::Prose])));
    }
}
