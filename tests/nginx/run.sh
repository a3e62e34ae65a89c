#!/usr/bin/env bash
# nginx suite: Debian's nginx with config/nginx.conf (ports substituted) in front of two real
# build/decklist-server instances on loopback; see nginx.test.mjs for what is asserted.
# Needs node (fetch, test runner) and nginx; no npm packages.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")"
nginx_bin=${DECKLIST_NGINX:-/usr/sbin/nginx}
[[ -x "$nginx_bin" ]] || { echo "nginx suite: $nginx_bin missing (apt-get install nginx-light)" >&2; exit 1; }
exec node --test --test-reporter=spec --test-concurrency=1 nginx.test.mjs
