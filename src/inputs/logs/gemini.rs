//! Google Takeout "My Activity › Gemini Apps" (`MyActivity.json`): an array, newest first, of
//! activities whose `title` is the prompt behind a `Prompted ` prefix and whose
//! `safeHtmlItem[].html` holds the answer (HTML; several items when the user regenerated). No
//! conversation id, no model and no user: the account is the Takeout's owner.

use serde_json::Value;

use super::{Ctx, Message, Role, time_of};
use crate::unit::Anchor;

/// Whether a parsed element is a Gemini Apps activity.
pub fn is_activity(v: &Value) -> bool {
    v.get("header").and_then(Value::as_str) == Some("Gemini Apps")
        || v.get("products").and_then(Value::as_array).is_some_and(|p| p.iter().any(|x| x == "Gemini Apps"))
}

/// Prefixes of prompt activities, in English and French.
const PROMPTED: &[&str] = &["Prompted ", "Requête : ", "Requête envoyée : ", "A demandé "];

pub fn activity(ctx: &mut Ctx<'_>, v: &Value, index: usize, anchor: &Anchor<'_>) {
    ctx.counts.logs.conversations += 1;
    let tool = ctx.tool("google-gemini");
    let title = v.get("title").and_then(Value::as_str).unwrap_or("");
    let time = v.get("time").and_then(time_of);
    let label = format!("activity {}", index + 1);
    let Some(prompt) = PROMPTED.iter().find_map(|p| title.strip_prefix(p)) else {
        // `Created …`, `Used …`, feedback: no text the person typed.
        return;
    };
    let base = Message {
        text: prompt,
        role: Role::User,
        tool,
        user: None,
        conversation: Some(&label),
        index: 1,
        time: time.clone(),
        part: None,
    };
    ctx.message(&base, Some(anchor));
    let answer: Vec<String> = v
        .get("safeHtmlItem")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.get("html").and_then(Value::as_str))
        .map(strip_tags)
        .collect();
    let answer = answer.join("\n");
    let msg = Message { text: &answer, role: Role::Assistant, index: 2, time, ..base };
    ctx.message(&msg, Some(anchor));
}

/// Text of an HTML fragment: tags dropped, the common entities decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_to_text() {
        assert_eq!(super::strip_tags("<p>a &amp; b</p>").trim(), "a & b");
    }
}
