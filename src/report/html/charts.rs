//! Inline SVG bar charts for the audit report: horizontal bars, stacked by series, each with its
//! number written next to it. No script and no external resource; a `<title>` and a `<desc>`
//! carrying every number make the chart readable to screen readers, and the report puts a
//! table beside each chart, so no meaning rests on colour alone.

use std::fmt::Write as _;

use super::escape;

/// One part of a bar: a series name (shown in the legend and the bar's tooltip), its value, and
/// the CSS class that colours it.
#[derive(Debug, Clone)]
pub struct Segment {
    pub name: String,
    pub value: usize,
    pub class: &'static str,
}

/// One bar: its label and its segments, drawn left to right.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub segments: Vec<Segment>,
}

impl Bar {
    pub fn total(&self) -> usize {
        self.segments.iter().map(|s| s.value).sum()
    }
}

const WIDTH: f64 = 720.0;
const LABEL_W: f64 = 210.0;
const BAR_MAX: f64 = 430.0;
const ROW: f64 = 28.0;
const BAR_H: f64 = 18.0;
const LEGEND_H: f64 = 30.0;

/// Short enough for the label column; the full label is in the `<desc>` and the table.
fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut s: String = label.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// The width of a value, scaled so that the longest bar fills the chart.
pub fn scale(value: usize, max: usize) -> f64 {
    if max == 0 { 0.0 } else { value as f64 * BAR_MAX / max as f64 }
}

/// A horizontal bar chart; `id` makes the element ids unique in the page.
pub fn hbar(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(Bar::total).max().unwrap_or(0);
    let mut series: Vec<(&str, &'static str)> = Vec::new();
    for s in bars.iter().flat_map(|b| &b.segments) {
        if !series.iter().any(|(n, _)| *n == s.name) {
            series.push((&s.name, s.class));
        }
    }
    let legend = series.len() > 1;
    let top = if legend { LEGEND_H } else { 6.0 };
    let height = top + ROW * bars.len() as f64 + 6.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(&describe(bars))
    );
    if legend {
        let mut x = LABEL_W;
        for (name, class) in &series {
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{x}" y="8" width="12" height="12"/><text x="{}" y="18" class="legend">{}</text>"#,
                x + 16.0,
                escape(name)
            );
            x += 24.0 + 7.5 * name.chars().count() as f64;
        }
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + ROW * i as f64;
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" class="label" text-anchor="end">{}</text>"#,
            LABEL_W - 8.0,
            y + BAR_H - 4.0,
            escape(&clip(&b.label, 26))
        );
        let mut x = LABEL_W;
        for s in b.segments.iter().filter(|s| s.value > 0) {
            let w = scale(s.value, max);
            let _ = write!(
                out,
                r#"<rect class="{}" x="{x:.1}" y="{y}" width="{w:.1}" height="{BAR_H}"><title>{}: {}</title></rect>"#,
                s.class,
                escape(&b.label),
                escape(&format!("{} {}", s.value, s.name)).trim_end()
            );
            x += w;
        }
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{}" class="value">{}</text>"#,
            x + 6.0,
            y + BAR_H - 4.0,
            b.total()
        );
    }
    out.push_str("</svg>");
    out
}

/// Every number of the chart as a sentence: `Shadow AI: 9 (error 1, warning 8); …`.
fn describe(bars: &[Bar]) -> String {
    bars.iter()
        .map(|b| {
            let parts: Vec<String> = b
                .segments
                .iter()
                .filter(|s| s.value > 0 && !s.name.is_empty())
                .map(|s| format!("{} {}", s.name, s.value))
                .collect();
            if parts.len() > 1 {
                format!("{}: {} ({})", b.label, b.total(), parts.join(", "))
            } else {
                format!("{}: {}", b.label, b.total())
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, values: &[(&str, usize)]) -> Bar {
        Bar {
            label: label.into(),
            segments: values
                .iter()
                .map(|(n, v)| Segment { name: (*n).into(), value: *v, class: "s-error" })
                .collect(),
        }
    }

    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains("<title>"))
            .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn the_numbers_are_written_and_bars_scale_to_the_longest() {
        let svg = hbar("c", "Findings by tool", &[bar("ChatGPT", &[("", 12)]), bar("DeepSeek", &[("", 3)])]);
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"<title id="c-t">Findings by tool</title>"#));
        assert!(svg.contains("ChatGPT: 12; DeepSeek: 3"), "{svg}");
        assert!(svg.contains(r#"class="value">12</text>"#) && svg.contains(r#"class="value">3</text>"#));
        let w = widths(&svg);
        assert_eq!(w.len(), 2);
        assert!((w[0] - BAR_MAX).abs() < 0.1, "{w:?}");
        assert!((w[1] - BAR_MAX * 3.0 / 12.0).abs() < 0.1, "{w:?}");
    }

    #[test]
    fn stacked_segments_add_up_and_get_a_legend() {
        let svg = hbar(
            "s",
            "t",
            &[bar("Shadow AI", &[("error", 1), ("warning", 3)]), bar("Label", &[("warning", 2)])],
        );
        assert!(svg.contains("Shadow AI: 4 (error 1, warning 3); Label: 2"), "{svg}");
        assert!(
            svg.contains(r#"class="legend">error</text>"#)
                && svg.contains(r#"class="legend">warning</text>"#)
        );
        let w = widths(&svg);
        assert!((w[0] + w[1] - BAR_MAX).abs() < 0.2 && (w[0] * 3.0 - w[1]).abs() < 0.2, "{w:?}");
        assert!((w[2] - BAR_MAX / 2.0).abs() < 0.1, "{w:?}");
    }

    #[test]
    fn labels_are_escaped_and_empty_charts_draw_nothing() {
        let svg = hbar("e", "<t>", &[bar("a<b>&c", &[("", 1)])]);
        assert!(svg.contains("a&lt;b&gt;&amp;c") && !svg.contains("a<b>"));
        let empty = hbar("z", "none", &[]);
        assert!(!empty.contains("<rect"));
        assert_eq!(scale(5, 0), 0.0);
    }
}
