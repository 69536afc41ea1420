#!/usr/bin/env bash
# Makes the pre-commit benchmark repository: a new git repository in DIR with ten files of the
# kind a commit touches (sources, config, docs, a manifest) staged, taken from this checkout.
#
#   bench/hook-repo.sh DIR
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
dir="$1"
git init -q "$dir"
for f in src/engine/mod.rs src/app.rs src/inputs/walk.rs src/report/human.rs src/charter/model.rs \
  README.md CHANGELOG.md Cargo.toml .github/workflows/ci.yml ai-charter.yaml; do
  cp "$src/$f" "$dir/$(basename "$f")"
done
git -C "$dir" add .
