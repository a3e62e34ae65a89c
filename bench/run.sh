#!/usr/bin/env bash
# Measures what docs/PERFORMANCE.md reports, over the shared screenshots:
#   1. decklist-cli bench, one thread and one thread per core
#   2. peak RSS of `decklist-cli parse` on one image (/usr/bin/time -v)
#   3. the naive baseline: plain `tesseract IMAGE out -l chi_sim --psm 11`
#   4. the matcher alone (match-bench)
#   5. the decklist library: saving and listing (library-bench; PostgreSQL when installed)
# usage: bench/run.sh [BUILD_DIR] (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shared=${DECKLIST_SHARED_DIR:-../shared}
images=("$shared"/riftbound/screenshots/*.jpg)
repeat=${BENCH_REPEAT:-5}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## decklist-cli bench --threads 1 --repeat $repeat"
"$build"/decklist-cli bench --threads 1 --repeat "$repeat" "${images[@]}"
echo
echo "## decklist-cli bench --threads $(nproc) --repeat $repeat"
"$build"/decklist-cli bench --threads "$(nproc)" --repeat "$repeat" "${images[@]}"
echo
echo "## peak RSS, decklist-cli parse on one image"
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v "$build"/decklist-cli parse "${images[0]}" 2>&1 >/dev/null |
    grep -E 'Maximum resident set size|Elapsed \(wall clock\)'
else
  echo "(/usr/bin/time missing: apt-get install time)"
fi
echo
echo "## naive baseline: tesseract IMAGE out -l chi_sim --psm 11"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v tesseract >/dev/null || echo "(tesseract command missing: apt-get install tesseract-ocr)"
command -v tesseract >/dev/null && for image in "${images[@]}"; do
  start=$(date +%s%N)
  if [[ -x /usr/bin/time ]]; then
    cpu=$(OMP_THREAD_LIMIT=1 /usr/bin/time -f '%U %S' tesseract "$image" "$tmp/out" -l chi_sim --psm 11 2>&1 >/dev/null | tail -1)
    cpu_ms=$(awk '{printf "%d", ($1 + $2) * 1000}' <<<"$cpu")
  else
    OMP_THREAD_LIMIT=1 tesseract "$image" "$tmp/out" -l chi_sim --psm 11 >/dev/null 2>&1
    cpu_ms="?"
  fi
  end=$(date +%s%N)
  printf '%-40s wall %6d ms   cpu %6s ms\n' "$(basename "$image")" $(((end - start) / 1000000)) "$cpu_ms"
done
echo
echo "## matcher alone"
"$build"/match-bench "$shared"
echo
echo "## decklist library (library-bench)"
"$build"/library-bench "$shared"
