//! Checks of one charter file beyond its shape (serde already checked keys and types): names
//! against the catalogue and the rules pack, regexes and globs compile, one status per tool,
//! domains, sizes. Every problem is collected, each labelled at its value in this file.

use super::diagnostic::{CharterError, ErrorKind, SourceFile, closest};
use super::model::{
    Domain, RawCharter, RawData, RawLabels, RawNetwork, RawOversight, RawRules, RawScan, RawTools, parse_size,
};
use super::sovereignty::{EU, RawJurisdictions, is_country_code, suggest_country};
use super::{Known, rule_matches};
use crate::pattern::{PatternError, compile_pattern};
use crate::yaml::{Position, Spanned};

/// Validates `raw`, read from `file`. `inherited_custom` are the `tools.custom` ids of the
/// charters this one extends, which its status lists may name.
pub(super) fn check(
    raw: &RawCharter,
    file: &SourceFile,
    known: &Known,
    inherited_custom: &[String],
) -> Result<(), CharterError> {
    let mut c = Checker { file, errors: Vec::new() };
    c.version(raw);
    c.tools(&raw.tools, known, inherited_custom);
    c.jurisdictions(&raw.tools.jurisdictions);
    c.data(&raw.data);
    c.labels(&raw.labels);
    c.oversight(&raw.oversight);
    c.rules(&raw.rules, known);
    c.scan(&raw.scan);
    c.network(&raw.network);
    CharterError::combine(c.errors).map_or(Ok(()), Err)
}

struct Checker<'f> {
    file: &'f SourceFile,
    errors: Vec<CharterError>,
}

type S = Spanned<String>;

impl Checker<'_> {
    fn error(&self, kind: ErrorKind, at: Option<Position>, message: impl Into<String>) -> CharterError {
        CharterError::at(kind, self.file, at, message)
    }

    /// Reports an empty entry and returns false, so callers skip further checks of it.
    fn not_blank(&mut self, value: &S, what: &str) -> bool {
        if !value.trim().is_empty() {
            return true;
        }
        let e = self.error(ErrorKind::EmptyValue, value.position, format!("empty {what}"));
        self.errors.push(e.label("empty").help("remove this entry, or fill it in"));
        false
    }

    fn version(&mut self, raw: &RawCharter) {
        match &raw.version {
            None => {
                let start = Position { line: 1, column: 1, offset: 0, len: 0 };
                let e = self.error(ErrorKind::Version, Some(start), "missing `version`");
                self.errors.push(e.label("add `version: 1` here").help(
                    "every charter file says which format it is written in: add `version: 1` as its first line",
                ));
            }
            Some(v) if v.value != 1 => {
                let e = self.error(
                    ErrorKind::Version,
                    v.position,
                    format!("unsupported charter version {}", v.value),
                );
                self.errors.push(e.label("only version 1 exists").help("write `version: 1`"));
            }
            Some(_) => {}
        }
    }

    fn tools(&mut self, tools: &RawTools, known: &Known, inherited: &[String]) {
        let mut customs: Vec<&str> = inherited.iter().map(String::as_str).collect();
        let mut own: Vec<&S> = Vec::new();
        for custom in &tools.custom {
            let id = &custom.id;
            if self.not_blank(id, "tool id") {
                let slug =
                    id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
                if !slug {
                    let suggestion: String = id
                        .trim()
                        .to_lowercase()
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '-' })
                        .collect();
                    let e = self.error(
                        ErrorKind::BadValue,
                        id.position,
                        format!("tool id `{}` is not a slug", id.as_str()),
                    );
                    self.errors.push(
                        e.label("use lowercase letters, digits, `-`, `_` or `.`")
                            .help(format!("write `id: {suggestion}` and put the display name in `name:`")),
                    );
                }
                if let Some(first) = own.iter().find(|o| o.as_str() == id.as_str()) {
                    let e = self.error(
                        ErrorKind::DuplicateEntry,
                        id.position,
                        format!("custom tool `{}` is declared twice", id.as_str()),
                    );
                    self.errors.push(
                        e.label("declared again here")
                            .also(first.position, "first declared here")
                            .help("merge the two entries into one"),
                    );
                }
                own.push(id);
                customs.push(id.as_str());
            }
            if let Some(name) = &custom.name {
                self.not_blank(name, "tool name");
            }
            for host in custom.domains.iter().chain(&custom.api_hosts) {
                self.host(host);
            }
            for var in &custom.env_vars {
                let ok = var.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !ok {
                    let e = self.error(
                        ErrorKind::BadValue,
                        var.position,
                        format!("`{}` is not an environment variable name", var.as_str()),
                    );
                    self.errors.push(
                        e.label("not a variable name")
                            .help("write the variable's name only, e.g. `ACME_AI_KEY`"),
                    );
                }
            }
        }

        let mut seen: Vec<(&str, &str, Option<Position>)> = Vec::new();
        for (status, list) in
            [("approved", &tools.approved), ("tolerated", &tools.tolerated), ("forbidden", &tools.forbidden)]
        {
            for item in list {
                if !self.not_blank(item, "tool id") {
                    continue;
                }
                let id = item.as_str();
                let listed = known.tool_ids.contains(&id) || customs.contains(&id);
                if !known.tool_ids.is_empty() && !listed {
                    let candidates = known.tool_ids.iter().copied().chain(customs.iter().copied());
                    let declare = "if the catalogue does not know this tool, declare it under `tools.custom` with its domains and API hosts";
                    let help = match closest(id, candidates) {
                        Some(best) => format!("did you mean `{best}`? Otherwise, {declare}"),
                        None => format!("use a catalogue tool id; {declare}"),
                    };
                    let e = self.error(ErrorKind::UnknownTool, item.position, format!("unknown tool `{id}`"));
                    self.errors.push(e.label("not in the catalogue nor in `tools.custom`").help(help));
                }
                match seen.iter().find(|(seen_id, _, _)| *seen_id == id) {
                    Some(&(_, first_status, first_at)) if first_status != status => {
                        let e = self.error(
                            ErrorKind::DuplicateTool,
                            item.position,
                            format!("`{id}` is both {first_status} and {status}"),
                        );
                        self.errors.push(
                            e.label(format!("listed again under `{status}`"))
                                .also(first_at, format!("first listed under `{first_status}`"))
                                .help("a tool has one status: remove it from one of the two lists"),
                        );
                    }
                    Some(_) => {} // twice in the same list: harmless, merged away
                    None => seen.push((id, status, item.position)),
                }
            }
        }
    }

    /// Country codes of `tools.jurisdictions`: assigned ISO 3166 alpha-2 codes or `EU`, one
    /// status each.
    fn jurisdictions(&mut self, j: &RawJurisdictions) {
        let mut seen: Vec<(&str, &str, Option<Position>)> = Vec::new();
        for (status, list) in j.lists() {
            for item in list {
                if !self.not_blank(item, "country code") {
                    continue;
                }
                let code = item.as_str();
                if code != EU && !is_country_code(code) {
                    let help = match suggest_country(code) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => "use an ISO 3166 alpha-2 code in capitals (`US`, `CN`, `FR`…) or `EU`; \
                                 `charterlint catalog` shows each service's code"
                            .to_string(),
                    };
                    let e = self.error(
                        ErrorKind::UnknownCountry,
                        item.position,
                        format!("unknown country code `{code}`"),
                    );
                    self.errors.push(e.label("not an ISO 3166 alpha-2 code").help(help));
                    continue;
                }
                match seen.iter().find(|(c, _, _)| *c == code) {
                    Some(&(_, first_status, first_at)) if first_status != status => {
                        let e = self.error(
                            ErrorKind::DuplicateEntry,
                            item.position,
                            format!("jurisdiction `{code}` is both {first_status} and {status}"),
                        );
                        self.errors.push(
                            e.label(format!("listed again under `{status}`"))
                                .also(first_at, format!("first listed under `{first_status}`"))
                                .help("a jurisdiction has one status: remove it from one of the two lists"),
                        );
                    }
                    Some(_) => {}
                    None => seen.push((code, status, item.position)),
                }
            }
        }
    }

    fn host(&mut self, host: &S) {
        if !self.not_blank(host, "host name") {
            return;
        }
        let h = host.trim();
        let bare = h.split_once("://").map_or(h, |(_, rest)| rest);
        let bare = bare.split(['/', '?', '#']).next().unwrap_or(bare);
        if bare != h || h.contains(char::is_whitespace) {
            let e = self.error(ErrorKind::BadValue, host.position, format!("`{h}` is not a host name"));
            self.errors
                .push(e.label("a URL or a path, not a host").help(format!("write the host only: `{bare}`")));
        }
    }

    fn data(&mut self, data: &RawData) {
        for (what, list) in [("marker", &data.markers), ("code name", &data.codenames)] {
            for item in list {
                if self.not_blank(item, what) && item.trim().chars().count() < 3 {
                    let e = self.error(
                        ErrorKind::BadValue,
                        item.position,
                        format!("{what} `{}` is too short", item.as_str()),
                    );
                    self.errors.push(e.label("fewer than 3 characters").help(format!(
                        "a {what} this short would match inside ordinary words: use the full phrase as written on documents"
                    )));
                }
            }
        }
        let mut names: Vec<&S> = Vec::new();
        for pattern in &data.patterns {
            if self.not_blank(&pattern.name, "pattern name") {
                if let Some(first) = names.iter().find(|n| n.as_str() == pattern.name.as_str()) {
                    let e = self.error(
                        ErrorKind::DuplicateEntry,
                        pattern.name.position,
                        format!("pattern `{}` is declared twice", pattern.name.as_str()),
                    );
                    self.errors.push(
                        e.label("declared again here")
                            .also(first.position, "first declared here")
                            .help("give each pattern its own name"),
                    );
                }
                names.push(&pattern.name);
            }
            if !self.not_blank(&pattern.regex, "regex") {
                continue;
            }
            let name = pattern.name.as_str();
            match compile_pattern(&pattern.regex) {
                Ok(_) => {}
                Err(PatternError::Invalid { reason, span }) => {
                    let at =
                        span.and_then(|span| self.inside(&pattern.regex, span)).or(pattern.regex.position);
                    let e = self.error(ErrorKind::BadRegex, at, format!("invalid regex in pattern `{name}`"));
                    self.errors.push(e.label(reason).help(
                        "patterns use Rust regex syntax: no look-around or back-references; escape `. ( ) [ ] { } + * ?` with `\\` (in single quotes, one backslash is enough)",
                    ));
                }
                Err(PatternError::MatchesEmpty) => {
                    let e = self.error(
                        ErrorKind::BadRegex,
                        pattern.regex.position,
                        format!("pattern `{name}` matches the empty string"),
                    );
                    self.errors.push(
                        e.label("matches everywhere")
                            .help("require at least one character: use `+` or `{n}` rather than `*` or `?`"),
                    );
                }
            }
        }
    }

    /// The position in the file of `span` (bytes of the value) when the value is written as is
    /// (plain or quoted without escapes), so a label can point at the very character at fault.
    fn inside(&self, value: &S, span: std::ops::Range<usize>) -> Option<Position> {
        let at = value.position?;
        let raw = self.file.text.get(at.offset..at.offset + at.len)?;
        let quote = usize::from(raw.starts_with(['\'', '"']));
        let written = raw.get(quote..quote + value.len())?;
        if written != value.as_str() {
            return None;
        }
        let start = at.offset + quote + span.start;
        let before = self.file.text.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some(Position { line, column, offset: start, len: span.len().max(1) })
    }

    fn glob(&mut self, glob: &S) {
        if !self.not_blank(glob, "glob") {
            return;
        }
        if let Err(err) = globset::Glob::new(glob) {
            let e =
                self.error(ErrorKind::BadGlob, glob.position, format!("invalid glob `{}`", glob.as_str()));
            self.errors.push(e.label(err.kind().to_string()).help(
                "globs use `*` (within a directory), `**` (any depth), `?`, `[abc]` and `{a,b}`, e.g. `docs/**`",
            ));
        }
    }

    fn labels(&mut self, labels: &RawLabels) {
        for glob in &labels.required_in {
            self.glob(glob);
        }
        for phrase in &labels.accepted {
            self.not_blank(phrase, "label phrase");
        }
        if let Some(trailer) = &labels.commit_trailer
            && self.not_blank(trailer, "commit trailer")
        {
            let key = trailer.trim().trim_end_matches(':');
            let ok = key.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok || key != trailer.as_str() {
                let e = self.error(
                    ErrorKind::BadValue,
                    trailer.position,
                    format!("`{}` is not a commit trailer key", trailer.as_str()),
                );
                let help = if ok {
                    format!("write the key alone, without the colon: `{key}`")
                } else {
                    "a trailer key is letters, digits and `-`, e.g. `Assisted-by`".into()
                };
                self.errors.push(e.label("not a trailer key").help(help));
            }
        }
    }

    fn oversight(&mut self, oversight: &RawOversight) {
        for marker in &oversight.review_markers {
            self.not_blank(marker, "review marker");
        }
        let names: Vec<&str> = Domain::ALL.iter().map(|d| d.as_str()).collect();
        for domain in oversight.domains.iter().flatten() {
            if self.not_blank(domain, "domain") && Domain::from_name(domain).is_none() {
                let mut help = format!("the domains are {}", names.join(", "));
                if let Some(best) = closest(domain, names.iter().copied()) {
                    help = format!("did you mean `{best}`? {help}");
                }
                let e = self.error(
                    ErrorKind::UnknownDomain,
                    domain.position,
                    format!("unknown oversight domain `{}`", domain.as_str()),
                );
                self.errors.push(e.label("not a domain").help(help));
            }
        }
    }

    fn rule(&mut self, id: &S, known: &Known) {
        if !self.not_blank(id, "rule id") || known.rule_ids.is_empty() {
            return;
        }
        if known.rule_ids.iter().any(|r| rule_matches(id, r)) {
            return;
        }
        // Suggest among ids and their category prefixes (the letters: `LABEL` of `LABEL003`).
        let mut candidates: Vec<&str> = known.rule_ids.to_vec();
        for r in known.rule_ids {
            let prefix = r.trim_end_matches(|c: char| c.is_ascii_digit());
            if !prefix.is_empty() && !candidates.contains(&prefix) {
                candidates.push(prefix);
            }
        }
        let help = match closest(id, candidates.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "give a rule id such as `{}` or a category prefix such as `{}`",
                known.rule_ids[0],
                known.rule_ids[0].trim_end_matches(|c: char| c.is_ascii_digit())
            ),
        };
        let e = self.error(ErrorKind::UnknownRule, id.position, format!("unknown rule `{}`", id.as_str()));
        self.errors.push(e.label("no rule has this id or prefix").help(help));
    }

    fn rules(&mut self, rules: &RawRules, known: &Known) {
        for id in &rules.disable {
            self.rule(id, known);
        }
        for (id, _) in &rules.severity.0 {
            self.rule(id, known);
        }
    }

    fn network(&mut self, network: &RawNetwork) {
        if let Some(size) = &network.upload_threshold
            && let Err(reason) = parse_size(&size.value.0)
        {
            let e = self.error(
                ErrorKind::BadSize,
                size.position,
                format!("invalid `upload_threshold`: {reason}"),
            );
            self.errors.push(
                e.label("not a size")
                    .help("write a number of bytes (`1048576`) or a size with a unit: `512KB`, `1MB`"),
            );
        }
    }

    fn scan(&mut self, scan: &RawScan) {
        for glob in &scan.exclude {
            self.glob(glob);
        }
        if let Some(size) = &scan.max_file_size
            && let Err(reason) = parse_size(&size.value.0)
        {
            let e =
                self.error(ErrorKind::BadSize, size.position, format!("invalid `max_file_size`: {reason}"));
            self.errors.push(
                e.label("not a size").help(
                    "write a number of bytes (`10485760`) or a size with a unit: `512KB`, `10MB`, `1GB`",
                ),
            );
        }
    }
}
