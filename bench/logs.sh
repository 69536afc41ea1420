#!/usr/bin/env bash
# Measures charterlint on large prompt logs against ripgrep with comparable patterns: speed
# (MB/s) and peak memory (max RSS) for a JSONL request log and a ChatGPT conversations.json.
#
#   bench/logs.sh [SIZE_MB]      default 1024; the files go to target/bench-logs (not committed)
#
# ripgrep counts every match (`--count-matches`: with `-c` it stops at the first match of a
# line, and conversations.json is one line); it only finds text, while charterlint parses the
# JSON, walks every conversation tree, resolves the receiving tool, validates hits (Luhn,
# mod-97, NIR key, entropy) and applies the charter. ripgrep's max RSS includes the mapped file.
# Needs: rg, python3, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
dir=target/bench-logs
mkdir -p "$dir"
[ -f "$dir/requests.jsonl" ] || python3 bench/gen_logs.py jsonl "$size" "$dir/requests.jsonl"
[ -f "$dir/conversations.json" ] || python3 bench/gen_logs.py chatgpt "$size" "$dir/conversations.json"
cargo build --release --quiet
bin="$PWD/target/release/charterlint"
pats="$dir/patterns.txt"
# The confidential-data shapes charterlint looks for, ASCII word boundaries as in its rules.
cat > "$pats" <<'PATS'
[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}
(?:\+33[ .-]?|0033[ .-]?|0)[1-9](?:[ .-]?[0-9]{2}){4}
\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,4}\)?){2,6}
[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{1,4}){3,8}
[0-9](?:[ -]?[0-9]){12,18}
[1-478][ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?(?:[0-9]{2}|2[AaBb])[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{2}
FR[ ]?[0-9A-HJ-NP-Z]{2}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}
(?-u:\b)(?:AKIA|ASIA)[A-Z2-7]{16}(?-u:\b)
(?-u:\b)gh[pousr]_[A-Za-z0-9]{36}(?-u:\b)
(?-u:\b)glpat-[A-Za-z0-9_-]{20,}
(?-u:\b)xox[abprs]-[0-9A-Za-z-]{20,}
(?-u:\b)(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99}
-----BEGIN[A-Z ]{0,20} PRIVATE KEY
(?-u:\b)eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}
(?-u:\b)AIza[A-Za-z0-9_-]{35}
(?-u:\b)sk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ
(?-u:\b)sk-ant-api03-[A-Za-z0-9_-]{93}AA
(?i)(?:strictly confidential|internal use only|diffusion restreinte|confidentiel)
PATS
cd "$dir"
for f in requests.jsonl conversations.json; do
  mb=$(( $(stat -c %s "$f") / 1048576 ))
  echo "== $f ($mb MB)"
  /usr/bin/time -f "charterlint: %e s, max RSS %M KB" "$bin" scan --format json "$f" >/dev/null || true
  /usr/bin/time -f "rg --count-matches -f: %e s, max RSS %M KB" rg --count-matches -f patterns.txt "$f" >/dev/null || true
done
