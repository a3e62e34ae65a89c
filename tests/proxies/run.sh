#!/usr/bin/env bash
# Proxies suite: Debian's nginx (config/nginx.conf, and a plain proxy_pass location with
# nginx's defaults), HAProxy (config/haproxy.cfg) and Caddy (config/Caddyfile), each in front
# of real build/decklist-server instances on loopback, with real-size batches (24 screenshots,
# > 20 MB) made at run time by ImageMagick from the shared screenshots; see the *.test.mjs
# files for what is asserted. Needs node (fetch, test runner), nginx, haproxy, caddy and
# imagemagick; no npm packages.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared),
# DECKLIST_NGINX, DECKLIST_HAPROXY, DECKLIST_CADDY, DECKLIST_CONVERT (the binaries).
# Arguments: test files to run instead of all, e.g. `run.sh haproxy.test.mjs`.
set -euo pipefail
cd "$(dirname "$0")"
need() {
  [[ -x "$1" ]] || { echo "proxies suite: $1 missing (apt-get install $2)" >&2; exit 1; }
}
need "${DECKLIST_NGINX:-/usr/sbin/nginx}" nginx-light
need "${DECKLIST_HAPROXY:-/usr/sbin/haproxy}" haproxy
need "${DECKLIST_CADDY:-/usr/bin/caddy}" caddy
need "${DECKLIST_CONVERT:-/usr/bin/convert}" imagemagick

# The large batch, made once for every test file, removed at the end.
screenshots=$(mktemp -d "${TMPDIR:-/tmp}/decklist-proxies-XXXXXX")
trap 'rm -rf "$screenshots"' EXIT
node lib/screenshots.mjs "$screenshots"
export DECKLIST_PROXY_SCREENSHOTS=$screenshots

if (($#)); then files=("$@"); else files=(*.test.mjs); fi
# The timeout guards against a hang (every stream and upload has its own deadline too); on a
# quiet 2-core machine the whole suite takes about 2 minutes.
node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 "${files[@]}"
