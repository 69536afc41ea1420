#!/usr/bin/env bash
# Prints the speed table on the shared ruler (bench/ruler/README.md): charterlint against ripgrep
# with rule-equivalent patterns, side by side in one run, the two commands alternating, best of
# five, peak memory of each; and the pre-commit hook on ten staged files.
#
#   bench/compare.sh [CORPUS]     default CORPUS: target/ruler (about 1.4 GB)
#
# The corpus is built once: the three pinned repositories (cloned from GitHub, or taken from
# bare copies under $RULER_GIT, one folder OWNER+NAME or OWNER+NAME/repo each) and the seeded
# prompt log (RECORDS records, default 2,000,000: 1.19 GB). RUNS sets the number of runs;
# NO_LOG=1 leaves out the log row (no log generated), for a quick check of the other rows.
#
# Needs: rg, git, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-target/ruler}"
ruler="$PWD/bench/ruler"
mkdir -p "$corpus/repos" "$corpus/logs"
while read -r owner name commit; do
  dest="$corpus/repos/$name"
  [ -d "$dest" ] && continue
  git_dir=""
  for d in "${RULER_GIT:-}/$owner+$name/repo" "${RULER_GIT:-}/$owner+$name"; do
    [ -n "${RULER_GIT:-}" ] && [ -d "$d" ] && { git_dir="$d"; break; }
  done
  if [ -z "$git_dir" ]; then
    git_dir="$corpus/git/$owner+$name"
    [ -d "$git_dir" ] || git clone --quiet --bare "https://github.com/$owner/$name" "$git_dir"
  fi
  python3 "$ruler/extract_tree.py" "$git_dir" "$dest" "$commit" 2>&1 | tail -1
done <<'REPOS'
deepset-ai haystack c7cb46c0f28ad1984f60e5d3e9404b124a221437
anthropics anthropic-cookbook 4b36a1e1f64361397f4cbe4fbc7cdace338f16f8
openai openai-python e43b422412a9e96c9cc5192c61fffbe2d7e04836
REPOS
log="$corpus/logs/prompt-logs.jsonl"
[ -n "${NO_LOG:-}" ] || [ -f "$log" ] || python3 "$ruler/gen_logs.py" --records "${RECORDS:-2000000}" --seed 42 --out "$log"
cargo build --release --locked --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench/hook-repo.sh "$work/repo"
echo "charterlint $(git rev-parse --short HEAD), $(rg --version | head -1), $(nproc) cores"
python3 "$ruler/table.py" "$PWD/target/release/charterlint" "$corpus" "$ruler" "$work/repo" "${RUNS:-5}"
