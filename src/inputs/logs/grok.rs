//! Grok (xAI) data export, `prod-grok-backend.json`: `{conversations: [{conversation: {id,
//! title, user_id, create_time, …}, responses: [{response: {_id | response_id, sender, message,
//! model?, create_time, parent_response_id, …}, share_link}]}], projects, media_posts, tasks}`.
//! The sender is `human` or `assistant` (`ASSISTANT` in some exports); times are ISO strings or
//! MongoDB extended JSON (`{"$date": {"$numberLong": "…"}}`). Every response is read, branches
//! included. The tool is xAI, or the service of the response's model.

use serde_json::Value;

use super::{Ctx, Message, Role, time_of};
use crate::unit::Anchor;

/// Whether a parsed element is a Grok conversation.
pub fn is_conversation(v: &Value) -> bool {
    v.get("conversation").is_some_and(Value::is_object) && v.get("responses").is_some_and(Value::is_array)
}

/// An ISO string, epoch number, or `{"$date": …}` with `{"$numberLong": "…"}` inside.
fn grok_time(v: &Value) -> Option<String> {
    match v.get("$date") {
        Some(d) => d.get("$numberLong").map_or_else(|| time_of(d), time_of),
        None => time_of(v),
    }
}

pub fn conversation(ctx: &mut Ctx<'_>, v: &Value, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let conv = &v["conversation"];
    let title = conv.get("title").and_then(Value::as_str);
    let user = conv.get("user_id").and_then(Value::as_str);
    let xai = ctx.tool("xai");
    let Some(responses) = v.get("responses").and_then(Value::as_array) else { return };
    for (i, r) in responses.iter().enumerate() {
        let r = r.get("response").unwrap_or(r);
        let role = match r.get("sender").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("human" | "user") => Role::User,
            Some("assistant" | "grok") => Role::Assistant,
            _ => continue,
        };
        let model = r
            .get("model")
            .and_then(Value::as_str)
            .or_else(|| r.pointer("/metadata/requestModelDetails/modelId").and_then(Value::as_str));
        let tool = model.and_then(|m| ctx.tool_of_model(m)).or(xai);
        let text = r.get("message").and_then(Value::as_str).unwrap_or("");
        let msg = Message {
            text,
            role,
            tool,
            user,
            conversation: title,
            index: i + 1,
            time: r.get("create_time").and_then(grok_time),
            part: None,
        };
        ctx.message(&msg, Some(anchor));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_times() {
        let v = serde_json::json!({"conversation": {"id": "c"}, "responses": []});
        assert!(is_conversation(&v));
        assert!(!is_conversation(&serde_json::json!({"conversation_id": "c", "messages": []})));
        let t = serde_json::json!({"$date": {"$numberLong": "1740910440000"}});
        assert_eq!(grok_time(&t).as_deref(), Some("2025-03-02T10:14:00Z"));
        let t = serde_json::json!("2025-03-02T10:14:00.123Z");
        assert_eq!(grok_time(&t).as_deref(), Some("2025-03-02T10:14:00.123Z"));
    }
}
