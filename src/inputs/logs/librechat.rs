//! LibreChat conversation exports: `{conversationId, endpoint, title, options, messages}` with a
//! flat `messages` list, or `messagesTree` with nested `children` when exported recursively
//! (walked with an explicit stack: the nesting is as deep as the conversation is long). The
//! role comes from `isCreatedByUser`, the account from each message's `user`, the tool from the
//! message's `model`, else the conversation's `options.model`, else its `endpoint`.

use serde_json::Value;

use super::{Ctx, Message, Role, text_of, time_of};
use crate::unit::Anchor;

/// Whether a parsed element is a LibreChat conversation.
pub fn is_conversation(v: &Value) -> bool {
    v.get("conversationId").is_some() && (v.get("messages").is_some() || v.get("messagesTree").is_some())
}

pub fn conversation(ctx: &mut Ctx<'_>, v: &Value, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let title = v.get("title").and_then(Value::as_str);
    let default_model = v.pointer("/options/model").and_then(Value::as_str);
    let endpoint = v.get("endpoint").and_then(Value::as_str).map(str::to_ascii_lowercase);
    let mut stack: Vec<&Value> = Vec::new();
    for key in ["messagesTree", "messages"] {
        if let Some(list) = v.get(key).and_then(Value::as_array) {
            stack.extend(list.iter().rev());
            break;
        }
    }
    let mut index = 0;
    while let Some(m) = stack.pop() {
        if let Some(children) = m.get("children").and_then(Value::as_array) {
            stack.extend(children.iter().rev());
        }
        index += 1;
        let role = if m.get("isCreatedByUser").and_then(Value::as_bool).unwrap_or(false) {
            Role::User
        } else {
            Role::Assistant
        };
        let model = m.get("model").and_then(Value::as_str).or(default_model);
        let tool = model
            .and_then(|md| ctx.tool_of_model(md))
            .or_else(|| endpoint.as_deref().and_then(|e| ctx.tool_of_model(e)));
        let text = match m.get("text").and_then(Value::as_str) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => m.get("content").map(text_of).unwrap_or_default(),
        };
        let msg = Message {
            text: &text,
            role,
            tool,
            user: m.get("user").and_then(Value::as_str),
            conversation: title,
            index,
            time: m.get("createdAt").and_then(time_of),
            part: None,
        };
        ctx.message(&msg, Some(anchor));
    }
}
