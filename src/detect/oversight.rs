//! Human oversight in code: an AI or ML inference call whose output leads, in the same
//! function, to a decision about a person in a high-risk domain, with no human step in that
//! function or in the functions of the file that call it.
//!
//! Data flow is approximated: the decision must come after the call, and when the call's result
//! is assigned to a variable, the decision line (or a branch line between them) must use it.
// charterlint: allow-file HITL001 -- the tests of this detector are decisions without review

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::scope::{Lang, Scopes};
use super::vocabulary::{self, domain_of};
use crate::charter::Domain;

/// Lines around the AI call examined in languages without a parser.
pub const FALLBACK_WINDOW: usize = 20;

pub(super) fn re(p: &str) -> Regex {
    crate::rules::compile::build_regex(p).unwrap_or_else(|e| panic!("built-in pattern {p}: {e}"))
}

/// AI and ML inference calls: provider SDKs, frameworks, local pipelines, cloud AI services,
/// and the Ollama command line run from Python (`subprocess.run(["ollama", "run", model])`),
/// only with a subcommand that generates.
pub(super) static AI_CALL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"subprocess\.(?:run|Popen|check_output|call)[ \t]*\([ \t\r\n]*(?:\[[ \t\r\n]*)?f?["']ollama(?:["'][ \t\r\n]*,[ \t\r\n]*["']|[ \t]+)(?:run|generate|chat)(?-u:\b)|(?:(?:chat\.)?completions\.create|responses\.create|messages\.create|generate_content(?:_async)?|[Gg]enerateContent|chat\(\)(?:\.completions\(\))?\.create|ChatCompletion\.create|litellm\.a?completion|(?:llm|chain|agent|model|chat|runnable|graph|crew)\.a?invoke|\.kickoff|predict_proba|\.predict|pipeline|generateText|generateObject|streamText|createChatCompletion|createCompletion|invoke_model|InvokeModel|\.converse|ollama\.(?:chat|generate)|GetChatCompletions(?:Async)?|CompleteChat(?:Async)?|\.chat\.complete|client\.chat)[ \t]*\("#,
    )
});

/// A call whose name holds a decision verb, with a person in its name or on its line.
pub(super) static DECISION_CALL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?i)[A-Za-z0-9_.]*(?:{})[A-Za-z0-9_.]*[ \t]*\([^\n]*", vocabulary::verbs()))
});
/// A person's status set to a decision.
pub(super) static DECISION_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)(?:{})[A-Za-z0-9_.\[\]"'(]*(?:{})["'\]]*[ \t]*(?:=|:|\()[ \t]*["']?(?:{})["']?"#,
        vocabulary::nouns(),
        vocabulary::status_fields(),
        vocabulary::statuses()
    ))
});
static NOUN: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)(?:{})", vocabulary::nouns())));

/// The first person noun of `text` ([`vocabulary::names_person`]; `before` is the character
/// before `text` in the file, when it is cut out of it).
pub(super) fn noun(text: &str, before: Option<u8>) -> Option<regex::Match<'_>> {
    let mut at = 0;
    while let Some(m) = NOUN.find_at(text, at) {
        if vocabulary::names_person(text.as_bytes(), m.start(), m.end(), before) {
            return Some(m);
        }
        // Nouns are ASCII: the next byte starts a character.
        at = m.start() + 1;
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub ai_call: Range<usize>,
    pub decision: Range<usize>,
    pub domain: Domain,
    /// Name of the enclosing function, or `None` when no parser covers the language.
    pub scope: Option<String>,
}

/// Identifiers split into snake_case words, so `requestApproval` and `request_approval` meet.
pub(super) fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { ' ' });
    }
    out
}

/// Whether `text` holds a human step: an identifier equal to a review marker, or made of
/// `_`-separated words among which the marker's words stand in a row.
pub fn has_human_step(text: &str, markers: &[&str]) -> bool {
    // Normalised once, not per identifier: a scope body has many identifiers.
    let markers: Vec<(String, String, String, String)> = markers
        .iter()
        .map(|m| {
            let m = m.to_ascii_lowercase().replace('-', "_");
            (format!("{m}_"), format!("_{m}"), format!("_{m}_"), m)
        })
        .collect();
    words(text).split_whitespace().any(|ident| {
        markers.iter().any(|(head, tail, inner, m)| {
            ident == m
                || ident.starts_with(head.as_str())
                || ident.ends_with(tail.as_str())
                || ident.contains(inner.as_str())
        })
    })
}

/// The AI calls of `text`: the only origin of an AI result, here and in the call graph.
pub fn ai_calls(text: &str) -> Vec<Range<usize>> {
    AI_CALL.find_iter(text).map(|m| m.range()).collect()
}

/// Every decision in `text` that follows one of its AI `calls` ([`ai_calls`]) with no human step.
pub fn find(
    path: &str,
    text: &str,
    calls: &[Range<usize>],
    markers: &[&str],
    domains: &[Domain],
) -> Vec<Decision> {
    if calls.is_empty() {
        return Vec::new();
    }
    // Parsing is the costly part: only files with a decision after an AI call pay for it.
    if decisions(text, calls[0].end, text.len()).is_empty() {
        return Vec::new();
    }
    let scopes = Lang::of(path).and_then(|l| Scopes::parse(l, text));
    let mut out: Vec<Decision> = Vec::new();
    for call in calls.iter().cloned() {
        let (region, scope_name) = match &scopes {
            Some(s) => match s.enclosing(call.start) {
                Some(scope) => (scope.range.clone(), Some(scope.name.clone())),
                None => continue,
            },
            None => (window(text, call.start), None),
        };
        // The function's own name is not a step (`review_staff` reviews nobody by itself).
        let body = match &scope_name {
            Some(name) => text[region.clone()].replace(name.as_str(), " "),
            None => text[region.clone()].to_string(),
        };
        if has_human_step(&body, markers) {
            continue;
        }
        if let (Some(s), Some(name)) = (&scopes, &scope_name)
            && callers_review(s, text, name, markers)
        {
            continue;
        }
        let result_var = assigned_var(text, call.start);
        for (decision, domain) in decisions(text, call.end, region.end) {
            if !domains.contains(&domain) {
                continue;
            }
            if let Some(v) = &result_var
                && !uses_result(text, call.end, decision.start, v)
            {
                continue;
            }
            if out.iter().any(|d| d.decision == decision) {
                continue;
            }
            out.push(Decision { ai_call: call.clone(), decision, domain, scope: scope_name.clone() });
        }
    }
    out
}

fn window(text: &str, at: usize) -> Range<usize> {
    let before = text[..at].rmatch_indices('\n').nth(FALLBACK_WINDOW).map_or(0, |(i, _)| i + 1);
    let after = text[at..].match_indices('\n').nth(FALLBACK_WINDOW).map_or(text.len(), |(i, _)| at + i);
    before..after
}

/// Decisions between `from` and `to`, with their domain.
pub(super) fn decisions(text: &str, from: usize, to: usize) -> Vec<(Range<usize>, Domain)> {
    let slice = &text[from..to];
    let mut v = Vec::new();
    for m in DECISION_CALL.find_iter(slice).chain(DECISION_STATUS.find_iter(slice)) {
        // A person named inside a string literal is data, not the subject of the call:
        // `.accept("application/json")` decides nothing about an applicant.
        let code = without_strings(m.as_str());
        let before = (from + m.start()).checked_sub(1).map(|i| text.as_bytes()[i]);
        let Some(noun) = noun(&code, before) else { continue };
        // Report the call or assignment itself, not the rest of its line.
        let len = m.as_str().find('(').unwrap_or(m.len());
        let len = if DECISION_STATUS.is_match(m.as_str()) { m.len() } else { len };
        v.push((from + m.start()..from + m.start() + len, domain_of(noun.as_str())));
    }
    v.sort_by_key(|(r, _)| r.start);
    v
}

/// `s` with the contents of its quoted strings blanked, so only identifiers remain.
pub(super) fn without_strings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => out.push(' '),
            None => {
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// `result = client.chat.completions.create(`: the variable that holds the call's output.
fn assigned_var(text: &str, call_start: usize) -> Option<String> {
    let line_start = text[..call_start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..call_start];
    let (lhs, _) = before.rsplit_once('=')?;
    if lhs.ends_with(['=', '!', '<', '>']) {
        return None;
    }
    let name = lhs.trim().rsplit([' ', '\t', '(']).next()?.trim_start_matches(['$', '@']);
    let name = name.trim_end_matches(':');
    let ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    ok.then(|| name.to_string())
}

/// Whether the decision line, or a line between the call and the decision, uses `var`.
fn uses_result(text: &str, call_end: usize, decision_start: usize, var: &str) -> bool {
    let line_end = text[decision_start..].find('\n').map_or(text.len(), |i| decision_start + i);
    text[call_end..line_end].match_indices(var).any(|(i, _)| {
        let at = call_end + i;
        let before = text[..at].chars().next_back();
        let after = text[at + var.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Whether a function of the file that calls `name` holds a human step.
fn callers_review(scopes: &Scopes, text: &str, name: &str, markers: &[&str]) -> bool {
    if name == "<anonymous>" {
        return false;
    }
    let call = format!("{name}(");
    scopes.iter().any(|s| {
        s.name != name && {
            let body = &text[s.range.clone()];
            body.contains(&call) && has_human_step(body, markers)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKERS: &[&str] = &["review", "human_review", "request_approval", "validation_manuelle"];

    fn run(path: &str, text: &str) -> Vec<Decision> {
        find(path, text, &ai_calls(text), MARKERS, &Domain::ALL)
    }

    #[test]
    fn ai_verdict_straight_into_rejection() {
        let py = "def screen(cv):\n    verdict = client.chat.completions.create(model='gpt-4o', messages=m)\n    if 'reject' in verdict.choices[0].message.content:\n        reject_candidate(cv)\n";
        let d = run("hr/screen.py", py);
        assert_eq!(d.len(), 1);
        assert_eq!(&py[d[0].decision.clone()], "reject_candidate");
        assert!(py[d[0].ai_call.clone()].starts_with("chat.completions.create"));
        assert_eq!(d[0].domain, Domain::Employment);
        assert_eq!(d[0].scope.as_deref(), Some("screen"));
    }

    #[test]
    fn a_review_step_in_the_function_or_a_caller_clears_it() {
        let py = "def screen(cv):\n    v = llm.invoke(prompt)\n    queue = request_approval(v)\n    reject_candidate(cv)\n";
        assert!(run("a.py", py).is_empty());
        let ts = "async function screen(c) {\n  const v = await client.messages.create(req);\n  await rejectApplicant(c, v);\n}\nexport async function handler(c) {\n  await humanReview(c);\n  await screen(c);\n}\n";
        assert!(run("a.ts", ts).is_empty());
        assert!(has_human_step("await humanReview(x)", MARKERS));
        assert!(!has_human_step("product_reviews_count = 3", &["human_review"]));
    }

    #[test]
    fn near_misses() {
        // AI call and decision in different functions.
        let py = "def ask(p):\n    return client.chat.completions.create(messages=p)\n\ndef decide(c):\n    reject_candidate(c)\n";
        assert!(run("a.py", py).is_empty());
        // A decision with no AI.
        assert!(run("a.py", "def decide(c):\n    if c.score < 3:\n        reject_candidate(c)\n").is_empty());
        // The AI result is not used by the decision.
        let py =
            "def f(c, s):\n    summary = llm.invoke(s)\n    if c.age < 18:\n        reject_application(c)\n";
        assert!(run("a.py", py).is_empty());
    }

    #[test]
    fn a_person_only_in_a_string_is_not_a_decision() {
        let rs = "fn send(c: &Client) {\n    let r = c.chat().create(req);\n    http.accept(\"application/json\").send(r);\n}\n";
        assert!(run("a.rs", rs).is_empty());
    }

    #[test]
    fn a_short_noun_inside_another_word_is_nobody() {
        // `pret` (a loan) in `from_pretrained` and `interpreter`, `cv` in `recv`: nobody.
        let py = "def f(x):\n    m = AutoModel.from_pretrained(name)\n    r = m.predict(x)\n    interpreter.status = 'approved' if r else 'denied'\n    approve_recv(r)\n";
        assert!(run("a.py", py).is_empty());
        // As words of their own they are people.
        let py = "def f(x):\n    r = m.predict(x)\n    if r:\n        montant_pret.status = 'approved'\n        reject_cv(x)\n";
        let d = run("a.py", py);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].domain, d[1].domain), (Domain::Credit, Domain::Employment));
    }

    #[test]
    fn status_assignment_and_domains() {
        let js = "function triage(loan) {\n  const r = model.predict(features);\n  if (r > 0.5) { loan.status = 'denied'; }\n}\n";
        let d = run("a.js", js);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].domain, Domain::Credit);
        assert!(
            find("a.js", js, &ai_calls(js), MARKERS, &[Domain::Employment]).is_empty(),
            "domain not covered by the charter"
        );
    }

    #[test]
    fn fallback_window_for_other_languages() {
        let kt = "fun screen(c: Cv) {\n  val v = client.chat.completions.create(req)\n  if (v.isBad) rejectCandidate(c)\n}\n";
        let d = run("Screen.kt", kt);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].scope, None);
    }
}
