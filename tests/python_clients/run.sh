#!/usr/bin/env bash
# Python-clients suite: code written for the Python (FastAPI) service, run unchanged in Node
# against a real build/decklist-server on loopback: the streaming plan's naive fetch client and
# a robust one on eventsource-parser, on both streaming endpoints, plus the health, stats and
# error shapes those clients read. See python_clients.test.mjs; heartbeats.test.mjs runs the
# plan's client with pings every 20 ms between the events.
# Installs eventsource-parser from package-lock.json when missing.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")"

# npm ci when eventsource-parser is missing or not the version the lock file pins.
locked=$(node -p "require('./package-lock.json').packages['node_modules/eventsource-parser'].version")
installed=$(node -p "require('./node_modules/eventsource-parser/package.json').version" 2>/dev/null || true)
if [[ "$installed" != "$locked" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

exec node --test --test-reporter=spec --test-concurrency=1 python_clients.test.mjs heartbeats.test.mjs
