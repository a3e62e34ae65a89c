#!/usr/bin/env bash
# Sanitizer suite for scripts/test.sh: builds the gtest suites and decklist-server with
# AddressSanitizer + UndefinedBehaviorSanitizer (-DDECKLIST_SANITIZE=ON, gcc, in build-asan)
# and runs them with ctest. Integration suites start the sanitized server binary, so its
# request handling is checked too; a sanitizer report in the server makes it exit non-zero
# or die, which fails the test that started it.
#
# CI time is bounded (docs/RELIABILITY.md states what is covered and how long it takes):
# - SANITIZE_UNIT: the unit suites (folders below tests/unit, e.g. http/router) of the code
#   that handles sockets, threads and untrusted bytes as they arrive (HTTP, multipart, access,
#   batches and their event schemas, SSE, config); "all" builds every unit suite. Folder a/b
#   is the target unit_a_b, its tests ^unit\.a\.b\. . The engine's suites (core/image,
#   core/layout, core/ocr, core/parse, core/match, core/export) are left out by default: that
#   code runs under ASan + UBSan anyway, in the sanitized server that integration_hostile
#   drives with real screenshots, and in the libFuzzer targets.
# - SANITIZE_INTEGRATION: the integration suites, each starting the sanitized server.
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${DECKLIST_ASAN_BUILD_DIR:-build-asan}
unit=${SANITIZE_UNIT:-"http/core http/multipart http/access http/router http/static_files http/stats http/sse http/config core/batch"}
integration=${SANITIZE_INTEGRATION:-"server hostile streaming streaming_handlers"}

started=$(date +%s)
# A unity build (sources compiled in batches of 16) parses the Beast, Asio, OpenCV and gtest
# headers once per batch instead of once per file (CI: 565 s for a larger tree than the 691 s
# of the file-by-file build before it).
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
  -DDECKLIST_SANITIZE=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 >/dev/null || exit 1

if [[ $unit == all ]]; then
  unit=""
  for dir in tests/unit/*/*/; do
    dir=${dir%/}
    find "$dir" -name "*.cpp" | grep -q . && unit+=" ${dir#tests/unit/}"
  done
fi
targets=(decklist-server)
regex="^$"
for folder in $unit; do
  folder=${folder%/}
  targets+=("unit_${folder//\//_}")
  regex+="|^unit\.${folder//\//\\.}\."
done
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
echo "sanitizers: build $((built - started)) s, tests $((finished - built)) s (unit:$(printf ' %s' $unit); integration: $integration)"
exit $status
