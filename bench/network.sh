#!/usr/bin/env bash
# Measures charterlint on a large Squid access.log against ripgrep looking for the catalogue's
# domains, side by side on the same file: time, throughput (MB/s) and peak memory (max RSS).
#
#   bench/network.sh [SIZE_MB] [THREADS]    defaults 1024 and the number of cores; the log goes
#                                           to target/bench-network (not committed)
#
# ripgrep only finds lines with a catalogue domain in them (`-c -F -f`, fixed strings, any
# position); charterlint parses every line, takes the host of the CONNECT target or URL,
# matches it on DNS label boundaries (no `notclaude.ai`), folds per person and tool, applies
# the charter and writes the findings and the inventory. ripgrep's max RSS includes the mapped
# file. Needs: rg, python3, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
threads="${2:-$(nproc)}"
dir="$PWD/target/bench-network"
mkdir -p "$dir"
log="$dir/access-$size.log"
[ -f "$log" ] || python3 bench/gen_network.py "$size" --out "$log"
cargo build --release --locked --quiet
bin="$PWD/target/release/charterlint"
# The catalogue's web domains and API hosts, one per line.
"$bin" catalog --format json | python3 -c '
import json, sys
hosts = sorted({h for s in json.load(sys.stdin) for h in s["domains"] + s["api_hosts"]})
print("\n".join(hosts))' > "$dir/domains.txt"
printf 'version: 1\n' > "$dir/ai-charter.yaml"
mb=$(( $(stat -c %s "$log") / 1048576 ))
echo "== $log ($mb MB, $(wc -l < "$dir/domains.txt") catalogue hosts)"
measure() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$dir/rss" "$@" > "$dir/out" 2>/dev/null || true
  t1=$(date +%s.%N)
  python3 - "$name" "$t0" "$t1" "$mb" "$(tail -1 "$dir/rss")" <<'PY'
import sys
name, t0, t1, mb, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = t1 - t0
print(f"{name:<44} {s:7.2f} s {mb / s:8.0f} MB/s   max RSS {rss / 1024:6.0f} MB")
PY
}
cd "$dir"
measure "rg -c -F -f domains.txt" rg -c -F -f domains.txt "access-$size.log"
measure "charterlint scan -j 1 (one thread)" "$bin" scan -j 1 --charter ai-charter.yaml --format json "access-$size.log"
measure "charterlint scan -j $threads" "$bin" scan -j "$threads" --charter ai-charter.yaml --format json "access-$size.log"
measure "charterlint scan --stdin (one stream)" sh -c "\"$bin\" scan --stdin --input-format squid --charter ai-charter.yaml --format jsonl < access-$size.log"
"$bin" scan -j "$threads" --charter ai-charter.yaml --format json "access-$size.log" 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)["summary"]
n = s.get("network", {})
print("lines", n.get("records"), "to AI services", n.get("matched"), "findings", s["findings"], "tools", len(n.get("tools", [])))'
