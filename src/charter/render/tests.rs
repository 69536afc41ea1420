use super::*;
use crate::charter::{Known, builtin, embedded_default, load_str};

fn names(id: &str) -> Option<String> {
    match id {
        "mistral" => Some("Mistral AI (Le Chat)".into()),
        "deepseek" => Some("DeepSeek".into()),
        "google-gemini" => Some("Google Gemini".into()),
        _ => None,
    }
}

fn refs() -> Vec<References> {
    vec![References {
        category: Category::HumanOversight,
        charter_refs: vec!["§2, §5 (human in the loop; human supervision of AI in HR)".into()],
        articles: vec![
            "EU AI Act Art. 14 (human oversight)".into(),
            "OWASP LLM01:2025 Prompt Injection".into(),
        ],
    }]
}

fn render_with(charter: &Charter, lang: Language, format: Format) -> String {
    let references = refs();
    render(charter, &Context { lang, tool_name: &names, references: &references }, format)
}

const FIXTURE: &str = r#"version: 1
organization: ACME <Industries> & Co
contact: comite-ia@acme.example
tools:
  approved: [mistral, acme-assistant]
  tolerated: [google-gemini]
  forbidden: [deepseek]
  custom:
    - id: acme-assistant
      name: ACME Assistant
      domains: [assistant.acme.example]
data:
  markers: ["ACME Restricted"]
  codenames: [Bluebird]
  patterns:
    - {name: employee-id, regex: 'EMP-[0-9]{6}'}
labels:
  required_in: ["docs/**"]
  commit_trailer: Assisted-by
oversight:
  review_markers: [hr_committee_review]
  domains: [employment]
rules:
  disable: [LABEL003]
"#;

fn fixture() -> Charter {
    match load_str("fixture.yaml", FIXTURE, &Known::default()) {
        Ok(l) => l.charter,
        Err(e) => panic!("{e:?}"),
    }
}

/// The text between a heading and the next heading of any level.
fn under<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md.find(heading).unwrap_or_else(|| panic!("no {heading:?} in\n{md}")) + heading.len();
    let rest = &md[start..];
    &rest[..rest.find("\n#").unwrap_or(rest.len())]
}

#[test]
fn the_default_renders_in_french_section_by_section() {
    let md = render_with(&embedded_default(&Known::default()).charter, Language::Fr, Format::Markdown);
    let mut at = 0;
    for heading in [
        "# Charte d'utilisation de l'intelligence artificielle",
        "## 1. Principes",
        "## 2. Outils autorisés, tolérés et interdits",
        "### Outils approuvés",
        "### Outils tolérés",
        "### Outils interdits",
        "## 3. Données",
        "## 4. Étiquetage",
        "## 5. Supervision humaine",
        "## 6. Pratiques interdites",
        "## 7. Gouvernance",
        "## 8. Références",
        "## 9. Engagement",
    ] {
        let found = md[at..].find(heading).unwrap_or_else(|| panic!("{heading:?} missing or out of order"));
        at += found + heading.len();
    }
    // The default forbids no tool and approves none: the charter says so, and that any other
    // service is unapproved.
    assert!(under(&md, "### Outils interdits").contains("Aucun pour l'instant."));
    assert!(md.contains("**non approuvé**"));
    // Every oversight domain, recruitment first; the white paper sections and AI Act articles.
    assert!(
        under(&md, "## 5. Supervision humaine").contains("- emploi et gestion du personnel : recrutement")
    );
    assert!(md.contains("**Supervision humaine** — livre blanc §2, §5 ; AI Act, art. 14"));
    assert!(!md.contains("OWASP"), "technical references stay out of the charter");
    assert!(!md.contains("Outils approuvés\n\nApproved"), "no English left");
}

#[test]
fn an_english_render_lists_the_tools_by_name_under_their_status() {
    let md = render_with(&fixture(), Language::En, Format::Markdown);
    assert!(md.starts_with("# AI usage charter — ACME \\<Industries\\> & Co\n"), "{md}");
    let approved = under(&md, "### Approved tools");
    assert!(approved.contains("- **Mistral AI (Le Chat)**") && approved.contains("- **ACME Assistant**"));
    assert!(under(&md, "### Tolerated tools").contains("- **Google Gemini**"));
    assert!(under(&md, "### Forbidden tools").contains("- **DeepSeek**"));
    assert!(under(&md, "### The organisation's own tools").contains("`assistant.acme.example`"));
    let data = under(&md, "## 3. Data");
    for value in ["`ACME Restricted`", "`Bluebird`", "`employee-id`", "`Strictly Confidential`"] {
        assert!(data.contains(value), "{value} missing from\n{data}");
    }
    let labels = under(&md, "## 4. Labelling");
    assert!(labels.contains("`docs/**`") && labels.contains("`Assisted-by: <tool>`"));
    let oversight = under(&md, "## 5. Human oversight");
    assert!(oversight.contains("employment") && !oversight.contains("credit"));
    assert!(oversight.contains("`hr_committee_review`"));
    assert!(md.contains("comite-ia@acme.example") && md.contains("`LABEL003`"));
}

#[test]
fn html_is_well_formed_escaped_and_has_no_script() {
    let html = render_with(&fixture(), Language::Fr, Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("ACME &lt;Industries&gt; &amp; Co"));
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing to fetch");
    // Balanced: an XML parser checks that every element is closed in order.
    let mut reader = quick_xml::Reader::from_str(&html);
    let mut depth = 0i32;
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                elements += 1;
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0);
    assert!(elements > 50, "{elements} elements");
    assert!(html.contains("<h2>9. Engagement</h2>"));
}

#[test]
fn user_text_cannot_inject_markup() {
    let text =
        "version: 1\norganization: \"**x** [a](javascript:1) <img src=y>\"\ndata:\n  codenames: [\"a`b\"]\n";
    let charter = match load_str("c.yaml", text, &Known::default()) {
        Ok(l) => l.charter,
        Err(e) => panic!("{e:?}"),
    };
    let md = render_with(&charter, Language::En, Format::Markdown);
    assert!(md.contains("\\*\\*x\\*\\* \\[a\\](javascript:1) \\<img src=y\\>"), "{md}");
    assert!(md.contains("``a`b``"));
    let html = render_with(&charter, Language::En, Format::Html);
    assert!(!html.contains("<img") && html.contains("&lt;img src=y&gt;"));
}

#[test]
fn examples_are_drawn_from_the_built_in_lists() {
    for t in [&text::FR, &text::EN] {
        for m in t.example_markers {
            assert!(builtin::MARKERS.contains(m), "{m}");
        }
        for l in t.example_labels {
            assert!(builtin::ACCEPTED_LABELS.contains(l), "{l}");
        }
        for r in t.example_review {
            assert!(builtin::REVIEW_MARKERS.contains(r), "{r}");
        }
    }
}

#[test]
fn marks_in_table_text_become_spans() {
    assert_eq!(
        marked("a `b` **c** *d* e"),
        vec![
            Span::Text("a ".into()),
            Span::Code("b".into()),
            Span::Text(" ".into()),
            Span::Strong("c".into()),
            Span::Text(" ".into()),
            Span::Em("d".into()),
            Span::Text(" e".into()),
        ]
    );
}

#[test]
fn the_policy_by_origin_is_rendered_only_when_the_charter_sets_one() {
    let plain = render_with(&fixture(), Language::En, Format::Markdown);
    assert!(!plain.contains("by origin"), "no policy, no section");
    let mut c = fixture();
    c.tools.jurisdictions.approved = vec!["EU".into()];
    c.tools.jurisdictions.forbidden = vec!["CN".into(), "RU".into()];
    c.tools.local = Some(crate::charter::Policy::Tolerated);
    let md = render_with(&c, Language::En, Format::Markdown);
    let origin = under(&md, "### Tools listed nowhere: by origin");
    assert!(origin.contains("- **Approved**: services whose provider is under the law of `EU`"), "{origin}");
    assert!(
        origin.contains("- **Forbidden**: services whose provider is under the law of `CN`, `RU`"),
        "{origin}"
    );
    assert!(origin.contains("- **Tolerated**: local runtimes"), "{origin}");
    assert!(origin.contains("member states of the European Union"), "{origin}");
    let fr = render_with(&c, Language::Fr, Format::Markdown);
    assert!(fr.contains("### Outils non cités : selon leur origine"), "{fr}");
    assert!(
        fr.contains("- **Interdits** : les services dont le fournisseur relève du droit de `CN`, `RU`"),
        "{fr}"
    );
}
