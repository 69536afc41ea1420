//! XML manifests: Maven pom.xml and NuGet project files.

use super::*;

pub(super) enum Tag<'t> {
    /// A start tag: local name, the raw attributes, whether self-closing, where it ends.
    Open {
        name: &'t str,
        attrs: &'t str,
        empty: bool,
        end: usize,
    },
    Close(&'t str),
}

/// Calls `f` on each start and end tag, skipping comments, CDATA, declarations and
/// processing instructions.
pub(super) fn xml_tags<'t>(text: &'t str, mut f: impl FnMut(Tag<'t>)) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(lt) = b.get(i..).and_then(|s| s.iter().position(|&c| c == b'<')).map(|p| p + i) {
        let rest = text.get(lt..).unwrap_or("");
        let skip = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]
            .into_iter()
            .find(|(open, _)| rest.starts_with(open));
        if let Some((open, close)) = skip {
            i = find_from(text, lt + open.len(), close).map_or(b.len(), |p| p + close.len());
            continue;
        }
        let closing = b.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_end = skip_while(b, name_start, |c| !c.is_ascii_whitespace() && !b"<>/".contains(&c));
        let mut quote = None;
        let gt = skip_while(b, name_end, |c| {
            quote = match quote {
                Some(q) if q == c => None,
                None if c == b'"' || c == b'\'' => Some(c),
                q => q,
            };
            quote.is_some() || c != b'>'
        });
        let name = text.get(name_start..name_end).unwrap_or("");
        let name = name.rsplit(':').next().unwrap_or(name);
        if closing {
            f(Tag::Close(name));
        } else {
            let attrs = text.get(name_end..gt).unwrap_or("");
            f(Tag::Open { name, attrs, empty: attrs.ends_with('/'), end: gt + 1 });
        }
        i = gt + 1;
    }
}

/// `<dependency>` elements anywhere (including `<dependencyManagement>` and plugins'
/// dependencies), read from their own `groupId`/`artifactId` children only, so `<exclusion>`s,
/// `<parent>` and the project's coordinates do not count.
pub(super) fn pom(text: &str, out: &mut Out) {
    let mut depth = 0usize;
    let mut dep: Option<(usize, &str, &str)> = None; // depth of the open <dependency>, g, a
    xml_tags(text, |tag| match tag {
        Tag::Open { name, empty: false, end, .. } => {
            depth += 1;
            if name == "dependency" {
                dep = Some((depth, "", ""));
            } else if let Some((d, group, artifact)) = &mut dep
                && depth == *d + 1
            {
                let value = text.get(end..).and_then(|s| s.split('<').next()).unwrap_or("").trim();
                match name {
                    "groupId" => *group = value,
                    "artifactId" => *artifact = value,
                    _ => {}
                }
            }
        }
        Tag::Open { .. } => {}
        Tag::Close(name) => {
            if name == "dependency"
                && let Some((_, group, artifact)) = dep.take_if(|(d, ..)| *d == depth)
            {
                let full =
                    if group.is_empty() { artifact.to_string() } else { format!("{group}:{artifact}") };
                out.add_as(artifact, full);
            }
            depth = depth.saturating_sub(1);
        }
    });
}

/// `<PackageReference Include|Update="Id">`, `<PackageVersion>` and `<GlobalPackageReference>`
/// in MSBuild files, `<package id="Id">` in packages.config. An `Include` may list several ids
/// separated by `;`; MSBuild property references (`$(Pkg)`) are not names.
pub(super) fn nuget(text: &str, out: &mut Out) {
    xml_tags(text, |tag| {
        let Tag::Open { name, attrs, .. } = tag else {
            return;
        };
        let ids = match name {
            "PackageReference" | "PackageVersion" | "GlobalPackageReference" => {
                xml_attr(attrs, "Include").or_else(|| xml_attr(attrs, "Update"))
            }
            "package" => xml_attr(attrs, "id"),
            _ => None,
        };
        for id in ids.into_iter().flat_map(|v| v.split(';')).map(str::trim) {
            if !id.is_empty() && !id.starts_with(['$', '@']) {
                out.add(id);
            }
        }
    });
}

pub(super) fn xml_attr<'t>(attrs: &'t str, wanted: &str) -> Option<&'t str> {
    let b = attrs.as_bytes();
    let mut i = 0;
    loop {
        let start = skip_while(b, i, |c| c.is_ascii_whitespace() || c == b'/');
        i = skip_while(b, start, |c| !c.is_ascii_whitespace() && c != b'=' && c != b'/');
        let name = attrs.get(start..i).filter(|n| !n.is_empty())?;
        let eq = skip_while(b, i, |c| c.is_ascii_whitespace());
        if b.get(eq) != Some(&b'=') {
            continue;
        }
        let open = skip_while(b, eq + 1, |c| c.is_ascii_whitespace());
        let q = *b.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
        let close = skip_while(b, open + 1, |c| c != q);
        i = close + 1;
        if name.eq_ignore_ascii_case(wanted) {
            return attrs.get(open + 1..close);
        }
    }
}

// ---- Gradle ------------------------------------------------------------------------------
