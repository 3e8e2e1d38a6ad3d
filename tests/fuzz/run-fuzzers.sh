#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang and runs each for a bounded time;
# fails when one finds a crash, a sanitizer report, a timeout or an out-of-memory input.
#
#   run-fuzzers.sh [--build-dir DIR] [--time SECONDS] [--jobs N] [HARNESS...]
#
# New inputs that reach new code go to DIR/corpus/HARNESS (the seeds in corpus/NAME, HARNESS
# without its fuzz_ prefix, are only read),
# crash reproducers to DIR/artifacts/HARNESS/, each run's output to DIR/HARNESS.log.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=${PWD}/build-fuzz
seconds=25
jobs=2
harnesses=()
while [ $# -gt 0 ]; do
    case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --time) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) harnesses+=("$1"); shift ;;
    esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_cron fuzz_filename fuzz_pbx_answers fuzz_archive fuzz_encrypted)

cxx=${FUZZ_CXX:-$(command -v clang++ || command -v clang++-14 || true)}
if [ -z "$cxx" ]; then
    echo "clang++ not found: install the packages clang and libclang-rt-14-dev (deps.sh)" >&2
    exit 1
fi
configure=(-S "$here" -B "$build_dir" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
command -v ninja >/dev/null && [ ! -f "$build_dir/Makefile" ] && configure+=(-G Ninja)
command -v ccache >/dev/null && configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake "${configure[@]}" >"$build_dir.configure.log" 2>&1 || {
    cat "$build_dir.configure.log" >&2
    exit 1
}
cmake --build "$build_dir" -j "$jobs" --target "${harnesses[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0
for harness in "${harnesses[@]}"; do
    corpus="$build_dir/corpus/$harness"
    artifacts="$build_dir/artifacts/$harness/"
    log="$build_dir/$harness.log"
    mkdir -p "$corpus" "$artifacts"
    # -timeout: one input taking longer is a finding (a hang); -rss_limit_mb: so is a memory blowup.
    if "$build_dir/$harness" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
        -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$here/corpus/${harness#fuzz_}" \
        >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "$harness: ok, ${runs:-?} inputs in ${seconds} s"
        passed=$((passed + 1))
    else
        echo "$harness: FAILED (reproducer in $artifacts); end of $log:"
        tail -n 40 "$log"
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
