#!/usr/bin/env bash
# OpenAPI suite: the document the real build/decklist-server serves is valid OpenAPI 3.1
# (@seriousme/openapi-schema-validator), real answers match its schemas (Ajv) and /docs
# serves Swagger UI. Installs the validators from package-lock.json when missing. The route
# coverage is checked by tests/unit/http/openapi/openapi_routes_test.cpp against the router's
# table.
# Environment: DECKLIST_BUILD_DIR (default build), DECKLIST_SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")"

# npm ci when a validator is missing or not the version the lock file pins.
for package in @seriousme/openapi-schema-validator ajv; do
  locked=$(node -p "require('./package-lock.json').packages['node_modules/$package'].version")
  installed=$(node -p "require('./node_modules/$package/package.json').version" 2>/dev/null || true)
  if [[ "$installed" != "$locked" ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

# /docs serves Swagger UI from web/docs/vendor, which the build normally puts there.
bash ../../scripts/vendor-docs-ui.sh

node --test --test-reporter=spec --test-concurrency=1 ./*.test.mjs
