#!/usr/bin/env bash
# Streaming bench: how long a batch of screenshots takes end to end over HTTP, one image at a
# time versus the two streaming endpoints, and how soon the first result reaches the client.
# It starts its own decklist-server (loopback, ephemeral port) so the numbers include HTTP,
# multipart parsing, SSE framing and the worker pool exactly as a client sees them.
#
#   bash bench/stream_bench.sh [BUILD_DIR] [BATCH_SIZE] [WORKERS] [ROUNDS]
#     BUILD_DIR   where decklist-server is (default build)
#     BATCH_SIZE  images per batch, cycling through the shared screenshots (default 10)
#     WORKERS     max_workers for the server (default: one per core)
#     ROUNDS      how many times the two streaming endpoints are timed, taking turns
#                 (default 5): a virtual machine's speed drifts by 30 % within minutes, so
#                 one pair of runs says little; the medians and the per-round ratios do
#
# Prints, for each way of sending the batch, the total wall time and the time to the first
# result, then the speed-ups — what someone choosing max_workers wants to compare.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${1:-build}"
BATCH_SIZE="${2:-10}"
WORKERS="${3:-$(nproc)}"
ROUNDS="${4:-5}"
SHOTS=(../shared/riftbound/screenshots/*.jpg)
SERVER="$BUILD_DIR/decklist-server"
[[ -x "$SERVER" ]] || { echo "stream_bench: $SERVER not built" >&2; exit 2; }
command -v curl >/dev/null || { echo "stream_bench: needs curl" >&2; exit 2; }

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# Start the server and wait for its "listening on HOST:PORT" line.
mkfifo "$WORK/out"
"$SERVER" --config config/server.json --cards ../shared/riftbound/cards.csv --bind 127.0.0.1 \
    --port 0 --workers "$WORKERS" >"$WORK/out" 2>"$WORK/server.log" &
SERVER_PID=$!
read -r line <"$WORK/out"
PORT=${line##*:}
BASE="http://127.0.0.1:$PORT/api/v1"
# Wait until every worker has loaded Tesseract (ocr_ready), so start-up is not measured.
until curl -sf "http://127.0.0.1:$PORT/health" | grep -q '"ocr_ready":true'; do sleep 0.2; done

FORM=()
for ((i = 0; i < BATCH_SIZE; i++)); do FORM+=(-F "files=@${SHOTS[i % ${#SHOTS[@]}]}"); done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Warm-up: one image through every path (first-use costs are not what we measure).
curl -sf -F "file=@${SHOTS[0]}" "$BASE/process" >/dev/null

# 1. Sequential requests: one POST /process per image, back to back.
start=$(now)
first=""
for ((i = 0; i < BATCH_SIZE; i++)); do
    curl -sf -F "file=@${SHOTS[i % ${#SHOTS[@]}]}" "$BASE/process" >/dev/null
    [[ -z "$first" ]] && first=$(now)
done
end=$(now)
seq_total=$(elapsed "$start" "$end")
seq_first=$(elapsed "$start" "$first")
single=$(ratio "$seq_total" "$BATCH_SIZE")

# 2 and 3. One request, results streamed as events; records when the first result arrives.
stream_run() {
    local endpoint=$1 start first="" end
    start=$(now)
    while IFS= read -r line; do
        if [[ -z "$first" && "$line" == "event: result" ]]; then first=$(now); fi
    done < <(curl -sfN "${FORM[@]}" "$BASE/$endpoint")
    end=$(now)
    echo "$(elapsed "$start" "$end") $(elapsed "$start" "${first:-$end}")"
}
# Taking turns, so that a drift in the machine's speed reaches both endpoints alike.
stream_totals=() stream_firsts=() fast_totals=() fast_firsts=() round_ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    read -r st sf < <(stream_run process-batch-stream)
    read -r ft ff < <(stream_run process-batch-fast)
    stream_totals+=("$st") stream_firsts+=("$sf") fast_totals+=("$ft") fast_firsts+=("$ff")
    round_ratios+=("$(ratio "$ft" "$st")")
done
stream_total=$(median "${stream_totals[@]}") stream_first=$(median "${stream_firsts[@]}")
fast_total=$(median "${fast_totals[@]}") fast_first=$(median "${fast_firsts[@]}")

printf '\nstreaming bench: %d screenshots (%d distinct), max_workers %s, %d cores, load %s\n' \
    "$BATCH_SIZE" "${#SHOTS[@]}" "$WORKERS" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
printf '%-46s %9s %16s\n' "" "total s" "first result s"
printf '%-46s\n' "(streaming and parallel: medians of $ROUNDS rounds)"
printf '%-46s %9.2f %16.2f\n' "sequential: $BATCH_SIZE x POST /process" "$seq_total" "$seq_first"
printf '%-46s %9.2f %16.2f\n' "streaming:  POST /process-batch-stream" "$stream_total" "$stream_first"
printf '%-46s %9.2f %16.2f\n' "parallel:   POST /process-batch-fast" "$fast_total" "$fast_first"
printf '\none image (sequential total / %d):              %.2f s\n' "$BATCH_SIZE" "$single"
printf 'parallel vs streaming total:                  %.2fx the time (speed-up %.2fx)\n' \
    "$(ratio "$fast_total" "$stream_total")" "$(ratio "$stream_total" "$fast_total")"
printf 'parallel vs streaming, round by round:         %s (median %.2fx)\n' "${round_ratios[*]}" \
    "$(median "${round_ratios[@]}")"
printf 'parallel vs sequential requests:              speed-up %.2fx\n' \
    "$(ratio "$seq_total" "$fast_total")"
printf 'first result / one image: streaming %.2fx, parallel %.2fx\n' \
    "$(ratio "$stream_first" "$single")" "$(ratio "$fast_first" "$single")"
