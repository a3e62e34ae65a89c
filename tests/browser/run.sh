#!/usr/bin/env bash
# Browser suite: unit tests of the page's modules (SSE parser, decklist helpers) with node's
# test runner, then the page in Debian's chromium, driven by playwright-core, against the real
# build/decklist-server, with axe-core checking accessibility. Installs playwright-core,
# axe-core and eventsource-parser (the reference of unit/sse-parser-differential.test.mjs)
# from package-lock.json when missing.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared),
# DECKLIST_DOC_IMAGES=1 to refresh the page's screenshots in docs/images, SSE_PARSE_BIN
# (default $DECKLIST_BUILD_DIR/sse-parse).
set -euo pipefail
cd "$(dirname "$0")"
chromium_bin=${DECKLIST_CHROMIUM:-/usr/bin/chromium}
[[ -x "$chromium_bin" ]] || { echo "browser suite: $chromium_bin missing (apt-get install chromium)" >&2; exit 1; }

# npm ci when a package is missing or not the version the lock file pins.
for package in playwright-core axe-core eventsource-parser; do
  locked=$(node -p "require('./package-lock.json').packages['node_modules/$package'].version")
  installed=$(node -p "require('./node_modules/$package/package.json').version" 2>/dev/null || true)
  if [[ "$installed" != "$locked" ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

# The differential test runs the C++ test parser through the build's sse-parse, which the
# normal build makes (scripts/setup.sh); here it must be there, as decklist-server must.
build_dir=${DECKLIST_BUILD_DIR:-build}
[[ "$build_dir" == /* ]] || build_dir="$(cd ../.. && pwd)/$build_dir"
export SSE_PARSE_BIN="${SSE_PARSE_BIN:-$build_dir/sse-parse}" SSE_PARSE_REQUIRED=1
node --test --test-reporter=spec unit/
node --test --test-reporter=spec --test-concurrency=1 e2e/
