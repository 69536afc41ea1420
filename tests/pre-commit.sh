#!/usr/bin/env bash
# Proves the `charterlint` hook of .pre-commit-hooks.yaml with the real pre-commit tool: in a
# temporary repository whose .pre-commit-config.yaml points at this checkout (rev: HEAD), a
# commit that adds an OpenAI key is blocked and a clean commit goes through.
#
# pre-commit builds the hook itself (`cargo install --path .` on a clone of HEAD, so commit
# first); the build goes to target/pre-commit and is reused by later runs. Release settings are
# relaxed here (no LTO, no optimisation) only to build faster: the hook's own speed is not measured.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
if ! python3 -c 'import pre_commit' >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check pre-commit
fi
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
    echo "pre-commit.sh: note: uncommitted changes are not part of the hook under test (rev: HEAD)" >&2
fi
rev="$(git -C "$repo" rev-parse HEAD)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
export CARGO_TARGET_DIR="$repo/target/pre-commit"
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_PROFILE_RELEASE_DEBUG=false
export GIT_AUTHOR_NAME=Dev GIT_AUTHOR_EMAIL=dev@example.com
export GIT_COMMITTER_NAME=Dev GIT_COMMITTER_EMAIL=dev@example.com

project="$work/project"
git init -q "$project"
cd "$project"
git config commit.gpgsign false
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: charterlint
YAML
python3 -m pre_commit install --install-hooks >/dev/null

fail() {
    echo "pre-commit.sh: FAIL: $*" >&2
    exit 1
}

# A clean commit goes through.
printf 'def greet(name):\n    return f"hello {name}"\n' > app.py
git add .pre-commit-config.yaml app.py
git commit -q -m "Add greeting" > "$work/clean.log" 2>&1 || { cat "$work/clean.log" >&2; fail "a clean commit was blocked"; }

# A commit that adds an OpenAI key is blocked, and the key is masked in what the hook prints.
body="aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5xY7zA9bC1dE3f"
key="sk-proj-${body:0:74}T3BlbkFJ${body:0:74}"
printf 'from openai import OpenAI\nclient = OpenAI(api_key="%s")\n' "$key" > llm.py
git add llm.py
if git commit -q -m "Add LLM client" > "$work/key.log" 2>&1; then
    cat "$work/key.log" >&2
    fail "a commit adding an OpenAI key went through"
fi
grep -q "SHADOW003" "$work/key.log" || { cat "$work/key.log" >&2; fail "the hook did not name SHADOW003"; }
if grep -qF "$key" "$work/key.log"; then fail "the hook printed the key in clear"; fi
[ "$(git rev-list --count HEAD)" = 1 ] || fail "the blocked commit was recorded"

# Once the key is gone from the index the commit goes through, even though the work tree still
# has it in an unstaged edit: the hook judges what is committed.
printf 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["LLM_KEY"])\n' > llm.py
git add llm.py
printf '# TODO\n' >> llm.py
git commit -q -m "Add LLM client" > "$work/fixed.log" 2>&1 || { cat "$work/fixed.log" >&2; fail "the fixed commit was blocked"; }

echo "pre-commit.sh: ok: the charterlint hook blocks a commit with an OpenAI key and lets clean commits through"
