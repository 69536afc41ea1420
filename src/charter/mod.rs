//! The organisation's AI-usage charter (`ai-charter.yaml`): finding it, reading it and the
//! charters it `extends`, merging them, validating every value with located errors, and the
//! embedded default used when there is no file.
//!
//! Layout: [`model`] has the types (the public effective [`Charter`] and the per-file form),
//! `merge` the effective values and `extends` merging, `validate` the checks, [`builtin`] the built-in marker/label/review lists, `diagnostic` the
//! error type, `trust` how far a charter may reach with `extends`, `read` the bounded reading of
//! a file that may be hostile. The file format is a user-facing contract (DESIGN.md, "The
//! charter file").
//!
//! Trust: a charter found in the scanned tree is input like the files scanned ([`Trust`]). It may
//! extend only regular files of its own repository, and no error ever shows more of a file than
//! the charter line at fault (`diagnostic`), nor anything of a file that is not YAML.
//!
//! Positions: the per-file model holds `yaml::Spanned` values, so every check knows the line,
//! column and byte range of the value it rejects, in the file it came from. The public
//! [`Charter`] is plain values: after merging, positions would need a file each, and nothing
//! downstream of loading needs them.

pub mod builtin;
mod diagnostic;
mod merge;
pub mod model;
mod network;
mod read;
pub mod render;
pub mod schema;
mod sovereignty;
#[cfg(test)]
mod tests;
mod trust;
mod validate;

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

pub use diagnostic::{CharterError, ErrorKind};
pub use model::{
    Charter, CsvMap, CustomTool, Data, Domain, Labels, Language, NetFieldMap, Network, Oversight, Packages,
    Pattern, PromptLogs, Rules, Scan, Tools, parse_size,
};
pub use read::MAX_FILE_BYTES;
pub use sovereignty::{
    Decision, EU, EU_MEMBERS, Ground, Jurisdictions, Policy, ToolFacts, is_country_code, suggest_country,
};
pub use trust::Trust;

use crate::finding::Severity;
use crate::yaml::{self, Spanned};
use diagnostic::SourceFile;
use merge::Layer;
use model::RawCharter;
use read::{ReadError, read_charter_file};

/// The charter file's name, looked for by [`discover`].
pub const FILE_NAME: &str = "ai-charter.yaml";
const DEFAULT_YAML: &str = include_str!("default.yaml");
const STARTER_YAML: &str = include_str!("starter.yaml");
const STARTER_FR_YAML: &str = include_str!("starter.fr.yaml");
/// Most `extends` hops from the file given to the last charter it builds on.
pub const MAX_EXTENDS_DEPTH: usize = 8;
/// The environment variable that names the operator's charter when `--charter` is not given
/// (trusted like `--charter`; empty means unset).
pub const ENV_VAR: &str = "CHARTERLINT_CHARTER";

/// What the charter says about an AI tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ToolStatus {
    /// Any data allowed.
    Approved,
    /// Allowed, but no confidential data.
    Tolerated,
    /// Known to the catalogue but listed nowhere: shadow AI.
    Unapproved,
    /// Never.
    Forbidden,
}

impl ToolStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ToolStatus::Approved => "approved",
            ToolStatus::Tolerated => "tolerated",
            ToolStatus::Unapproved => "unapproved",
            ToolStatus::Forbidden => "forbidden",
        }
    }
}

/// Where the effective charter came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Embedded,
    /// `path` as given (or as found by [`discover`]); `chain`: the charters it extends, nearest
    /// first.
    File {
        path: PathBuf,
        chain: Vec<PathBuf>,
    },
}

impl Source {
    /// For reports: the path as given, or "embedded default".
    pub fn display(&self) -> String {
        match self {
            Source::Embedded => "embedded default".to_string(),
            Source::File { path, .. } => path.display().to_string(),
        }
    }
}

/// A loaded, validated, merged charter and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub charter: Charter,
    pub source: Source,
}

/// What the validator checks names against (ids from the catalogue and the rules pack, passed in
/// by the caller). An empty slice skips that check: there is nothing to check against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub tool_ids: &'a [&'a str],
    pub rule_ids: &'a [&'a str],
}

/// Whether `pattern` (from `rules.disable` / `rules.severity`) names rule `id`: the id itself or
/// a prefix of it (`LABEL` names `LABEL003`), ignoring ASCII case: the same reading as the CLI's
/// `--select` / `--ignore`, so a prefix means the same thing in both places.
pub(crate) fn rule_matches(pattern: &str, id: &str) -> bool {
    let p = pattern.trim();
    !p.is_empty() && id.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p))
}

/// Built-in entries first, then the charter's own that are not already there (ignoring case, as
/// the matchers do).
fn union<'a>(builtin: &'static [&'static str], own: &'a [String]) -> Vec<&'a str> {
    let mut out: Vec<&str> = builtin.to_vec();
    for item in own {
        if !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item);
        }
    }
    out
}

impl Charter {
    /// Status of a catalogue or custom tool id, given what the policy needs to know of the
    /// service: its own entry in `approved`, `tolerated` or `forbidden` wins; then `tools.local`
    /// for a local runtime; then `tools.jurisdictions`; else [`ToolStatus::Unapproved`].
    pub fn tool_status(&self, tool_id: &str, facts: ToolFacts<'_>) -> ToolStatus {
        self.tool_decision(tool_id, facts).status
    }

    /// Like [`Charter::tool_status`], with what decided it.
    pub fn tool_decision<'a>(&self, tool_id: &str, facts: ToolFacts<'a>) -> Decision<'a> {
        sovereignty::decide(&self.tools, tool_id, facts)
    }

    /// The `tools.custom` entry with this id, if any.
    pub fn custom_tool(&self, tool_id: &str) -> Option<&CustomTool> {
        self.tools.custom.iter().find(|t| t.id == tool_id)
    }

    /// Classification markers to match case-insensitively: built-in (EN+FR) ∪ `data.markers`.
    pub fn markers(&self) -> Vec<&str> {
        union(builtin::MARKERS, &self.data.markers)
    }

    /// Bare markers that count only in capitals (`CONFIDENTIAL`): match these case-sensitively.
    pub fn uppercase_markers(&self) -> Vec<&str> {
        builtin::UPPERCASE_MARKERS.to_vec()
    }

    /// AI label phrases: built-in (EN+FR, both apostrophes) ∪ `labels.accepted`.
    pub fn accepted_labels(&self) -> Vec<&str> {
        union(builtin::ACCEPTED_LABELS, &self.labels.accepted)
    }

    /// Identifiers that count as a human review step: built-in ∪ `oversight.review_markers`.
    pub fn review_markers(&self) -> Vec<&str> {
        union(builtin::REVIEW_MARKERS, &self.oversight.review_markers)
    }

    /// Whether `rules.disable` names this rule, by id or id prefix.
    pub fn rule_disabled(&self, rule_id: &str) -> bool {
        self.rules.disable.iter().any(|d| rule_matches(d, rule_id))
    }

    /// The severity `rules.severity` sets for this rule: an exact id wins over a prefix, a longer
    /// prefix over a shorter one.
    pub fn severity_override(&self, rule_id: &str) -> Option<Severity> {
        self.rules
            .severity
            .iter()
            .filter(|(pattern, _)| rule_matches(pattern, rule_id))
            .max_by_key(|(pattern, _)| pattern.trim().len())
            .map(|(_, severity)| *severity)
    }

    /// The effective charter as YAML, for `charterlint charter check`. It loads as a charter
    /// itself; the built-in lists that apply on top of it follow as comments.
    pub fn to_yaml(&self) -> String {
        #[derive(Serialize)]
        struct Builtin {
            markers: &'static [&'static str],
            uppercase_markers: &'static [&'static str],
            accepted_labels: &'static [&'static str],
            review_markers: &'static [&'static str],
        }
        let builtin = Builtin {
            markers: builtin::MARKERS,
            uppercase_markers: builtin::UPPERCASE_MARKERS,
            accepted_labels: builtin::ACCEPTED_LABELS,
            review_markers: builtin::REVIEW_MARKERS,
        };
        let mut out = yaml::to_string(self);
        out.push_str(
            "\n# Built in: these lists always apply in addition to the charter's own lists above\n\
             # (markers and labels match case-insensitively; uppercase_markers only in capitals).\n",
        );
        for line in yaml::to_string(&builtin).lines() {
            out.push_str("#   ");
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// Walk up from `start` (a file or directory) to the filesystem root; first `ai-charter.yaml`
/// wins. A relative `start` gives a path relative to the current directory when the file is
/// under it (`ai-charter.yaml`, not `/home/…/ai-charter.yaml`), as reports show it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = if start.as_os_str().is_empty() { Path::new(".") } else { start };
    let absolute =
        fs::canonicalize(start).or_else(|_| std::path::absolute(start).map(|p| normalize(&p))).ok()?;
    let first = if absolute.is_dir() { absolute.as_path() } else { absolute.parent()? };
    let found = first.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file())?;
    if start.is_relative() {
        let cwd = std::env::current_dir().ok().and_then(|c| fs::canonicalize(c).ok());
        if let Some(relative) = cwd.and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf)) {
            return Some(relative);
        }
    }
    Some(found)
}

/// The charter in force: `explicit` (`--charter FILE`), else the file named by [`ENV_VAR`], both
/// trusted ([`Trust::Operator`]); else the first [`FILE_NAME`] found by walking up from `start`,
/// which is part of what is scanned ([`Trust::Repository`]); else the embedded default.
pub fn resolve(explicit: Option<&Path>, start: &Path, known: &Known) -> Result<Loaded, CharterError> {
    let from_env = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(path) = explicit.map(Path::to_path_buf).or(from_env) {
        return load(&path, &Trust::Operator, known);
    }
    match discover(start) {
        Some(path) => load(&path, &Trust::repository_of(&path), known),
        None => Ok(embedded_default(known)),
    }
}

/// Read, parse, follow `extends` as far as `trust` allows, merge (lists: parent then child,
/// de-duplicated keeping order; scalars: child wins; maps: union, child wins), validate.
pub fn load(path: &Path, trust: &Trust, known: &Known) -> Result<Loaded, CharterError> {
    let canonical = fs::canonicalize(path);
    if let Ok(canonical) = &canonical
        && !trust.allows(canonical)
    {
        return Err(CharterError::new(
            ErrorKind::Untrusted,
            format!(
                "the charter `{}` found in the scanned tree leads outside its repository, to `{}`",
                path.display(),
                canonical.display()
            ),
        )
        .help(format!(
            "a charter found in the scanned tree may only use files of its repository; give a charter outside it with `--charter` or {ENV_VAR}"
        )));
    }
    let text = read_charter_file(path).map_err(|e| {
        let err = CharterError::new(
            if matches!(e, ReadError::NotYaml(_)) { ErrorKind::NotYaml } else { ErrorKind::Io },
            format!("cannot read charter file `{}`: {e}", path.display()),
        );
        match e {
            ReadError::Io(_) | ReadError::NotRegular(_) => err.help(format!(
                "give an existing file with `--charter`, or run `charterlint init` to write a starter `{FILE_NAME}`"
            )),
            ReadError::NotYaml(_) | ReadError::TooLarge => {
                err.help("a charter is a small YAML text file; nothing of this file is shown")
            }
        }
    })?;
    load_named(path, &text, trust.clone(), known)
}

/// Like [`load`], from text given by the operator; `name` is shown in errors and, taken as a
/// path, is what a relative `extends` is resolved against (`<stdin>`: the current directory).
pub fn load_str(name: &str, text: &str, known: &Known) -> Result<Loaded, CharterError> {
    load_named(Path::new(name), text, Trust::Operator, known)
}

fn load_named(path: &Path, text: &str, trust: Trust, known: &Known) -> Result<Loaded, CharterError> {
    let name = path.display().to_string();
    if let Some(problem) = not_a_charter(text) {
        return Err(CharterError::new(ErrorKind::NotYaml, format!("`{name}` is {problem}")).help(
            "a charter is YAML `key: value` lines, starting with `version: 1`; nothing of this file is shown",
        ));
    }
    let mut loader = Loader { known, trust, stack: Vec::new(), chain: Vec::new() };
    if let Ok(canonical) = fs::canonicalize(path) {
        loader.stack.push((canonical, name.clone()));
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let layer = loader.layer(SourceFile { name, text: text.into() }, dir)?;
    Ok(Loaded {
        charter: layer.finish(),
        source: Source::File { path: path.to_path_buf(), chain: loader.chain },
    })
}

/// The embedded default charter (no tool listed, every oversight domain). It names no tool and no
/// rule, so it validates against any `known`; a unit test proves it loads.
pub fn embedded_default(known: &Known) -> Loaded {
    let mut loader = Loader { known, trust: Trust::Operator, stack: Vec::new(), chain: Vec::new() };
    let file = SourceFile { name: "embedded default".into(), text: DEFAULT_YAML.into() };
    let charter = loader.layer(file, Path::new("")).map(Layer::finish).unwrap_or_default();
    Loaded { charter, source: Source::Embedded }
}

/// The commented starter charter that `charterlint init` writes.
pub fn starter_template() -> &'static str {
    STARTER_YAML
}

/// The commented starter charter in a language: English, or French (which also sets
/// `language: fr`).
pub fn starter_template_for(lang: Language) -> &'static str {
    match lang {
        Language::En => STARTER_YAML,
        Language::Fr => STARTER_FR_YAML,
    }
}

/// The embedded default's text, commented (for `charterlint charter show-default` or docs).
pub fn default_template() -> &'static str {
    DEFAULT_YAML
}

/// Why `text` is no charter, before parsing it: binary, or not a YAML mapping (a `.env` file, a
/// key file). Every valid charter passes; what fails is never shown.
fn not_a_charter(text: &str) -> Option<&'static str> {
    if read::check_text(text).is_err() {
        Some("not a YAML file (binary content)")
    } else if !read::yaml_like(text) {
        Some("not a charter: its first line is not a YAML `key: value` line")
    } else {
        None
    }
}

struct Loader<'k> {
    known: &'k Known<'k>,
    /// How far `extends` may reach; extended charters inherit it.
    trust: Trust,
    /// Canonical paths (for cycle detection) and display names of the files being loaded.
    stack: Vec<(PathBuf, String)>,
    /// Extended files in the order met: nearest first.
    chain: Vec<PathBuf>,
}

impl Loader<'_> {
    /// One file and, recursively, what it extends. Errors of an extended file point into it.
    fn layer(&mut self, file: SourceFile, dir: &Path) -> Result<Layer, CharterError> {
        let raw: RawCharter = yaml::from_str(&file.text).map_err(|e| CharterError::from_yaml(e, &file))?;
        let parent = match &raw.extends {
            Some(extends) => Some(self.parent(extends, &file, dir)?),
            None => None,
        };
        let inherited: Vec<String> =
            parent.iter().flat_map(|p| p.charter.tools.custom.iter().map(|c| c.id.clone())).collect();
        validate::check(&raw, &file, self.known, &inherited)?;
        let layer = Layer::from_raw(raw);
        Ok(match parent {
            Some(parent) => parent.merge(layer),
            None => layer,
        })
    }

    fn parent(
        &mut self,
        extends: &Spanned<String>,
        file: &SourceFile,
        dir: &Path,
    ) -> Result<Layer, CharterError> {
        let error = |kind, message: String| CharterError::at(kind, file, extends.position, message);
        if extends.trim().is_empty() {
            return Err(error(ErrorKind::EmptyValue, "empty `extends`".into()).label("empty").help(
                "give the path of the charter this one builds on, relative to this file, or remove `extends`",
            ));
        }
        if self.chain.len() >= MAX_EXTENDS_DEPTH {
            return Err(error(
                ErrorKind::Extends,
                format!("more than {MAX_EXTENDS_DEPTH} levels of `extends`"),
            )
            .label("one level too many")
            .help("shorten the chain: extend the organisation's charter directly"));
        }
        let value = Path::new(extends.trim());
        if matches!(self.trust, Trust::Repository { .. }) && (value.is_absolute() || value.has_root()) {
            return Err(error(
                ErrorKind::Untrusted,
                "a charter found in the scanned tree cannot extend an absolute path".into(),
            )
            .label("absolute path")
            .help(format!(
                "write a path relative to this file, inside its repository; a charter outside the repository can only be given with `--charter` or {ENV_VAR}"
            )));
        }
        // Read through the path as joined (the OS resolves `..` across symlinks); show it
        // normalised. A directory means the charter file inside it.
        let mut target = dir.join(value);
        if target.is_dir() {
            target.push(FILE_NAME);
        }
        let shown = normalize(&target);
        let relative_note = format!("`extends` is relative to the directory of `{}`", file.name);
        let canonical = fs::canonicalize(&target).map_err(|e| {
            error(ErrorKind::Extends, format!("cannot find the extended charter `{}`", shown.display()))
                .label(e.to_string())
                .help(relative_note.clone())
        })?;
        if let Trust::Repository { root } = &self.trust
            && !self.trust.allows(&canonical)
        {
            return Err(error(
                ErrorKind::Untrusted,
                format!("`extends` leads outside the repository, to `{}`", canonical.display()),
            )
            .label("outside the repository")
            .help(format!(
                "a charter found in the scanned tree may only extend files under `{}` (symlinks followed); a charter outside it can only be given with `--charter` or {ENV_VAR}",
                root.display()
            )));
        }
        if let Some(i) = self.stack.iter().position(|(p, _)| *p == canonical) {
            let mut cycle: Vec<&str> = self.stack[i..].iter().map(|(_, name)| name.as_str()).collect();
            cycle.push(&self.stack[i].1);
            return Err(error(ErrorKind::ExtendsCycle, "`extends` makes a cycle".into())
                .label(format!("`{}` is already being loaded", shown.display()))
                .help(format!("the chain loops: {}; remove one of these `extends`", cycle.join(" → "))));
        }
        let text = read_charter_file(&target).map_err(|e| {
            let kind =
                if matches!(e, ReadError::NotYaml(_)) { ErrorKind::NotYaml } else { ErrorKind::Extends };
            error(kind, format!("cannot read the extended charter `{}`", shown.display()))
                .label(e.to_string())
                .help(relative_note.clone())
        })?;
        if let Some(problem) = not_a_charter(&text) {
            return Err(error(
                ErrorKind::NotYaml,
                format!("the extended file `{}` is {problem}", shown.display()),
            )
            .label("not a charter")
            .help(format!(
                "{relative_note}; `extends` names another charter file. Nothing of that file is shown"
            )));
        }
        let name = shown.display().to_string();
        self.chain.push(shown.clone());
        self.stack.push((canonical, name.clone()));
        let result =
            self.layer(SourceFile { name, text: text.into() }, target.parent().unwrap_or(Path::new("")));
        self.stack.pop();
        result
    }
}

/// Removes `.` and resolves `..` lexically, for display.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}
