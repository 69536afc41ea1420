//! PPTX (Office Open XML presentations): the text of each slide, its speaker notes, comments,
//! and the document properties.

use super::Extracted;
use super::office::{self, Container, Layout};

const LAYOUT: Layout<'static> =
    Layout { paragraph: &["p"], text: &["t"], skip: &[], tab: &["tab"], line_break: &["br"] };

/// Extracts a PPTX file's text and properties.
pub fn extract(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut c = Container::open(bytes)?;
    let mut doc = Extracted::default();
    office::ooxml_properties(&mut c, &mut doc)?;
    let names = c.names();
    let slides = office::numbered(&names, "ppt/slides/slide", ".xml");
    if slides.is_empty() && !names.iter().any(|n| n == "ppt/presentation.xml") {
        return Err("no ppt/presentation.xml: not a PPTX presentation".into());
    }
    for (n, name) in slides {
        if let Some(xml) = c.text(&name)? {
            for p in office::paragraphs(&xml, LAYOUT)? {
                doc.part(format!("slide {n}"), p);
            }
        }
    }
    for (n, name) in office::numbered(&names, "ppt/notesSlides/notesSlide", ".xml") {
        if let Some(xml) = c.text(&name)? {
            for p in office::paragraphs(&xml, LAYOUT)? {
                doc.part(format!("notes {n}"), p);
            }
        }
    }
    let comment = Layout { paragraph: &["text", "p"], text: &[], ..LAYOUT };
    // Legacy `commentN.xml` and modern `modernComment_<id>.xml` parts.
    let comment_parts: Vec<&String> =
        names.iter().filter(|n| n.starts_with("ppt/comments/") && n.ends_with(".xml")).collect();
    for name in comment_parts {
        if let Some(xml) = c.text(name)? {
            for p in office::paragraphs(&xml, comment)? {
                doc.part("comment".to_string(), p);
            }
        }
    }
    Ok(doc)
}
