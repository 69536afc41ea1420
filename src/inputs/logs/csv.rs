//! CSV prompt logs with a column mapping: `--csv-map prompt=…,user=…,tool=…,time=…` or the
//! charter's `prompt_logs.csv_map`; unmapped columns are guessed from common header names. A
//! CSV with no prompt column is not a prompt log and is checked as a plain text file.

use std::io::BufRead;

use super::csv_rows::{self, Row, Rows};
use super::{Ctx, Message, Role};
use crate::finding::Position;
use crate::inputs::decode::{self, RowEncoding};
use crate::unit::{Anchor, Unit};

const PROMPT: &[&str] =
    &["prompt", "user_prompt", "message", "question", "input", "query", "request", "texte"];
const RESPONSE: &[&str] = &["response", "answer", "completion", "output", "reponse", "réponse"];
const USER: &[&str] = &["user", "user_id", "email", "username", "login", "utilisateur", "employee"];
const TOOL: &[&str] = &["tool", "model", "service", "app", "application", "outil", "modele", "modèle"];
const TIME: &[&str] = &["time", "timestamp", "date", "created_at", "datetime", "horodatage"];
const CONV: &[&str] = &["conversation", "conversation_id", "session", "session_id", "thread", "title"];

/// Whether the header line at the start of `head` names a prompt column.
pub fn has_prompt_column(head: &[u8], mapped: Option<&str>) -> bool {
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let delimiter = [',', ';', '\t'].into_iter().max_by_key(|d| line.matches(*d).count()).unwrap_or(',');
    line.split(delimiter).map(|c| c.trim().trim_matches('"').trim().to_lowercase()).any(|c| match mapped {
        Some(m) => c == m.trim().to_lowercase(),
        None => PROMPT.contains(&c.as_str()),
    })
}

fn column(headers: &[String], mapped: Option<&str>, guesses: &[&str]) -> Option<usize> {
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    match mapped {
        Some(m) => names.iter().position(|h| *h == m.trim().to_lowercase()),
        None => guesses.iter().find_map(|g| names.iter().position(|h| h == g)),
    }
}

/// A CSV row as text and fields, with what its decoding and cutting found.
#[derive(Debug)]
pub struct Decoded {
    pub row: Row,
    pub fields: Vec<String>,
    /// `row 3 (line 4)`.
    pub name: String,
    /// Problems to report (over-long row, unclosed quote, invalid UTF-8); with `skip`, the row
    /// has no fields.
    pub notices: Vec<String>,
    /// What was repaired without loss of a row (invalid UTF-8 replaced): notices, not errors.
    pub minor: Vec<String>,
    pub skip: bool,
    pub windows_1252: bool,
}

/// The rows of a CSV file, decoded: UTF-8, else Windows-1252 per row (`decode::row_text`);
/// lines counted from the file itself, so a row's line is where it starts.
pub fn rows<R: BufRead>(reader: R, delimiter: u8, mut each: impl FnMut(Decoded)) -> Option<String> {
    let mut rows = Rows::new(reader, delimiter, super::split::record_cap());
    let mut index = 0usize;
    while let Some(next) = rows.next_row() {
        let mut row = match next {
            Ok(r) => r,
            Err(e) => return Some(e),
        };
        if row.line == 1 && row.bytes.starts_with(b"\xEF\xBB\xBF") {
            row.bytes.drain(..3);
        }
        let name = if index == 0 { "header".to_string() } else { format!("row {index} (line {})", row.line) };
        index += 1;
        let mut d = Decoded {
            row,
            fields: Vec::new(),
            name,
            notices: Vec::new(),
            minor: Vec::new(),
            skip: false,
            windows_1252: false,
        };
        let at = d.row.offset;
        if d.row.over {
            d.notices.push(super::split::too_long(&d.name, at, d.row.len));
            d.skip = true;
        }
        if d.row.unclosed {
            d.notices.push(format!(
                "{} (byte {at}): unclosed quote; the row was read up to the end of its line, the lines after it as rows",
                d.name
            ));
        }
        if !d.skip {
            let (text, encoding) = decode::row_text(&d.row.bytes);
            match encoding {
                RowEncoding::Utf8 => {}
                RowEncoding::Utf8Lossy(invalid) => {
                    d.minor.push(format!("{} (byte {at}): {}", d.name, invalid.describe(at)))
                }
                RowEncoding::Windows1252 => d.windows_1252 = true,
            }
            d.fields = csv_rows::fields(&text, char::from(delimiter));
        }
        each(d);
    }
    None
}

/// The separator the header line uses most: French spreadsheets export with `;`.
pub fn delimiter_of(head: &[u8]) -> u8 {
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| line.iter().filter(|b| **b == c).count();
    [b',', b';', b'\t'].into_iter().max_by_key(|c| count(*c)).unwrap_or(b',')
}

pub fn scan<R: BufRead>(ctx: &mut Ctx<'_>, mut reader: R) {
    ctx.format = "csv";
    let map = ctx.source.csv_map.clone();
    let delimiter = match reader.fill_buf() {
        Ok(head) => delimiter_of(head),
        Err(e) => return ctx.error(format!("CSV: {e}")),
    };
    let mut headers: Option<Vec<String>> = None;
    let mut columns = None;
    // Text of a CSV that is not a prompt log, checked whole within the usual size cap.
    let mut plain_text: Option<String> = None;
    let mut windows_1252 = false;
    let read_error = rows(reader, delimiter, |d| {
        for n in &d.notices {
            ctx.error(n.clone());
        }
        for n in &d.minor {
            ctx.notice(n.clone());
        }
        windows_1252 |= d.windows_1252;
        let Some(h) = &headers else {
            let Some(prompt) = column(&d.fields, map.prompt.as_deref(), PROMPT) else {
                if let Some(p) = &map.prompt {
                    // A mapping was given for prompt logs, but this file lacks the column: say
                    // so, and still check the file as text.
                    ctx.error(format!(
                        "CSV has no column {p:?} (csv_map prompt); checked as a plain text file"
                    ));
                }
                plain_text = Some(String::new());
                headers = Some(Vec::new());
                return plain(ctx, &mut plain_text, &d.fields);
            };
            let f = &d.fields;
            columns = Some(Columns {
                prompt,
                response: column(f, map.response.as_deref(), RESPONSE),
                user: column(f, map.user.as_deref(), USER),
                tool: column(f, map.tool.as_deref(), TOOL),
                time: column(f, map.time.as_deref(), TIME),
                conv: column(f, map.conversation.as_deref(), CONV),
            });
            headers = Some(d.fields);
            return;
        };
        let _ = h;
        if plain_text.is_some() {
            return plain(ctx, &mut plain_text, &d.fields);
        }
        if let (Some(c), false) = (&columns, d.skip) {
            row(ctx, c, &d, delimiter);
        }
    });
    if let Some(e) = read_error {
        ctx.error(format!("CSV: {e}"));
    }
    if windows_1252 {
        ctx.counts.non_utf8 += 1;
    }
    if let Some(text) = plain_text {
        let kinds = ctx.source.kinds_of(ctx.rel_path);
        let unit = Unit::file(ctx.shown, ctx.rel_path, &text, kinds);
        ctx.unit(&unit);
    }
}

struct Columns {
    prompt: usize,
    response: Option<usize>,
    user: Option<usize>,
    tool: Option<usize>,
    time: Option<usize>,
    conv: Option<usize>,
}

fn row(ctx: &mut Ctx<'_>, c: &Columns, d: &Decoded, delimiter: u8) {
    let line = d.row.line;
    ctx.counts.logs.conversations += 1;
    let get = |c: Option<usize>| c.and_then(|c| d.fields.get(c)).map(|s| s.trim()).filter(|s| !s.is_empty());
    let tool_idx =
        get(c.tool).and_then(|t| ctx.tool(&t.to_ascii_lowercase()).or_else(|| ctx.tool_of_model(t)));
    let conversation = get(c.conv).map_or_else(|| format!("row {line}"), |c| format!("{c} (row {line})"));
    // A multi-line quoted cell starts on the row's line; columns are approximate.
    let raw = d.fields.join(&char::from(delimiter).to_string());
    let anchor = Anchor { raw: raw.as_bytes(), start: Position { line, column: 1 } };
    for (col, role, index) in [(Some(c.prompt), Role::User, 1), (c.response, Role::Assistant, 2)] {
        let Some(text) = get(col) else { continue };
        let msg = Message {
            text,
            role,
            tool: tool_idx,
            user: get(c.user),
            conversation: Some(&conversation),
            index,
            time: get(c.time).map(str::to_string),
            part: None,
        };
        ctx.message(&msg, Some(&anchor));
    }
}

/// Adds a row of a CSV that is not a prompt log to its text; cells are rejoined with commas, so
/// columns are approximate. Past the size cap the file is counted as too large and dropped.
fn plain(ctx: &mut Ctx<'_>, text: &mut Option<String>, fields: &[String]) {
    let Some(t) = text else { return };
    t.push_str(&fields.join(","));
    t.push('\n');
    if t.len() as u64 > crate::inputs::DEFAULT_MAX_FILE_SIZE {
        ctx.counts.skipped_large += 1;
        *text = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(name, fields, notices)` of every row, errors and repairs together.
    fn read(data: &[u8]) -> Vec<(String, Vec<String>, Vec<String>)> {
        let mut out = Vec::new();
        let err = rows(data, delimiter_of(data), |d| {
            let notices = d.notices.into_iter().chain(d.minor).collect();
            out.push((d.name, d.fields, notices))
        });
        assert_eq!(err, None);
        out
    }

    #[test]
    fn rows_are_named_by_the_line_they_start_on() {
        // The csv crate ends a CRLF record at the `\r` and counts the `\n` in the next record's
        // line only when the next record starts: every row after the header was one line short.
        let got = read(b"a;b\r\n1;\"x\r\ny\"\r\n2;z\r\n");
        let names: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["header", "row 1 (line 2)", "row 2 (line 4)"]);
        assert_eq!(got[1].1, ["1", "x\r\ny"]);
    }

    #[test]
    fn windows_1252_rows_are_kept_and_bad_utf8_reported() {
        let got = read(b"date;texte\r\n1;R\xE9sum\xE9 \x96 fin\r\n2;caf\xC3\xA9 \xFF\r\n");
        assert_eq!(got[1].1, ["1", "Résumé – fin"]);
        assert!(got[1].2.is_empty());
        assert_eq!(got[2].1, ["2", "café \u{FFFD}"]);
        assert_eq!(
            got[2].2,
            [
                "row 2 (line 3) (byte 28): 1 invalid UTF-8 sequence(s), the first at byte 36, replaced with U+FFFD"
            ]
        );
    }
}
