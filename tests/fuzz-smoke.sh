#!/bin/sh
# A short fuzzing run of every target under fuzz/ (20 seconds each by default), seeded from
# fuzz/corpus/<target>/. Fails on the first crash, which libFuzzer saves under
# fuzz/artifacts/<target>/. Needs a nightly toolchain and cargo-fuzz: without nightly it skips
# with a notice; without cargo-fuzz it installs it (a compile of a few minutes).
#
#   tests/fuzz-smoke.sh            every target, FUZZ_SECONDS (20) each
#   tests/fuzz-smoke.sh logs pdf   only these targets
#
# The whole run is bounded by FUZZ_BUDGET seconds (default 300): targets that would start past
# it are skipped with a notice, so CI time stays predictable.
set -eu

cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
budget=${FUZZ_BUDGET:-300}
started=$(date +%s)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz-smoke: SKIPPED: no nightly toolchain (rustup toolchain install nightly)" >&2
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz (a few minutes)" >&2
    cargo install cargo-fuzz --locked
fi

targets=${*:-$(cargo +nightly fuzz list --fuzz-dir fuzz)}
# One build for every target, so the budget goes to fuzzing.
cargo +nightly fuzz build -O --fuzz-dir fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in $targets; do
    now=$(date +%s)
    if [ $((now - started + seconds)) -gt "$budget" ]; then
        echo "fuzz-smoke: $t SKIPPED: the ${budget}s budget is spent" >&2
        continue
    fi
    mkdir -p "$work/$t"
    echo "fuzz-smoke: $t for ${seconds}s" >&2
    # New inputs go to a scratch corpus; the committed seeds are only read.
    cargo +nightly fuzz run -O --fuzz-dir fuzz "$t" "$work/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>"$work/$t.log" || {
        tail -n 40 "$work/$t.log" >&2
        echo "fuzz-smoke: $t FAILED (the crashing input is under fuzz/artifacts/$t/)" >&2
        exit 1
    }
    grep -E '^stat::number_of_executed_units|^Done' "$work/$t.log" | sed "s/^/fuzz-smoke: $t: /" >&2 || true
done
echo "fuzz-smoke: ok" >&2
