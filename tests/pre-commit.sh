#!/usr/bin/env bash
# Proves the hooks of .pre-commit-hooks.yaml with the real pre-commit tool: in a temporary
# repository whose .pre-commit-config.yaml points at this checkout (rev: HEAD), a commit that adds
# an OpenAI key is blocked and a clean commit goes through.
#
#   tests/pre-commit.sh                 the `charterlint-rust` hook, built from source by pre-commit
#   tests/pre-commit.sh python WHEELS   the `charterlint` and `charterlint-commit-msg` hooks, which
#                                       install the charterlint wheel; WHEELS is a directory holding
#                                       it (pip looks there first, as it would on PyPI)
#
# pre-commit installs the hook from a clone of HEAD, so commit first. For the Rust hook it runs
# `cargo install --path .`; the build goes to target/pre-commit and is reused by later runs.
# Release settings are relaxed there (no LTO, no optimisation) only to build faster: the hook's
# own speed is not measured.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
flavour="${1:-rust}"
case "$flavour" in
    rust) ;;
    python)
        wheels="$(cd "${2:?python needs the directory of the wheel}" && pwd)"
        ls "$wheels"/charterlint-*.whl >/dev/null
        ;;
    *) echo "usage: $0 [rust | python WHEEL_DIR]" >&2; exit 2 ;;
esac
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
if [ "$flavour" = python ]; then
    export PIP_FIND_LINKS="$wheels" PIP_DISABLE_PIP_VERSION_CHECK=1
fi

project="$work/project"
git init -q "$project"
cd "$project"
git config commit.gpgsign false
if [ "$flavour" = rust ]; then
    hooks="      - id: charterlint-rust"
else
    hooks="      - id: charterlint
      - id: charterlint-commit-msg"
fi
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
$hooks
YAML
started=$SECONDS
python3 -m pre_commit install --install-hooks --hook-type pre-commit --hook-type commit-msg >/dev/null
echo "pre-commit.sh: $flavour hooks installed in $((SECONDS - started)) s"

fail() {
    echo "pre-commit.sh: FAIL ($flavour): $*" >&2
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
# (No SDK import either: SHADOW008 would ask the charter to approve the service first.)
printf 'import os\nLLM_KEY = os.environ["LLM_KEY"]\n' > llm.py
git add llm.py
printf '# TODO\n' >> llm.py
git commit -q -m "Add LLM client" > "$work/fixed.log" 2>&1 || { cat "$work/fixed.log" >&2; fail "the fixed commit was blocked"; }

if [ "$flavour" = python ]; then
    # The commit-msg hook blocks a message that carries the key, and masks it.
    git checkout -q -- llm.py
    printf '# greeting helpers\n' >> app.py
    git add app.py
    if git commit -q -m "Tidy up, key was $key" > "$work/msg.log" 2>&1; then
        cat "$work/msg.log" >&2
        fail "a commit message with an OpenAI key went through"
    fi
    grep -q "SHADOW003" "$work/msg.log" || { cat "$work/msg.log" >&2; fail "the commit-msg hook did not name SHADOW003"; }
    if grep -qF "$key" "$work/msg.log"; then fail "the commit-msg hook printed the key in clear"; fi
    git commit -q -m "Tidy up" > "$work/msg-ok.log" 2>&1 || { cat "$work/msg-ok.log" >&2; fail "a clean commit message was blocked"; }
    [ "$(git rev-list --count HEAD)" = 3 ] || fail "expected three commits, got $(git rev-list --count HEAD)"
    # The hook ran the wheel's binary, from pre-commit's own environment.
    ls "$PRE_COMMIT_HOME"/repo*/py_env-*/bin/charterlint >/dev/null 2>&1 \
        || ls "$PRE_COMMIT_HOME"/repo*/py_env-*/Scripts/charterlint.exe >/dev/null 2>&1 \
        || fail "no charterlint in pre-commit's python environment"
fi

# `pre-commit run --all-files` checks what is already committed: a key that went in with
# --no-verify is found (pre-commit names every tracked file; the hook reads them from the index).
git checkout -q -- . 2>/dev/null || true
printf 'KEY = "%s"\n' "$key" > leaked.py
git add leaked.py
git commit -q --no-verify -m "Bypass the hook" > /dev/null 2>&1 || fail "could not commit with --no-verify"
if python3 -m pre_commit run --all-files > "$work/all.log" 2>&1; then
    cat "$work/all.log" >&2
    fail "pre-commit run --all-files passed over a committed key"
fi
grep -q "SHADOW003" "$work/all.log" || { cat "$work/all.log" >&2; fail "run --all-files did not name SHADOW003"; }
if grep -qF "$key" "$work/all.log"; then fail "run --all-files printed the key in clear"; fi

echo "pre-commit.sh: ok ($flavour): the hooks block a commit with an OpenAI key, let clean commits through, and find a committed key under --all-files"
