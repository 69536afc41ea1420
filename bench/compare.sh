#!/usr/bin/env bash
# Compares charterlint's scan with ripgrep given comparable patterns on the same tree:
# every API host, key-variable name and key format of the catalogue, plus the
# prompt-injection phrases and hidden-Unicode classes. ripgrep only finds lines; charterlint
# also classifies files, parses manifests, validates keys, applies the charter and writes
# structured findings.
#
#   bench/compare.sh [TREE]         default TREE: target/bench-corpus (see bench/corpus.sh)
#
# The ripgrep patterns use ASCII word boundaries, as charterlint's do: with Unicode `\b` the
# same ripgrep run is several hundred times slower (measured: 97 s instead of ~0.3 s here).
#
# Needs: rg, hyperfine (Debian: apt-get install ripgrep hyperfine), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
tree="${1:-target/bench-corpus}"
[ -d "$tree" ] || { echo "no tree at $tree: run bench/corpus.sh first or pass a directory" >&2; exit 2; }
cargo build --release --quiet
bin="$PWD/target/release/charterlint"
pats="$(mktemp)"
"$bin" catalog --format json | python3 -c '
import json, re, sys
services = json.load(sys.stdin)
out = set()
for s in services:
    for h in s["api_hosts"]:
        out.add(re.escape(h))
    for v in s["env_vars"]:
        out.add(r"(?-u:\b)" + re.escape(v) + r"(?-u:\b)")
    for k in s["key_formats"]:
        out.add(k)
out.add(r"(?i)(ignore|disregard|forget|bypass|override)[ \t]+((all|any|the|your|my)[ \t]+)*(previous|prior|preceding|above|earlier|system)[ \t]+(instructions?|prompts?|rules|context)")
out.add(r"(?i)(ignore[rz]?|oublie[rz]?)[ \t]+(toutes[ \t]+)?les[ \t]+(instructions|consignes)[ \t]+(précédentes|ci-dessus)")
out.add(r"(?i)(do not|don.t|never)[ \t]+(mention|reveal|tell)[ \t]+(this|it|the user)")
out.add(r"[\x{E0000}-\x{E007F}]")
out.add(r"[\x{202A}-\x{202E}\x{2066}-\x{2069}]")
out.add(r"[\x{200B}-\x{200D}\x{2060}-\x{2064}]{2,}")
print("\n".join(sorted(out)))
' > "$pats"
size=$(du -sh "$tree" | cut -f1)
files=$(find "$tree" -type f | wc -l)
echo "tree: $tree ($size, $files files); $(wc -l < "$pats") ripgrep patterns"
hyperfine --warmup 1 --runs "${RUNS:-5}" -N --ignore-failure \
  --command-name "rg -f (comparable patterns)" "rg --hidden -c -f $pats $tree" \
  --command-name "charterlint scan" "$bin scan --format json --fail-on never $tree" \
  | grep -Ev '^\s*$'
rm -f "$pats"
