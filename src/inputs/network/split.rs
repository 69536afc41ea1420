//! Splitting one log line into fields, and the host of a URL or a `host:port` target.

/// Fields of a delimited line with `"` quoting (`""` inside quotes is one quote). Network logs
/// put one record per line, so a quote never spans lines here.
pub fn delimited(line: &str, delimiter: u8) -> Vec<String> {
    let bytes = line.as_bytes();
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        // Leading spaces before a quoted field (Umbrella's `", "`) are not part of it.
        let mut j = i;
        while j < bytes.len() && bytes[j] == b' ' && delimiter != b' ' {
            j += 1;
        }
        if bytes.get(j) == Some(&b'"') {
            let mut value = Vec::new();
            let mut k = j + 1;
            while k < bytes.len() {
                if bytes[k] == b'"' {
                    if bytes.get(k + 1) == Some(&b'"') {
                        value.push(b'"');
                        k += 2;
                        continue;
                    }
                    break;
                }
                value.push(bytes[k]);
                k += 1;
            }
            fields.push(String::from_utf8_lossy(&value).into_owned());
            // Skip to the next delimiter (anything after the closing quote is dropped).
            match memchr::memchr(delimiter, &bytes[k.min(bytes.len())..]) {
                Some(d) => i = k + d + 1,
                None => return fields,
            }
        } else {
            match memchr::memchr(delimiter, &bytes[i..]) {
                Some(d) => {
                    fields.push(line[i..i + d].to_string());
                    i += d + 1;
                }
                None => {
                    fields.push(line[i..].to_string());
                    return fields;
                }
            }
        }
    }
}

/// Space-separated tokens where `"…"` (with `\"` escapes) and `[…]` are single tokens, as in
/// Squid/Apache common logs and W3C extended logs. Quotes and brackets are kept off the token,
/// except brackets, which stay so that a time token can be told apart.
pub fn tokens(line: &str) -> Vec<&str> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => i += 1,
            b'"' => {
                let start = i + 1;
                let mut k = start;
                while k < bytes.len() && bytes[k] != b'"' {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                out.push(&line[start..k.min(bytes.len())]);
                i = k + 1;
            }
            b'[' => {
                let end = memchr::memchr(b']', &bytes[i..]).map_or(bytes.len(), |e| i + e + 1);
                out.push(&line[i..end]);
                i = end;
            }
            _ => {
                let end =
                    bytes[i..].iter().position(|b| *b == b' ' || *b == b'\t').map_or(bytes.len(), |e| i + e);
                out.push(&line[i..end]);
                i = end;
            }
        }
    }
    out
}

/// `None` for the placeholders logs write for "no value".
pub fn value(s: &str) -> Option<String> {
    let s = s.trim();
    match s {
        "" | "-" | "(empty)" | "None" | "NA" | "N/A" | "null" => None,
        _ => Some(s.to_string()),
    }
}

/// Lowercased host without port, brackets, userinfo or trailing dot; `None` when empty.
pub fn clean_host(raw: &str) -> Option<String> {
    let h = raw.trim();
    let h = h.rsplit_once('@').map_or(h, |(_, h)| h);
    let h = if let Some(v6) = h.strip_prefix('[') {
        v6.split(']').next().unwrap_or(v6)
    } else if h.matches(':').count() == 1 {
        h.split(':').next().unwrap_or(h)
    } else {
        h
    };
    let h = h.trim_end_matches('.').to_ascii_lowercase();
    (!h.is_empty() && h != "-").then_some(h)
}

/// The host of a URL (`https://chat.openai.com/c/1`), a scheme-less one (`ebay.com/`, as
/// Zscaler and PAN-OS write) or a CONNECT target (`chat.deepseek.com:443`).
pub fn host_of_url(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    clean_host(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields() {
        assert_eq!(delimited(r#""a","b ""c""",,d"#, b','), vec!["a", "b \"c\"", "", "d"]);
        assert_eq!(delimited(r#""x", "y""#, b','), vec!["x", "y"]);
        assert_eq!(delimited("a\tb\t", b'\t'), vec!["a", "b", ""]);
    }

    #[test]
    fn space_tokens() {
        let line = r#"10.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET http://x/ HTTP/1.1" 200 5"#;
        assert_eq!(
            tokens(line),
            vec![
                "10.0.0.1",
                "-",
                "bob",
                "[10/Oct/2000:13:55:36 -0700]",
                "GET http://x/ HTTP/1.1",
                "200",
                "5"
            ]
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of_url("https://Chat.OpenAI.com:443/c/1?q").as_deref(), Some("chat.openai.com"));
        assert_eq!(host_of_url("chat.deepseek.com:443").as_deref(), Some("chat.deepseek.com"));
        assert_eq!(host_of_url("ebay.com/").as_deref(), Some("ebay.com"));
        assert_eq!(host_of_url("http://u:p@claude.ai./x").as_deref(), Some("claude.ai"));
        assert_eq!(host_of_url("[2001:db8::1]:443").as_deref(), Some("2001:db8::1"));
        assert_eq!(host_of_url("-"), None);
    }
}
