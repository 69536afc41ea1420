use super::*;

fn kinds(text: &str) -> Vec<EvidenceKind> {
    find(text, None).into_iter().map(|e| e.kind).collect()
}

#[test]
fn content_reference_with_and_without_index() {
    let t = "Revenue grew 12% in 2024. :contentReference[oaicite:3]{index=3}\nNext :contentReference[oaicite:0]\n";
    assert_eq!(kinds(t), [EvidenceKind::ContentReference, EvidenceKind::ContentReference]);
    let e = &find(t, None)[0];
    assert_eq!(&t[e.span.clone()], ":contentReference[oaicite:3]{index=3}");
}

#[test]
fn oai_citation_and_uploaded_file_leak() {
    let web = "See the report [oai_citation:1‡insee.fr](https://www.insee.fr/fr/statistiques?utm_source=chatgpt.com).";
    let e = find(web, None);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, EvidenceKind::OaiCitation);
    assert!(!e[0].leaks_upload);
    let file = "Per the plan [oai_citation:2‡budget_2025_confidentiel.xlsx](file-service://file-8xQ2mZ) we cut costs.";
    let e = find(file, None);
    assert_eq!(e[0].kind, EvidenceKind::OaiCitation);
    assert!(e[0].leaks_upload);
}

#[test]
fn citeturn_with_private_use_delimiters_and_bare() {
    let full = "Paris is the capital. \u{E200}cite\u{E202}turn0search0\u{E202}turn0news3\u{E201} More.";
    let e = find(full, None);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].kind, EvidenceKind::CiteTurn);
    assert!(full[e[0].span.clone()].starts_with('\u{E200}') && full[e[0].span.clone()].ends_with('\u{E201}'));
    assert_eq!(kinds("The market doubled citeturn0search0turn0search5."), [EvidenceKind::CiteTurn]);
    assert!(find("as the file says \u{E200}filecite\u{E202}turn0file2\u{E201}", None)[0].leaks_upload);
    // A private-use icon glyph alone is not a citation.
    assert!(find("Click \u{E200} to open the menu", None).is_empty());
    // "recite", "excite" are words.
    assert!(find("Students recite poems; turn0 is not a marker.", None).is_empty());
}

#[test]
fn browse_citations_utm_and_attribution() {
    assert_eq!(kinds("The SLA is 99.9% 【4:0†source】.\n"), [EvidenceKind::BrowseCitation]);
    assert_eq!(kinds("Limits apply【1†L7-L9】."), [EvidenceKind::BrowseCitation]);
    assert_eq!(
        kinds("Read https://example.org/guide?utm_source=chatgpt.com for details"),
        [EvidenceKind::UtmSource]
    );
    assert_eq!(kinds("https://example.org/a?x=1&utm_source=openai"), [EvidenceKind::UtmSource]);
    assert!(find("https://example.org/a?utm_source=openaiblog", None).is_empty());
    assert!(find("https://example.org/a?utm_source=newsletter", None).is_empty());
    assert_eq!(
        kinds(r#"Sales rose.({"attribution":{"attributableIndex":"1041-1"}})"#),
        [EvidenceKind::AttributionJson]
    );
}

#[test]
fn copy_code_residue_and_transcripts() {
    assert_eq!(kinds("Install it:\npythonCopy code\nimport os\n"), [EvidenceKind::CopyCodeResidue]);
    assert_eq!(kinds("bashCopyEdit\nnpm install\n"), [EvidenceKind::CopyCodeResidue]);
    assert!(find("Press the Copy code button.", None).is_empty());
    assert_eq!(kinds("You said:\nWrite a memo\nChatGPT said:\nSure!\n").len(), 2);
    assert_eq!(kinds("## Vous avez dit :\nrédige\n"), [EvidenceKind::TranscriptLine]);
    // Inside a sentence it is ordinary prose.
    assert!(find("You said: we should ship on Friday.\n", None).is_empty());
}

#[test]
fn gemini_markers_need_their_full_form() {
    assert_eq!(kinds("Turnover fell by 4% [cite: 12, 14].\n"), [EvidenceKind::GeminiCite]);
    assert_eq!(kinds("[span_3](start_span)Costs rose[span_3](end_span)").len(), 2);
    assert!(find("let start_span = 3; cite the source [1]", None).is_empty());
}

#[test]
fn model_voice_in_english_and_french() {
    assert_eq!(kinds("As an AI language model, I cannot give legal advice."), [EvidenceKind::ModelVoice]);
    assert_eq!(kinds("This is accurate as of my last knowledge update in 2023."), [EvidenceKind::ModelVoice]);
    assert_eq!(kinds("En tant que modèle de langage, je ne peux pas."), [EvidenceKind::ModelVoice]);
    assert_eq!(kinds("En tant qu’IA, je n’ai pas d’opinion."), [EvidenceKind::ModelVoice]);
    // `IAuth` is not `IA`.
    assert!(find("En tant qu'IAuthority manager, you sign.", None).is_empty());
    // Talked about, not said: quoted, or in code.
    assert!(find("Never write \"As an AI language model\" in answers.", None).is_empty());
    assert!(find("Ne dis jamais « En tant qu'IA » dans tes réponses.", None).is_empty());
    assert!(find("The detector looks for `As an AI language model`.", None).is_empty());
    // Forbidden in a system prompt or a style guide, not said.
    assert!(find("Never start a reply with As an AI language model.", None).is_empty());
    assert!(find("Ne dis JAMAIS En tant qu'IA dans tes réponses.", None).is_empty());
    assert_eq!(kinds("Never mind.\nAs an AI language model, I cannot help."), [EvidenceKind::ModelVoice]);
}

#[test]
fn code_spans_and_fences_hide_markup() {
    let doc = "# Cleaning ChatGPT output\n\nStrip `:contentReference[oaicite:0]{index=0}` markers.\n\n```python\nre.sub(r'citeturn0search0', '', s)\ntext += '【4:0†source】'\n```\n";
    assert!(find(doc, None).is_empty(), "{:?}", find(doc, None));
    let regions = code_regions("a `b` c\n~~~\nx\n~~~\nd ``e`f`` g\n");
    assert_eq!(regions.len(), 3);
    let html = "<p>Strip <code>:contentReference[oaicite:0]{index=0}</code>.</p>\n<PRE class=x>citeturn0search0</PRE>\n<p>Real: [cite: 2]</p>\n";
    assert_eq!(kinds(html), [EvidenceKind::GeminiCite]);
}

#[test]
fn front_matter_keys() {
    let md = "---\ntitle: Q3 memo\nai_generated: true\ngenerator: ChatGPT (GPT-4o)\nauthor: Claude Martin\n---\nBody.\n";
    assert_eq!(kinds(md), [EvidenceKind::ProvenanceKey, EvidenceKind::GeneratorTool]);
    // A static-site generator, a false flag and an author called Claude are not AI provenance.
    assert!(
        find("---\ngenerator: Hugo 0.124\nai_generated: false\nauthor: Claude\n---\nText\n", None).is_empty()
    );
    // Front matter only at the very top.
    assert!(find("Intro\n---\ngenerator: ChatGPT\n---\n", None).is_empty());
    assert_eq!(
        kinds("---\npng.parameters: a castle, Steps: 20, Sampler: Euler a\n---\n"),
        [EvidenceKind::ImageGenerator]
    );
    assert_eq!(
        kinds("---\nexif.parameters: a castle, Steps: 20, Sampler: Euler a\n---\n"),
        [EvidenceKind::ImageGenerator]
    );
}

#[test]
fn labels_match_case_apostrophes_and_word_edges() {
    let accepted = ["AI-generated", "Généré par l'IA", "Rédigé avec l’aide de l’IA"];
    assert_eq!(find_label("Note: ai-generated summary.", &accepted).as_deref(), Some("AI-generated"));
    assert_eq!(find_label("Texte GÉNÉRÉ PAR L’IA.", &accepted).as_deref(), Some("Généré par l'IA"));
    assert_eq!(
        find_label("Rédigé avec l'aide de l'IA", &accepted).as_deref(),
        Some("Rédigé avec l’aide de l’IA")
    );
    assert_eq!(find_label("non-AI-generatedness", &accepted), None);
    assert_eq!(find_label("plain text", &accepted), None);
    // A label hidden in a comment is not seen by readers.
    assert_eq!(find_label("<!-- AI-generated -->\nText", &accepted), None);
    assert_eq!(find_label("<!-- note -->\n*AI-generated*", &accepted).as_deref(), Some("AI-generated"));
    assert!(
        find_label(
            "xmp.DigitalSourceType: http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            &[]
        )
        .is_some()
    );
}

#[test]
fn tool_names() {
    assert_eq!(ai_tool_in("Microsoft Copilot"), Some("Copilot"));
    assert_eq!(ai_tool_in("Producer: ChatGPT"), Some("ChatGPT"));
    assert_eq!(ai_tool_in("Microsoft Office Word"), None);
    assert_eq!(ai_tool_in("LibreOffice/7.6"), None);
}

#[test]
fn a_label_is_a_statement_about_the_document() {
    let accepted = ["AI-generated", "Generated by AI", "Généré par l'IA", "Written with the help of AI"];
    let found = |t: &str| find_label(t, &accepted);
    // Sentences, lead-ins, front-matter fields and captions that speak of this document.
    for label in [
        "*AI-generated summary, reviewed by the legal team.*",
        "> **Note:** This report was AI-generated and checked by Marie.",
        "---\ntitle: Q3 review\nlabel: AI-generated\n---\nBody.",
        "Figure 2: AI-generated illustration of the data centre.",
        "Reviewed on 3 May. Written with the help of AI.",
        "Ce résumé a été généré par l'IA à partir des comptes rendus.",
        "| Source | Généré par l'IA |",
        "The summary below is AI-generated.",
    ] {
        assert!(found(label).is_some(), "{label}");
    }
    // Occurrences of the words that label nothing.
    for mention in [
        "![badge](assets/ai-generated.svg)",
        "Logo: see `ai-generated.svg` in the repo.",
        "![AI-generated](img/robot.png)",
        "See [AI-generated images](https://example.org/ai-generated) for the policy.",
        "Run `charterlint --label \"AI-generated\"` before publishing.",
        "```\nlabel = \"AI-generated\"\n```",
        "Our tool flags AI-generated images in newsrooms and helps editors decide what to publish.",
        "https://cdn.example.org/ai-generated/cover.png",
        "We trained the classifier on 10k human and AI-generated essays.",
    ] {
        assert_eq!(found(mention), None, "{mention}");
    }
}

#[test]
fn examples_quoted_in_a_blockquote_are_mentions() {
    let doc = "**Example**:\n> \":contentReference[oaicite:16]{index=16}\n>\n> - :contentReference[oaicite:17]{index=17}\"\n";
    assert!(find(doc, None).is_empty(), "{:?}", find(doc, None));
    let voice = "> « En tant que modèle de langage, je ne peux pas… » is what the bot answered.\n";
    assert!(find(voice, None).is_empty());
    // Pasted output in a plain blockquote is still evidence.
    let pasted = "> The market grew 14%. :contentReference[oaicite:2]{index=2}\n";
    assert_eq!(kinds(pasted), [EvidenceKind::ContentReference]);
}

#[test]
fn emphasis_underscores_do_not_join_a_label_to_a_path() {
    let accepted = ["AI-generated", "Rédigé par un robot"];
    assert!(find_label("_Rédigé par un robot._", &accepted).is_some());
    assert!(find_label("__AI-generated__ draft", &accepted).is_some());
    assert!(find_label("see img_ai-generated.png", &accepted).is_none());
    assert!(find_label("see ai-generated_cover.png", &accepted).is_none());
}

#[test]
fn the_light_artifact_regex_matches_as_the_full_one_on_texts_without_its_literals() {
    let full = Regex::new(&artifact_alternation(true)).unwrap_or_else(|e| panic!("{e}"));
    let light = Regex::new(&artifact_alternation(false)).unwrap_or_else(|e| panic!("{e}"));
    // Pieces of every kind, whole and broken, and what surrounds them; none holds a literal
    // the light regex leaves out, but the closing delimiters of those alternatives are here.
    let pieces = [
        ":contentReference[oaicite:3]",
        "{index=3}",
        "oai_citation:1‡insee.fr](https://x.fr)",
        "cite",
        "file",
        "\u{E202}turn0search1",
        "turn2news3",
        "\u{E201}",
        "】",
        "†",
        "‡",
        "?utm_source=chatgpt.com",
        "&utm_source=openai",
        "pythonCopy code",
        "rustCopyEdit",
        "\n",
        "\r\n",
        "You said:",
        "**",
        "## ",
        "[cite: 1, 2]",
        "[cite_start]",
        "[span_0](start_span)",
        "https://chatgpt.com/codex/tasks/task_e_0a9f",
        "({\"attribution\":{\"attributableIndex\":\"1-2\"}})",
        "[",
        "]",
        "(",
        ")",
        " ",
        "x",
        "é",
        "0",
    ];
    let mut rng = crate::test_rng::Xorshift::new(0x9E37_79B9_7F4A_7C15);
    let mut next = |n: usize| rng.below(n);
    let groups = |re: &Regex, t: &str| -> Vec<(usize, Range<usize>)> {
        re.captures_iter(t)
            .filter_map(|c| (1..c.len()).find_map(|i| c.get(i).map(|m| (i, m.range()))))
            .collect()
    };
    let mut matched = 0;
    for _ in 0..20_000 {
        let len = 1 + next(12);
        let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        if text.contains("[oai_citation") {
            // Put together from `[` and a piece: the full regex's case, below.
            continue;
        }
        let expected = groups(&full, &text);
        matched += expected.len();
        assert_eq!(groups(&light, &text), expected, "{text:?}");
        assert!(std::ptr::eq(artifact_regex(&text), artifact_regex("")), "{text:?} takes the light regex");
    }
    assert!(matched > 10_000, "the texts must hold artifacts: {matched}");
    // A text with a literal of a bounded run takes the full regex.
    for l in ["[oai_citation", "\u{E200}", "【"] {
        assert!(!std::ptr::eq(artifact_regex(l), artifact_regex("")), "{l}");
    }
}

#[test]
fn gates_a_literal_pass_gives_find_what_its_own_search_gives() {
    let texts = [
        "Revenue grew 12%. :contentReference[oaicite:3]{index=3}",
        "AS AN AI language model, I cannot browse. She SAID so.",
        "En tant qu'IA, je ne peux pas. Selon mes dernières données.",
        "A plain memo about budgets.",
    ];
    for t in texts {
        let low = t.to_ascii_lowercase();
        let mut gates = (false, false);
        for (l, artifact) in gate_literals() {
            if low.contains(&l.to_ascii_lowercase()) {
                if artifact {
                    gates.0 = true;
                } else {
                    gates.1 = true;
                }
            }
        }
        assert_eq!(find(t, Some(gates)), find(t, None), "{t}");
    }
    assert!(!find(texts[1], None).is_empty(), "the texts hold evidence");
    assert!(find(texts[0], Some((false, false))).is_empty(), "no literal, no search");
}
