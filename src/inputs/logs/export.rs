//! JSON chat exports: one table of formats (ChatGPT, Claude.ai, LibreChat, Gemini Apps activity,
//! Open WebUI, Grok, Google AI Studio, Chatbot UI), shared by the claim (which keys in the first bytes make a file an export) and
//! the read (which format each conversation of the file is). A new chat format is one module
//! and one row.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::split::{self, Element, Shape};
use super::{Ctx, aistudio, chatbotui, chatgpt, claude, gemini, grok, librechat, openwebui};
use crate::unit::Anchor;

/// One conversation (or activity) of an export, with what the export's side files say.
#[derive(Debug)]
pub struct Conversation<'a> {
    pub value: &'a Value,
    pub anchor: &'a Anchor<'a>,
    /// 0-based index of the element in the file.
    pub index: usize,
    pub beside: &'a Beside,
}

/// The account files next to an export: ChatGPT's `user.json`, Claude.ai's `users.json`.
#[derive(Debug, Default)]
pub struct Beside {
    pub account: Option<String>,
    /// Claude.ai user uuid → e-mail or name.
    pub users: HashMap<String, String>,
}

/// Finds a literal in the first bytes of a file.
pub type Has<'a> = &'a dyn Fn(&str) -> bool;

/// A chat-export format.
#[derive(Debug)]
pub struct ChatFormat {
    /// The name in `records_by_format`.
    pub name: &'static str,
    /// Whether the first bytes of a file show this format (`has` finds a literal in them).
    pub sniff: fn(Has<'_>) -> bool,
    /// Whether one element of the file is a conversation of this format.
    pub is: fn(&Value) -> bool,
    pub read: fn(&mut Ctx<'_>, &Conversation<'_>),
}

/// Every chat-export format, tried in order for each element.
pub static FORMATS: &[ChatFormat] = &[
    ChatFormat {
        name: "chatgpt",
        sniff: |has| has("\"mapping\""),
        is: |v| v.get("mapping").is_some() || v.get("current_node").is_some(),
        read: |ctx, c| chatgpt::conversation(ctx, c.value, c.beside.account.as_deref(), c.anchor),
    },
    ChatFormat {
        name: "claude",
        sniff: |has| has("\"chat_messages\""),
        is: |v| v.get("chat_messages").is_some(),
        read: |ctx, c| claude::conversation(ctx, c.value, &c.beside.users, c.anchor),
    },
    ChatFormat {
        name: "librechat",
        sniff: |has| has("\"conversationId\"") && has("\"endpoint\""),
        is: librechat::is_conversation,
        read: |ctx, c| librechat::conversation(ctx, c.value, c.anchor),
    },
    ChatFormat {
        name: "gemini",
        sniff: |has| has("\"header\"") && has("\"Gemini Apps\""),
        is: gemini::is_activity,
        read: |ctx, c| gemini::activity(ctx, c.value, c.index, c.anchor),
    },
    ChatFormat {
        name: "open-webui",
        sniff: |has| has("\"history\"") && (has("\"currentId\"") || has("\"user_id\"") || has("\"models\"")),
        is: openwebui::is_chat,
        read: |ctx, c| openwebui::conversation(ctx, c.value, c.anchor),
    },
    ChatFormat {
        name: "grok",
        sniff: |has| has("\"responses\"") && has("\"conversation\"") && has("\"sender\""),
        is: grok::is_conversation,
        read: |ctx, c| grok::conversation(ctx, c.value, c.anchor),
    },
    ChatFormat {
        name: "ai-studio",
        sniff: |has| has("\"chunkedPrompt\"") || has("\"runSettings\""),
        is: aistudio::is_prompt,
        read: |ctx, c| aistudio::prompt(ctx, c.value, c.anchor),
    },
    ChatFormat {
        name: "chatbot-ui",
        // `folderId` alone is also in n8n workflows: a version-1 conversation also has its model's `tokenLimit`.
        sniff: |has| {
            (has("\"history\"") && has("\"folders\"")) || (has("\"folderId\"") && has("\"tokenLimit\""))
        },
        is: chatbotui::is_export,
        read: |ctx, c| chatbotui::export(ctx, c.value, c.anchor),
    },
];

/// Whether the first bytes of a file (or its name) show a chat export.
pub fn sniff(name: &str, has: Has<'_>) -> bool {
    FORMATS.iter().any(|f| (f.sniff)(has)) || name == "conversations.json"
}

/// Reads a JSON chat export, one conversation at a time, spread over worker threads.
pub fn read<R: Read>(ctx: &mut Ctx<'_>, reader: R) {
    let beside = Beside {
        account: side_file(ctx.shown, "user.json").and_then(|v| {
            ["email", "id"].iter().find_map(|k| v.get(*k).and_then(Value::as_str).map(str::to_string))
        }),
        users: users_beside(ctx.shown),
    };
    let unknown = std::sync::Mutex::new((0usize, None::<(usize, String)>));
    let mut result = Ok(Shape::Array);
    super::fan_out(
        ctx,
        |push| {
            result = split::split(reader, |el: Element| {
                let n = el.bytes.len();
                push(el, n);
            });
        },
        |ctx, mut el: Element| {
            match el.checked(&format!("conversation {}", el.index)) {
                Ok(None) => {}
                Ok(Some(notice)) => ctx.notice(notice),
                Err(notice) => return ctx.error(notice),
            }
            let v: Value = match serde_json::from_slice(&el.bytes) {
                Ok(v) => v,
                Err(e) => match chatgpt::repair_surrogates(&el.bytes)
                    .and_then(|b| serde_json::from_slice(&b).ok())
                {
                    Some(v) => v,
                    None => {
                        ctx.error(format!(
                            "conversation {} (byte {}): malformed JSON at line {} column {} of the conversation: {e}",
                            el.index,
                            el.offset,
                            e.line(),
                            e.column()
                        ));
                        return;
                    }
                },
            };
            let anchor = Anchor { raw: &el.bytes, start: el.start };
            match FORMATS.iter().find(|f| (f.is)(&v)) {
                Some(f) => {
                    ctx.format = f.name;
                    let c = Conversation { value: &v, anchor: &anchor, index: el.index, beside: &beside };
                    (f.read)(ctx, &c);
                }
                None => {
                    if let Ok(mut u) = unknown.lock() {
                        u.0 += 1;
                        if u.1.as_ref().is_none_or(|(i, _)| el.index < *i) {
                            let keys = match &v {
                                Value::Object(o) => o.keys().take(8).cloned().collect::<Vec<_>>().join(", "),
                                other => format!("a JSON {}", kind_name(other)),
                            };
                            u.1 = Some((el.index, keys));
                        }
                    }
                }
            }
        },
    );
    if let Ok((n, Some((index, keys)))) = unknown.into_inner() {
        ctx.notice(format!(
            "unknown JSON shape: {n} element(s) are not ChatGPT, Claude.ai, Open WebUI, LibreChat, Grok or Chatbot UI conversations, \
             AI Studio prompts, nor Gemini activities, \
             the first is element {index} (keys: {keys}); they were not audited"
        ));
    }
    if let Err(e) = result {
        ctx.error(format!("byte {} (conversation {}): {}", e.offset, e.index, e.message));
    }
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A small JSON file next to the export (`user.json`, `users.json`), if there is one.
pub fn side_file(shown: &str, name: &str) -> Option<Value> {
    let path = Path::new(shown).with_file_name(name);
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() > 16 << 20 {
        return None;
    }
    serde_json::from_slice(&bytes).ok()
}

/// Claude.ai `users.json` beside the export: uuid → e-mail (or name).
fn users_beside(shown: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    if let Some(Value::Array(users)) = side_file(shown, "users.json") {
        for u in users {
            let id = u.get("uuid").and_then(Value::as_str);
            let who = u
                .get("email_address")
                .and_then(Value::as_str)
                .or_else(|| u.get("full_name").and_then(Value::as_str));
            if let (Some(id), Some(who)) = (id, who) {
                map.insert(id.to_string(), who.to_string());
            }
        }
    }
    map
}
