//! CSV prompt logs with a column mapping: `--csv-map prompt=…,user=…,tool=…,time=…` or the
//! charter's `prompt_logs.csv_map`; unmapped columns are guessed from common header names. A
//! CSV with no prompt column is not a prompt log and is checked as a plain text file.

use std::io::{BufRead, Read};

use super::{Ctx, Message, Role};
use crate::finding::Position;
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

fn column(headers: &csv::StringRecord, mapped: Option<&str>, guesses: &[&str]) -> Option<usize> {
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    match mapped {
        Some(m) => names.iter().position(|h| *h == m.trim().to_lowercase()),
        None => guesses.iter().find_map(|g| names.iter().position(|h| h == g)),
    }
}

pub fn scan<R: BufRead>(ctx: &mut Ctx<'_>, mut reader: R) {
    ctx.format = "csv";
    let map = ctx.source.csv_map.clone();
    // French spreadsheets export with `;`: take the separator the header line uses most.
    let (delimiter, crlf) = match reader.fill_buf() {
        Ok(head) => {
            let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
            let count = |c: u8| line.iter().filter(|b| **b == c).count();
            let d = [b',', b';', b'\t'].into_iter().max_by_key(|c| count(*c)).unwrap_or(b',');
            (d, line.ends_with(b"\r"))
        }
        Err(e) => return ctx.error(format!("CSV: {e}")),
    };
    let mut rdr =
        csv::ReaderBuilder::new().flexible(true).has_headers(true).delimiter(delimiter).from_reader(reader);
    // A header that is not UTF-8 (a Latin-1 export) is read lossily rather than refused: the
    // file is still checked, as a log if it has a prompt column, else as text.
    let headers = match rdr.byte_headers() {
        Ok(h) => csv::StringRecord::from_byte_record_lossy(h.clone()),
        Err(e) => return ctx.error(format!("CSV header: {e}")),
    };
    let Some(prompt) = column(&headers, map.prompt.as_deref(), PROMPT) else {
        if let Some(p) = &map.prompt {
            // A mapping was given for prompt logs, but this file lacks the column: say so, and
            // still check the file as text.
            ctx.error(format!("CSV has no column {p:?} (csv_map prompt); checked as a plain text file"));
        }
        return plain(ctx, &headers, rdr);
    };
    let response = column(&headers, map.response.as_deref(), RESPONSE);
    let user = column(&headers, map.user.as_deref(), USER);
    let tool = column(&headers, map.tool.as_deref(), TOOL);
    let time = column(&headers, map.time.as_deref(), TIME);
    let conv = column(&headers, map.conversation.as_deref(), CONV);
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                ctx.error(format!("CSV: {e}"));
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        // The csv crate counts a CRLF record's line one short (see the test below).
        let line = record.position().map_or(0, |p| p.line() as usize) + usize::from(crlf);
        ctx.counts.logs.conversations += 1;
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::trim).filter(|s| !s.is_empty());
        let tool_idx =
            get(tool).and_then(|t| ctx.tool(&t.to_ascii_lowercase()).or_else(|| ctx.tool_of_model(t)));
        let conversation = get(conv).map_or_else(|| format!("row {line}"), |c| format!("{c} (row {line})"));
        for (col, role, index) in [(Some(prompt), Role::User, 1), (response, Role::Assistant, 2)] {
            let Some(text) = get(col) else { continue };
            let msg = Message {
                text,
                role,
                tool: tool_idx,
                user: get(user),
                conversation: Some(&conversation),
                index,
                time: get(time).map(str::to_string),
                part: None,
            };
            // A multi-line quoted cell starts on the record's line; columns are approximate.
            let anchor_start = Position { line, column: 1 };
            let raw = record.iter().collect::<Vec<_>>().join(&char::from(delimiter).to_string());
            let anchor = Anchor { raw: raw.as_bytes(), start: anchor_start };
            ctx.message(&msg, Some(&anchor));
        }
    }
}

/// Checks a CSV that is not a prompt log as the text it holds (within the usual size cap);
/// cells are rejoined with commas, so columns are approximate.
fn plain<R: Read>(ctx: &mut Ctx<'_>, headers: &csv::StringRecord, mut rdr: csv::Reader<R>) {
    let mut text = headers.iter().collect::<Vec<_>>().join(",");
    text.push('\n');
    let mut record = csv::ByteRecord::new();
    while let Ok(true) = rdr.read_byte_record(&mut record) {
        let record = csv::StringRecord::from_byte_record_lossy(record.clone());
        text.push_str(&record.iter().collect::<Vec<_>>().join(","));
        text.push('\n');
        if text.len() as u64 > crate::inputs::DEFAULT_MAX_FILE_SIZE {
            ctx.counts.skipped_large += 1;
            return;
        }
    }
    let kinds = ctx.source.kinds_of(ctx.rel_path);
    let unit = Unit::file(ctx.shown, ctx.rel_path, &text, kinds);
    ctx.unit(&unit);
}

#[cfg(test)]
mod tests {
    #[test]
    fn record_lines_with_crlf() {
        let data = "a;b\r\n1;\"x\r\ny\"\r\n2;z\r\n";
        let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(data.as_bytes());
        let _ = r.headers();
        let mut rec = csv::StringRecord::new();
        let mut lines = Vec::new();
        while let Ok(true) = r.read_record(&mut rec) {
            lines.push(rec.position().map_or(0, |p| p.line()));
        }
        // One short with CRLF: `scan` adds the missing line.
        assert_eq!(lines, [1, 3]);
    }
}
