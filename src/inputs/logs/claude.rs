//! Claude.ai data export: conversations (`chat_messages` with their text and content blocks,
//! attachments' `extracted_content` — the full text of uploaded documents), `users.json` for
//! the account, and `projects.json` (project documents and prompt templates). The export names
//! no model: every message went to Anthropic.

use std::collections::HashMap;
use std::io::Read;

use serde_json::Value;

use super::split::{self, Element};
use super::{Anchor, Ctx, Message, Role, text_of, time_of};

/// One Claude.ai conversation.
pub fn conversation(ctx: &mut Ctx<'_>, v: &Value, users: &HashMap<String, String>, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let title = v.get("name").and_then(Value::as_str).filter(|s| !s.is_empty());
    let user =
        v.pointer("/account/uuid").and_then(Value::as_str).map(|id| users.get(id).map_or(id, String::as_str));
    let tool = ctx.tool("anthropic");
    let Some(messages) = v.get("chat_messages").and_then(Value::as_array) else { return };
    for (i, m) in messages.iter().enumerate() {
        let role = match m.get("sender").and_then(Value::as_str) {
            Some("human") => Role::User,
            Some("assistant") => Role::Assistant,
            _ => continue,
        };
        let time = m.get("created_at").and_then(time_of);
        // Text blocks (and what the person sent in tool results); never the assistant's
        // top-level `text`, which folds its hidden reasoning in. Older exports have no blocks.
        let blocks = m.get("content").and_then(Value::as_array);
        let text = match blocks {
            Some(b) if !b.is_empty() => b
                .iter()
                .filter(|blk| {
                    let t = blk.get("type").and_then(Value::as_str).unwrap_or("");
                    t == "text" || (role == Role::User && matches!(t, "tool_result" | "voice_note"))
                })
                .map(text_of)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => m.get("text").and_then(Value::as_str).unwrap_or("").to_string(),
        };
        let base =
            Message { text: &text, role, tool, user, conversation: title, index: i + 1, time, part: None };
        ctx.message(&base, Some(anchor));
        if role == Role::User {
            for a in m.get("attachments").and_then(Value::as_array).into_iter().flatten() {
                let content = a.get("extracted_content").and_then(Value::as_str).unwrap_or("");
                let name = a.get("file_name").and_then(Value::as_str).unwrap_or("(unnamed)");
                let msg = Message {
                    text: content,
                    part: Some(format!("attachment {name:?}")),
                    time: base.time.clone(),
                    ..base
                };
                ctx.message(&msg, Some(anchor));
            }
        }
    }
}

/// `projects.json`: each project's documents and prompt template, as sent to Claude.
pub fn scan_projects<R: Read>(ctx: &mut Ctx<'_>, reader: R) {
    ctx.format = "claude-projects";
    let tool = ctx.tool("anthropic");
    let result = split::split(reader, |mut el: Element| {
        match el.checked(&format!("project {}", el.index)) {
            Ok(None) => {}
            Ok(Some(notice)) => ctx.notice(notice),
            Err(notice) => return ctx.error(notice),
        }
        let v: Value = match serde_json::from_slice(&el.bytes) {
            Ok(v) => v,
            Err(e) => {
                ctx.error(format!("project {} (byte {}): malformed JSON: {e}", el.index, el.offset));
                return;
            }
        };
        let anchor = Anchor { raw: &el.bytes, start: el.start };
        let name = v.get("name").and_then(Value::as_str).unwrap_or("(unnamed)");
        let project = format!("project {name}");
        let user = v.pointer("/creator/full_name").and_then(Value::as_str);
        ctx.counts.logs.conversations += 1;
        let mut index = 0;
        if let Some(t) = v.get("prompt_template").and_then(Value::as_str) {
            index += 1;
            let msg = Message {
                text: t,
                role: Role::User,
                tool,
                user,
                conversation: Some(&project),
                index,
                time: v.get("updated_at").and_then(time_of),
                part: Some("project instructions".into()),
            };
            ctx.message(&msg, Some(&anchor));
        }
        for d in v.get("docs").and_then(Value::as_array).into_iter().flatten() {
            index += 1;
            let file = d.get("filename").and_then(Value::as_str).unwrap_or("(unnamed)");
            let msg = Message {
                text: d.get("content").and_then(Value::as_str).unwrap_or(""),
                role: Role::User,
                tool,
                user,
                conversation: Some(&project),
                index,
                time: d.get("created_at").and_then(time_of),
                part: Some(format!("document {file:?}")),
            };
            ctx.message(&msg, Some(&anchor));
        }
    });
    if let Err(e) = result {
        ctx.error(format!("byte {} (project {}): {}", e.offset, e.index, e.message));
    }
}
