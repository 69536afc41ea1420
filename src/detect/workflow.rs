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
const CRM_NODES: &[&str] = &["hubspot", "salesforce", "pipedrive", "zohocrm"];
/// Generic tables: a row is a person's only when the node speaks of people.
const TABLE_NODES: &[&str] = &["airtable", "baserow", "nocodb", "seatable"];

static REJECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:reject|regret|unfortunately|not[ \t]+moving[ \t]+forward|not[ \t]+selected|declin|refus|rejet|pas[ \t]+donner[ \t]+suite|pas[ \t]+retenu|malheureusement)",
    )
});
/// A status-like field being written: a JSON key, or the name of a property or custom field.
static STATUS_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:"[^"\n]{0,40}(?:status|stage|lifecycle|statut|decision|shortlist)[^"\n]{0,40}"[ \t]*:|"(?:property|fieldid|fieldname|key|field|name)"[ \t]*:[ \t]*"[^"\n]{0,40}(?:status|stage|lifecycle|statut|decision|shortlist))"#,
    )
});
/// A status among the written fields; a marital status is a fact about the person, not a
/// decision.
fn writes_status(fields: &str) -> bool {
    STATUS_FIELD.find_iter(fields).any(|m| !m.as_str().to_ascii_lowercase().contains("marital"))
}

/// A CRM record that is a person (HubSpot's default resource is a deal, a company is not one).
static CRM_PERSON: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:contact|lead|person|candidat|applicant)"));
/// People whom a decision affects in HR, school, housing, health or credit: the workflow is
/// about them.
static HR_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:candidat|applicant|employee|salari[eé]|student|[eé]tudiant|tenant|locataire|patient|borrower|(?-u:\b)hir(?:e|ing)(?-u:\b)|recruit|recrut|resume|(?-u:\b)cv(?-u:\b)|job[ _-]?appli)",
    )
});
/// What a rejection email is about: an application, a request, a registration…
static DECISION_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:appli|candida|position|(?-u:\b)role(?-u:\b)|(?-u:\b)job|profil|poste|inquiry|request|registration|inscription|loan|pr[eê]t|claim|admission|enrol|membership|interview|entretien|demande)",
    )
});
/// A node named for a rejection: "Reject Applicant", "Mark as rejected", "Refuser".
static REJECT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:reject|disqualif|declin|refus|rejet|rechaz|ablehn|not[ \t_-]*(?:a[ \t_-]*)?fit)")
});
/// A numeric comparison in an IF/Switch/Filter condition (`{{$json.score}} < 80`, `lt`, `smaller`).
static THRESHOLD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:"(?:operation|operator)"[ \t]*:[ \t]*(?:\{[^}]*"operation"[ \t]*:[ \t]*)?"(?:smaller|smallerequal|larger|largerequal|lt|lte|gt|gte)"|[<>]=?[ \t]*[0-9])"#,
    )
});
/// Someone decides before the workflow goes on: a Wait, a form, a send-and-wait message, an
/// approval or review step.
static HUMAN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:approv|human[ \t_-]*review|manual[ \t_-]*review|review[ \t_-]*by|validation[ \t_-]*(?:humaine|manuelle)|relecture)",
    )
});

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

/// The operation only reads: n8n's `get`/`getAll`/`search`, Make's `ListRecords`/`GetContact`,
/// an HTTP `GET`.
fn reads_only(operation: &str) -> bool {
    let op = operation.to_ascii_lowercase();
    ["get", "list", "search", "watch", "find", "lookup", "read", "download", "fetch", "count"]
        .iter()
        .any(|r| op.starts_with(r))
}

/// What a node does to a person, if anything: writes to an HR system, sends a rejection email
/// to the person (whose address comes from the data), sets a person's status in a CRM or, in a
/// workflow about applicants, employees or students, in a table or — reached through a
/// threshold on the AI's output — records a rejection. `operation` is the node's operation
/// (n8n parameter or HTTP method, or the part of a Make module after `:`), `resource` its n8n
/// resource, `people` whether the workflow is about such people.
fn person_action(node: &Node<'_>, after_threshold: bool, people: bool) -> Option<&'static str> {
    let k = node.kind.to_ascii_lowercase();
    let k = k.rsplit(['.', ':']).nth(usize::from(k.contains(':'))).unwrap_or(&k).to_string();
    let params = node.params;
    let writes = !node.operation.is_some_and(reads_only);
    if HR_NODES.iter().any(|n| k.contains(n)) {
        return writes.then_some("updates an HR system");
    }
    if MAIL_NODES.iter().any(|n| k.contains(n)) {
        let to_the_person =
            params.contains("{{") || node.operation.is_some_and(|o| o.eq_ignore_ascii_case("reply"));
        let rejection = REJECTION.is_match(params) && DECISION_SUBJECT.is_match(params);
        return (to_the_person && rejection).then_some("sends a rejection email");
    }
    if CRM_NODES.iter().any(|n| k.contains(n)) {
        // Without a resource the node works on its default one (a deal in HubSpot): a person only
        // when the node says so or identifies the record by e-mail.
        let about_people = node.resource.map_or_else(
            || {
                CRM_PERSON.is_match(node.name)
                    || params.starts_with("{\"email\":")
                    || params.contains(",\"email\":")
            },
            |r| CRM_PERSON.is_match(r),
        );
        return (writes && about_people && writes_status(node.fields))
            .then_some("sets a person's status in a CRM");
    }
    if TABLE_NODES.iter().any(|n| k.contains(n)) {
        // The row written must be such a person's, with a status among the fields written (the
        // table's schema lists every column, written or not).
        let people_row = HR_PERSON.is_match(node.fields) || HR_PERSON.is_match(node.table);
        return (writes && people_row && writes_status(node.fields))
            .then_some("sets a person's status in a table");
    }
    let notifies = ["slack", "telegram", "discord", "teams", "mattermost", "stickynote", "noop"]
        .iter()
        .any(|n| k.contains(n));
    (after_threshold && people && writes && !notifies && REJECT_NAME.is_match(node.name))
        .then_some("records a rejection decided by a threshold on the AI's output")
}

/// The parts of a node that [`person_action`] judges.
struct Node<'a> {
    kind: &'a str,
    name: &'a str,
    operation: Option<&'a str>,
    resource: Option<&'a str>,
    params: &'a str,
    /// The fields the node writes (n8n `columns.value`, `fields`, `updateFields`…; a Make mapper).
    fields: &'a str,
    /// The names of the table and base it writes to.
    table: &'a str,
}

/// The fields an n8n node writes, and the names of its table and base.
fn written_fields(params: &Value) -> (String, String) {
    let mut fields = String::new();
    for key in [
        "fields",
        "fieldsUi",
        "updateFields",
        "additionalFields",
        "propertiesUi",
        "customFieldsUi",
        "bodyParameters",
        "jsonBody",
    ] {
        if !params[key].is_null() {
            fields.push_str(&params[key].to_string());
        }
    }
    if !params["columns"]["value"].is_null() {
        fields.push_str(&params["columns"]["value"].to_string());
    }
    let name = |v: &Value| {
        v["cachedResultName"]
            .as_str()
            .or_else(|| v["value"].as_str())
            .or_else(|| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    (fields, format!("{} {}", name(&params["table"]), name(&params["base"])))
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

/// The workflows in an export: the document itself, an array of them, or one nested in a
/// wrapper (template collections keep it under `workflow`), a few levels deep at most.
fn workflows<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    let is_n8n = v["nodes"].as_array().is_some_and(|n| n.iter().any(|n| n["type"].is_string()))
        && v["connections"].is_object();
    if is_n8n || v["flow"].is_array() {
        out.push(v);
        return;
    }
    if depth == 0 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().take(1000).for_each(|i| workflows(i, depth - 1, out)),
        Value::Object(map) => map.values().for_each(|i| workflows(i, depth - 1, out)),
        _ => {}
    }
}

/// Steps followed from an AI node before giving up: enough for parse, set, merge and branch
/// nodes between the AI and the action.
const MAX_HOPS: usize = 8;

/// n8n and Make workflow exports in which an AI node feeds a person-deciding action with no
/// person in between: directly, or through data, branch and logging steps (an IF/Switch on the
/// AI's score, a Set or Code node parsing it), but not through a Wait, a form, a send-and-wait
/// message or an approval step.
pub fn no_code(rel_path: &str, text: &str) -> Vec<Automation> {
    if !rel_path.to_ascii_lowercase().ends_with(".json")
        || !(text.contains("\"nodes\"") || text.contains("\"flow\""))
    {
        return Vec::new();
    }
    let Ok(v) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    let mut found = Vec::new();
    workflows(&v, 4, &mut found);
    let mut out: Vec<Automation> = Vec::new();
    for w in found {
        n8n(w, text, &mut out);
        make(w, text, &mut out);
    }
    out
}

fn n8n(w: &Value, text: &str, out: &mut Vec<Automation>) {
    let (Some(nodes), Some(conns)) = (w["nodes"].as_array(), w["connections"].as_object()) else { return };
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
    let people = HR_PERSON.is_match(&w.to_string());
    for ai in nodes.iter().filter(|n| n["type"].as_str().is_some_and(is_ai_node)) {
        let ai_name = ai["name"].as_str().unwrap_or_default();
        let mut seen = vec![ai_name.to_string()];
        let mut queue: Vec<(String, usize, bool)> =
            next(ai_name).into_iter().map(|t| (t, 1, false)).collect();
        while let Some((t, hops, after_threshold)) = queue.pop() {
            if seen.contains(&t) {
                continue;
            }
            seen.push(t.clone());
            let Some(n) = node(&t) else { continue };
            let kind = n["type"].as_str().unwrap_or_default();
            let params = n["parameters"].to_string();
            let operation =
                n["parameters"]["operation"].as_str().or_else(|| n["parameters"]["method"].as_str());
            let lower = kind.to_ascii_lowercase();
            let human = lower.ends_with(".wait")
                || lower.ends_with(".form")
                || operation.is_some_and(|o| o.to_ascii_lowercase().starts_with("sendandwait"))
                || HUMAN_NAME.is_match(&t);
            if human {
                continue;
            }
            let resource = n["parameters"]["resource"].as_str();
            let (fields, table) = written_fields(&n["parameters"]);
            let judged =
                Node { kind, name: &t, operation, resource, params: &params, fields: &fields, table: &table };
            if let Some(what) = person_action(&judged, after_threshold, people) {
                if let (Some(a), Some(b)) = (locate(text, "name", ai_name), locate(text, "name", &t))
                    && !out.iter().any(|o| o.action == b)
                {
                    out.push(Automation { ai: a, action: b, what: what.into() });
                }
                continue;
            }
            if hops < MAX_HOPS {
                let branch = [".if", ".switch", ".filter"].iter().any(|b| lower.ends_with(b));
                let threshold = after_threshold || (branch && THRESHOLD.is_match(&params));
                queue.extend(next(&t).into_iter().map(|u| (u, hops + 1, threshold)));
            }
        }
    }
}

fn make(w: &Value, text: &str, out: &mut Vec<Automation>) {
    let Some(flow) = w["flow"].as_array() else { return };
    for pair in flow.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (Some(am), Some(bm)) = (a["module"].as_str(), b["module"].as_str()) else { continue };
        let operation = bm.split_once(':').map(|(_, op)| op);
        let mapper = b["mapper"].to_string();
        let judged = Node {
            kind: bm,
            name: "",
            operation,
            resource: operation,
            params: &mapper,
            fields: &mapper,
            table: "",
        };
        if is_ai_node(am)
            && let Some(what) = person_action(&judged, false, HR_PERSON.is_match(&mapper))
            && let (Some(x), Some(y)) = (locate(text, "module", am), locate(text, "module", bm))
        {
            out.push(Automation { ai: x, action: y, what: what.into() });
        }
    }
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
{"name":"Send rejection","type":"n8n-nodes-base.gmail","parameters":{"sendTo":"={{ $json.email }}","message":"Unfortunately we will not move forward with your application"}}],
"connections":{"Score CV":{"main":[[{"node":"Bad fit?","type":"main","index":0}]]},"Bad fit?":{"main":[[{"node":"Send rejection","type":"main","index":0}]]}}}"#;
        let a = no_code("flows/screen.json", wf);
        assert_eq!(a.len(), 1);
        assert_eq!(&wf[a[0].action.clone()], "\"Send rejection\"");
        assert_eq!(a[0].what, "sends a rejection email");
        let friendly = wf.replace(
            "Unfortunately we will not move forward with your application",
            "Thanks, we got your CV",
        );
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

    /// An n8n workflow from (name, type, parameters) nodes chained in order.
    fn chain(nodes: &[(&str, &str, &str)]) -> String {
        let ns: Vec<String> = nodes
            .iter()
            .map(|(n, t, p)| format!(r#"{{"name":"{n}","type":"{t}","parameters":{p}}}"#))
            .collect();
        let cs: Vec<String> = nodes
            .windows(2)
            .map(|w| {
                format!(r#""{}":{{"main":[[{{"node":"{}","type":"main","index":0}}]]}}"#, w[0].0, w[1].0)
            })
            .collect();
        format!(r#"{{"name":"wf","nodes":[{}],"connections":{{{}}}}}"#, ns.join(","), cs.join(","))
    }

    const AI: (&str, &str, &str) =
        ("Score applicant", "@n8n/n8n-nodes-langchain.agent", r#"{"text":"Score this resume 0-100"}"#);
    const PARSE: (&str, &str, &str) = ("Parse score", "n8n-nodes-base.set", r#"{"assignments":{}}"#);
    const BELOW_80: (&str, &str, &str) = (
        "Score < 80?",
        "n8n-nodes-base.if",
        r#"{"conditions":{"conditions":[{"leftValue":"={{ $json.score }}","rightValue":80,"operator":{"type":"number","operation":"lt"}}]}}"#,
    );

    #[test]
    fn threshold_on_an_ai_score_into_a_reject_node() {
        let reject = (
            "Reject Applicant",
            "n8n-nodes-base.httpRequest",
            r#"{"method":"PATCH","url":"https://ats.example.org/applicants/1","jsonBody":"{\"status\":\"rejected\"}"}"#,
        );
        let a = no_code("wf.json", &chain(&[AI, PARSE, BELOW_80, reject]));
        assert_eq!(a.len(), 1);
        assert!(a[0].what.contains("threshold"), "{}", a[0].what);
        // Without the threshold, a node named "Reject…" is only a name.
        assert!(no_code("wf.json", &chain(&[AI, PARSE, reject])).is_empty());
        // A GET only reads, whatever its name.
        let lookup = (
            "Reject list lookup",
            "n8n-nodes-base.httpRequest",
            r#"{"method":"GET","url":"https://ats.example.org/rejections"}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, BELOW_80, lookup])).is_empty());
        // A trading signal is not a person.
        let trade =
            ("Log Rejected Signal", "n8n-nodes-base.notion", r#"{"resource":"databasePage","symbol":"BTC"}"#);
        let ai = ("Analyse chart", "@n8n/n8n-nodes-langchain.openAi", r#"{"text":"Rate this setup 0-100"}"#);
        assert!(no_code("wf.json", &chain(&[ai, BELOW_80, trade])).is_empty());
        // A person approves in between: a Wait, or a send-and-wait message.
        let wait = ("Wait for recruiter", "n8n-nodes-base.wait", r#"{"resume":"webhook"}"#);
        assert!(no_code("wf.json", &chain(&[AI, BELOW_80, wait, reject])).is_empty());
        let ask = ("Ask HR", "n8n-nodes-base.slack", r#"{"operation":"sendAndWait","message":"Reject?"}"#);
        assert!(no_code("wf.json", &chain(&[AI, BELOW_80, ask, reject])).is_empty());
    }

    #[test]
    fn hr_systems_count_for_writes_only() {
        let read =
            ("List employees", "n8n-nodes-base.bambooHr", r#"{"operation":"getAll","returnAll":true}"#);
        assert!(no_code("wf.json", &chain(&[AI, read])).is_empty());
        let search = (
            "Find candidate",
            "n8n-nodes-base.greenhouse",
            r#"{"operation":"search","email":"={{ $json.email }}"}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, search])).is_empty());
        let write =
            ("Move to rejected", "n8n-nodes-base.workable", r#"{"operation":"update","stage":"rejected"}"#);
        assert_eq!(no_code("wf.json", &chain(&[AI, write]))[0].what, "updates an HR system");
    }

    #[test]
    fn a_status_is_a_persons_only_on_a_people_row() {
        let stock = (
            "Update stock",
            "n8n-nodes-base.airtable",
            r#"{"operation":"update","table":{"cachedResultName":"Inventory"},"columns":{"value":{"SKU":"A-1","Status":"low"}}}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, stock])).is_empty());
        let candidate = (
            "Save verdict",
            "n8n-nodes-base.airtable",
            r#"{"operation":"update","table":{"cachedResultName":"Candidates"},"columns":{"value":{"Status":"={{ $json.output.verdict }}"}}}"#,
        );
        assert_eq!(no_code("wf.json", &chain(&[AI, candidate]))[0].what, "sets a person's status in a table");
        // The schema lists every column; only written fields count.
        let notes = (
            "Save notes",
            "n8n-nodes-base.airtable",
            r#"{"operation":"update","table":{"cachedResultName":"Candidates"},"columns":{"value":{"Notes":"={{ $json.output }}"},"schema":[{"id":"Status"}]}}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, notes])).is_empty());
        // A HubSpot deal is no person; a contact's marital status is no decision.
        let deal = (
            "Create deal",
            "n8n-nodes-base.hubspot",
            r#"{"stage":"closedwon","additionalFields":{"dealName":"New deal"}}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, deal])).is_empty());
        let enrich = (
            "Update contact",
            "n8n-nodes-base.hubspot",
            r#"{"email":"={{ $json.email }}","additionalFields":{"maritalStatus":"single"}}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, enrich])).is_empty());
        let lead = (
            "Disqualify lead",
            "n8n-nodes-base.zohoCrm",
            r#"{"resource":"lead","operation":"update","updateFields":{"Lead_Status":"Not Qualified"}}"#,
        );
        assert_eq!(no_code("wf.json", &chain(&[AI, lead])).len(), 1);
    }

    #[test]
    fn rejection_emails_go_to_the_person_about_a_decision() {
        let alert = (
            "Alert admins",
            "n8n-nodes-base.emailSend",
            r#"{"toEmail":"secops@acme-corp.fr","text":"Request rejected: prompt injection detected"}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, alert])).is_empty());
        let po = (
            "Reply",
            "n8n-nodes-base.microsoftOutlook",
            r#"{"operation":"reply","message":"PO rejected: invalid file format."}"#,
        );
        assert!(no_code("wf.json", &chain(&[AI, po])).is_empty());
        let decline = (
            "Decline",
            "n8n-nodes-base.gmail",
            r#"{"sendTo":"={{ $json.email }}","message":"We regret that your application was not selected."}"#,
        );
        assert_eq!(no_code("wf.json", &chain(&[AI, PARSE, BELOW_80, decline])).len(), 1);
    }

    #[test]
    fn wrapped_and_collected_workflows_are_read() {
        let decline = (
            "Decline",
            "n8n-nodes-base.gmail",
            r#"{"sendTo":"={{ $json.email }}","message":"Unfortunately your application was not retained."}"#,
        );
        let wf = chain(&[AI, decline]);
        assert_eq!(no_code("export.json", &format!("[{wf}]")).len(), 1, "array-wrapped export");
        assert_eq!(
            no_code("t.json", &format!(r#"{{"workflow":{{"id":1,"workflow":{wf}}}}}"#)).len(),
            1,
            "template collection"
        );
        assert_eq!(no_code("t.json", &format!(r#"[{wf},{wf}]"#)).len(), 1, "one finding per action node");
    }
}
