#!/usr/bin/env bash
# Renders the audit report of the fixtures' prompt logs and repository in a real headless
# Chromium, in French and English, and checks that the pages and their SVG charts are drawn:
# the screenshots are large, varied, and hold bars in the three severity colours of the
# report's style sheet, in the same amounts in both languages (same data, same bars); the PDF
# print is a real PDF. Installs Debian's `chromium` when it is missing. Every step is bounded in
# time.
#
#   tests/browser.sh                   # builds the binary with cargo
#   CHARTERLINT=path/to/charterlint tests/browser.sh
#   BROWSER_OUT=dir tests/browser.sh   # keep the reports, screenshots and PDF in dir
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser.sh: installing chromium" >&2
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    timeout 600 $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y -qq chromium >/dev/null
fi

bin=${CHARTERLINT:-}
if [ -z "$bin" ]; then
    timeout 1800 cargo build --locked --quiet
    bin=$root/target/debug/charterlint
fi

out=${BROWSER_OUT:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" >/dev/null 2>&1
}

for lang in fr en; do
    # Exit code 2 is expected: one fixture holds a malformed audit record, reported and skipped.
    status=0
    timeout 120 "$bin" scan fixtures/logs fixtures/repos/support-bot \
        --charter fixtures/logs/ai-charter.yaml --format html --lang "$lang" --exit-zero \
        >"$out/report-$lang.html" 2>/dev/null || status=$?
    if [ "$status" -gt 2 ] || ! grep -q '</html>' "$out/report-$lang.html"; then
        echo "browser.sh: charterlint failed ($status) to write the $lang report" >&2
        exit 1
    fi
    chrome --screenshot="$out/report-$lang.png" --window-size=1280,2000 "file://$out/report-$lang.html"
done
chrome --print-to-pdf="$out/report-fr.pdf" --no-pdf-header-footer "file://$out/report-fr.html"

timeout 300 python3 - "$out" <<'PY'
import os, struct, sys, zlib

out = sys.argv[1]

def decode(path):
    """Rows of RGB(A) bytes of an 8-bit, non-interlaced PNG, with the stdlib only."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride, rows, prev, i = w * bpp, [], bytearray(w * bpp), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows

# The severity fills of report.css: error, warning, info.
FILLS = {"error": (0xB3, 0x26, 0x1E), "warning": (0xE0, 0xA0, 0x30), "info": (0x6B, 0x9B, 0xD1)}
counts = {}
for lang in ("fr", "en"):
    path = os.path.join(out, f"report-{lang}.png")
    size = os.path.getsize(path)
    assert size > 50_000, f"{path}: {size} bytes, too small for a rendered report"
    w, h, bpp, rows = decode(path)
    assert (w, h) == (1280, 2000), (path, w, h)
    colours, fill = set(), dict.fromkeys(FILLS, 0)
    for row in rows:
        for x in range(0, len(row), bpp):
            px = (row[x], row[x + 1], row[x + 2])
            colours.add(px)
            for name, rgb in FILLS.items():
                if px == rgb:
                    fill[name] += 1
    assert len(colours) > 50, f"{path}: only {len(colours)} colours: a blank or broken page"
    for name, n in fill.items():
        # Bars are 18 px high and tens of pixels long; the severity words add a few hundred.
        assert n > 1000, f"{path}: {n} pixels of the {name} bars: the chart did not render"
    counts[lang] = fill
    print(f"browser.sh: {lang}: {size} bytes, {len(colours)} colours, bar pixels {fill}")

for name in FILLS:
    fr, en = counts["fr"][name], counts["en"][name]
    assert abs(fr - en) <= max(fr, en) // 10, f"{name} bars differ between languages: fr {fr}, en {en}"

pdf = os.path.join(out, "report-fr.pdf")
head = open(pdf, "rb").read(5)
assert head == b"%PDF-" and os.path.getsize(pdf) > 20_000, f"{pdf}: not a printed report"
print(f"browser.sh: PDF {os.path.getsize(pdf)} bytes; ok")
PY
echo "browser.sh: reports and screenshots in $out"
