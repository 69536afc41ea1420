//! Reading a charter file without trusting it: a regular file only (a FIFO would block the run
//! forever, a device would never end), at most [`MAX_FILE_BYTES`], UTF-8 text without the control
//! bytes that no YAML file holds. Whatever is refused is refused before any of it is shown.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// A charter is a few kilobytes; this bounds what a wrong `--charter /dev/zero`, or a huge file
/// named by `extends`, can cost.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Why a charter file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A FIFO, a device, a socket or a directory: what it is.
    NotRegular(&'static str),
    TooLarge,
    /// Not UTF-8, or holds NUL or other control bytes: not shown, whatever it is.
    NotYaml(&'static str),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotRegular(what) => write!(f, "{what}, not a regular file"),
            ReadError::TooLarge => write!(f, "larger than {} MiB, which no charter is", MAX_FILE_BYTES >> 20),
            ReadError::NotYaml(why) => write!(f, "not a YAML file ({why})"),
        }
    }
}

/// What a non-regular file is, for the message.
fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() { "a directory" } else { "not a file" }
}

/// Reads the charter file at `path` (symlinks followed).
///
/// The type is checked on the path before opening, because opening a FIFO for reading blocks
/// until a writer comes; then again on the opened handle, so that what is read is what was
/// checked. A file swapped for a FIFO between the two calls could still block the open: that
/// needs someone writing to this machine's disk during the run, not a file in a repository.
pub fn read_charter_file(path: &Path) -> Result<String, ReadError> {
    let before = fs::metadata(path).map_err(ReadError::Io)?;
    if !before.is_file() {
        return Err(ReadError::NotRegular(kind_of(before.file_type())));
    }
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular(kind_of(opened.file_type())));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    let text = String::from_utf8(bytes).map_err(|_| ReadError::NotYaml("not UTF-8 text"))?;
    check_text(&text)?;
    Ok(text)
}

/// YAML allows tab, line feed and carriage return among the C0 controls, and no DEL: any other
/// is a binary file (or `/proc/self/environ`, NUL-separated), never a charter.
pub fn check_text(text: &str) -> Result<(), ReadError> {
    let control = |c: char| (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}';
    if text.contains(control) {
        return Err(ReadError::NotYaml("binary content"));
    }
    Ok(())
}

/// Whether a file that failed to parse looks like YAML written as a mapping, so that showing the
/// line at fault shows a charter line and not, say, a line of a `.env` file or a key file: its
/// first line with content (comments, blank lines, `---` and `%` directives skipped) is a
/// `key:` or opens a `{` mapping.
pub fn yaml_like(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('%') && *l != "---")
    else {
        return true;
    };
    if first.starts_with('{') {
        return true;
    }
    let Some((key, after)) = first.split_once(':') else {
        return false;
    };
    let key = key.trim_end().trim_matches(['"', '\'']);
    !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with([' ', '\t']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_like_is_a_mapping_at_the_top() {
        for yes in
            ["version: 1\n", "# c\n---\nextends: ../x\n", "{version: 1}", "\"version\": 1", "tools:\n", ""]
        {
            assert!(yaml_like(yes), "{yes:?}");
        }
        for no in [
            "ACME_TOKEN=abc123\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n",
            "export A=1\nversion: 1\n",
            "https://user:pw@host/\n",
            "- a\n- b\n",
            "key:value\n",
        ] {
            assert!(!yaml_like(no), "{no:?}");
        }
    }

    #[test]
    fn binary_and_control_bytes_are_not_yaml() {
        assert!(check_text("version: 1\r\n\tx: y\n").is_ok());
        assert!(matches!(check_text("A=1\0B=2\0"), Err(ReadError::NotYaml(_))));
        assert!(matches!(check_text("a\u{1b}[2Jb"), Err(ReadError::NotYaml(_))));
    }
}
