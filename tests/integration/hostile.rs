//! A tree of hostile inputs, scanned in one run: zip and PDF bombs, entity expansion, deep
//! nesting, cyclic structures, truncated and fake documents, symlink loops, a FIFO, deep and
//! wide trees, bad encodings. The run must end (a watchdog kills it), stay bounded in memory,
//! name every input it could not read, and still report the one real finding of the tree.
// charterlint: allow-file SHADOW003, SHADOW005 -- the tree gets a fabricated key to be found

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The run is killed past this: it takes 4 s on two idle cores in a debug build, 30 s on busy ones.
const WATCHDOG: Duration = Duration::from_secs(120);
/// Peak resident memory allowed for the whole run.
const MAX_RSS_KB: u64 = 500 * 1024;
/// Tiny files in one folder: 100,000 takes about as long to create as to scan; see the report.
const TINY_FILES: usize = 20_000;
/// Folders nested in one another.
const DEPTH: usize = 300;

/// A project-style OpenAI key, built so this file holds none in clear.
fn openai_key() -> String {
    let body = "Zq4Xw8Vt2Ur6Ys0Tp3Wn7Km1Lj5Hg9Fd2Sa6Qz0Xc4Vb8Nm3Lk7Jh1Gf5Dq9Wr2Ey6Tu0Io4Pa8Sd3Fg7Hj1Kl5Zx9C";
    format!("sk-proj-{}T3BlbkFJ{}", &body[..74], &body[..74])
}

fn put(root: &Path, rel: impl AsRef<Path>, bytes: &[u8]) -> PathBuf {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap_or_else(|e| panic!("zip {name}: {e}"));
        w.write_all(bytes).unwrap_or_else(|e| panic!("zip {name}: {e}"));
    }
    w.finish().unwrap_or_else(|e| panic!("zip: {e}")).into_inner()
}

/// Bits in deflate order: Huffman codes most significant bit first, everything else least
/// significant first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u8,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32, msb_first: bool) {
        for i in 0..len {
            let bit = if msb_first { (value >> (len - 1 - i)) & 1 } else { (value >> i) & 1 };
            self.acc |= (bit as u8) << self.n;
            self.n += 1;
            if self.n == 8 {
                self.out.push(self.acc);
                (self.acc, self.n) = (0, 0);
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc);
        }
        self.out
    }
}

/// A raw deflate stream that inflates to `1 + 258 * runs` copies of `byte`, in 13 bits per
/// 258 bytes: one fixed-Huffman block of a literal and then (length 258, distance 1) pairs.
/// Eight pairs are 13 whole bytes that leave the bit phase as it was, so after the first eight
/// the next eight are written once and copied.
fn deflate_bomb(byte: u8, runs: usize) -> Vec<u8> {
    let pair = |b: &mut Bits| {
        b.put(0xC5, 8, true); // length code 285: 258 bytes
        b.put(0, 5, true); // distance code 0: one byte back
    };
    let mut b = Bits::default();
    b.put(0b011, 3, false); // BFINAL, then BTYPE 01 (fixed codes)
    let (lit, len) =
        if byte < 144 { (0x30 + u32::from(byte), 8) } else { (0x190 + u32::from(byte) - 144, 9) };
    b.put(lit, len, true);
    let groups = runs / 8;
    for _ in 0..8.min(runs) {
        pair(&mut b);
    }
    if groups >= 2 {
        let at = b.out.len();
        (0..8).for_each(|_| pair(&mut b));
        let unit = b.out[at..].to_vec();
        assert_eq!(unit.len(), 13);
        for _ in 2..groups {
            b.out.extend_from_slice(&unit);
        }
    }
    for _ in (groups.max(1) * 8).min(runs)..runs {
        pair(&mut b);
    }
    b.put(0, 7, true); // end of block
    b.finish()
}

/// A zip with one deflated entry whose headers tell the truth about its inflated size (about
/// 1 GB of spaces); the CRC is left wrong, as a bomb's may be.
fn zip_bomb(name: &str, runs: usize) -> Vec<u8> {
    let data = deflate_bomb(b' ', runs);
    let inflated = u32::try_from(1 + 258 * runs).unwrap_or(u32::MAX);
    let compressed = u32::try_from(data.len()).unwrap_or(u32::MAX);
    let n = u16::try_from(name.len()).unwrap_or(0);
    let mut z = Vec::new();
    let common = |z: &mut Vec<u8>| {
        z.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0]); // version, flags, deflate, time, date
        z.extend_from_slice(&0u32.to_le_bytes()); // crc-32
        z.extend_from_slice(&compressed.to_le_bytes());
        z.extend_from_slice(&inflated.to_le_bytes());
        z.extend_from_slice(&n.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    };
    z.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    common(&mut z);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(&data);
    let central = z.len();
    z.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    z.extend_from_slice(&[20, 0]); // version made by
    common(&mut z);
    z.extend_from_slice(&[0; 14]); // comment length, disk, attributes, local header offset 0
    z.extend_from_slice(name.as_bytes());
    let size = u32::try_from(z.len() - central).unwrap_or(0);
    z.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend_from_slice(&size.to_le_bytes());
    z.extend_from_slice(&u32::try_from(central).unwrap_or(0).to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z
}

fn docx_with(document_xml: &str) -> Vec<u8> {
    zip(&[("word/document.xml", document_xml.as_bytes())])
}

/// A PDF of numbered objects with a correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let trailer =
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(trailer.as_bytes());
    out
}

fn png_chunk(kind: &[u8; 4], declared: u32, data: &[u8]) -> Vec<u8> {
    let mut c = declared.to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    c.extend_from_slice(&[0; 4]);
    c
}

/// What the run must say about an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Named in the JSON `errors` and on stderr.
    Error,
    /// Read or skipped quietly: nothing in it can be reported (yet it must not stop the run).
    Quiet,
}

struct Hostile {
    root: PathBuf,
    cases: Vec<(String, Expect)>,
}

impl Hostile {
    fn add(&mut self, rel: &str, bytes: &[u8], expect: Expect) {
        put(&self.root, rel, bytes);
        self.cases.push((rel.to_string(), expect));
    }
}

/// Builds the tree: the known finding, then every hostile input with what the run must say.
fn build(root: &Path) -> Hostile {
    let mut h = Hostile { root: root.to_path_buf(), cases: Vec::new() };
    use Expect::{Error, Quiet};
    put(root, "src/settings.py", format!("OPENAI_API_KEY = \"{}\"\n", openai_key()).as_bytes());
    // Image metadata is read only where labels are required.
    put(root, "ai-charter.yaml", b"version: 1\nlabels:\n  required_in: [\"img/**\"]\n");

    // Office documents.
    h.add("docs/zip-bomb.docx", &zip_bomb("word/document.xml", 4_000_000), Error);
    let lol = (1..=9)
        .map(|i| format!("<!ENTITY lol{i} \"{}\">", format!("&lol{};", i - 1).repeat(10)))
        .collect::<String>();
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">{lol}]><w:document><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    );
    h.add("docs/billion-laughs.docx", &docx_with(&laughs), Quiet);
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><w:document><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
    h.add("docs/external-entity.docx", &docx_with(xxe), Quiet);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    h.add("docs/encrypted.docx", &ole, Error);
    let good = docx_with(
        "<w:document><w:body><w:p><w:r><w:t>Quarterly plan</w:t></w:r></w:p></w:body></w:document>",
    );
    h.add("docs/truncated.docx", &good[..good.len() / 2], Error);
    let slides = zip(&[("ppt/slides/slide1.xml", b"<p:sld><a:p><a:r><a:t>hello</a:t></a:r></a:p></p:sld>")]);
    h.add("docs/truncated.pptx", &slides[..slides.len() - 10], Error);
    h.add("docs/not-a-zip.odt", b"PK\x03\x04 this is not a zip at all", Error);
    let body = b"<w:document><w:body><w:p><w:r><w:t>fine</w:t></w:r></w:p></w:body></w:document>";
    let traversal = zip(&[("../../../../tmp/evil.xml", b"<x/>"), ("word/document.xml", body)]);
    h.add("docs/path-traversal.docx", &traversal, Quiet);

    // PDFs.
    let page = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec();
    let cyclic = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".to_vec(),
        page.clone(),
        b"<< /Length 24 >>\nstream\nBT (cyclic tree) Tj ET   \nendstream".to_vec(),
    ]);
    h.add("docs/cyclic-pages.pdf", &cyclic, Quiet);
    let full = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        page.clone(),
        b"<< /Length 20 >>\nstream\nBT (a page) Tj ET   \nendstream".to_vec(),
    ]);
    h.add("docs/truncated.pdf", &full[..full.len() / 3], Error);
    h.add("docs/test.pdf", b"this is not a PDF file!\n", Error);
    // A content stream that inflates to about 1 GB: zlib header, the bomb, no checksum.
    let mut flate = vec![0x78, 0x01];
    flate.extend(deflate_bomb(b' ', 4_000_000));
    let mut stream = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", flate.len()).into_bytes();
    stream.extend_from_slice(&flate);
    stream.extend_from_slice(b"\nendstream");
    let bomb = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        page,
        stream,
    ]);
    h.add("docs/flate-bomb.pdf", &bomb, Error);

    // Images, read because the charter requires labels under img/.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", 13, &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    png.extend(png_chunk(b"tEXt", 0x7FFF_FFF0, b"parameters\0a cat"));
    h.add("img/huge-chunk.png", &png, Error);
    h.add("img/bad-segment.jpg", b"\xFF\xD8\xFF\xE1\xFF\xFFExif\0\0MM\0*", Error);
    h.add("img/truncated.webp", b"RIFF\xFF\xFF\xFF\x7FWEBPVP8X\xFF\xFF\xFF\x7F\x04", Error);

    // Chat exports and prompt logs.
    h.add("export/nested/conversations.json", &vec![b'['; 100_000], Error);
    let mut deep_line = b"{\"messages\": ".to_vec();
    deep_line.extend(vec![b'['; 100_000]);
    deep_line.push(b'\n');
    h.add("logs/deep.jsonl", &deep_line, Error);
    let cyclic_chat = r#"[{"title": "loop", "current_node": "a", "mapping": {
        "a": {"id": "a", "parent": "b", "children": ["b"], "message": {"author": {"role": "user"}, "create_time": 1, "content": {"content_type": "text", "parts": ["first"]}}},
        "b": {"id": "b", "parent": "a", "children": ["a"], "message": {"author": {"role": "assistant"}, "create_time": 2, "content": {"content_type": "text", "parts": ["second"]}}}}}]"#;
    h.add("export/cyclic/conversations.json", cyclic_chat.as_bytes(), Quiet);
    let huge = format!(
        "[{{\"title\": \"big\", \"current_node\": \"a\", \"mapping\": {{\"a\": {{\"id\": \"a\", \"parent\": null, \"children\": [], \"message\": {{\"author\": {{\"role\": \"user\"}}, \"create_time\": 1, \"content\": {{\"content_type\": \"text\", \"parts\": [\"{}\"]}}}}}}}}}}]",
        "a\\\"b ".repeat(400_000)
    );
    h.add("export/huge-string/conversations.json", huge.as_bytes(), Quiet);
    let grok = r#"{"conversations": [{"conversation": {"id": "c1", "title": "Plan"}, "responses": [{"response": {"message": "Summarise the contract", "sender": "human"}}]}]}"#;
    h.add("export/grok/prod-grok-backend.json", grok.as_bytes(), Quiet);
    let n8n = r#"[{"name": "Ticket summary", "nodes": [{"name": "OpenAI", "type": "@n8n/n8n-nodes-langchain.openAi", "parameters": {}}], "connections": {}}]"#;
    h.add("workflows/n8n-in-array.json", n8n.as_bytes(), Quiet);
    let good = r#"{"model": "gpt-4o", "messages": [{"role": "user", "content": "hello"}]}"#;
    let mixed = format!("{good}\n{{\"model\": \"gpt-4o\", \"messages\": [{{\"role\": \n{good}\n");
    h.add("logs/mixed.jsonl", mixed.as_bytes(), Error);
    let big_line = format!(
        "{{\"model\": \"gpt-4o\", \"messages\": [{{\"role\": \"user\", \"content\": \"{}\"}}]}}\n",
        "x".repeat(4 << 20)
    );
    h.add("logs/one-4mb-line.jsonl", big_line.as_bytes(), Quiet);
    h.add("logs/unclosed-quote.csv", b"user,prompt\nalice,\"never closed\nbob,hello\ncarol,hi\n", Quiet);
    h.add("logs/nul-inside.csv", b"user,prompt\nalice,hel\0lo\nbob,fine\n", Quiet);
    let audit = "[{\"RecordType\": 261, \"Operation\": \"CopilotInteraction\", \"Workload\": \"Copilot\", \"AuditData\": \"{not json\"}]";
    h.add("audit/copilot-malformed.json", audit.as_bytes(), Error);

    // Plain files.
    h.add("data/nested.json", &vec![b'['; 100_000], Quiet);
    h.add("text/one-20mb-line.txt", &vec![b'a'; 20 << 20], Quiet);
    h.add("text/invalid-utf8.txt", b"caf\xE9 \xFF\xFE broken", Quiet);
    h.add("text/escapes.txt", b"\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m\n::error::injected\n", Quiet);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("notes in UTF-16\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    h.add("text/utf16-bom.txt", &utf16, Quiet);
    h.add("text/empty.txt", b"", Quiet);
    h.add("text/nuls.bin", &[0; 4096], Quiet);
    h.add("xml/external-entity.xml", xxe.as_bytes(), Quiet);

    #[cfg(unix)]
    unix_only(&mut h);
    // Deep and wide trees.
    let deep: PathBuf = (0..DEPTH).map(|i| format!("d{i}")).collect();
    put(root, Path::new("deep").join(deep).join("bottom.txt"), b"bottom\n");
    h.cases.push((format!("deep/ ({DEPTH} folders)"), Quiet));
    std::fs::create_dir_all(root.join("many")).unwrap_or_else(|e| panic!("mkdir many: {e}"));
    std::thread::scope(|s| {
        for part in 0..4 {
            s.spawn(move || {
                for i in (part..TINY_FILES).step_by(4) {
                    let p = root.join(format!("many/f{i:06}.txt"));
                    std::fs::write(&p, b"x\n").unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
                }
            });
        }
    });
    h.cases.push((format!("many/ ({TINY_FILES} files)"), Quiet));
    h
}

#[cfg(unix)]
fn unix_only(h: &mut Hostile) {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};
    let root = h.root.clone();
    // A file name that is not UTF-8.
    let name = std::ffi::OsStr::from_bytes(b"bad-\xFF\xFE-name.txt");
    put(&root, Path::new("names").join(name), b"a file with an invalid name\n");
    h.cases.push(("names/bad-\u{FFFD}\u{FFFD}-name.txt".into(), Expect::Quiet));
    // A name with a newline that would start a workflow command if printed raw.
    h.add("names/evil\n::error::injected.pdf", b"not a PDF", Expect::Error);
    std::fs::create_dir_all(root.join("links")).unwrap_or_else(|e| panic!("mkdir links: {e}"));
    for (target, link) in [("b", "links/a"), ("a", "links/b"), ("..", "links/up")] {
        symlink(target, root.join(link)).unwrap_or_else(|e| panic!("symlink {link}: {e}"));
        h.cases.push((link.into(), Expect::Quiet));
    }
    let fifo = root.join("fifo/pipe.json");
    std::fs::create_dir_all(root.join("fifo")).unwrap_or_else(|e| panic!("mkdir fifo: {e}"));
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    assert!(made, "mkfifo failed");
    h.cases.push(("fifo/pipe.json".into(), Expect::Quiet));
    let locked = put(&root, "locked/secret.txt", b"unreadable\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|e| panic!("chmod: {e}"));
    // Root reads any file whatever its mode: the case only means something for other users.
    if std::fs::read(&locked).is_err() {
        h.cases.push(("locked/secret.txt".into(), Expect::Error));
    } else {
        eprintln!("hostile: running as root, the unreadable-file case is not checked");
    }
}

/// Peak resident memory of a running process so far, in kB.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    peak_kb: Option<u64>,
}

/// Runs the binary over the tree with a watchdog, sampling its peak memory. `/usr/bin/time`
/// gives the exact peak when present; else /proc is sampled every few milliseconds.
fn run(tree: &Path, out: &Path, args: &[&str]) -> Run {
    let bin = env!("CARGO_BIN_EXE_charterlint");
    let timed = Path::new("/usr/bin/time").exists();
    let time_file = out.join("time.txt");
    let mut cmd = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg("-o").arg(&time_file).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let (stdout, stderr) = (out.join("stdout"), out.join("stderr"));
    let file = |p: &Path| std::fs::File::create(p).unwrap_or_else(|e| panic!("create {}: {e}", p.display()));
    cmd.current_dir(tree)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(file(&stdout))
        .stderr(file(&stderr));
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut sampled = None::<u64>;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap_or_else(|e| panic!("wait: {e}")) {
            break s;
        }
        if started.elapsed() > WATCHDOG {
            // The run has a process group of its own: with /usr/bin/time, the scanner is its child.
            #[cfg(unix)]
            let _ = Command::new("kill").arg("-KILL").arg("--").arg(format!("-{}", child.id())).status();
            let _ = child.kill();
            let _ = child.wait();
            panic!("the scan did not end within {WATCHDOG:?}");
        }
        if !timed {
            sampled = vm_hwm(child.id()).max(sampled);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let peak_kb = if timed {
        read(&time_file)
            .lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
            .and_then(|v| v.trim().parse().ok())
    } else {
        sampled
    };
    // /usr/bin/time exits with the status of the command it ran.
    Run { code: status.code().unwrap_or(-1), stdout: read(&stdout), stderr: read(&stderr), elapsed, peak_kb }
}

#[test]
fn hostile_inputs_are_named_skipped_and_bounded() {
    // In memory when the system has a tmpfs: the test is about the scan, not the disk.
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }
        .unwrap_or_else(|e| panic!("tempdir: {e}"));
    let (tree, out) = (base.path().join("tree"), base.path().join("out"));
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("mkdir: {e}"));
    let t0 = Instant::now();
    let hostile = build(&tree);
    eprintln!("hostile: {} cases, tree built in {:?}", hostile.cases.len(), t0.elapsed());
    assert!(hostile.cases.len() >= 30, "the corpus has only {} cases", hostile.cases.len());

    let r = run(&tree, &out, &["scan", "--format", "json", "."]);
    eprintln!("hostile: scan took {:?}, exit {}, peak {:?} kB", r.elapsed, r.code, r.peak_kb);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}); stderr:\n{}", r.stderr));

    // The real finding is still found, and masked.
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    let key = findings.iter().find(|f| f["rule"] == "SHADOW003" && f["path"] == "src/settings.py");
    assert!(key.is_some(), "the key in src/settings.py was not reported; stderr:\n{}", r.stderr);
    // Nothing of a file outside the tree reaches the output (XML external entities).
    assert!(!r.stdout.contains("root:x:0:0") && !r.stderr.contains("root:x:0:0"));

    // Every input that cannot be read is named, in JSON and on stderr.
    let errors: Vec<(String, String)> = v["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| {
            (e["path"].as_str().unwrap_or("").to_string(), e["message"].as_str().unwrap_or("").to_string())
        })
        .collect();
    let named: BTreeSet<&str> = errors.iter().map(|(p, _)| p.trim_start_matches("./")).collect();
    let missing: Vec<&str> = hostile
        .cases
        .iter()
        .filter(|(rel, e)| *e == Expect::Error && !named.contains(rel.as_str()))
        .map(|(rel, _)| rel.as_str())
        .collect();
    assert!(missing.is_empty(), "not named in `errors`: {missing:?}\nerrors: {errors:#?}");
    for (path, _) in &errors {
        assert!(r.stderr.contains(path.as_str()) || path.contains('\n'), "{path} is not named on stderr");
    }
    eprintln!("hostile: {} errors: {errors:#?}", errors.len());

    // The walk saw the deep and the wide trees (and did not follow the symlink loops).
    let files = v["summary"]["files"].as_u64().unwrap_or(0);
    assert!(files as usize > TINY_FILES, "only {files} files scanned");
    assert!(findings.iter().all(|f| !f["path"].as_str().unwrap_or("").starts_with("links/")));
    // The 20 MB text file is skipped as too large, the file of NULs as binary.
    assert!(v["summary"]["skipped"]["too_large"].as_u64() >= Some(1), "{}", v["summary"]);
    assert!(v["summary"]["skipped"]["binary"].as_u64() >= Some(1), "{}", v["summary"]);

    match r.peak_kb {
        Some(kb) => assert!(kb < MAX_RSS_KB, "peak memory {kb} kB, over {MAX_RSS_KB} kB"),
        None => eprintln!("hostile: neither /usr/bin/time nor /proc worked: memory not checked"),
    }
    // Unreadable files are reported and skipped: the exit code follows the one finding.
    assert_eq!(r.code, 1, "exit code {}; stderr:\n{}", r.code, r.stderr);

    // `--exit-zero` hides findings and unreadable files alike; the run and its report are the same.
    let out0 = base.path().join("out-exit-zero");
    std::fs::create_dir_all(&out0).unwrap_or_else(|e| panic!("mkdir: {e}"));
    let z = run(&tree, &out0, &["scan", "--format", "json", "--exit-zero", "."]);
    assert_eq!(z.code, 0, "exit code {} with --exit-zero; stderr:\n{}", z.code, z.stderr);
    let v0: serde_json::Value =
        serde_json::from_str(&z.stdout).unwrap_or_else(|e| panic!("not JSON ({e}); stderr:\n{}", z.stderr));
    assert_eq!(
        v0["findings"].as_array().map(Vec::len),
        Some(findings.len()),
        "--exit-zero changed the findings"
    );
    assert_eq!(v0["errors"].as_array().map(Vec::len), Some(errors.len()), "--exit-zero changed the errors");
}
