#!/usr/bin/env bash
# Does /health stay quick while the workers are saturated with OCR? Starts its own
# decklist-server (loopback, ephemeral port), keeps CLIENTS streams of BATCH screenshots
# running against /api/v1/process-batch-fast, and meanwhile runs wrk against /health.
#
#   bash bench/health_under_load.sh [BUILD_DIR] [CLIENTS] [BATCH] [SECONDS]
#     defaults: build 8 4 20
#
# Prints wrk's latency distribution and request count, the number of non-2xx answers (must
# be 0), and for the batch streams how many ended with their complete event. Figures go to
# docs/RELIABILITY.md; nothing here is a test gate.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${1:-build}"
CLIENTS="${2:-8}"
BATCH="${3:-4}"
SECONDS_WRK="${4:-20}"
SHOTS=(../shared/riftbound/screenshots/*.jpg)
SERVER="$BUILD_DIR/decklist-server"
[[ -x "$SERVER" ]] || { echo "health_under_load: $SERVER not built" >&2; exit 2; }
for tool in curl wrk; do
    command -v "$tool" >/dev/null || { echo "health_under_load: needs $tool" >&2; exit 2; }
done

WORK=$(mktemp -d)
SERVER_PID=""
CLIENT_PIDS=()
# A client loop is stopped first so that it cannot start another curl, then its curl is ended.
stop_clients() {
    for pid in "${CLIENT_PIDS[@]}"; do
        kill -STOP "$pid" 2>/dev/null || true
        pkill -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    done
    CLIENT_PIDS=()
}
cleanup() {
    stop_clients
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

mkfifo "$WORK/out"
# All clients share 127.0.0.1, one "client" to the per-client limits: lifted here.
DECKLIST_MAX_CONCURRENT_BATCHES_PER_CLIENT=0 DECKLIST_IMAGES_PER_MINUTE_PER_CLIENT=0 "$SERVER" --config config/server.json --cards ../shared/riftbound/cards.csv --bind 127.0.0.1 \
    --port 0 >"$WORK/out" 2>"$WORK/server.log" &
SERVER_PID=$!
read -r line <"$WORK/out"
PORT=${line##*:}
until curl -sf "http://127.0.0.1:$PORT/health" | grep -q '"ocr_ready":true'; do sleep 0.2; done

FORM=()
for ((i = 0; i < BATCH; i++)); do FORM+=(-F "files=@${SHOTS[i % ${#SHOTS[@]}]}"); done

# Each client sends its batch again and again until wrk is done.
for ((c = 0; c < CLIENTS; c++)); do
    (
        while true; do
            curl -sN "${FORM[@]}" "http://127.0.0.1:$PORT/api/v1/process-batch-fast" \
                >>"$WORK/stream-$c.txt" || true
        done
    ) &
    CLIENT_PIDS+=($!)
    disown $!  # killed on purpose at the end: no job report
done
# Load first: wait until every worker is busy before measuring /health.
until curl -sf "http://127.0.0.1:$PORT/api/v1/stats" | grep -q '"busy":[1-9]'; do sleep 0.2; done

echo "health under load: $CLIENTS clients x $BATCH-image batches on /process-batch-fast," \
    "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
wrk -t1 -c16 -d"${SECONDS_WRK}s" --latency "http://127.0.0.1:$PORT/health" | tee "$WORK/wrk.txt"

stop_clients
completes=$(cat "$WORK"/stream-*.txt 2>/dev/null | grep -c '^event: complete' || true)
results=$(cat "$WORK"/stream-*.txt 2>/dev/null | grep -c '^event: result' || true)
non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk.txt" | grep -o '[0-9]*$' || echo 0)
echo "batch streams completed during the run: $completes ($results result events)"
echo "/health non-2xx answers: ${non2xx:-0}"
[[ "${non2xx:-0}" == 0 ]]
