//! The charter for people: the text employees read and sign, made from the same
//! `ai-charter.yaml` that charterlint checks, so that what is signed and what is checked cannot
//! differ. The builder here turns a [`Charter`] into a small document (sections, paragraphs,
//! lists of inline spans); `md` and `html` write it out; `text` holds the words per language.
//!
//! Tool names and the references of each rule category come from layers above the charter
//! (the catalogue, the rules pack): the caller passes them in a [`Context`].

mod html;
mod md;
#[cfg(test)]
mod tests;
mod text;

use super::{Charter, Domain, Language};
use crate::finding::Category;
use text::Text;

/// What the renderer needs from above the charter layer.
pub struct Context<'a> {
    pub lang: Language,
    /// The display name of a catalogue tool id; `None`: the id is shown.
    pub tool_name: &'a dyn Fn(&str) -> Option<String>,
    /// Per rule category: the white paper sections and the regulation articles its rules cite.
    pub references: &'a [References],
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("lang", &self.lang).finish_non_exhaustive()
    }
}

/// What a rule category rests on, from the rules pack (`charter_ref`, `references`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct References {
    pub category: Category,
    /// White paper sections, e.g. `§7 (shadow AI)`.
    pub charter_refs: Vec<String>,
    /// Regulation articles and standards, e.g. `EU AI Act Art. 14 (human oversight)`.
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

/// The charter as a Markdown or a self-contained HTML document.
pub fn render(charter: &Charter, cx: &Context<'_>, format: Format) -> String {
    let doc = build(charter, cx);
    match format {
        Format::Markdown => md::write(&doc),
        Format::Html => html::write(&doc, cx.lang),
    }
}

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Span {
    Text(String),
    Code(String),
    Strong(String),
    Em(String),
}

type Line = Vec<Span>;

#[derive(Debug)]
enum Block {
    Para(Line),
    List(Vec<Line>),
    Heading(String),
}

#[derive(Debug)]
struct Section {
    title: String,
    blocks: Vec<Block>,
}

#[derive(Debug)]
struct Doc {
    title: String,
    lead: Vec<Line>,
    sections: Vec<Section>,
    footer: Line,
}

/// Static text of the tables: `code`, **strong** and *emphasis* marks. Never user text.
fn marked(s: &str) -> Line {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let next = [("`", "`"), ("**", "**"), ("*", "*")]
            .iter()
            .filter_map(|(open, close)| {
                let at = rest.find(open)?;
                let end = rest[at + open.len()..].find(close)? + at + open.len();
                Some((at, end, *open, *close))
            })
            .min_by_key(|(at, _, open, _)| (*at, usize::MAX - open.len()));
        let Some((at, end, open, close)) = next else {
            out.push(Span::Text(rest.to_string()));
            break;
        };
        if at > 0 {
            out.push(Span::Text(rest[..at].to_string()));
        }
        let inner = rest[at + open.len()..end].to_string();
        out.push(match open {
            "`" => Span::Code(inner),
            "**" => Span::Strong(inner),
            _ => Span::Em(inner),
        });
        rest = &rest[end + close.len()..];
    }
    out
}

/// Fills `{key}` in a table text with spans (user values stay apart from the markup).
fn fill(template: &str, key: &str, value: Line) -> Line {
    let mark = format!("{{{key}}}");
    match template.split_once(&mark) {
        Some((before, after)) => {
            let mut line = marked(before);
            line.extend(value);
            line.extend(marked(after));
            line
        }
        None => marked(template),
    }
}

/// `a`, `b` and `c` as code spans joined by commas.
fn codes<S: AsRef<str>>(items: &[S]) -> Line {
    let mut line = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            line.push(Span::Text(", ".into()));
        }
        line.push(Span::Code(item.as_ref().to_string()));
    }
    line
}

/// The charter's own entries of a list that also has built-in ones, after the built-in
/// examples, without repeating them.
fn with_own<'a>(examples: &[&'a str], own: &'a [String]) -> Vec<&'a str> {
    let mut out: Vec<&str> = examples.to_vec();
    for o in own {
        if !out.iter().any(|e| e.to_lowercase() == o.to_lowercase()) {
            out.push(o);
        }
    }
    out
}

fn build(charter: &Charter, cx: &Context<'_>) -> Doc {
    let fr = cx.lang == Language::Fr;
    let t: &Text = if fr { &text::FR } else { &text::EN };
    let title = match &charter.organization {
        Some(org) => t.title_for.replace("{org}", org),
        None => t.title.to_string(),
    };
    let mut lead = vec![marked(t.lead)];
    if let Some(contact) = &charter.contact {
        lead.push(fill(t.contact, "contact", vec![Span::Text(contact.clone())]));
    }
    let principles = Section {
        title: t.principles.into(),
        blocks: vec![Block::List(t.principles_items.iter().map(|s| marked(s)).collect())],
    };
    let sections = vec![
        principles,
        tools(charter, cx, t),
        data(charter, t),
        labels(charter, t),
        oversight(charter, t, fr),
        Section {
            title: t.prohibited.into(),
            blocks: vec![Block::List(t.prohibited_items.iter().map(|s| marked(s)).collect())],
        },
        governance(charter, t),
        references(cx, t, fr),
        Section {
            title: t.commitment.into(),
            blocks: vec![Block::Para(marked(t.commitment_text)), Block::Para(marked(t.signature))],
        },
    ];
    Doc { title, lead, sections, footer: marked(t.generated) }
}

fn tools(charter: &Charter, cx: &Context<'_>, t: &Text) -> Section {
    let name = |id: &str| -> String {
        charter
            .custom_tool(id)
            .and_then(|c| c.name.clone())
            .or_else(|| (cx.tool_name)(id))
            .unwrap_or_else(|| id.to_string())
    };
    let mut blocks = vec![Block::Para(marked(t.tools_lead))];
    for (heading, note, ids) in [
        (t.approved, t.approved_note, &charter.tools.approved),
        (t.tolerated, t.tolerated_note, &charter.tools.tolerated),
        (t.forbidden, t.forbidden_note, &charter.tools.forbidden),
    ] {
        blocks.push(Block::Heading(heading.into()));
        blocks.push(Block::Para(marked(note)));
        if ids.is_empty() {
            blocks.push(Block::Para(marked(t.none_listed)));
        } else {
            blocks.push(Block::List(ids.iter().map(|id| vec![Span::Strong(name(id))]).collect()));
        }
    }
    let own: Vec<Line> = charter
        .tools
        .custom
        .iter()
        .filter(|c| c.name.is_some() && !c.domains.is_empty())
        .map(|c| {
            let mut line = vec![Span::Strong(name(&c.id)), Span::Text(" — ".into())];
            line.extend(codes(&c.domains));
            line
        })
        .collect();
    if !own.is_empty() {
        blocks.push(Block::Heading(t.own_tools.into()));
        blocks.push(Block::List(own));
    }
    blocks.extend(by_origin(charter, t));
    blocks.push(Block::Para(marked(t.unapproved)));
    Section { title: t.tools.into(), blocks }
}

/// The status the charter gives tools it does not name: by jurisdiction, and local runtimes.
fn by_origin(charter: &Charter, t: &Text) -> Vec<Block> {
    let (j, local) = (&charter.tools.jurisdictions, charter.tools.local);
    if j.is_empty() && local.is_none() {
        return Vec::new();
    }
    let policies = [
        crate::charter::Policy::Approved,
        crate::charter::Policy::Tolerated,
        crate::charter::Policy::Forbidden,
    ];
    let mut lines = Vec::new();
    for ((word, codes_of), policy) in
        t.origin_status.iter().zip([&j.approved, &j.tolerated, &j.forbidden]).zip(policies)
    {
        if !codes_of.is_empty() {
            let mut line = vec![Span::Strong((*word).to_string())];
            line.extend(marked(t.jurisdiction_rule));
            line.extend(codes(codes_of));
            lines.push(line);
        }
        if local == Some(policy) {
            let mut line = vec![Span::Strong((*word).to_string())];
            line.extend(marked(t.local_rule));
            lines.push(line);
        }
    }
    let mut blocks =
        vec![Block::Heading(t.by_origin.into()), Block::Para(marked(t.origin_note)), Block::List(lines)];
    if [&j.approved, &j.tolerated, &j.forbidden].iter().any(|l| l.iter().any(|c| c == crate::charter::EU)) {
        blocks.push(Block::Para(marked(t.eu_note)));
    }
    blocks
}

fn data(charter: &Charter, t: &Text) -> Section {
    let d = &charter.data;
    let mut kinds =
        vec![marked(t.secrets), marked(t.personal), fill(t.markers, "examples", codes(t.example_markers))];
    if !d.markers.is_empty() {
        kinds.push(fill(t.markers_own, "list", codes(&d.markers)));
    }
    if !d.codenames.is_empty() {
        kinds.push(fill(t.codenames, "list", codes(&d.codenames)));
    }
    if !d.patterns.is_empty() {
        let names: Vec<&str> = d.patterns.iter().map(|p| p.name.as_str()).collect();
        kinds.push(fill(t.patterns, "list", codes(&names)));
    }
    punctuate(&mut kinds, t);
    Section {
        title: t.data.into(),
        blocks: vec![
            Block::Para(marked(t.data_lead)),
            Block::List(t.data_where.iter().map(|s| marked(s)).collect()),
            Block::Para(marked(t.data_kinds)),
            Block::List(kinds),
        ],
    }
}

/// Ends every item of an enumeration but the last with a semicolon, the last with a full stop.
fn punctuate(items: &mut [Line], t: &Text) {
    let n = items.len();
    for (i, item) in items.iter_mut().enumerate() {
        let end = if i + 1 == n {
            "."
        } else if std::ptr::eq(t, &text::FR) {
            " ;"
        } else {
            ";"
        };
        item.push(Span::Text(end.into()));
    }
}

fn labels(charter: &Charter, t: &Text) -> Section {
    let l = &charter.labels;
    let mut blocks = vec![Block::Para(marked(t.labels_lead))];
    blocks.push(Block::Para(if l.required_in.is_empty() {
        marked(t.labels_anywhere)
    } else {
        fill(t.labels_where, "list", codes(&l.required_in))
    }));
    blocks.push(Block::Para(fill(t.labels_phrases, "list", codes(&with_own(t.example_labels, &l.accepted)))));
    if let Some(trailer) = &l.commit_trailer {
        blocks.push(Block::Para(marked(&t.labels_trailer.replace("{trailer}", &trailer.replace('`', "'")))));
    }
    Section { title: t.labels.into(), blocks }
}

fn oversight(charter: &Charter, t: &Text, fr: bool) -> Section {
    let o = &charter.oversight;
    let domains: Vec<Line> = Domain::ALL
        .into_iter()
        .filter(|d| o.domains.contains(d))
        .map(|d| vec![Span::Text(t.domain(d, fr).into())])
        .collect();
    let markers = with_own(t.example_review, &o.review_markers);
    Section {
        title: t.oversight.into(),
        blocks: vec![
            Block::Para(marked(t.oversight_lead)),
            Block::Para(marked(t.oversight_domains)),
            Block::List(domains),
            Block::Para(fill(t.oversight_markers, "list", codes(&markers))),
        ],
    }
}

fn governance(charter: &Charter, t: &Text) -> Section {
    let mut items: Vec<Line> = t.governance_items.iter().map(|s| marked(s)).collect();
    if let Some(contact) = &charter.contact {
        items.push(fill(t.governance_contact, "contact", vec![Span::Text(contact.clone())]));
    }
    if !charter.rules.disable.is_empty() {
        items.push(fill(t.disabled, "list", codes(&charter.rules.disable)));
    }
    Section { title: t.governance.into(), blocks: vec![Block::List(items)] }
}

fn references(cx: &Context<'_>, t: &Text, fr: bool) -> Section {
    let mut items = Vec::new();
    for r in cx.references {
        let sections: Vec<String> = r
            .charter_refs
            .iter()
            .flat_map(|c| c.split(|ch: char| ch == ',' || ch.is_whitespace()))
            .filter(|w| w.starts_with('§'))
            .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_digit()).to_string())
            .fold(Vec::new(), |mut acc, s| {
                if !acc.contains(&s) {
                    acc.push(s);
                }
                acc
            });
        let mut line = vec![Span::Strong(t.category(r.category, fr).into()), Span::Text(" — ".into())];
        let mut parts = Vec::new();
        if !sections.is_empty() {
            parts.push(t.white_paper.replace("{refs}", &sections.join(", ")));
        }
        parts.extend(r.articles.iter().filter(|a| is_law(a)).map(|a| article(a, fr)));
        line.push(Span::Text(parts.join(if fr { " ; " } else { "; " })));
        items.push(line);
    }
    let mut blocks = vec![Block::Para(marked(t.references_lead))];
    if !items.is_empty() {
        blocks.push(Block::List(items));
    }
    Section { title: t.references.into(), blocks }
}

/// Laws and standards, not the technical references (audit schemas, OWASP, CVEs) of the pack:
/// the charter's readers are asked to follow the former.
fn is_law(reference: &str) -> bool {
    ["EU ", "GDPR", "ISO", "IGI"].iter().any(|p| reference.starts_with(p))
}

/// A regulation reference as cited in the rules pack (English); in French the names of the texts
/// are given their French form and the English gloss in parentheses is left out.
fn article(reference: &str, fr: bool) -> String {
    if !fr {
        return reference.to_string();
    }
    let bare = match reference.find(" (") {
        Some(at) if reference.ends_with(')') => &reference[..at],
        _ => reference,
    };
    bare.replace("EU AI Act Art.", "AI Act, art.")
        .replace("EU AI Act Annex III", "AI Act, annexe III")
        .replace("GDPR Art.", "RGPD, art.")
        .replace(" and 5", " et 5")
        .replace(
            "EU Trade Secrets Directive 2016/943 Art.",
            "directive (UE) 2016/943 sur le secret des affaires, art.",
        )
}
