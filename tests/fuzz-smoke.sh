#!/usr/bin/env bash
# A short fuzzing run of every target under fuzz/ (20 seconds each by default), seeded from
# fuzz/corpus/<target>/. Fails on the first crash, hang (10 s for one input) or memory blow-up,
# and prints the path of the input that caused it (saved under fuzz/artifacts/<target>/).
#
#   tests/fuzz-smoke.sh            every target, FUZZ_SECONDS (20) each
#   tests/fuzz-smoke.sh logs split only these targets
#
# Needs a nightly toolchain, not cargo-fuzz: the targets are built with `cargo +nightly build`
# and exactly the flags of `cargo fuzz build -O -s none --codegen-units 16` (0.13), so a fresh CI
# machine skips the five-minute `cargo install cargo-fuzz`, and that cargo-fuzz command reuses
# this build. No AddressSanitizer by default: the code is safe Rust, where a panic is what the
# fuzzer finds, and the sanitizer with one codegen unit costs more than the whole step's budget to
# build on two cores (FUZZ_ASAN=1 gives cargo-fuzz's default build, `cargo fuzz build -O`).
# Without nightly it skips with a notice, except under CI (CI set), where that is a failure.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz-smoke: no nightly toolchain (rustup toolchain install nightly)" >&2
    [ -n "${CI:-}" ] && exit 1
    echo "fuzz-smoke: SKIPPED" >&2
    exit 0
fi

if [ $# -gt 0 ]; then
    targets="$*"
else
    targets=$(for f in fuzz/fuzz_targets/*.rs; do basename "$f" .rs; done)
fi

triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
# cargo-fuzz's flags, in its order and with its leading space: the same RUSTFLAGS string keeps
# cargo's fingerprint, so cargo-fuzz and this script share one build.
flags=" -Cpasses=sancov-module"
flags+=" -Cllvm-args=-sanitizer-coverage-level=4"
flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
flags+=" -Cllvm-args=-sanitizer-coverage-pc-table"
flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares"
flags+=" --cfg fuzzing"
flags+=" -Cllvm-args=-simplifycfg-branch-fold-threshold=0"
if [ -n "${FUZZ_ASAN:-}" ]; then
    flags+=" -Zsanitizer=address"
    flags+=" -Cllvm-args=-sanitizer-coverage-stack-depth"
    flags+=" -Ccodegen-units=1"
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_odr_violation=0"
else
    flags+=" -Cllvm-args=-sanitizer-coverage-stack-depth"
    flags+=" -Ccodegen-units=16"
fi

started=$(date +%s)
bins=()
for t in $targets; do bins+=(--bin "$t"); done
# fuzz/Cargo.lock is not --locked: a dependency added to the main crate would otherwise fail
# this step until the fuzz lock file is regenerated; locked versions are kept as they are.
RUSTFLAGS="$flags" cargo +nightly build --manifest-path fuzz/Cargo.toml --target "$triple" \
    --release --config 'profile.release.debug="line-tables-only"' "${bins[@]}"
echo "fuzz-smoke: built in $(($(date +%s) - started)) s" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in $targets; do
    mkdir -p "$work/$t" "fuzz/artifacts/$t"
    echo "fuzz-smoke: $t for ${seconds}s" >&2
    # New inputs go to a scratch corpus; the committed seeds are only read.
    if ! "fuzz/target/$triple/release/$t" -artifact_prefix="fuzz/artifacts/$t/" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        "$work/$t" "fuzz/corpus/$t" 2>"$work/$t.log"; then
        tail -n 40 "$work/$t.log" >&2
        artifact=$(sed -n 's/.*Test unit written to \([^ ]*\).*/\1/p' "$work/$t.log" | tail -n 1)
        echo "fuzz-smoke: $t FAILED; the input: ${artifact:-(none written; see the log above)}" >&2
        echo "fuzz-smoke: reproduce with fuzz/target/$triple/release/$t ${artifact:-}" >&2
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^Done' "$work/$t.log" \
        | sed "s/^/fuzz-smoke: $t: /" >&2 || true
done
echo "fuzz-smoke: ok in $(($(date +%s) - started)) s" >&2
