//! What a PDF page's text operators show (`Tf`, `Tj`, `TJ`, `'`, `"`, `T*`, `ET`), collected as
//! lopdf's `extract_text` collects it, from the operations [`super::pdf_content`] reads.

use std::collections::BTreeMap;

use lopdf::Encoding;

use super::pdf_content::Obj;

/// The page's text as it is collected: lopdf's chunks (one per font change) joined.
pub(super) struct Text<'e, 'd> {
    out: String,
    /// Where the current chunk starts: a line break is added only after text of its own.
    chunk: usize,
    encoding: Option<&'e Encoding<'d>>,
    encodings: &'e BTreeMap<Vec<u8>, Encoding<'d>>,
}

impl<'e, 'd> Text<'e, 'd> {
    pub(super) fn new(encodings: &'e BTreeMap<Vec<u8>, Encoding<'d>>) -> Self {
        Text { out: String::new(), chunk: 0, encoding: None, encodings }
    }

    pub(super) fn into_string(self) -> String {
        self.out
    }

    pub(super) fn operation(&mut self, op: &[u8], operands: &[Obj]) -> Result<(), String> {
        match op {
            b"Tf" => {
                let Some(first) = operands.first() else { return Err("missing font operand".into()) };
                let Obj::Name(font) = first else { return Err("font operand is not a name".into()) };
                self.encoding = self.encodings.get(font);
                self.chunk = self.out.len();
            }
            b"Tj" | b"TJ" => {
                if let Some(e) = self.encoding {
                    collect(&mut self.out, e, operands)?;
                }
            }
            b"'" | b"\"" => {
                if let Some(e) = self.encoding {
                    self.line();
                    let shown = if op == b"'" { operands } else { operands.get(2..3).unwrap_or_default() };
                    collect(&mut self.out, e, shown)?;
                }
            }
            b"T*" | b"ET" => self.line(),
            _ => {}
        }
        Ok(())
    }

    fn line(&mut self) {
        if !(self.out.len() > self.chunk && self.out.ends_with('\n')) {
            self.out.push('\n');
        }
    }
}

/// lopdf's `collect_text`: strings decoded, a space after an array and for a kerning wider
/// than 100 (an integer).
fn collect(out: &mut String, e: &Encoding<'_>, operands: &[Obj]) -> Result<(), String> {
    for o in operands {
        match o {
            Obj::Str(bytes) => e.write_to_string(bytes, out).map_err(|e| e.to_string())?,
            Obj::Array(items) => {
                collect(out, e, items)?;
                out.push(' ');
            }
            Obj::Int(i) if *i < -100 => out.push(' '),
            _ => {}
        }
    }
    Ok(())
}
