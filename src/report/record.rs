//! The parts of a finding's `record` that spreadsheets and the audit report show in their own
//! columns: user, conversation, message number, role and time.
//!
//! Prompt-log inputs write a record as `›`-separated parts (`user a@b › conversation "Budget"
//! › message 3 (user) › 2025-03-02T10:14:00Z`; audit records add app, agent, plugins…). The
//! conversation title is written as a quoted Rust string, so a `›` inside a title never splits
//! it; any part not recognised stays in the record and is simply not given a column.

/// A record's parts; every field is optional, as each log format knows different things.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    pub user: Option<String>,
    pub conversation: Option<String>,
    pub message: Option<u64>,
    pub role: Option<String>,
    /// As the log wrote it (RFC 3339 in every format read today).
    pub time: Option<String>,
}

impl Parts {
    /// `YYYY-MM` of the time, when it starts with a date.
    pub fn month(&self) -> Option<&str> {
        self.time.as_deref().filter(|t| is_date(t)).map(|t| &t[..7])
    }
}

/// Splits on ` › ` outside double quotes.
fn split(record: &str) -> Vec<&str> {
    const SEP: &str = " › ";
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in record.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ' ' if !quoted && i >= start && record[i..].starts_with(SEP) => {
                parts.push(&record[start..i]);
                start = i + SEP.len();
            }
            _ => {}
        }
    }
    parts.push(&record[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// `"a \"b\""` → `a "b"`: the inverse of Rust's `{:?}` for the escapes a title can hold.
fn unquote(s: &str) -> String {
    let inner = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(s);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                // `\u{1f600}`
                let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                if let Some(ch) = u32::from_str_radix(&code, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// `message 3 (user)` → `(3, "user")`.
fn message(part: &str) -> Option<(u64, Option<String>)> {
    let rest = part.strip_prefix("message ")?;
    let (n, role) = match rest.split_once(' ') {
        Some((n, r)) => (n, r.strip_prefix('(').and_then(|r| r.strip_suffix(')'))),
        None => (rest, None),
    };
    Some((n.parse().ok()?, role.map(str::to_string)))
}

/// The parts of a record; unknown parts are ignored.
pub fn parse(record: &str) -> Parts {
    let mut p = Parts::default();
    for part in split(record) {
        if let Some(u) = part.strip_prefix("user ") {
            p.user.get_or_insert_with(|| u.to_string());
        } else if let Some(c) = part.strip_prefix("conversation ") {
            p.conversation.get_or_insert_with(|| unquote(c));
        } else if let Some((n, role)) = message(part) {
            p.message.get_or_insert(n);
            if p.role.is_none() {
                p.role = role;
            }
        } else if is_date(part) && !part.contains(' ') {
            p.time = Some(part.to_string());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_record_gives_every_column() {
        let p = parse(
            "user marc@acme.example › conversation \"Budget › 2025 \\\"Q1\\\"\" › message 4 (user) › edited-away branch › 2025-03-02T10:07:40Z",
        );
        assert_eq!(p.user.as_deref(), Some("marc@acme.example"));
        assert_eq!(p.conversation.as_deref(), Some("Budget › 2025 \"Q1\""));
        assert_eq!(p.message, Some(4));
        assert_eq!(p.role.as_deref(), Some("user"));
        assert_eq!(p.time.as_deref(), Some("2025-03-02T10:07:40Z"));
        assert_eq!(p.month(), Some("2025-03"));
    }

    #[test]
    fn an_audit_record_gives_user_and_time_only() {
        let p = parse(
            "user t@acme.example › Copilot in Loop › line 1 (audit record c2d3) › plugins BingWebSearch › model gpt-4o › 2026-03-05T07:58:40Z",
        );
        assert_eq!(p.user.as_deref(), Some("t@acme.example"));
        assert_eq!((&p.conversation, p.message, &p.role), (&None, None, &None));
        assert_eq!(p.month(), Some("2026-03"));
    }

    #[test]
    fn odd_records_never_panic() {
        for r in ["", " › ", "conversation \"unterminated › x", "message x (", "user ", "2025-13", "\"\\u{zz"]
        {
            let _ = parse(r);
        }
        assert_eq!(parse("conversation \"a\\u{e9}\"").conversation.as_deref(), Some("aé"));
        assert_eq!(parse("page 3").time, None);
    }
}
