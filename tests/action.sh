#!/usr/bin/env bash
# Proves the install steps of action.yml, run as the runner runs them (the `run:` scripts taken
# from action.yml, with the runner's variables), against a release served on loopback: the
# archive for the runner's platform is found, its SHA-256 checked and its binary put on PATH; a
# checksum that does not match stops the job; a missing release or platform falls back to cargo.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check pyyaml
fi

work="$(mktemp -d)"
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "action.sh: FAIL: $*" >&2
    exit 1
}

# The scripts of the steps `resolve` and `download`, as files.
python3 - "$work" <<'PY'
import sys, yaml
for step in yaml.safe_load(open("action.yml"))["runs"]["steps"]:
    if step.get("id") in ("resolve", "download"):
        with open(f"{sys.argv[1]}/{step['id']}.sh", "w") as f:
            f.write(step["run"])
PY

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
target=x86_64-unknown-linux-musl
release="$work/srv/owner/charterlint/releases/download/v$version"
mkdir -p "$release" "$work/pkg/charterlint-$target"
printf '#!/bin/sh\necho "charterlint %s (test archive)"\n' "$version" > "$work/pkg/charterlint-$target/charterlint"
chmod +x "$work/pkg/charterlint-$target/charterlint"
tar -czf "$release/charterlint-$target.tar.gz" -C "$work/pkg" "charterlint-$target"
(cd "$release" && sha256sum "charterlint-$target.tar.gz" > "charterlint-$target.tar.gz.sha256")

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$work/srv" "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

# run STEP NAME [VAR=value...]: runs a step as the runner runs `shell: bash`, in a fresh temp directory.
run() {
    local step="$1" name="$2"
    shift 2
    mkdir -p "$work/$name/tmp"
    : > "$work/$name/output"
    : > "$work/$name/path"
    env RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$work/$name/tmp" \
        GITHUB_OUTPUT="$work/$name/output" GITHUB_PATH="$work/$name/path" \
        GITHUB_SERVER_URL="http://127.0.0.1:$port" GITHUB_REPOSITORY=someone/project \
        ACTION_PATH="$repo" ACTION_REPO=owner/charterlint INPUT_VERSION="" INPUT_PATH="./src docs" INPUT_CATEGORY="" \
        "$@" bash --noprofile --norc -eo pipefail "$work/$step.sh" > "$work/$name/log" 2>&1
}
output() { sed -n "s/^$2=//p" "$work/$1/output"; }

# resolve: the release of the Cargo.toml version, for this platform, and a category from the path.
run resolve resolved || { cat "$work/resolved/log" >&2; fail "resolve failed"; }
[ "$(output resolved version)" = "$version" ] || fail "version $(output resolved version), expected $version"
[ "$(output resolved target)" = "$target" ] || fail "target $(output resolved target)"
[ "$(output resolved archive)" = "charterlint-$target.tar.gz" ] || fail "archive $(output resolved archive)"
[ "$(output resolved url)" = "http://127.0.0.1:$port/owner/charterlint/releases/download/v$version" ] || fail "url $(output resolved url)"
[ "$(output resolved category)" = "charterlint/src-docs" ] || fail "category $(output resolved category)"
run resolve named INPUT_CATEGORY=mine INPUT_VERSION=v1.2.3 ACTION_REPO="" || fail "resolve with inputs failed"
[ "$(output named category)" = mine ] || fail "the category input was not used"
[ "$(output named version)" = 1.2.3 ] || fail "the version input was not used"
case "$(output named url)" in */someone/project/releases/download/v1.2.3) ;; *) fail "a local action should use this repository's releases: $(output named url)" ;; esac
run resolve freebsd RUNNER_OS=FreeBSD || fail "resolve on another platform failed"
[ -z "$(output freebsd archive)" ] || fail "an archive for an unsupported platform"

download_env=(ARCHIVE="charterlint-$target.tar.gz" URL="$(output resolved url)" TARGET="$target")

# download: checked, unpacked, on PATH.
run download ok "${download_env[@]}" BIN_DIR="$work/ok/tmp/bin" || { cat "$work/ok/log" >&2; fail "download failed"; }
[ "$(output ok installed)" = true ] || fail "the release was not installed"
[ "$(cat "$work/ok/path")" = "$work/ok/tmp/bin" ] || fail "the binary's directory was not put on PATH"
"$work/ok/tmp/bin/charterlint" | grep -q "charterlint $version" || fail "the installed binary is not the archive's"

# A checksum that does not match is an error, and nothing is installed.
printf '%064d  %s\n' 0 "charterlint-$target.tar.gz" > "$release/charterlint-$target.tar.gz.sha256"
if run download bad "${download_env[@]}" BIN_DIR="$work/bad/tmp/bin"; then fail "a wrong checksum was accepted"; fi
grep -q "SHA-256 mismatch" "$work/bad/log" || { cat "$work/bad/log" >&2; fail "no mismatch error"; }
[ -z "$(output bad installed)$(cat "$work/bad/path")" ] || fail "a binary with a wrong checksum was installed"

# No release for this version, or no archive for the platform: not installed, so cargo builds it.
run download missing ARCHIVE="charterlint-$target.tar.gz" URL="http://127.0.0.1:$port/owner/charterlint/releases/download/v0.0.0-none" \
    TARGET="$target" BIN_DIR="$work/missing/tmp/bin" || { cat "$work/missing/log" >&2; fail "a missing release failed the step"; }
[ -z "$(output missing installed)" ] || fail "a missing release was reported installed"
grep -q "building with cargo" "$work/missing/log" || fail "no notice of the fallback"
run download none ARCHIVE="" URL="" TARGET="" BIN_DIR="$work/none/tmp/bin" || fail "an unsupported platform failed the step"
[ -z "$(output none installed)" ] || fail "an unsupported platform was reported installed"

echo "action.sh: ok: the action installs a release whose SHA-256 matches, refuses one that does not, and falls back to cargo without one"
