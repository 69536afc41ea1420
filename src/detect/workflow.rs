//! Automations that let AI output act without a person: CI jobs that merge or push
//! AI-generated changes, and no-code workflows (n8n, Make) that chain an AI node straight into
//! an action deciding about a person (an HR system, a rejection email, a CRM status).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// An AI step and the unreviewed action it feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Automation {
    pub ai: Range<usize>,
    pub action: Range<usize>,
    pub what: String,
}

fn re(p: &str) -> Regex {
    crate::rules::compile::build_regex(p).unwrap_or_else(|e| panic!("built-in pattern {p}: {e}"))
}

static AI_STEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:anthropics/claude-code(?:-base)?-action|openai/codex-action|google-github-actions/run-gemini-cli|@anthropic-ai/claude-code|@openai/codex|@google/gemini-cli|aider-chat|(?-u:\b)aider[ \t]+--|(?-u:\b)claude[ \t]+-p(?-u:\b)|(?-u:\b)codex[ \t]+exec(?-u:\b)|(?-u:\b)gemini[ \t]+-p(?-u:\b)|sweepai|openhands|copilot-swe-agent)",
    )
});
static MERGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:gh[ \t]+pr[ \t]+merge[^\n]*|glab[ \t]+mr[ \t]+merge[^\n]*|pascalgn/automerge-action|peter-evans/enable-pull-request-automerge|merge_when_pipeline_succeeds|git[ \t]+push[^\n]*(?:main|master)(?-u:\b)[^\n]*)",
    )
});
static REVIEWED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:required_approving_review_count|human_review|manual_approval|when:[ \t]*manual)")
});

/// Whether a path is a CI definition this module reads.
pub fn is_ci(rel_path: &str) -> bool {
    let p = rel_path.to_ascii_lowercase();
    (p.contains(".github/workflows/") && (p.ends_with(".yml") || p.ends_with(".yaml")))
        || p.ends_with(".gitlab-ci.yml")
        || p.contains(".gitlab/ci/")
}

/// CI jobs that merge or push what an AI agent wrote, with no review step in the file.
pub fn ci(rel_path: &str, text: &str) -> Vec<Automation> {
    if !is_ci(rel_path) || REVIEWED.is_match(text) {
        return Vec::new();
    }
    let Some(ai) = AI_STEP.find(text) else { return Vec::new() };
    MERGE
        .find_iter(text)
        .map(|m| Automation {
            ai: ai.range(),
            action: m.start()..m.start() + m.as_str().trim_end().len(),
            what: "merges or pushes the AI agent's changes".into(),
        })
        .collect()
}

const HR_NODES: &[&str] =
    &["bamboohr", "workable", "greenhouse", "personio", "lever", "recruitee", "workday"];
const MAIL_NODES: &[&str] =
    &["gmail", "emailsend", "microsoftoutlook", "sendgrid", "mailgun", "mailjet", "email"];
const CRM_NODES: &[&str] = &["hubspot", "salesforce", "pipedrive", "zohocrm", "airtable"];

static REJECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:reject|regret|unfortunately|not[ \t]+moving[ \t]+forward|not[ \t]+selected|declin|refus|rejet|pas[ \t]+donner[ \t]+suite|pas[ \t]+retenu|malheureusement)",
    )
});
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:status|stage|lifecycle|reject|disqualif|statut|candidat|applicant)"));

fn is_ai_node(kind: &str) -> bool {
    let k = kind.to_ascii_lowercase();
    [
        "langchain",
        "openai",
        "anthropic",
        "gemini",
        "mistral",
        "lmchat",
        "ollama",
        "perplexity",
        "claude",
        "gpt",
    ]
    .iter()
    .any(|a| k.contains(a))
}

/// What a node does to a person, if anything: an HR system, a rejection email, a CRM status.
fn person_action(kind: &str, params: &str) -> Option<&'static str> {
    let k = kind.to_ascii_lowercase();
    let k = k.rsplit(['.', ':']).nth(usize::from(k.contains(':'))).unwrap_or(&k).to_string();
    if HR_NODES.iter().any(|n| k.contains(n)) {
        return Some("updates an HR system");
    }
    if MAIL_NODES.iter().any(|n| k.contains(n)) && REJECTION.is_match(params) {
        return Some("sends a rejection email");
    }
    if CRM_NODES.iter().any(|n| k.contains(n)) && STATUS.is_match(params) {
        return Some("sets a person's status in a CRM");
    }
    None
}

/// Byte range of `"key": "value"` in the raw JSON, for locations.
fn locate(text: &str, key: &str, value: &str) -> Option<Range<usize>> {
    let needle = serde_json::to_string(value).ok()?;
    let mut from = 0;
    while let Some(i) = text[from..].find(&needle) {
        let at = from + i;
        let before = text[..at].trim_end();
        if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with(&format!("\"{key}\"")) {
            return Some(at..at + needle.len());
        }
        from = at + needle.len();
    }
    None
}

/// n8n and Make workflow exports in which an AI node feeds a person-deciding action directly
/// (or through one IF/Switch branching on its output).
pub fn no_code(rel_path: &str, text: &str) -> Vec<Automation> {
    if !rel_path.to_ascii_lowercase().ends_with(".json")
        || !(text.contains("\"nodes\"") || text.contains("\"flow\""))
    {
        return Vec::new();
    }
    let Ok(v) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    let mut out = Vec::new();
    if let (Some(nodes), Some(conns)) = (v["nodes"].as_array(), v["connections"].as_object()) {
        let node = |name: &str| nodes.iter().find(|n| n["name"].as_str() == Some(name));
        let next = |name: &str| -> Vec<String> {
            conns
                .get(name)
                .and_then(|c| c["main"].as_array())
                .map(|outs| {
                    outs.iter()
                        .filter_map(Value::as_array)
                        .flatten()
                        .filter_map(|e| e["node"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        for ai in nodes.iter().filter(|n| n["type"].as_str().is_some_and(is_ai_node)) {
            let ai_name = ai["name"].as_str().unwrap_or_default();
            let mut targets = next(ai_name);
            for t in targets.clone() {
                let branch = node(&t)
                    .and_then(|n| n["type"].as_str())
                    .is_some_and(|k| k.ends_with(".if") || k.ends_with(".switch"));
                if branch {
                    targets.extend(next(&t));
                }
            }
            for t in targets {
                let Some(n) = node(&t) else { continue };
                let params = n["parameters"].to_string();
                if let Some(what) = person_action(n["type"].as_str().unwrap_or_default(), &params)
                    && let (Some(a), Some(b)) = (locate(text, "name", ai_name), locate(text, "name", &t))
                {
                    out.push(Automation { ai: a, action: b, what: what.into() });
                }
            }
        }
    }
    if let Some(flow) = v["flow"].as_array() {
        for pair in flow.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (Some(am), Some(bm)) = (a["module"].as_str(), b["module"].as_str()) else { continue };
            if is_ai_node(am)
                && let Some(what) = person_action(bm, &b["mapper"].to_string())
                && let (Some(x), Some(y)) = (locate(text, "module", am), locate(text, "module", bm))
            {
                out.push(Automation { ai: x, action: y, what: what.into() });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_merging_agent_changes() {
        let wf = "on: issues\njobs:\n  fix:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n      - run: gh pr merge --auto --squash \"$PR\"\n";
        let a = ci(".github/workflows/agent.yml", wf);
        assert_eq!(a.len(), 1);
        assert!(wf[a[0].action.clone()].starts_with("gh pr merge"));
        assert!(
            ci(".github/workflows/agent.yml", &format!("{wf}# required_approving_review_count: 1\n"))
                .is_empty()
        );
        assert!(
            ci(".github/workflows/release.yml", "steps:\n  - run: gh pr merge --auto\n").is_empty(),
            "no AI"
        );
        assert!(ci("docs/agent.yml", wf).is_empty(), "not a CI file");
    }

    #[test]
    fn n8n_ai_node_into_rejection_email() {
        let wf = r#"{"name":"Screen CVs","nodes":[
{"name":"Score CV","type":"@n8n/n8n-nodes-langchain.openAi","parameters":{}},
{"name":"Bad fit?","type":"n8n-nodes-base.if","parameters":{}},
{"name":"Send rejection","type":"n8n-nodes-base.gmail","parameters":{"message":"Unfortunately we will not move forward"}}],
"connections":{"Score CV":{"main":[[{"node":"Bad fit?","type":"main","index":0}]]},"Bad fit?":{"main":[[{"node":"Send rejection","type":"main","index":0}]]}}}"#;
        let a = no_code("flows/screen.json", wf);
        assert_eq!(a.len(), 1);
        assert_eq!(&wf[a[0].action.clone()], "\"Send rejection\"");
        assert_eq!(a[0].what, "sends a rejection email");
        let friendly = wf.replace("Unfortunately we will not move forward", "Thanks, we got your CV");
        assert!(no_code("flows/screen.json", &friendly).is_empty());
    }

    #[test]
    fn make_blueprint_sequence() {
        let bp = r#"{"name":"Leads","flow":[{"id":1,"module":"openai-gpt-3:CreateCompletion","mapper":{}},{"id":2,"module":"hubspotcrm:UpdateContact","mapper":{"lifecyclestage":"{{1.result}}"}}]}"#;
        let a = no_code("make/leads.json", bp);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].what, "sets a person's status in a CRM");
        assert!(no_code("make/leads.json", "{\"flow\": [1, 2").is_empty(), "malformed JSON is not a finding");
    }
}
