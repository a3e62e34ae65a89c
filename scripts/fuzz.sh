#!/usr/bin/env bash
# Builds one libFuzzer target (clang, -fsanitize=fuzzer,address,undefined, in build-fuzz) and
# runs it for SECONDS on a copy of its seed corpus, so the committed seeds stay small.
#   scripts/fuzz.sh fuzz_multipart 60          (target name with or without the fuzz_ prefix)
#   scripts/fuzz.sh all                         (only builds every target)
# Crashes are written to build-fuzz/artifacts/<target>/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:-60}
[[ $target == all || $target == fuzz_* ]] || target=fuzz_$target
build=${DECKLIST_FUZZ_BUILD_DIR:-build-fuzz}

if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None \
    -DDECKLIST_FUZZ=ON -DDECKLIST_SANITIZE=ON \
    -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only -fsanitize=fuzzer-no-link" >/dev/null
fi
if [[ $target == all ]]; then
  cmake --build "$build" -j2 --target fuzz_all
  exit 0
fi
cmake --build "$build" -j2 --target "$target"

name=${target#fuzz_}
work="$build/corpus/$name"
artifacts="$build/artifacts/$name"
mkdir -p "$work" "$artifacts"
cp -n tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export OMP_THREAD_LIMIT=1
# -rss_limit_mb: decoding is bounded by the intake limits; more than this is a finding.
"$build/tests/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$work"
