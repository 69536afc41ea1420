#!/usr/bin/env bash
# Proves the PyPI package: the wheel built by maturin from pypi/pyproject.toml carries the binary,
# the licences and the SBOM; installed in a fresh virtual environment, `charterlint --version` is
# the version of Cargo.toml; the root pyproject.toml (what pre-commit installs for the python
# hooks) pins that same version; and the real pre-commit runs the `charterlint` and
# `charterlint-commit-msg` hooks with this wheel (tests/pre-commit.sh python).
#
# The wheel is built in the dev profile, reusing what `cargo test` compiled (seconds, not the
# minutes of an optimised build): packaging and installing do not depend on the optimisation
# level. WHEEL_PROFILE=release builds it as the release workflow does.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
maturin_version=1.16.0

work="$(mktemp -d)"
copied=()
cleanup() {
    rm -rf "$work"
    for f in "${copied[@]}"; do rm -f "$f"; done
}
trap cleanup EXIT
fail() {
    echo "wheel.sh: FAIL: $*" >&2
    exit 1
}

# maturin in a virtual environment of its own under target/, kept between runs.
tools="$repo/target/wheel-tools"
if [ "$("$tools/bin/maturin" --version 2>/dev/null)" != "maturin $maturin_version" ]; then
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "maturin==$maturin_version"
fi

# maturin takes the licence files from beside pypi/pyproject.toml; they live at the root.
for f in LICENSE-MIT LICENSE-APACHE; do
    if [ ! -e "pypi/$f" ]; then
        cp "$f" "pypi/$f"
        copied+=("$repo/pypi/$f")
    fi
done
profile=()
[ "${WHEEL_PROFILE:-dev}" = release ] && profile=(--release)
started=$SECONDS
(cd pypi && "$tools/bin/maturin" build --locked "${profile[@]}" --quiet --out "$work/wheels") >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "maturin build failed"; }
wheel="$(ls "$work"/wheels/charterlint-*.whl)"
echo "wheel.sh: built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) in $((SECONDS - started)) s"

version="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["package"]["version"])' Cargo.toml)"
case "$(basename "$wheel")" in
    "charterlint-$version-py3-none-"*) ;;
    *) fail "the wheel's name $(basename "$wheel") is not charterlint-$version-py3-none-<platform>" ;;
esac

# The binary, the licences and the SBOM are in the wheel.
python3 - "$wheel" "$version" <<'PY' || fail "the wheel's contents"
import sys, zipfile
wheel, version = sys.argv[1], sys.argv[2]
names = zipfile.ZipFile(wheel).namelist()
want = [
    f"charterlint-{version}.data/scripts/charterlint",
    f"charterlint-{version}.dist-info/licenses/LICENSE-MIT",
    f"charterlint-{version}.dist-info/licenses/LICENSE-APACHE",
    f"charterlint-{version}.dist-info/sboms/charterlint.cyclonedx.json",
]
missing = [n for n in want if n not in names]
if missing:
    sys.exit(f"missing from the wheel: {missing}; it holds {names}")
PY

# Installed in a fresh virtual environment, with no index: the wheel needs nothing else.
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
got="$("$work/venv/bin/charterlint" --version)"
[ "$got" = "charterlint $version" ] || fail "charterlint --version printed '$got', expected 'charterlint $version'"
echo "wheel.sh: ok: '$got' from a fresh virtual environment"

# The pre-commit package pins the same version, else a hook at this tag would run another release.
python3 - "$version" <<'PY' || fail "pyproject.toml does not pin charterlint==$version"
import sys, tomllib
version = sys.argv[1]
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
assert project["dependencies"] == [f"charterlint=={version}"], project["dependencies"]
assert project["version"] == version, project["version"]
PY

bash tests/pre-commit.sh python "$work/wheels"
