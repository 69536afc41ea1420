//! Documents that are not plain text: office files (DOCX, ODT, PPTX), PDFs and the metadata of
//! images (PNG, JPEG, WebP). Each format extracts its text as located parts (a paragraph, a
//! slide, a page, a comment) plus its document properties; this module renders them as one
//! unit (properties as a front-matter block, then one part per line, so the document-level
//! label rules see the whole document), checks it, and maps every finding back to the part it
//! fell in (`record`: "page 3", "slide 2", "paragraph 14", "document properties").

pub mod docx;
pub mod image;
pub mod odt;
pub mod office;
pub mod pdf;
mod pdf_content;
mod pdf_text;
pub mod pptx;

use std::io::Read;

use super::structured::Claimed;
use super::{Counts, Source};
use crate::unit::{Kinds, Record, Unit, UnitKind};

/// Largest document read into memory; larger ones are reported and skipped.
pub const MAX_DOCUMENT: u64 = 256 * 1024 * 1024;
/// Largest inflated size of one zip entry (an XML part, say) that is read.
pub const MAX_ENTRY: u64 = 64 * 1024 * 1024;
/// Largest inflated size of all the entries read from one zip file.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;
/// Longest property value kept (an image-generator prompt can be long).
const MAX_VALUE: usize = 4096;

/// One piece of text and where it is in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// "page 3", "slide 2", "paragraph 14", "comment 1 (J. Martin)".
    pub location: String,
    pub text: String,
}

/// What a format extracted from a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Document properties as `key: value` pairs (keys as the label rules know them:
    /// `generator`, `producer`, `application`, `software`, `description`, `keywords`…).
    pub properties: Vec<(String, String)>,
    pub parts: Vec<Part>,
}

impl Extracted {
    pub fn property(&mut self, key: &str, value: &str) {
        let v: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if v.is_empty() {
            return;
        }
        let v = match v.char_indices().nth(MAX_VALUE) {
            Some((i, _)) => format!("{}…", &v[..i]),
            None => v,
        };
        self.properties.push((key.to_string(), v));
    }

    pub fn part(&mut self, location: String, text: String) {
        self.parts.push(Part { location, text });
    }

    /// The unit text and, for each of its lines, the location it comes from.
    pub fn render(&self) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut lines = Vec::new();
        if !self.properties.is_empty() {
            text.push_str("---\n");
            lines.push("document properties".to_string());
            for (k, v) in &self.properties {
                text.push_str(&format!("{k}: {v}\n"));
                lines.push("document properties".to_string());
            }
            text.push_str("---\n");
            lines.push("document properties".to_string());
        }
        for p in &self.parts {
            for line in p.text.lines() {
                text.push_str(line);
                text.push('\n');
                lines.push(p.location.clone());
            }
        }
        (text, lines)
    }
}

/// Hands an extracted document over as one unit of `kinds`; each finding's record is the part
/// its line comes from.
pub fn hand_over(
    source: &Source<'_>,
    shown: &str,
    rel_path: &str,
    kinds: Kinds,
    doc: &Extracted,
    counts: &mut Counts,
) {
    let (text, lines) = doc.render();
    counts.files += 1;
    counts.records += doc.parts.len();
    counts.bytes += text.len() as u64;
    source.sink.unit(&Unit { record: Record::PerLine(&lines), ..Unit::file(shown, rel_path, &text, kinds) });
}

/// Kinds of a document unit: prose that came out of a document.
pub fn document_kinds(source: &Source<'_>, rel_path: &str) -> Kinds {
    (source.refine)(rel_path, Kinds::default().with(UnitKind::Document).with(UnitKind::Prose))
}

/// Reports a document that could not be read and skips it.
pub fn fail(source: &Source<'_>, shown: &str, what: &str, why: impl std::fmt::Display) {
    source.error(shown, format!("{what}: {why}"));
}

/// A document format this module reads: its name in messages, the extensions it claims, the
/// magic bytes it claims whatever the name, and its extractor.
#[derive(Debug)]
pub struct Format {
    pub name: &'static str,
    extensions: &'static [&'static str],
    sniff: fn(&[u8]) -> bool,
    extract: fn(Vec<u8>) -> Result<Extracted, String>,
    /// Zip-based office formats: an OLE header means encrypted (or a legacy binary file).
    office: bool,
    /// Image metadata, read only where the charter requires labels.
    image: bool,
}

impl PartialEq for Format {
    fn eq(&self, o: &Format) -> bool {
        self.name == o.name
    }
}
impl Eq for Format {}

fn never(_: &[u8]) -> bool {
    false
}

/// Every document format; a new one is one module and one row.
pub static FORMATS: &[Format] = &[
    Format {
        name: "DOCX",
        extensions: &["docx", "docm", "dotx"],
        sniff: never,
        extract: docx::extract,
        office: true,
        image: false,
    },
    Format {
        name: "PPTX",
        extensions: &["pptx", "pptm", "potx"],
        sniff: never,
        extract: pptx::extract,
        office: true,
        image: false,
    },
    Format {
        name: "ODT",
        extensions: &["odt", "ott"],
        sniff: never,
        extract: odt::extract,
        office: true,
        image: false,
    },
    Format {
        name: "PDF",
        extensions: &["pdf"],
        sniff: |h| h.starts_with(b"%PDF-"),
        extract: |b| pdf::extract(&b),
        office: false,
        image: false,
    },
    Format {
        name: "image",
        extensions: &["png", "jpg", "jpeg", "webp"],
        sniff: |h| image::sniff(h).is_some(),
        extract: |b| image::extract(&b),
        office: false,
        image: true,
    },
];

/// Largest image whose metadata is read; metadata sits in the first chunks of real images.
const MAX_IMAGE: u64 = 64 * 1024 * 1024;

/// Claims a file by its extension, or by its magic bytes whatever its name. A claimed file that
/// turns out not to be of its format is reported as corrupt.
pub fn claim(rel_path: &str, head: &[u8]) -> Option<&'static Format> {
    let lower = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    FORMATS.iter().find(|f| f.extensions.contains(&ext)).or_else(|| FORMATS.iter().find(|f| (f.sniff)(head)))
}

/// Reads a claimed document (bounded), extracts it and hands it over. Corrupt, encrypted and
/// oversized documents are reported as input errors and skipped.
pub fn read(format: &Format, file: &Claimed<'_>, reader: &mut dyn Read, counts: &mut Counts) {
    let Claimed { source, shown, rel_path, len } = *file;
    // Image metadata only matters where the charter requires labels.
    if format.image && !(source.label_required)(rel_path) {
        counts.skipped_binary += 1;
        return;
    }
    let cap = if format.image { MAX_IMAGE } else { MAX_DOCUMENT };
    if len > cap {
        counts.skipped_large += 1;
        return;
    }
    let mut bytes = Vec::with_capacity(len as usize);
    if let Err(e) = (&mut *reader).take(cap + 1).read_to_end(&mut bytes) {
        return fail(source, shown, "read error", e);
    }
    if bytes.len() as u64 > cap {
        counts.skipped_large += 1;
        return;
    }
    let what = format.name;
    if format.office && bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return fail(source, shown, what, "the document is encrypted (or a legacy binary file)");
    }
    let doc = match (format.extract)(bytes) {
        Ok(d) => d,
        Err(e) => return fail(source, shown, what, e),
    };
    let kinds = if format.image {
        (source.refine)(rel_path, Kinds::default().with(UnitKind::Image))
    } else {
        document_kinds(source, rel_path)
    };
    hand_over(source, shown, rel_path, kinds, &doc, counts);
}
