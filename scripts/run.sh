#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and starts the server on 0.0.0.0:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec build/decklist-server --config config/server.json "$@"
