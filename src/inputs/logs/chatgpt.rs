//! `conversations.json` of a ChatGPT data export (and, told apart per conversation, of a
//! Claude.ai export). Every node of each conversation's `mapping` tree is read, not only the
//! path to `current_node`: a message typed and then edited away was still sent. Text comes from
//! every content type that holds it (`text`, `multimodal_text` string parts, `code`,
//! `user_editable_context`, `execution_output`, `thoughts`, …). Messages the assistant addresses
//! to a tool (`recipient` `web.search`, `python`, …) and tools' outputs (`author.role` `tool`,
//! web tools' pages excepted) are read as tool traffic, with their recipient in the record. The
//! model from
//! `metadata.model_slug`, then `default_model_slug`; the account from `user.json` beside the
//! file.

use std::collections::HashSet;

use serde_json::Value;

use super::{Anchor, Ctx, Message, Role, text_of, time_of};

/// Replaces unpaired surrogate escapes (`\ud83d` alone), which real exports contain and JSON
/// parsers reject, with `\ufffd`. `None` when there is nothing to repair.
pub fn repair_surrogates(bytes: &[u8]) -> Option<Vec<u8>> {
    let hex = |s: &[u8]| std::str::from_utf8(s).ok().and_then(|s| u16::from_str_radix(s, 16).ok());
    let esc_at = |b: &[u8], i: usize| {
        (b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u'))
            .then(|| b.get(i + 2..i + 6).and_then(hex))
            .flatten()
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            match esc_at(bytes, i) {
                Some(hi @ 0xD800..=0xDBFF) if matches!(esc_at(bytes, i + 6), Some(0xDC00..=0xDFFF)) => {
                    let _ = hi;
                    out.extend_from_slice(&bytes[i..i + 12]);
                    i += 12;
                }
                Some(0xD800..=0xDFFF) => {
                    out.extend_from_slice(b"\\ufffd");
                    changed = true;
                    i += 6;
                }
                _ => {
                    out.extend_from_slice(&bytes[i..(i + 2).min(bytes.len())]);
                    i += 2;
                }
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    changed.then_some(out)
}

/// One ChatGPT conversation: every node of its tree.
pub fn conversation(ctx: &mut Ctx<'_>, v: &Value, account: Option<&str>, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let title = v.get("title").and_then(Value::as_str);
    let default_model = v.get("default_model_slug").and_then(Value::as_str);
    let openai = ctx.tool("openai");
    let Some(mapping) = v.get("mapping").and_then(Value::as_object) else {
        ctx.error(format!(
            "conversation {:?} has no `mapping`: its messages cannot be read",
            title.unwrap_or("(untitled)")
        ));
        return;
    };
    // The visible thread: from current_node up through the parents.
    let mut visible = HashSet::new();
    let mut node = v.get("current_node").and_then(Value::as_str);
    while let Some(id) = node {
        if !visible.insert(id.to_string()) {
            break;
        }
        node = mapping.get(id).and_then(|n| n.get("parent")).and_then(Value::as_str);
    }
    // Order by time (mapping order is arbitrary; null times of hidden nodes first).
    let mut nodes: Vec<(&String, &Value, f64)> = mapping
        .iter()
        .filter_map(|(id, n)| {
            let m = n.get("message").filter(|m| m.is_object())?;
            let t = m.get("create_time").and_then(Value::as_f64).unwrap_or(0.0);
            Some((id, m, t))
        })
        .collect();
    nodes.sort_by(|a, b| a.2.total_cmp(&b.2).then_with(|| a.0.cmp(b.0)));
    let mut index = 0;
    for (id, m, _) in nodes {
        let role = super::at(m, "/author/role").and_then(Value::as_str).unwrap_or("");
        let content = m.get("content").unwrap_or(&Value::Null);
        let ctype = content.get("content_type").and_then(Value::as_str).unwrap_or("");
        let recipient = m.get("recipient").and_then(Value::as_str).filter(|r| *r != "all");
        let tool_name = super::at(m, "/author/name").and_then(Value::as_str);
        // Messages to and from ChatGPT's tools leave the chat: a search query goes to a search
        // engine, code to the interpreter, and a tool's output may hold uploaded files. What a
        // web tool returns is the public web's text, not the organisation's: not audited.
        let (role, traffic) = match (role, recipient) {
            ("user", _) => (Role::User, None),
            ("assistant", None) => (Role::Assistant, None),
            ("assistant", Some(r)) => (Role::Tool, Some(format!("assistant to tool `{r}`"))),
            ("tool", _) => {
                let name = tool_name.unwrap_or("unnamed");
                if name.starts_with("web") || name.starts_with("browser") {
                    continue;
                }
                (Role::Tool, Some(format!("output of tool `{name}`")))
            }
            _ => continue,
        };
        index += 1;
        let model = super::at(m, "/metadata/model_slug")
            .and_then(Value::as_str)
            .or_else(|| super::at(m, "/metadata/default_model_slug").and_then(Value::as_str))
            .or(default_model);
        // ChatGPT is an OpenAI service whatever the model; a known model confirms it.
        let tool = model.and_then(|md| ctx.tool_of_model(md)).or(openai);
        let mut part = match ctype {
            "user_editable_context" => Some("custom instructions".to_string()),
            _ => traffic,
        };
        if !visible.is_empty() && !visible.contains(id.as_str()) {
            part = Some(part.map_or("edited-away branch".into(), |p| format!("{p}, edited-away branch")));
        }
        let text = content_text(content);
        let time = m.get("create_time").and_then(time_of);
        let msg = Message { text: &text, role, tool, user: account, conversation: title, index, time, part };
        ctx.message(&msg, Some(anchor));
    }
}

/// Every piece of text a ChatGPT `content` object holds, whatever its type.
fn content_text(content: &Value) -> String {
    let mut out = Vec::new();
    if let Some(parts) = content.get("parts").and_then(Value::as_array) {
        for p in parts {
            match p {
                Value::String(s) => out.push(s.clone()),
                Value::Object(o) => {
                    for k in ["text", "transcript"] {
                        if let Some(s) = o.get(k).and_then(Value::as_str) {
                            out.push(s.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for k in ["text", "result", "user_profile", "user_instructions", "content", "summary"] {
        if let Some(s) = content.get(k).and_then(Value::as_str) {
            out.push(s.to_string());
        }
    }
    if let Some(t) = content.get("thoughts") {
        out.push(text_of(t));
    }
    out.retain(|s| !s.is_empty());
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_are_repaired() {
        let bad = br#"{"t":"a\ud83d b \ud83d\ude00 \\ud83d"}"#;
        let fixed = repair_surrogates(bad).unwrap_or_default();
        let v: Value = serde_json::from_slice(&fixed).unwrap_or(Value::Null);
        assert_eq!(v["t"].as_str(), Some("a\u{fffd} b \u{1F600} \\ud83d"));
        assert!(repair_surrogates(br#"{"t":"ok \ud83d\ude00"}"#).is_none());
    }

    #[test]
    fn content_types_with_text() {
        let v: Value = serde_json::json!({"content_type": "multimodal_text",
            "parts": [{"content_type": "image_asset_pointer", "asset_pointer": "file-service://x"}, "caption"]});
        assert_eq!(content_text(&v), "caption");
        let v: Value = serde_json::json!({"content_type": "user_editable_context",
            "user_profile": "I work at ACME", "user_instructions": "Answer in French"});
        assert_eq!(content_text(&v), "I work at ACME\nAnswer in French");
        let v: Value = serde_json::json!({"content_type": "code", "language": "python", "text": "print(1)"});
        assert_eq!(content_text(&v), "print(1)");
    }
}
