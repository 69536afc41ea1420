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
git init -q "$work/repo"
# Ten realistic files of the kind a commit touches: sources, config, docs, a manifest.
cp src/engine.rs "$work/repo/engine.rs"
cp src/app.rs "$work/repo/app.rs"
cp src/inputs/walk.rs "$work/repo/walk.rs"
cp src/report/human.rs "$work/repo/human.rs"
cp src/charter/model.rs "$work/repo/model.rs"
cp README.md "$work/repo/README.md"
cp CHANGELOG.md "$work/repo/CHANGELOG.md"
cp Cargo.toml "$work/repo/Cargo.toml"
cp .github/workflows/ci.yml "$work/repo/ci.yml"
cp ai-charter.yaml "$work/repo/ai-charter.yaml"
cd "$work/repo"
git add .
: > "$work/empty.txt"
echo "staged: $(git diff --cached --name-only | wc -l) files, $(git diff --cached --numstat | awk '{s+=$1} END {print s}') lines"
hyperfine --shell=none --warmup 5 --min-runs 30 --ignore-failure \
    -n 'start-up: rules only' "$bin rules" \
    -n 'start-up: catalogue only' "$bin catalog no-such-service" \
    -n 'scan one empty file (all start-up)' "$bin scan --quiet $work/empty.txt" \
    -n 'scan --staged, ten files' "$bin scan --staged --quiet" \
    -n 'scan FILE x10 (pre-commit file-name mode)' "$bin scan --quiet engine.rs app.rs walk.rs human.rs model.rs README.md CHANGELOG.md Cargo.toml ci.yml ai-charter.yaml"
