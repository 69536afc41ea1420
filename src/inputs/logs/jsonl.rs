//! OpenAI-style JSONL request logs, one JSON object per line: chat-completion requests
//! (`messages`), batch input and output lines (`body`, `response.body`), completions
//! (`prompt`), Responses-API logs (`input`), and the shapes LLM proxies export (LiteLLM
//! `StandardLoggingPayload` and spend logs, Helicone `request_body`/`response_body`). Read line
//! by line: memory is bounded by the longest line.

use std::io::BufRead;

use super::tree::path;
use super::tree::{Lean, Tree};
use super::{Ctx, Message, Role, text_in, text_of, time_of};
use crate::finding::Position;
use crate::unit::Anchor;
use crate::unit::{Place, Unit};

/// The first value found at one of these paths of keys.
fn first<'v, 'a>(v: &'v Lean<'a>, paths: &[&[&str]]) -> Option<&'v Lean<'a>> {
    paths.iter().find_map(|p| path(v, p)).filter(|x| !x.is_null())
}

pub fn scan<R: BufRead>(ctx: &mut Ctx<'_>, mut reader: R) {
    ctx.format = "jsonl";
    let shapeless = std::sync::Mutex::new((0usize, None::<usize>));
    let audited = std::sync::atomic::AtomicUsize::new(0);
    let mut read_error = None;
    super::fan_out(
        ctx,
        |push| {
            read_error =
                super::lines::read_blocks(&mut reader, super::split::record_cap(), BLOCK_BYTES, |block| {
                    let n = block.bytes.len();
                    push(block, n)
                });
        },
        |ctx, block: super::lines::Block| {
            for span in &block.lines {
                line(ctx, span, block.line(span), &shapeless, &audited);
            }
        },
    );
    if let Some(e) = read_error {
        ctx.error(e);
    }
    // A file none of whose lines is a chat request is JSONL of another kind (an event stream, a
    // test corpus): it was checked as text, and that is no error. Lines of unknown shape among
    // audited requests are.
    // Said all the same, as a notice: whoever exported it as a prompt log should know that
    // nothing in it was audited as a request.
    if let Ok((n, Some(l))) = shapeless.into_inner() {
        let what = format!("{n} line(s) hold no chat messages, prompt or response (first: line {l})");
        if audited.into_inner() > 0 {
            ctx.error(format!(
                "unknown JSON shape: {what}; they were checked as text, not audited as requests"
            ));
        } else {
            ctx.notice(format!(
                "no request of a known shape: {what}; the file was checked as text, not audited as a prompt log"
            ));
        }
    }
}

/// Bytes of lines read into one block: a few hundred requests.
const BLOCK_BYTES: usize = 256 << 10;

/// One line of the log: a request audited, or text of another shape checked as text.
fn line(
    ctx: &mut Ctx<'_>,
    span: &super::lines::Span,
    bytes: &[u8],
    shapeless: &std::sync::Mutex<(usize, Option<usize>)>,
    audited: &std::sync::atomic::AtomicUsize,
) {
    let (number, at) = (span.number, span.offset);
    if span.over {
        return ctx.error(super::split::too_long(&format!("line {number}"), at, span.len as u64));
    }
    // Validated once here: the parser then reads the line as text and does not check each of
    // its strings again.
    let fixed: String;
    let text = match crate::inputs::decode::utf8(bytes) {
        Some(text) => text,
        None => {
            let (bytes, invalid) = crate::inputs::decode::lossy(bytes).unwrap_or_default();
            ctx.notice(format!("line {number} (byte {at}): {}", invalid.describe(at)));
            fixed = String::from_utf8_lossy(&bytes).into_owned();
            &fixed
        }
    };
    let mut raw = text;
    if number == 1 {
        raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    }
    let trimmed = raw.trim_ascii();
    if trimmed.is_empty() {
        return;
    }
    let v = match Lean::parse_str(trimmed) {
        Ok(v) => v,
        Err(e) => {
            let what = if e.is_eof() { "truncated JSON" } else { "malformed JSON" };
            ctx.error(format!("line {number} (byte {at}): {what} at column {}: {e}", e.column()));
            return;
        }
    };
    let anchor = Anchor { raw: trimmed.as_bytes(), start: Position { line: number, column: 1 } };
    if request(ctx, &v, number, &anchor) {
        audited.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    } else {
        // Not a request: the line is still checked as text (hidden characters, keys).
        let kinds = ctx.source.kinds_of(ctx.rel_path);
        let at = Place::At(Position { line: number, column: 1 });
        ctx.unit(&Unit { place: at, ..Unit::file(ctx.shown, ctx.rel_path, trimmed, kinds) });
        if let Ok(mut s) = shapeless.lock() {
            s.0 += 1;
            s.1 = Some(s.1.map_or(number, |f| f.min(number)));
        }
    }
}

/// One request line. `false` when it has no shape this reader knows. Public, and hidden from
/// the documentation, only so that the benchmarks can time one line without [`scan`]'s threads.
#[doc(hidden)]
pub fn request(ctx: &mut Ctx<'_>, v: &Lean<'_>, number: usize, anchor: &Anchor<'_>) -> bool {
    let body = first(v, &[&["body"], &["request", "body"], &["request_body"], &["request"]]).unwrap_or(v);
    let messages = first(body, &[&["messages"]])
        .or_else(|| first(v, &[&["messages"], &["input"]]).filter(|m| m.is_array()))
        .and_then(Tree::as_array);
    let prompt = first(body, &[&["prompt"], &["input"]]).or_else(|| first(v, &[&["prompt"], &["input"]]));
    let response = first(
        v,
        &[
            &["response", "body", "choices"],
            &["response", "choices"],
            &["response_body", "choices"],
            &["choices"],
            &["output"],
            &["response"],
        ],
    );
    if messages.is_none() && prompt.is_none() && response.is_none() {
        return false;
    }
    ctx.counts.logs.conversations += 1;
    let model = first(body, &[&["model"]])
        .or_else(|| {
            first(
                v,
                &[&["model"], &["model_group"], &["response", "body", "model"], &["response_body", "model"]],
            )
        })
        .and_then(Tree::as_str);
    let tool = model.and_then(|m| ctx.tool_of_model(m));
    let user = first(
        v,
        &[
            &["user"],
            &["end_user"],
            &["user_id"],
            &["metadata", "user_api_key_user_id"],
            &["metadata", "user_email"],
            &["metadata", "user_id"],
            &["metadata", "user_api_key_alias"],
        ],
    )
    .or_else(|| first(body, &[&["user"]]))
    .and_then(Tree::as_str)
    .filter(|s| !s.is_empty());
    let time = first(
        v,
        &[&["created"], &["startTime"], &["start_time"], &["timestamp"], &["time"], &["created_at"]],
    )
    .or_else(|| first(v, &[&["response", "body", "created"]]))
    .and_then(time_of);
    let conversation = first(v, &[&["custom_id"], &["id"], &["request_id"], &["trace_id"]])
        .and_then(Tree::as_str)
        .map(|id| format!("request {id} (line {number})"))
        .unwrap_or_else(|| format!("line {number}"));
    let mut index = 0;
    let mut send = |ctx: &mut Ctx<'_>, text: &str, role: Role| {
        index += 1;
        let msg = Message {
            text,
            role,
            tool,
            user,
            conversation: Some(&conversation),
            index,
            time: time.clone(),
            part: None,
        };
        ctx.message(&msg, Some(anchor));
    };
    if let Some(ms) = messages {
        for m in ms {
            let role = match m.get("role").and_then(Tree::as_str) {
                Some("user") => Role::User,
                Some("assistant") => Role::Assistant,
                _ => continue,
            };
            send(ctx, &text_in(m.get("content").unwrap_or(&Lean::Null)), role);
        }
    } else if let Some(p) = prompt {
        send(ctx, &text_in(p), Role::User);
    }
    if let Some(r) = response {
        let text = match r {
            Lean::Array(choices) => choices
                .iter()
                .map(|c| text_of(path(c, &["message", "content"]).or_else(|| c.get("text")).unwrap_or(c)))
                .collect::<Vec<_>>()
                .join("\n"),
            Lean::Object(..) => r
                .get("choices")
                .and_then(Tree::as_array)
                .map(|cs| {
                    cs.iter()
                        .filter_map(|c| path(c, &["message", "content"]))
                        .map(text_of)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_else(|| text_of(r)),
            other => text_of(other),
        };
        send(ctx, &text, Role::Assistant);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::at;
    use super::*;

    #[test]
    fn a_path_of_keys_reaches_what_its_pointer_reaches() {
        let line = r#"{"a":[1,{"b":"x"}],"response":{"body":{"model":"m"}},"n":null,"":{"c":"y"}}"#;
        let v = Lean::parse_str(line).unwrap_or_else(|e| panic!("{e}"));
        for p in ["/a", "/a/1/b", "/a/0", "/a/7", "/response/body/model", "/response/x", "/n", "//c", "/a/b"]
        {
            let keys: Vec<&str> = p.split('/').skip(1).collect();
            assert_eq!(path(&v, &keys), at(&v, p), "{p}");
        }
        let m = first(&v, &[&["missing"], &["response", "body", "model"], &["a"]]);
        assert_eq!(m.and_then(Tree::as_str), Some("m"));
        assert!(first(&v, &[&["n"], &["a"]]).is_none(), "a null found first is no value");
    }
}
