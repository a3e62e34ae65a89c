#!/usr/bin/env bash
# Browser suite: unit tests of the page's modules (SSE parser, decklist helpers) with node's
# test runner, then the page in Debian's chromium, driven by playwright-core, against the real
# build/decklist-server, with axe-core checking accessibility. Installs playwright-core and
# axe-core from package-lock.json when missing.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared),
# DECKLIST_DOC_IMAGES=1 to refresh the page's screenshots in docs/images.
set -euo pipefail
cd "$(dirname "$0")"
chromium_bin=${DECKLIST_CHROMIUM:-/usr/bin/chromium}
[[ -x "$chromium_bin" ]] || { echo "browser suite: $chromium_bin missing (apt-get install chromium)" >&2; exit 1; }

# npm ci when playwright-core or axe-core is missing or not the version the lock file pins.
for package in playwright-core axe-core; do
  locked=$(node -p "require('./package-lock.json').packages['node_modules/$package'].version")
  installed=$(node -p "require('./node_modules/$package/package.json').version" 2>/dev/null || true)
  if [[ "$installed" != "$locked" ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

node --test --test-reporter=spec unit/
node --test --test-reporter=spec --test-concurrency=1 e2e/
