//! Open WebUI exports: a single chat (`{id, title, history: {messages, currentId}, …}`) or
//! "Export All Chats" (`[{id, user_id, title, chat: {…}}]`). Every node of `history.messages`
//! is read, branches included; the receiving tool comes from each message's `model` (a
//! catalogue model such as `gpt-4o` → openai), else the chat's `models`, else Open WebUI
//! itself (models the catalogue does not know, and Ollama tags such as `llama3.1:8b`, run on
//! the company's own server).

use serde_json::Value;

use super::{Ctx, Message, Role, time_of};
use crate::unit::Anchor;

/// Whether a parsed element is an Open WebUI chat.
pub fn is_chat(v: &Value) -> bool {
    let chat = v.get("chat").unwrap_or(v);
    chat.pointer("/history/messages").is_some_and(Value::is_object)
}

pub fn conversation(ctx: &mut Ctx<'_>, v: &Value, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let chat = v.get("chat").unwrap_or(v);
    let title = v.get("title").or_else(|| chat.get("title")).and_then(Value::as_str);
    let user = v.get("user_id").and_then(Value::as_str);
    let chat_model = chat.pointer("/models/0").and_then(Value::as_str);
    let fallback = ctx.tool("open-webui");
    let Some(messages) = chat.pointer("/history/messages").and_then(Value::as_object) else { return };
    let mut visible = std::collections::HashSet::new();
    let mut node = chat.pointer("/history/currentId").and_then(Value::as_str);
    while let Some(id) = node {
        if !visible.insert(id) {
            break;
        }
        node = messages.get(id).and_then(|m| m.get("parentId")).and_then(Value::as_str);
    }
    let mut list: Vec<(&String, &Value, f64)> = messages
        .iter()
        .map(|(id, m)| (id, m, m.get("timestamp").and_then(Value::as_f64).unwrap_or(0.0)))
        .collect();
    list.sort_by(|a, b| a.2.total_cmp(&b.2).then_with(|| a.0.cmp(b.0)));
    for (index, (id, m, _)) in list.into_iter().enumerate() {
        let role = match m.get("role").and_then(Value::as_str) {
            Some("user") => Role::User,
            Some("assistant") => Role::Assistant,
            _ => continue,
        };
        let model = m
            .get("model")
            .and_then(Value::as_str)
            .or_else(|| m.pointer("/models/0").and_then(Value::as_str))
            .or(chat_model);
        // Ollama tags (`llama3.1:8b`) are models served by the company's own runtime.
        let tool = model.filter(|md| !md.contains(':')).and_then(|md| ctx.tool_of_model(md)).or(fallback);
        let text = m.get("content").and_then(Value::as_str).unwrap_or("");
        let part =
            (!visible.is_empty() && !visible.contains(id.as_str())).then(|| "edited-away branch".to_string());
        let msg = Message {
            text,
            role,
            tool,
            user,
            conversation: title,
            index: index + 1,
            time: m.get("timestamp").and_then(time_of),
            part,
        };
        ctx.message(&msg, Some(anchor));
    }
}
