#!/usr/bin/env bash
# Fuzz suite for scripts/test.sh: builds every libFuzzer target (clang, ASan + UBSan, in
# build-fuzz) and runs each on its seed corpus for FUZZ_SECONDS (30 s under CI=true, 5 s
# otherwise). Any crash, leak, sanitizer report or timeout fails the suite.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [[ -n ${FUZZ_SECONDS:-} ]]; then
  seconds=$FUZZ_SECONDS
elif [[ ${CI:-} == true ]]; then
  seconds=30
else
  seconds=5
fi
bash scripts/fuzz.sh all || { echo "fuzz: build failed"; exit 1; }
failed=()
for source in tests/fuzz/targets/fuzz_*.cpp; do
  target=$(basename "$source" .cpp)
  echo "--- $target (${seconds}s)"
  if ! bash scripts/fuzz.sh "$target" "$seconds" >"build-fuzz/$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "build-fuzz/$target.log"
  fi
  grep -E '^(#[0-9]+\s+DONE|stat::number_of_executed_units)' "build-fuzz/$target.log" || true
done
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]} (artifacts in build-fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: all targets clean"
