#!/usr/bin/env bash
# Sets up (packages, build) and runs every test suite:
#   1. ctest: gtest unit and integration suites (integration starts the real server on loopback)
#   2. every tests/<suite>/run.sh, in the order below (browser, openapi, proxies, python_clients,
#      interop, access, package, fuzz, sanitizers)
# Prints one closing line "N passed, N failed" over the suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export DECKLIST_SETUP_TEST_TOOLS=1
bash scripts/setup.sh || { echo "setup failed"; exit 1; }

passed=0
failed=0
failed_names=()
timings=("setup+build $SECONDS s")
run_suite() {
  local name=$1
  shift
  echo "=== suite: $name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_names+=("$name")
  fi
  timings+=("$name $((SECONDS - started)) s")
}

run_suite ctest ctest --test-dir build --output-on-failure -j2 --timeout 600
for suite in browser openapi proxies python_clients interop access package fuzz sanitizers; do
  if [[ -f tests/$suite/run.sh ]]; then
    run_suite "$suite" bash tests/$suite/run.sh
  fi
done

echo "suite times:"; printf "  %s\n" "${timings[@]}"
if ((failed)); then echo "failed suites: ${failed_names[*]}"; fi
echo "suites: $passed passed, $failed failed"
((failed == 0))
