//! Inline suppressions: `charterlint: allow ID -- reason` on the line of a finding or the line
//! above, `charterlint: allow-file ID -- reason` anywhere in the file, in any comment syntax.
//! The reason is required: a suppression without one suppresses nothing and is reported.
// charterlint: allow-file ALLOW -- the tests below are suppression comments

const MARK: &str = "charterlint:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: usize,
    /// Byte range of the directive in the text.
    pub span: std::ops::Range<usize>,
    pub ids: Vec<String>,
    pub file_level: bool,
    pub reason: Option<String>,
}

impl Suppression {
    pub fn covers(&self, rule_id: &str, line: usize) -> bool {
        self.reason.is_some()
            && (self.file_level || line == self.line || line == self.line + 1)
            && self.ids.iter().any(|p| crate::rules::selected_by(rule_id, std::slice::from_ref(p)))
    }
}

/// Every suppression directive in `text`. Cheap when there is none: one substring search; and
/// only the lines holding the mark are looked at (a file that documents the syntax holds it on a
/// few lines of thousands).
pub fn parse(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let (mut line, mut counted) = (1, 0);
    // Built once: a searcher built per text was a hundredth of reading a prompt log, whose every
    // message is a text.
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(MARK));
    for at in FINDER.find_iter(text.as_bytes()) {
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at]).count();
        counted = at;
        // Directives do not run past their line.
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |n| at + n);
        if let Some((ids, file_level, reason, len)) = parse_directive(&text[at + MARK.len()..end]) {
            out.push(Suppression { line, span: at..at + MARK.len() + len, ids, file_level, reason });
        }
    }
    out
}

const FAMILIES: [&str; 7] = ["CONF", "LABEL", "HITL", "SHADOW", "INJECT", "PROHIB", "ALLOW"];

fn is_rule_id(id: &str) -> bool {
    FAMILIES.iter().any(|f| id.strip_prefix(f).is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit())))
}

type Directive = (Vec<String>, bool, Option<String>, usize);

fn parse_directive(rest: &str) -> Option<Directive> {
    let trimmed = rest.trim_start();
    let (file_level, after) = if let Some(a) = trimmed.strip_prefix("allow-file") {
        (true, a)
    } else if let Some(a) = trimmed.strip_prefix("allow") {
        (false, a)
    } else {
        return None;
    };
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    // The directive ends where a block comment closes.
    let end = ["*/", "-->", "#}", "%}"].iter().filter_map(|c| after.find(c)).min().unwrap_or(after.len());
    let body = &after[..end];
    let (ids_part, reason) = match body.split_once("--") {
        Some((ids, r)) => (ids, Some(r.trim()).filter(|r| !r.is_empty()).map(str::to_string)),
        None => (body, None),
    };
    // Ids are rule ids or family prefixes; anything else ends the list, so prose that merely
    // mentions the syntax ("allow ID -- reason") is not a directive.
    let mut ids = Vec::new();
    for token in ids_part.split([',', ' ', '\t']).filter(|t| !t.is_empty()) {
        let head_len = token.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let id = token[..head_len].to_ascii_uppercase();
        if !is_rule_id(&id) {
            break;
        }
        ids.push(id);
        if head_len < token.len() {
            break;
        }
    }
    if ids.is_empty() {
        return None;
    }
    let len = (rest.len() - after.len()) + body.trim_end().len();
    Some((ids, file_level, reason, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_line_and_file_directives() {
        let text = "x = 1\n# charterlint: allow SHADOW002 -- approved by the AI committee (ticket 42)\nurl = 'https://api.openai.com'\n/* charterlint: allow-file INJECT001, INJECT003 -- test fixture */\n";
        let s = parse(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].line, 2);
        assert_eq!(s[0].ids, ["SHADOW002"]);
        assert_eq!(s[0].reason.as_deref(), Some("approved by the AI committee (ticket 42)"));
        assert!(s[0].covers("SHADOW002", 3) && s[0].covers("SHADOW002", 2));
        assert!(!s[0].covers("SHADOW002", 4) && !s[0].covers("SHADOW001", 3));
        assert!(s[1].file_level && s[1].covers("INJECT003", 100));
        assert_eq!(s[1].reason.as_deref(), Some("test fixture"));
        assert!(text[s[0].span.clone()].starts_with("charterlint: allow SHADOW002"));
    }

    #[test]
    fn reason_is_required() {
        let s = parse("// charterlint: allow SHADOW002\n");
        assert_eq!(s.len(), 1);
        assert!(s[0].reason.is_none());
        assert!(!s[0].covers("SHADOW002", 1));
        assert!(parse("charterlint: allowed to go\n").is_empty());
        assert!(parse("write `charterlint: allow ID -- reason` on the line\n").is_empty());
        let s = parse("let t = \"# charterlint: allow SHADOW002\\n\";");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].ids, ["SHADOW002"]);
        assert!(parse("no directive here").is_empty());
    }

    #[test]
    fn directives_are_numbered_by_their_line_and_end_with_it() {
        let text = "x\r\n# charterlint: allow SHADOW002 -- one\r\n\nno mark\n\
                    a // charterlint: allow CONF001 -- two /* charterlint: allow INJECT -- three */\n\
                    # charterlint: allow HITL001";
        let s = parse(text);
        let found: Vec<(usize, &str)> =
            s.iter().map(|d| (d.line, d.reason.as_deref().unwrap_or("-"))).collect();
        // A line comment runs to the end of its line, a block comment to its close.
        assert_eq!(
            found,
            [(2, "one"), (5, "two /* charterlint: allow INJECT -- three"), (5, "three"), (6, "-")]
        );
        assert_eq!(&text[s[0].span.clone()], "charterlint: allow SHADOW002 -- one");
        assert_eq!(&text[s[3].span.clone()], "charterlint: allow HITL001");
    }

    #[test]
    fn prefixes_select_rule_families() {
        let s = parse("# charterlint: allow-file INJECT -- corpus of attacks for our tests\n");
        assert!(s[0].covers("INJECT002", 9));
        assert!(!s[0].covers("SHADOW002", 9));
    }
}
