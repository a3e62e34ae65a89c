#!/usr/bin/env bash
# Interop suite: our Riftbound deck codes against the reference implementation, the npm
# package @piltoverarchive/riftbound-deck-codes pinned by package-lock.json (see check.js).
# Needs the build (DECKLIST_BUILD_DIR, default build/) with decklist-cli and
# deck-code-interop. INTEROP_SEED repeats a run; INTEROP_DECKS sets the random deck count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="${DECKLIST_BUILD_DIR:-build}"
[[ $build == /* ]] || build="$root/$build"
shared="${DECKLIST_SHARED_DIR:-$root/../shared}"
seed="${INTEROP_SEED:-$(($(date +%s%N) % 1000000007))}"
count="${INTEROP_DECKS:-320}"
export OMP_THREAD_LIMIT=1
echo "interop: seed $seed (INTEROP_SEED=$seed repeats this run)"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    { echo "interop: FAILED: npm ci"; exit 1; }
for tool in deck-code-interop decklist-cli; do
    if [[ ! -x $build/$tool ]]; then
        cmake --build "$build" -j2 --target "$tool" >/dev/null ||
            { echo "interop: FAILED: cannot build $tool in $build"; exit 1; }
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/deck-code-interop" random-decks "$shared/riftbound/cards.csv" "$seed" "$count" \
    >"$work/random.jsonl"
mkdir "$work/screens"
for image in "$shared"/riftbound/screenshots/*.jpg; do
    name=$(basename "$image" .jpg)
    if ! "$build/decklist-cli" parse --format json "$image" >"$work/screens/$name.json" \
        2>"$work/$name.err"; then
        echo "interop: FAILED: decklist-cli parse --format json $image:"
        cat "$work/$name.err"
        exit 1
    fi
done
node "$here/check.js" --decklists "$work/random.jsonl" --screens "$work/screens" \
    --decoder "$build/deck-code-interop" --seed "$seed" --count "$count"
