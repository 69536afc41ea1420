//! The charter as one self-contained HTML page: inline CSS, no script, no font or image to
//! fetch, readable on screen and printed (A4, sections kept whole where they fit).

use super::{Block, Doc, Line, Span};
use crate::charter::Language;
use crate::html::escape;

const STYLE: &str = "\
body{font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;max-width:46em;margin:2em auto;padding:0 1.2em}\
h1{font-size:1.8em;line-height:1.2;margin:0 0 .8em}\
h2{font-size:1.3em;margin:1.8em 0 .6em;padding-bottom:.2em;border-bottom:2px solid #1a1a1a}\
h3{font-size:1.05em;margin:1.2em 0 .4em}\
p,li{margin:.4em 0}\
code{font:.92em ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;background:#f2f2f2;padding:0 .25em;border-radius:3px}\
.lead{font-size:1.05em}\
footer{margin-top:3em;border-top:1px solid #999;padding-top:.6em;font-size:.85em;color:#444}\
@media print{body{margin:0;max-width:none;font-size:11pt}section{break-inside:avoid-page}h2{break-after:avoid}code{background:none;padding:0}}\
@page{size:A4;margin:2cm}";

fn line(spans: &Line) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Text(t) => escape(t),
            Span::Code(c) => format!("<code>{}</code>", escape(c)),
            Span::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Span::Em(t) => format!("<em>{}</em>", escape(t)),
        })
        .collect()
}

pub(super) fn write(doc: &Doc, lang: Language) -> String {
    let mut out = crate::html::page_head(lang.as_str(), &doc.title, STYLE);
    out.push_str(&format!("<main>\n<h1>{}</h1>\n", escape(&doc.title)));
    for l in &doc.lead {
        out.push_str(&format!("<p class=\"lead\">{}</p>\n", line(l)));
    }
    for (i, section) in doc.sections.iter().enumerate() {
        out.push_str(&format!(
            "<section id=\"s{}\">\n<h2>{}. {}</h2>\n",
            i + 1,
            i + 1,
            escape(&section.title)
        ));
        for block in &section.blocks {
            match block {
                Block::Heading(h) => out.push_str(&format!("<h3>{}</h3>\n", escape(h))),
                Block::Para(l) => out.push_str(&format!("<p>{}</p>\n", line(l))),
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", line(item)));
                    }
                    out.push_str("</ul>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str(&format!("</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n", line(&doc.footer)));
    out
}
