#!/usr/bin/env bash
# Access suite, in a real browser because only a browser enforces CORS: Debian's chromium,
# driven by playwright-core, on a page served from a second origin calls the real
# build/decklist-server cross-origin: fetch streaming, EventSource,
# API keys (Authorization header, ?access_token=), 401 readable through CORS, and a page on a
# disallowed origin that cannot read anything. Reuses tests/browser's playwright-core (installed
# from its package-lock.json when missing); no package of its own.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")"
chromium_bin=${DECKLIST_CHROMIUM:-/usr/bin/chromium}
[[ -x "$chromium_bin" ]] || { echo "access suite: $chromium_bin missing (apt-get install chromium)" >&2; exit 1; }

browser_dir=../browser
locked=$(node -p "require('$browser_dir/package-lock.json').packages['node_modules/playwright-core'].version")
installed=$(node -p "require('$browser_dir/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [[ "$installed" != "$locked" ]]; then
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

exec node --test --test-reporter=spec --test-concurrency=1 cross-origin.test.mjs
