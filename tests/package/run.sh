#!/usr/bin/env bash
# Package suite: builds the .deb (scripts/package.sh), installs it into this machine with
# dpkg -i, checks the systemd unit with systemd-analyze verify, starts the installed server
# from the installed paths in an empty working directory (no source tree) on a free loopback
# port, processes a screenshot from the shared data, and uninstalls (also when a step fails).
# Needs root (dpkg). Environment: DECKLIST_PACKAGE_DIR (default build-package),
# DECKLIST_SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
shared=$(cd "${DECKLIST_SHARED_DIR:-../shared}" && pwd)
[[ $(id -u) == 0 ]] || { echo "package suite: needs root for dpkg -i" >&2; exit 1; }

deb=$(bash scripts/package.sh | tail -n 1)
deb=$(realpath "$deb")
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Depends

workdir=$(mktemp -d /tmp/decklist-package-XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  dpkg --purge decklist-ocr >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

fail() { echo "package suite: FAIL: $*" >&2; exit 1; }

dpkg-deb --info "$deb" conffiles | grep -qx /etc/decklist-ocr/server.json || fail "server.json is not a conffile"
dpkg -i "$deb"
for path in /usr/bin/decklist-server /usr/bin/decklist-cli /etc/decklist-ocr/server.json \
  /usr/share/decklist-ocr/data/riftbound/cards.csv /usr/share/decklist-ocr/web/index.html \
  /usr/lib/systemd/system/decklist-server.service /usr/share/man/man1/decklist-cli.1.gz \
  /usr/share/doc/decklist-ocr/openapi.json /usr/share/doc/decklist-ocr/README.md /usr/share/decklist-ocr/web/docs/vendor/swagger-ui-bundle.js; do
  [[ -e "$path" ]] || fail "$path not installed"
done
depends=$(dpkg-deb --field "$deb" Depends)
for library in libtesseract5 libopencv-core libspdlog tesseract-ocr-chi-sim; do
  [[ "$depends" == *"$library"* ]] || fail "Depends lacks $library: $depends"
done
command -v systemd-analyze >/dev/null || fail "systemd-analyze missing (apt-get install systemd)"
systemd-analyze verify /usr/lib/systemd/system/decklist-server.service || fail "systemd-analyze verify"
echo "systemd-analyze verify: ok"
# The unit's Documentation= must name files the package installed.
grep -o 'file:[^ ]*' /usr/lib/systemd/system/decklist-server.service | while read -r doc; do
  [[ -e "${doc#file:}" ]] || fail "the unit's Documentation $doc is not installed"
done
[[ "$(/usr/bin/decklist-server --version)" == "decklist-server "* ]] || fail "--version"

# The installed config with a loopback bind and any free port, started where no source tree is.
cd "$workdir"
mkfifo out
/usr/bin/decklist-server --config /etc/decklist-ocr/server.json --bind 127.0.0.1 --port 0 \
  >out 2>server.log &
server_pid=$!
exec 3<out
read -r -t 60 line <&3 || fail "no 'listening on' line: $(cat server.log)"
[[ "$line" == "listening on 127.0.0.1:"* ]] || fail "unexpected first line: $line"
port=${line##*:}
echo "installed server on port $port (working directory $workdir)"

health=$(curl -sS "http://127.0.0.1:$port/health")
[[ "$health" == *'"total_cards_in_db":399'* ]] || fail "health: $health"
[[ "$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" == 200 ]] || fail "web page"
for path in /api/v1/openapi.json /docs /docs/vendor/swagger-ui-bundle.js; do
  [[ "$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")" == 200 ]] || fail "$path"
done

shot=$(ls "$shared"/riftbound/screenshots/*.jpg | head -n 1)
result=$(curl -sS -F "file=@$shot" "http://127.0.0.1:$port/api/v1/process")
total=$(printf '%s' "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["total_cards"])') \
  || fail "process: $result"
((total > 0)) || fail "no cards read from $shot: $result"
echo "processed $(basename "$shot"): $total cards"
# The image was processed, so every OCR worker has loaded: readiness must say so.
ready=$(curl -sS -w ' %{http_code}' "http://127.0.0.1:$port/ready")
[[ "$ready" == *'"status":"ready"'*' 200' ]] || fail "ready: $ready"

# Saving puts the library where the packaged config says: the service's state directory.
saved=$(curl -sS -F "file=@$shot" "http://127.0.0.1:$port/api/v1/process?save=true")
[[ "$saved" == *'"saved":{'* ]] || fail "process?save=true: ${saved:0:300}"
[[ -s /var/lib/decklist-ocr/decklists.sqlite3 ]] || fail "no library in /var/lib/decklist-ocr"
[[ ! -e /usr/share/decklist-ocr/var ]] || fail "a library under /usr/share/decklist-ocr"

kill -TERM "$server_pid"
wait "$server_pid" || fail "server exit code $?"
server_pid=""
cd "$root"
dpkg --purge decklist-ocr
[[ ! -e /usr/bin/decklist-server ]] || fail "/usr/bin/decklist-server left after purge"
[[ ! -e /var/lib/decklist-ocr ]] || fail "/var/lib/decklist-ocr left after purge"
echo "package suite: passed"
