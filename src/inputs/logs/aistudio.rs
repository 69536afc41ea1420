//! Google AI Studio prompts, as saved in Google Drive (one JSON object per chat, often with no
//! file extension): `{runSettings: {model: "models/gemini-…", …}, systemInstruction: {parts:
//! [{text}]}, chunkedPrompt: {chunks: [{role: "user" | "model", text | parts, isThought?,
//! driveDocument?, …}], pendingInputs: [{role, text}]}}`. No timestamps, no user: the account
//! is the Drive owner. The system instructions and a draft left in the input box are the
//! person's text too; the model's thoughts are read as its answer.

use serde_json::Value;

use super::{Ctx, Message, Role, text_of};
use crate::unit::Anchor;

/// Whether a parsed element is an AI Studio prompt.
pub fn is_prompt(v: &Value) -> bool {
    v.get("chunkedPrompt").is_some_and(Value::is_object)
        || (v.get("runSettings").is_some_and(Value::is_object) && v.get("systemInstruction").is_some())
}

/// Text of a chunk: `text`, else its `parts[].text`.
fn chunk_text(c: &Value) -> String {
    match c.get("text").and_then(Value::as_str) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => c.get("parts").map(text_of).unwrap_or_default(),
    }
}

pub fn prompt(ctx: &mut Ctx<'_>, v: &Value, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let model = v.pointer("/runSettings/model").and_then(Value::as_str);
    let tool = model.and_then(|m| ctx.tool_of_model(m)).or_else(|| ctx.tool("google-gemini"));
    let name = ctx.rel_path.rsplit('/').next().unwrap_or(ctx.rel_path).to_string();
    let mut index = 0;
    let mut send = |ctx: &mut Ctx<'_>, text: &str, role: Role, part: Option<&str>| {
        // An empty draft box or system instruction is not a message.
        if text.trim().is_empty() {
            return;
        }
        index += 1;
        let msg = Message {
            text,
            role,
            tool,
            user: None,
            conversation: Some(&name),
            index,
            time: None,
            part: part.map(str::to_string),
        };
        ctx.message(&msg, Some(anchor));
    };
    if let Some(sys) = v.get("systemInstruction") {
        let text = sys.get("parts").map(text_of).unwrap_or_else(|| chunk_text(sys));
        send(ctx, &text, Role::User, Some("system instructions"));
    }
    let chunks = v.pointer("/chunkedPrompt/chunks").and_then(Value::as_array);
    for c in chunks.into_iter().flatten() {
        let thought = c.get("isThought").and_then(Value::as_bool).unwrap_or(false);
        let (role, part) = match c.get("role").and_then(Value::as_str) {
            Some("user") => (Role::User, None),
            Some("model") if thought => (Role::Assistant, Some("thoughts")),
            Some("model") => (Role::Assistant, None),
            _ => continue,
        };
        send(ctx, &chunk_text(c), role, part);
    }
    let pending = v.pointer("/chunkedPrompt/pendingInputs").and_then(Value::as_array);
    for c in pending.into_iter().flatten() {
        send(ctx, &chunk_text(c), Role::User, Some("draft not yet sent"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_prompt(&serde_json::json!({"runSettings": {}, "chunkedPrompt": {"chunks": []}})));
        assert!(!is_prompt(&serde_json::json!({"runSettings": {}})));
        let c = serde_json::json!({"role": "user", "parts": [{"text": "a"}, {"text": "b"}]});
        assert_eq!(chunk_text(&c), "a\nb");
    }
}
