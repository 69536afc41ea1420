//! What DOCX, PPTX and ODT share: a zip container read with bounded inflation (a zip bomb
//! cannot exhaust memory: each entry and the whole file have a cap on inflated bytes, counted
//! while reading, never trusted from the headers), and XML walked with quick-xml into
//! paragraphs and properties.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Extracted, MAX_ENTRY, MAX_INFLATED};

/// A zip container with a budget of inflated bytes.
#[derive(Debug)]
pub struct Container {
    zip: ZipArchive<Cursor<Vec<u8>>>,
    inflated: u64,
    max_entry: u64,
    max_total: u64,
}

impl Container {
    pub fn open(bytes: Vec<u8>) -> Result<Container, String> {
        Container::with_caps(bytes, MAX_ENTRY, MAX_INFLATED)
    }

    /// A container with its own caps on one entry's and on all entries' inflated bytes.
    pub fn with_caps(bytes: Vec<u8>, max_entry: u64, max_total: u64) -> Result<Container, String> {
        let zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a valid zip container ({e})"))?;
        Ok(Container { zip, inflated: 0, max_entry, max_total })
    }

    /// Entry names, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect()
    }

    /// The entry as UTF-8 text, `Ok(None)` when absent. Errors on encryption, corruption and
    /// on entries or totals past the caps.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(m)) if m.contains("ncrypt") || m.contains("assword") => {
                return Err("the document is encrypted".into());
            }
            Err(e) => return Err(format!("{name}: {e}")),
        };
        if entry.encrypted() {
            return Err("the document is encrypted".into());
        }
        let budget = self.max_entry.min(self.max_total.saturating_sub(self.inflated));
        let mut buf = Vec::new();
        entry.by_ref().take(budget + 1).read_to_end(&mut buf).map_err(|e| format!("{name}: {e}"))?;
        if buf.len() as u64 > budget {
            return Err(format!(
                "{name} inflates past {budget} bytes, the cap for one document; skipped as a possible zip bomb"
            ));
        }
        self.inflated += buf.len() as u64;
        String::from_utf8(buf).map(Some).map_err(|_| format!("{name} is not UTF-8 XML"))
    }
}

/// How to cut an XML part into paragraphs.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    /// Elements (local names) that are paragraphs: `p` in DOCX and PPTX, `p` and `h` in ODT.
    pub paragraph: &'a [&'a str],
    /// Elements whose text counts; empty means all text inside a paragraph.
    pub text: &'a [&'a str],
    /// Elements whose text is dropped (deleted revisions, comment authors in ODT).
    pub skip: &'a [&'a str],
    /// Empty elements that stand for a tab or a space.
    pub tab: &'a [&'a str],
    /// Empty elements that stand for a line break.
    pub line_break: &'a [&'a str],
}

/// The paragraphs of an XML part, in order, empty ones included.
pub fn paragraphs(xml: &str, layout: Layout<'_>) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut depth_text = 0usize;
    let mut depth_skip = 0usize;
    let mut depth_para = 0usize;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let name = e.local_name();
                let n: &str = name.as_ref();
                if layout.paragraph.contains(&n) {
                    depth_para += 1;
                    if depth_para == 1 {
                        current = Some(String::new());
                    }
                } else if layout.text.contains(&n) {
                    depth_text += 1;
                } else if layout.skip.contains(&n) {
                    depth_skip += 1;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let n: &str = name.as_ref();
                if layout.paragraph.contains(&n) {
                    depth_para = depth_para.saturating_sub(1);
                    if depth_para == 0 {
                        out.extend(current.take());
                    }
                } else if layout.text.contains(&n) {
                    depth_text = depth_text.saturating_sub(1);
                } else if layout.skip.contains(&n) {
                    depth_skip = depth_skip.saturating_sub(1);
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                let n: &str = name.as_ref();
                if let Some(cur) = current.as_mut() {
                    if layout.tab.contains(&n) {
                        cur.push('\t');
                    } else if layout.line_break.contains(&n) {
                        cur.push('\n');
                    }
                }
                if layout.paragraph.contains(&n) && depth_para == 0 {
                    out.push(String::new());
                }
            }
            Event::Text(t) => {
                if let Some(cur) = current.as_mut()
                    && depth_skip == 0
                    && (layout.text.is_empty() || depth_text > 0)
                {
                    cur.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(cur) = current.as_mut()
                    && depth_skip == 0
                    && (layout.text.is_empty() || depth_text > 0)
                {
                    cur.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(cur) = current.as_mut()
                    && depth_skip == 0
                    && (layout.text.is_empty() || depth_text > 0)
                {
                    cur.push_str(&resolve(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn resolve(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match &**r {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

/// Leaf elements of a properties part as `(local name, text, name attribute)`; the `name`
/// attribute is how custom properties are keyed (`<property name="AI generated">`).
pub fn leaves(xml: &str) -> Result<Vec<(String, String, Option<String>)>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut stack: Vec<(String, String, Option<String>)> = Vec::new();
    let mut last_name_attr: Option<String> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let n = e.local_name().as_ref().to_string();
                let name_attr = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "name")
                    .map(|a| a.value.to_string());
                if name_attr.is_some() {
                    last_name_attr.clone_from(&name_attr);
                }
                stack.push((n, String::new(), name_attr.or_else(|| last_name_attr.clone())));
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push_str(&resolve(&r));
                }
            }
            Event::End(_) => {
                if let Some((n, text, attr)) = stack.pop()
                    && !text.trim().is_empty()
                {
                    out.push((n, text.trim().to_string(), attr));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Reads the OOXML properties (`docProps/core.xml`, `app.xml`, `custom.xml`) shared by DOCX
/// and PPTX.
pub fn ooxml_properties(c: &mut Container, doc: &mut Extracted) -> Result<(), String> {
    for part in ["docProps/core.xml", "docProps/app.xml"] {
        if let Some(xml) = c.text(part)? {
            for (name, value, _) in leaves(&xml)? {
                if let Some(key) = property_key(&name) {
                    doc.property(key, &value);
                }
            }
        }
    }
    if let Some(xml) = c.text("docProps/custom.xml")? {
        for (_, value, attr) in leaves(&xml)? {
            if let Some(attr) = attr {
                doc.property(&custom_key(&attr), &value);
            }
        }
    }
    Ok(())
}

/// The key the label rules know for an office property element.
pub fn property_key(local_name: &str) -> Option<&'static str> {
    Some(match local_name {
        "title" => "title",
        "subject" => "subject",
        "description" => "description",
        "keywords" | "keyword" => "keywords",
        "category" => "category",
        "creator" | "initial-creator" => "author",
        "lastModifiedBy" => "last_modified_by",
        "Application" => "application",
        "generator" => "generator",
        "Company" => "company",
        _ => return None,
    })
}

/// A custom property name as a key: "AI Generated" → `ai_generated`.
pub fn custom_key(name: &str) -> String {
    let k: String =
        name.trim().chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    k.trim_matches('_').to_string()
}

/// Sorts entry names like `ppt/slides/slide10.xml` by their number.
pub fn numbered(names: &[String], prefix: &str, suffix: &str) -> Vec<(u32, String)> {
    let mut v: Vec<(u32, String)> = names
        .iter()
        .filter_map(|n| {
            let num = n.strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok()?;
            Some((num, n.clone()))
        })
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_text_tabs_breaks_and_entities() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Hello &amp; </w:t><w:tab/><w:t>world&#8217;s</w:t></w:r></w:p><w:p/><w:p><w:r><w:instrText>IGNORED</w:instrText><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p></w:body></w:document>"#;
        let layout =
            Layout { paragraph: &["p"], text: &["t"], skip: &[], tab: &["tab"], line_break: &["br"] };
        let p = paragraphs(xml, layout).unwrap_or_default();
        assert_eq!(p, ["Hello & \tworld’s", "", "a\nb"]);
    }

    #[test]
    fn broken_xml_is_an_error() {
        let layout = Layout { paragraph: &["p"], text: &[], skip: &[], tab: &[], line_break: &[] };
        assert!(paragraphs("<p>a</q>", layout).is_err());
    }

    fn zipped(entries: &[(&str, usize)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, zeros) in entries {
            let _ = w.start_file(*name, opts);
            let _ = w.write_all(&vec![b' '; *zeros]);
        }
        w.finish().map(Cursor::into_inner).unwrap_or_default()
    }

    #[test]
    fn zip_bombs_stop_at_the_caps() {
        // 4 MiB of spaces deflate to a few KiB: one entry past the entry cap.
        let bytes = zipped(&[("word/document.xml", 4 << 20)]);
        assert!(bytes.len() < 64 * 1024);
        let mut c = Container::with_caps(bytes, 1 << 20, 8 << 20).unwrap_or_else(|e| unreachable!("{e}"));
        let err = c.text("word/document.xml").err().unwrap_or_default();
        assert!(err.contains("zip bomb"), "{err}");
        // Entries under the entry cap, together past the total cap.
        let bytes = zipped(&[("a.xml", 600 << 10), ("b.xml", 600 << 10)]);
        let mut c = Container::with_caps(bytes, 1 << 20, 1 << 20).unwrap_or_else(|e| unreachable!("{e}"));
        assert!(c.text("a.xml").is_ok_and(|t| t.is_some_and(|t| t.len() == 600 << 10)));
        assert!(c.text("b.xml").is_err());
        assert_eq!(c.text("missing.xml"), Ok(None));
    }

    #[test]
    fn custom_keys_and_numbers() {
        assert_eq!(custom_key("AI Generated"), "ai_generated");
        let names = vec!["ppt/slides/slide10.xml".to_string(), "ppt/slides/slide2.xml".to_string()];
        assert_eq!(numbered(&names, "ppt/slides/slide", ".xml")[0].0, 2);
    }
}
