//! Timestamps of network logs, normalised to RFC 3339 UTC with second precision
//! (`2024-03-02T10:14:00Z`): epoch seconds, milliseconds, microseconds or nanoseconds (Squid's
//! `1700000000.123`, Zeek's `ts`, Cloudflare's `unixnano`), Apache/Squid `[10/Oct/2000:13:55:36
//! -0700]`, ISO 8601 with or without an offset, PAN-OS `2024/03/02 10:14:00` and ctime
//! `Mon Oct 16 22:55:48 2023` (Zscaler). A time written without a zone takes `default_offset`
//! (minutes east of UTC), else is taken as UTC.

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2025-03-02T10:14:00Z` from seconds since the epoch.
pub fn format_epoch(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Seconds since the epoch of a decimal epoch number; the unit is told by its size, as logs
/// write seconds, milliseconds, microseconds or nanoseconds.
fn epoch(s: &str) -> Option<i64> {
    let (int, _) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || int.len() > 19 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = int.parse().ok()?;
    Some(match int.len() {
        0..=11 => n,
        12..=14 => n / 1_000,
        15..=17 => n / 1_000_000,
        _ => n / 1_000_000_000,
    })
}

fn month(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == lower).map(|i| i as i64 + 1)
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `HH:MM:SS[.fff]` → seconds in the day.
fn clock(s: &str) -> Option<i64> {
    let s = s.split(['.', ',']).next()?;
    let mut it = s.split(':');
    let (h, m) = (num(it.next()?)?, num(it.next()?)?);
    let sec = it.next().map_or(Some(0), num)?;
    if it.next().is_some() || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(h * 3600 + m * 60 + sec)
}

fn date(y: i64, m: i64, d: i64) -> Option<i64> {
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1970..=9999).contains(&y))
        .then(|| days_from_civil(y, m, d))
}

/// Minutes east of UTC of `Z`, `UTC`, `GMT`, `+02:00`, `+0200`, `-05`.
pub fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt") {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Splits a trailing zone off an ISO time part: `10:14:00.5+02:00` → (`10:14:00.5`, 120).
fn split_zone(t: &str) -> (&str, Option<i32>) {
    if let Some(rest) = t.strip_suffix(['Z', 'z']) {
        return (rest, Some(0));
    }
    if let Some(at) = t.rfind(['+', '-'])
        && let Some(off) = parse_offset(&t[at..])
    {
        return (&t[..at], Some(off));
    }
    (t, None)
}

/// The time in RFC 3339 UTC, or `None` when the text is no time this module knows.
pub fn normalise(text: &str, default_offset: Option<i32>) -> Option<String> {
    let s = text.trim().trim_matches('"');
    if s.is_empty() || s == "-" {
        return None;
    }
    if let Some(secs) = epoch(s) {
        return Some(format_epoch(secs));
    }
    let (secs, offset) = if let Some(inner) = s.strip_prefix('[') {
        common_log(inner.trim_end_matches(']'))?
    } else if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        iso(s)?
    } else {
        ctime(s)?
    };
    let offset = offset.or(default_offset).unwrap_or(0);
    Some(format_epoch(secs - i64::from(offset) * 60))
}

/// `10/Oct/2000:13:55:36 -0700`
fn common_log(s: &str) -> Option<(i64, Option<i32>)> {
    let (stamp, zone) = s.split_once(' ').map_or((s, None), |(a, z)| (a, Some(z)));
    let (day, rest) = stamp.split_once(':')?;
    let mut d = day.split('/');
    let (dd, mon, yy) = (num(d.next()?)?, month(d.next()?)?, num(d.next()?)?);
    let days = date(yy, mon, dd)?;
    let offset = match zone {
        Some(z) => Some(parse_offset(z)?),
        None => None,
    };
    Some((days * 86_400 + clock(rest)?, offset))
}

/// `2024-03-02T10:14:00.123+02:00`, `2024-03-02 10:14:00`, `2024/03/02 10:14:00`.
fn iso(s: &str) -> Option<(i64, Option<i32>)> {
    let (d, t) = s.split_once(['T', 't', ' ']).unwrap_or((s, "00:00:00Z"));
    let mut parts = d.split(['-', '/']);
    let (y, m, dd) = (num(parts.next()?)?, num(parts.next()?)?, num(parts.next()?)?);
    if parts.next().is_some() {
        return None;
    }
    let days = date(y, m, dd)?;
    let t = t.trim();
    // A zone written apart, `2024-03-02 10:14:00 +0200` or `… UTC`.
    let (t, zone) = match t.split_once(' ') {
        Some((t, z)) => (t, Some(parse_offset(z)?)),
        None => (t, None),
    };
    let (t, inline) = split_zone(t);
    Some((days * 86_400 + clock(t)?, zone.or(inline)))
}

/// `Mon Oct 16 22:55:48 2023` (ctime, as Zscaler writes), optionally with a zone before the
/// year or after it.
fn ctime(s: &str) -> Option<(i64, Option<i32>)> {
    let words: Vec<&str> = s.split_ascii_whitespace().collect();
    let (mon, day, time, rest) = match words.as_slice() {
        [_, mon, day, time, rest @ ..] => (month(mon)?, num(day)?, *time, rest),
        _ => return None,
    };
    let (mut year, mut offset) = (None, None);
    for w in rest {
        match num(w) {
            Some(y) if w.len() == 4 => year = Some(y),
            _ => offset = Some(parse_offset(w)?),
        }
    }
    Some((date(year?, mon, day)? * 86_400 + clock(time)?, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_shapes_to_utc() {
        let n = |s: &str| normalise(s, None);
        assert_eq!(n("1700000000.123").as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(n("1700000000123").as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(n("1700000000123456789").as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(n("[10/Oct/2000:13:55:36 -0700]").as_deref(), Some("2000-10-10T20:55:36Z"));
        assert_eq!(n("2024-03-02T10:14:00.5+02:00").as_deref(), Some("2024-03-02T08:14:00Z"));
        assert_eq!(n("2024-03-02T23:30:00-01:00").as_deref(), Some("2024-03-03T00:30:00Z"));
        assert_eq!(n("2024-03-02 10:14:00").as_deref(), Some("2024-03-02T10:14:00Z"));
        assert_eq!(n("2024/02/29 10:14:00").as_deref(), Some("2024-02-29T10:14:00Z"));
        assert_eq!(n("Mon Oct 16 22:55:48 2023").as_deref(), Some("2023-10-16T22:55:48Z"));
        assert_eq!(n("-"), None);
        assert_eq!(n("yesterday"), None);
        assert_eq!(n("2024-13-02 10:14:00"), None);
    }

    #[test]
    fn default_zone_applies_only_to_zoneless_times() {
        let paris = parse_offset("+01:00");
        assert_eq!(paris, Some(60));
        assert_eq!(normalise("2024-03-02 10:14:00", paris).as_deref(), Some("2024-03-02T09:14:00Z"));
        assert_eq!(normalise("2024-03-02T10:14:00Z", paris).as_deref(), Some("2024-03-02T10:14:00Z"));
        assert_eq!(normalise("1700000000", paris).as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(parse_offset("-0530"), Some(-330));
        assert_eq!(parse_offset("+25:00"), None);
    }
}
