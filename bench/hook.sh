#!/usr/bin/env bash
# Measures what a pre-commit hook costs: start-up (rule pack, catalogue, charter, prefilter) and
# `scan --staged` on a commit of ten files, with hyperfine on a release build.
#
#   bench/hook.sh            needs hyperfine (Debian: apt-get install hyperfine) and git
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/charterlint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench/hook-repo.sh "$work/repo"
cd "$work/repo"
git add .
: > "$work/empty.txt"
echo "staged: $(git diff --cached --name-only | wc -l) files, $(git diff --cached --numstat | awk '{s+=$1} END {print s}') lines"
hyperfine --shell=none --warmup 5 --min-runs 30 --ignore-failure \
    -n 'start-up: rules only' "$bin rules" \
    -n 'start-up: catalogue only' "$bin catalog no-such-service" \
    -n 'scan one empty file (all start-up)' "$bin scan --quiet $work/empty.txt" \
    -n 'scan --staged, ten files' "$bin scan --staged --quiet" \
    -n 'scan FILE x10 (pre-commit file-name mode)' "$bin scan --quiet mod.rs app.rs walk.rs human.rs model.rs README.md CHANGELOG.md Cargo.toml ci.yml ai-charter.yaml"
