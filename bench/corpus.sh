#!/usr/bin/env bash
# Builds the benchmark tree: source distributions of three AI-heavy Python projects from PyPI
# (real code that uses AI SDKs everywhere), unpacked under target/bench-corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=target/bench-corpus
mkdir -p "$dest/sdists"
for p in crewai==1.15.30 langchain-community==0.4.2 llama-index-core==0.14.25; do
  pip download --quiet --no-deps --no-binary :all: "$p" -d "$dest/sdists"
done
for f in "$dest"/sdists/*.tar.gz; do tar xzf "$f" -C "$dest"; done
rm -rf "$dest/sdists"
du -sh "$dest"
