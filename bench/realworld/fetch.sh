#!/usr/bin/env bash
# Get every repository of manifest.tsv at its pinned commit into OUT_DIR.
#
# usage: fetch.sh OUT_DIR
#   OUT_DIR/<owner>+<name>/            the files of the pinned commit (what is scanned)
#   OUT_DIR/_history/<owner>+<name>/   an empty work tree whose .git holds the last N commits
#                                      (only for repositories with history > 0; for --git-log)
#   OUT_DIR/_state/<owner>+<name>.*    the extracted sha and the list of files that could not be had
#
# Sources, in order:
#   REALWORLD_MIRRORS=DIR  a folder of bare git mirrors laid out DIR/<owner>+<name>
#                          (the git dir may be that folder, or its repo/ or repo/.git);
#                          no network is used for a repository found there
#   otherwise              https://codeload.github.com/<owner>/<name>/tar.gz/<sha>, then
#                          git init + git fetch --depth 1 from https://github.com/<owner>/<name>
# REALWORLD_ONLY=owner/name,...  restricts the run to these repositories.
# Re-running is cheap: a repository already extracted at its pinned sha is left alone.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/manifest.tsv"
out="${1:?usage: fetch.sh OUT_DIR}"
mkdir -p "$out/_state" "$out/_history"
out="$(cd "$out" && pwd)"
failed=0

mirror_dir() {
    local base="${REALWORLD_MIRRORS:-}/$1"
    [ -n "${REALWORLD_MIRRORS:-}" ] || return 1
    for g in "$base/repo/.git" "$base/repo" "$base.git" "$base"; do
        if [ -d "$g" ] && git --git-dir="$g" rev-parse --git-dir >/dev/null 2>&1; then
            echo "$g"
            return 0
        fi
    done
    return 1
}

# Last N+1 commits, no file contents: enough for `git log SHA~N..SHA`.
fetch_history() {
    local url="$1" sha="$2" depth="$3" dest="$4"
    rm -rf "$dest"
    mkdir -p "$dest"
    git -C "$dest" init -q
    git -C "$dest" -c protocol.file.allow=always -c uploadpack.allowFilter=true \
        fetch -q --filter=blob:none --depth "$depth" "$url" "$sha"
    git -C "$dest" update-ref refs/heads/pinned "$sha"
    git -C "$dest" symbolic-ref HEAD refs/heads/pinned
}

while IFS=$'\t' read -r repo sha category history _why; do
    case "$repo" in ''|'#'*) continue ;; esac
    if [ -n "${REALWORLD_ONLY:-}" ] && [[ ",$REALWORLD_ONLY," != *",$repo,"* ]]; then
        continue
    fi
    key="${repo/\//+}"
    dest="$out/$key"
    state="$out/_state/$key"
    echo "$repo @ ${sha:0:12} ($category)" >&2
    if [ "$(cat "$state.sha" 2>/dev/null)" != "$sha" ]; then
        rm -rf "$dest" "$state.sha"
        mkdir -p "$dest"
        if gd="$(mirror_dir "$key")"; then
            if ! git --git-dir="$gd" cat-file -e "$sha^{commit}" 2>/dev/null; then
                echo "  error: $sha is not in the mirror $gd" >&2
                failed=1
                continue
            fi
            python3 "$here/extract.py" "$gd" "$sha" "$dest" "$state.missing"
        elif curl -fsSL "https://codeload.github.com/$repo/tar.gz/$sha" \
            | tar -xz --strip-components=1 -C "$dest"; then
            : >"$state.missing"
        else
            rm -rf "$dest"
            tmp="$out/_state/$key.git"
            rm -rf "$tmp"
            git init -q --bare "$tmp"
            if git --git-dir="$tmp" fetch -q --depth 1 "https://github.com/$repo" "$sha"; then
                mkdir -p "$dest"
                git --git-dir="$tmp" archive "$sha" | tar -x -C "$dest"
                : >"$state.missing"
                rm -rf "$tmp"
            else
                echo "  error: could not get $repo at $sha" >&2
                rm -rf "$tmp"
                failed=1
                continue
            fi
        fi
        echo "$sha" >"$state.sha"
    fi
    if [ "${history:-0}" -gt 0 ]; then
        hist="$out/_history/$key"
        if [ "$(git -C "$hist" rev-parse -q --verify HEAD 2>/dev/null)" != "$sha" ]; then
            if gd="$(mirror_dir "$key")"; then url="file://$gd"; else url="https://github.com/$repo"; fi
            fetch_history "$url" "$sha" "$((history + 1))" "$hist" \
                || { echo "  error: no history for $repo" >&2; failed=1; }
        fi
    fi
    if [ -s "$state.missing" ]; then
        echo "  $(wc -l <"$state.missing") file(s) absent from the source, listed in $state.missing" >&2
    fi
done <"$manifest"
exit "$failed"
