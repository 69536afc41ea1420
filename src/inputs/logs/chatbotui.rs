//! Chatbot UI exports (`chatbot_ui_history_<date>.json`): `{version: 4, history: [conversation],
//! folders, prompts}` (version 3 without `prompts`, version 2 without `version`), each
//! conversation `{id, name, messages: [{role: "user" | "assistant", content}], model: {id,
//! name, …}, prompt, temperature, folderId}`; version 1 is the bare array of conversations. The
//! conversation's `prompt` is the system prompt the person wrote. The tool is the service of
//! `model.id` (`gpt-4` → openai), else OpenAI, whose API Chatbot UI calls.

use serde_json::Value;

use super::{Ctx, Message, Role, text_of};
use crate::unit::Anchor;

/// Whether a parsed element is a Chatbot UI export (versions 2–4) or a version-1 conversation.
pub fn is_export(v: &Value) -> bool {
    let wrapped = v.get("history").is_some_and(Value::is_array)
        && (v.get("folders").is_some() || v.get("version").is_some_and(Value::is_number));
    wrapped || is_conversation(v)
}

fn is_conversation(v: &Value) -> bool {
    v.get("messages").is_some_and(Value::is_array)
        && v.get("name").is_some_and(Value::is_string)
        && (v.get("folderId").is_some() || v.pointer("/model/tokenLimit").is_some())
}

/// Every conversation of an export, or the one conversation of a version-1 element.
pub fn export(ctx: &mut Ctx<'_>, v: &Value, anchor: &Anchor<'_>) {
    match v.get("history").and_then(Value::as_array) {
        Some(history) => {
            for c in history {
                conversation(ctx, c, anchor);
            }
        }
        None => conversation(ctx, v, anchor),
    }
}

fn conversation(ctx: &mut Ctx<'_>, c: &Value, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let title = c.get("name").and_then(Value::as_str);
    let model =
        c.pointer("/model/id").and_then(Value::as_str).or_else(|| c.get("model").and_then(Value::as_str));
    let tool = model.and_then(|m| ctx.tool_of_model(m)).or_else(|| ctx.tool("openai"));
    let mut index = 0;
    if let Some(p) = c.get("prompt").and_then(Value::as_str).filter(|p| !p.trim().is_empty()) {
        index += 1;
        let msg = Message {
            text: p,
            role: Role::User,
            tool,
            user: None,
            conversation: title,
            index,
            time: None,
            part: Some("system prompt".into()),
        };
        ctx.message(&msg, Some(anchor));
    }
    for m in c.get("messages").and_then(Value::as_array).into_iter().flatten() {
        let role = match m.get("role").and_then(Value::as_str) {
            Some("user") => Role::User,
            Some("assistant") => Role::Assistant,
            _ => continue,
        };
        index += 1;
        let text = m.get("content").map(text_of).unwrap_or_default();
        let msg = Message {
            text: &text,
            role,
            tool,
            user: None,
            conversation: title,
            index,
            time: None,
            part: None,
        };
        ctx.message(&msg, Some(anchor));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert!(is_export(&serde_json::json!({"version": 4, "history": [], "folders": [], "prompts": []})));
        assert!(is_export(&serde_json::json!({"history": [], "folders": []})));
        let v1 = serde_json::json!({"id": 1, "name": "x", "messages": [], "model": {"id": "gpt-4", "tokenLimit": 8000}});
        assert!(is_export(&v1));
        // Open WebUI's `history` is an object of messages, not a list of conversations.
        assert!(!is_export(&serde_json::json!({"history": {"messages": {}}, "models": []})));
    }
}
