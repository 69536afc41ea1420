//! Documents and the "AI-generated" label: a corpus of DOCX, PPTX, ODT, PDF, HTML, Markdown and
//! image files, built here byte by byte, gives exactly the expected ai-label findings, located
//! by paragraph, slide or page, and none on labelled or clean documents. Corrupt and encrypted
//! documents are reported and skipped.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::util::{rule_hits, scan_json, tree, write};

const CHARTER: &str = "version: 1\nlabels:\n  required_in: [\"docs/**\", \"communication/**\"]\n";

fn zip(entries: &[(&str, String)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in entries {
        w.start_file(*name, opts).unwrap_or_else(|e| panic!("zip {name}: {e}"));
        w.write_all(text.as_bytes()).unwrap_or_else(|e| panic!("zip {name}: {e}"));
    }
    w.finish().unwrap_or_else(|e| panic!("zip: {e}")).into_inner()
}

fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A Word document: body paragraphs, an optional footer, and the application property.
fn docx(paragraphs: &[&str], footer: Option<&str>, application: &str) -> Vec<u8> {
    let para = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", xml_escape(t));
    let body: String = paragraphs.iter().map(|p| para(p)).collect();
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let mut entries = vec![
        ("word/document.xml", format!("<?xml version=\"1.0\"?><w:document {w}><w:body>{body}<w:sectPr/></w:body></w:document>")),
        (
            "docProps/core.xml",
            "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"d\"><dc:title>Market study</dc:title><dc:creator>Claire Martin</dc:creator></cp:coreProperties>".to_string(),
        ),
        ("docProps/app.xml", format!("<?xml version=\"1.0\"?><Properties xmlns=\"e\"><Application>{application}</Application></Properties>")),
    ];
    if let Some(f) = footer {
        entries.push(("word/footer1.xml", format!("<w:ftr {w}>{}</w:ftr>", para(f))));
    }
    zip(&entries)
}

fn pptx(slides: &[&[&str]]) -> Vec<u8> {
    let mut entries = vec![("ppt/presentation.xml", "<p:presentation xmlns:p=\"p\"/>".to_string())];
    let names: Vec<String> = (1..=slides.len()).map(|i| format!("ppt/slides/slide{i}.xml")).collect();
    for (i, paras) in slides.iter().enumerate() {
        let body: String =
            paras.iter().map(|t| format!("<a:p><a:r><a:t>{}</a:t></a:r></a:p>", xml_escape(t))).collect();
        entries.push((
            names[i].as_str(),
            format!("<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><p:cSld><p:spTree><p:sp><p:txBody>{body}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"),
        ));
    }
    zip(&entries)
}

fn odt(paragraphs: &[&str], user_defined: Option<(&str, &str)>) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|t| format!("<text:p>{}</text:p>", xml_escape(t))).collect();
    let user = user_defined
        .map(|(k, v)| format!("<meta:user-defined meta:name=\"{k}\">{v}</meta:user-defined>"))
        .unwrap_or_default();
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".to_string()),
        (
            "meta.xml",
            format!(
                "<office:document-meta xmlns:office=\"o\" xmlns:meta=\"m\"><office:meta><meta:generator>LibreOffice/7.6</meta:generator>{user}</office:meta></office:document-meta>"
            ),
        ),
        (
            "content.xml",
            format!(
                "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
            ),
        ),
    ])
}

/// A PDF with one page per string (Helvetica, uncompressed content) and an Info dictionary.
fn pdf(pages: &[&str], info: &str) -> Vec<u8> {
    let n = pages.len();
    let font = 3 + 2 * n;
    let info_id = font + 1;
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect::<Vec<_>>().join(" ")
        ),
    ];
    for (i, text) in pages.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>",
            4 + 2 * i
        ));
        let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        objs.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
    }
    objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    objs.push(format!("<< {info} >>"));
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info {info_id} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn png(text_chunks: &[(&str, &str)]) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut v = (data.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(data);
        v.extend_from_slice(&[0, 0, 0, 0]); // CRC, not checked by readers of metadata
        v
    };
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
    for (k, v) in text_chunks {
        if *k == "XML:com.adobe.xmp" {
            b.extend(chunk(b"iTXt", format!("{k}\0\0\0\0\0{v}").as_bytes()));
        } else {
            b.extend(chunk(b"tEXt", format!("{k}\0{v}").as_bytes()));
        }
    }
    b.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
    b.extend(chunk(b"IEND", b""));
    b
}

const IPTC_XMP: &str = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/></rdf:RDF></x:xmpmeta>";

fn corpus() -> tempfile::TempDir {
    let t = tree(&[
        ("ai-charter.yaml", CHARTER),
        (
            "docs/page.html",
            "<html><body>\n<h1>Cloud offers</h1>\n<p>See <a href=\"https://example.org/cloud?utm_source=chatgpt.com\">the survey</a>.</p>\n</body></html>\n",
        ),
        (
            "docs/cleaning.html",
            "<html><body>\n<p>Strip <code>:contentReference[oaicite:0]{index=0}</code> before publishing.</p>\n<pre>text.replace('citeturn0search0', '')</pre>\n</body></html>\n",
        ),
        ("docs/guide.md", "# Guide\n\nWrite clear, short sentences.\n"),
        (
            "docs/labelled.md",
            "---\ntitle: Summary\nai_generated: true\n---\n_Contenu généré par IA, relu par l'équipe._\n\nLe marché a crû de 8 %.\n",
        ),
    ]);
    let r = t.path();
    put(
        r,
        "docs/report.docx",
        &docx(
            &[
                "Market study 2025",
                "",
                "The cloud market grew 14%. :contentReference[oaicite:1]{index=1}",
                "More in 【4:0†source】.",
            ],
            None,
            "Microsoft Office Word",
        ),
    );
    put(
        r,
        "docs/labelled.docx",
        &docx(
            &["Costs fell by 8% [oai_citation:1‡budget_2025.xlsx](file-service://file-9Qm2kXv)."],
            Some("Generated by AI, reviewed by the finance team"),
            "Microsoft Office Word",
        ),
    );
    put(r, "docs/clean.docx", &docx(&["A plain memo.", "Nothing to see."], None, "Microsoft Office Word"));
    put(
        r,
        "notes/deck.pptx",
        &pptx(&[&["Roadmap 2026"], &["Pricing", "As an AI language model, I cannot predict prices."]]),
    );
    put(r, "notes/clean.pptx", &pptx(&[&["Roadmap 2026", "Ship the scanner."]]));
    put(
        r,
        "notes/memo.odt",
        &odt(&["Réunion du 3 mars.", "Décisions prises."], Some(("AI generated", "true"))),
    );
    put(
        r,
        "notes/labelled.odt",
        &odt(&["Rédigé avec l'aide de l'IA.", "En tant que modèle de langage, je résume."], None),
    );
    put(
        r,
        "docs/study.pdf",
        &pdf(
            &["Quarterly study", "Turnover rose by 4% [cite: 3]."],
            "/Producer (Microsoft Word) /Title (Study)",
        ),
    );
    put(
        r,
        "docs/labelled.pdf",
        &pdf(
            &["Turnover rose by 4% [cite: 3]."],
            "/Producer (Microsoft Word) /Keywords (AI-generated, finance)",
        ),
    );
    put(r, "docs/chatgpt.pdf", &pdf(&["Q3 summary for the board."], "/Producer (ChatGPT) /Title (Summary)"));
    put(
        r,
        "communication/hero.png",
        &png(&[(
            "parameters",
            "a modern office at dawn, Steps: 30, Sampler: DPM++ 2M, Model: sd_xl_base_1.0",
        )]),
    );
    put(
        r,
        "communication/marked.png",
        &png(&[("parameters", "a modern office at dawn, Steps: 30"), ("XML:com.adobe.xmp", IPTC_XMP)]),
    );
    put(r, "communication/photo.png", &png(&[("Software", "GIMP 2.10")]));
    put(r, "blog/hero.png", &png(&[("prompt", "{\"3\": {\"class_type\": \"KSampler\"}}")]));
    t
}

#[test]
fn corpus_gives_the_expected_findings_located_in_each_format() {
    let t = corpus();
    let (v, code) = scan_json(&["."], t.path());
    assert_eq!(
        rule_hits(&v),
        [
            ("LABEL001", "docs/chatgpt.pdf", 2),
            ("LABEL001", "docs/page.html", 3),
            ("LABEL001", "docs/report.docx", 7),
            ("LABEL001", "docs/study.pdf", 6),
            ("LABEL001", "notes/deck.pptx", 3),
            ("LABEL001", "notes/memo.odt", 3),
            ("LABEL002", "docs/labelled.docx", 6),
            ("LABEL002", "docs/labelled.pdf", 5),
            ("LABEL003", "communication/hero.png", 2),
        ]
        .iter()
        .map(|(r, p, l)| (r.to_string(), p.to_string(), *l))
        .collect::<Vec<_>>(),
        "{}",
        serde_json::to_string_pretty(&v["findings"]).unwrap_or_default()
    );
    assert_eq!(code, 1);
    let find = |path: &str, rule: &str| {
        v["findings"]
            .as_array()
            .and_then(|a| a.iter().find(|f| f["path"] == path && f["rule"] == rule))
            .cloned()
            .unwrap_or_default()
    };
    // In a required_in path an unlabelled document is an error; elsewhere a warning.
    let report = find("docs/report.docx", "LABEL001");
    assert_eq!(report["severity"], "error");
    assert_eq!(report["record"], "paragraph 3");
    assert!(report["snippet"].as_str().is_some_and(|s| s.contains(":contentReference[oaicite:1]{index=1}")));
    let msg = report["message"].as_str().unwrap_or_default();
    assert!(msg.contains("contentReference") && msg.contains("and 1 more"), "{msg}");
    assert!(report["help"].as_str().is_some_and(|h| h.contains("accepted labels: \"AI-generated\"")));
    let deck = find("notes/deck.pptx", "LABEL001");
    assert_eq!((deck["severity"].as_str(), deck["record"].as_str()), (Some("warning"), Some("slide 2")));
    assert_eq!(find("docs/study.pdf", "LABEL001")["record"], "page 2");
    assert_eq!(find("docs/chatgpt.pdf", "LABEL001")["record"], "document properties");
    assert_eq!(find("notes/memo.odt", "LABEL001")["record"], "document properties");
    // A labelled document with leftover markup is advice, and says that it names an upload.
    let leftover = find("docs/labelled.docx", "LABEL002");
    assert_eq!(leftover["severity"], "info");
    assert!(leftover["message"].as_str().is_some_and(|m| m.contains("uploaded")));
    assert_eq!(find("communication/hero.png", "LABEL003")["severity"], "warning");
    // Documents were read as documents: paragraphs, slides and pages are records.
    assert!(v["summary"]["records"].as_u64().is_some_and(|n| n >= 15), "{}", v["summary"]);
}

#[test]
fn corrupt_and_encrypted_documents_are_reported_and_skipped() {
    let t = tree(&[("docs/ok.md", "Sales rose. :contentReference[oaicite:0]{index=0}\n")]);
    let r = t.path();
    put(r, "docs/broken.docx", b"PK\x03\x04 this is not really a zip archive");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 512]);
    put(r, "docs/secret.pptx", &ole);
    put(r, "docs/broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog");
    put(
        r,
        "docs/bad.odt",
        &zip(&[("content.xml", "<office:document-content><text:p>a</text:q>".to_string())]),
    );
    let out = crate::util::charterlint()
        .current_dir(r)
        .args(["scan", "--format", "json", "."])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    // The unreadable files are reported, not fatal: the finding decides the exit code.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, what) in [
        ("docs/broken.docx", "not a valid zip container"),
        ("docs/secret.pptx", "encrypted"),
        ("docs/broken.pdf", "PDF"),
        ("docs/bad.odt", "XML error"),
    ] {
        assert!(stderr.lines().any(|l| l.contains(file) && l.contains(what)), "{file}: {stderr}");
    }
    // The readable file was still checked.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(rule_hits(&v), [("LABEL001".to_string(), "docs/ok.md".to_string(), 1)]);
}

#[test]
fn labels_in_properties_and_charter_phrases_count() {
    let t = tree(&[(
        "ai-charter.yaml",
        "version: 1\nlabels:\n  required_in: [\"docs/**\"]\n  accepted: [\"Rédigé par un robot\"]\n",
    )]);
    let r = t.path();
    put(r, "docs/a.pptx", &pptx(&[&["Rédigé par un robot"], &["Summary【1†source】"]]));
    // A label in a slide comment counts too.
    let mut commented = pptx(&[&["Summary [cite: 2]"]]);
    {
        let mut z = zip::ZipArchive::new(Cursor::new(commented.clone())).unwrap_or_else(|e| panic!("{e}"));
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..z.len() {
            let Ok(f) = z.by_index_raw(i) else { continue };
            w.raw_copy_file(f).unwrap_or_else(|e| panic!("{e}"));
        }
        w.start_file("ppt/comments/modernComment_100_4F2A.xml", SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        w.write_all("<p188:cmLst xmlns:p188=\"x\" xmlns:a=\"a\"><p188:cm><p188:txBody><a:p><a:r><a:t>Rédigé par un robot</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>".as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        commented = w.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    }
    put(r, "docs/c.pptx", &commented);
    write(r, "docs/b.md", "---\ngenerator: ChatGPT\n---\nRédigé par un robot.\n");
    let (v, _) = scan_json(&["--select", "LABEL001", "."], r);
    assert_eq!(rule_hits(&v), Vec::<(String, String, u64)>::new(), "{}", v["findings"]);
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Dev", "-c", "user.email=dev@acme.example", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "git {args:?}");
}

#[test]
fn commit_msg_hook_wants_the_charter_trailer_for_ai_use() {
    let t = tree(&[("ai-charter.yaml", "version: 1\nlabels:\n  commit_trailer: Assisted-by\n")]);
    let r = t.path();
    git(r, &["init", "-q"]);
    let run = |msg: &str| {
        write(r, "MSG", msg);
        let out = crate::util::charterlint()
            .current_dir(r)
            .args(["commit-msg", "MSG", "--format", "json"])
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        (rule_hits(&v), v, out.status.code())
    };
    let (hits, v, code) = run("Add export\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n# comment\n");
    assert_eq!(hits, [("LABEL004".to_string(), "MSG".to_string(), 3)]);
    assert_eq!(code, Some(1));
    assert!(v["findings"][0]["message"].as_str().is_some_and(|m| m.contains("`Assisted-by:`")));
    let (hits, _, code) =
        run("Add export\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nAssisted-by: Claude Code\n");
    assert!(hits.is_empty());
    assert_eq!(code, Some(0));
    assert!(run("Bump openai from 1.39 to 1.40\n").0.is_empty());
    // Staged documents that add chat-tool artifacts count as AI use.
    write(r, "docs/a.md", "Growth was 4%. :contentReference[oaicite:0]{index=0}\n");
    git(r, &["add", "docs/a.md"]);
    let (hits, v, _) = run("Update docs\n");
    assert_eq!(hits.len(), 1, "{v}");
    assert!(v["findings"][0]["message"].as_str().is_some_and(|m| m.contains("docs/a.md")), "{v}");
}

#[test]
fn git_log_range_finds_agent_commits() {
    let t = tree(&[("ai-charter.yaml", "version: 1\nlabels:\n  commit_trailer: Assisted-by\n")]);
    let r = t.path();
    git(r, &["init", "-q"]);
    git(r, &["add", "."]);
    git(r, &["commit", "-qm", "Initial charter"]);
    git(
        r,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "Fix parser\n\nCo-authored-by: Cursor <cursoragent@cursor.com>",
        ],
    );
    git(
        r,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "Fix lexer\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\nAssisted-by: Cursor (gpt-5)",
        ],
    );
    let (v, code) = scan_json(&["--git-log", "HEAD~2..HEAD", "."], r);
    let hits = rule_hits(&v);
    assert_eq!(hits, [("LABEL004".to_string(), "git log HEAD~2..HEAD".to_string(), 3)], "{v}");
    assert!(v["findings"][0]["record"].as_str().is_some_and(|s| s.starts_with("commit ")));
    assert_eq!(code, 1);
    let (_, code) = scan_json(&["--git-log", "no-such-ref..HEAD", "."], r);
    assert_eq!(code, 2);
}
