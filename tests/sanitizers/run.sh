#!/usr/bin/env bash
# Sanitizer suite for scripts/test.sh: builds the gtest suites and decklist-server with
# AddressSanitizer + UndefinedBehaviorSanitizer (-DDECKLIST_SANITIZE=ON, gcc, in build-asan)
# and runs them with ctest. Integration suites start the sanitized server binary, so its
# request handling is checked too; a sanitizer report in the server makes it exit non-zero
# or die, which fails the test that started it.
#
# CI time is bounded: by default every unit suite plus the integration suites listed in
# SANITIZE_INTEGRATION (docs/RELIABILITY.md states what is covered and how long it takes).
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${DECKLIST_ASAN_BUILD_DIR:-build-asan}
integration=${SANITIZE_INTEGRATION:-"server hostile"}

started=$(date +%s)
# A unity build (sources compiled in batches of 16) roughly halves the compile time: most of
# it is spent parsing the same Beast, Asio, OpenCV and gtest headers again for every file.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1 -Wno-subobject-linkage" \
  -DDECKLIST_SANITIZE=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 >/dev/null || exit 1

targets=(decklist-server)
for dir in tests/unit/*/; do
  find "$dir" -name "*.cpp" | grep -q . && targets+=("unit_$(basename "$dir")")
done
regex="^unit\."
for name in $integration; do
  targets+=("integration_$name")
  regex+="|^integration\.$name\."
done
cmake --build "$build" -j2 --target "${targets[@]}" || { echo "sanitizers: build failed"; exit 1; }
built=$(date +%s)

# detect_leaks: leaks fail the run. Third-party leaks that are not ours are listed, with
# the reason, in lsan.supp. halt_on_error: the first UB report stops the process.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
export OMP_THREAD_LIMIT=1
ctest --test-dir "$build" --output-on-failure -j2 --timeout 900 -R "$regex"
status=$?
finished=$(date +%s)
echo "sanitizers: build $((built - started)) s, tests $((finished - built)) s (integration: $integration)"
exit $status
