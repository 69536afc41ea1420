//! ODT (OpenDocument text): paragraphs and headings of `content.xml` (annotations, i.e.
//! comments, included), and the properties of `meta.xml` (`meta:generator`, title, keywords,
//! user-defined properties).

use super::Extracted;
use super::office::{self, Container, Layout};

const LAYOUT: Layout<'static> = Layout {
    paragraph: &["p", "h"],
    text: &[],
    // An annotation's author and date are not its text.
    skip: &["creator", "date", "tracked-changes"],
    tab: &["tab", "s"],
    line_break: &["line-break"],
};

/// Extracts an ODT file's text and properties.
pub fn extract(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut c = Container::open(bytes)?;
    let mut doc = Extracted::default();
    if let Some(xml) = c.text("meta.xml")? {
        for (name, value, attr) in office::leaves(&xml)? {
            match (name.as_str(), attr) {
                ("user-defined", Some(attr)) => doc.property(&office::custom_key(&attr), &value),
                (n, _) => {
                    if let Some(key) = office::property_key(n) {
                        doc.property(key, &value);
                    }
                }
            }
        }
    }
    let content = c.text("content.xml")?.ok_or("no content.xml: not an OpenDocument file")?;
    for (i, p) in office::paragraphs(&content, LAYOUT)?.into_iter().enumerate() {
        doc.part(format!("paragraph {}", i + 1), p);
    }
    Ok(doc)
}
