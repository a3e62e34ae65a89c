#!/usr/bin/env bash
# Copies Swagger UI (npm swagger-ui-dist, pinned by third_party/swagger-ui/package-lock.json)
# into web/docs/vendor/, where the server's static files serve it for the API reference at
# /docs. Run at build and packaging time (scripts/setup.sh, scripts/package.sh); the result
# works offline and is not committed. Does nothing when the pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=third_party/swagger-ui
vendor=web/docs/vendor
locked=$(node -p "require('./$manifest/package-lock.json').packages['node_modules/swagger-ui-dist'].version")
if [[ "$(cat "$vendor/VERSION" 2>/dev/null || true)" == "$locked" ]]; then exit 0; fi
# --ignore-scripts: the package's dependency would otherwise report the install to its vendor.
npm ci --prefix "$manifest" --ignore-scripts --no-audit --no-fund --loglevel=error
dist="$manifest/node_modules/swagger-ui-dist"
rm -rf "$vendor"
mkdir -p "$vendor"
cp "$dist/swagger-ui-bundle.js" "$dist/swagger-ui.css" "$dist/LICENSE" "$dist/NOTICE" "$vendor/"
echo "$locked" >"$vendor/VERSION"
echo "vendor-docs-ui: swagger-ui-dist $locked in $vendor" >&2
