//! DOCX (Office Open XML word processing): body paragraphs, headers and footers, comments and
//! footnotes, and the document properties.

use super::Extracted;
use super::office::{self, Container, Layout};

const LAYOUT: Layout<'static> = Layout {
    paragraph: &["p"],
    text: &["t"],
    skip: &["delText", "instrText"],
    tab: &["tab"],
    line_break: &["br", "cr"],
};

/// Extracts a DOCX file's text and properties.
pub fn extract(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut c = Container::open(bytes)?;
    let mut doc = Extracted::default();
    office::ooxml_properties(&mut c, &mut doc)?;
    let body = c.text("word/document.xml")?.ok_or("no word/document.xml: not a DOCX document")?;
    for (i, p) in office::paragraphs(&body, LAYOUT)?.into_iter().enumerate() {
        doc.part(format!("paragraph {}", i + 1), p);
    }
    let names = c.names();
    for (kind, prefix) in [("header", "word/header"), ("footer", "word/footer")] {
        for (_, name) in office::numbered(&names, prefix, ".xml") {
            if let Some(xml) = c.text(&name)? {
                for p in office::paragraphs(&xml, LAYOUT)? {
                    doc.part(kind.to_string(), p);
                }
            }
        }
    }
    for (part, what) in [("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")] {
        if let Some(xml) = c.text(part)? {
            for p in office::paragraphs(&xml, LAYOUT)? {
                doc.part(what.to_string(), p);
            }
        }
    }
    if let Some(xml) = c.text("word/comments.xml")? {
        let comment = Layout { paragraph: &["comment"], ..LAYOUT };
        for (i, p) in office::paragraphs(&xml, comment)?.into_iter().enumerate() {
            doc.part(format!("comment {}", i + 1), p);
        }
    }
    Ok(doc)
}
