#!/usr/bin/env bash
# Installs exactly the Debian packages the project needs (only those missing; apt-get update
# first in that case) and builds into build/. Idempotent: a second run only rebuilds.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  g++ cmake make pkg-config
  python3-yaml  # scripts/bundle-openapi.py: docs/openapi.yaml into the served JSON
  help2man  # the decklist-cli man page, from its --help
  # libraries
  libboost-dev libboost-system-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  libssl-dev  # libcrypto: SHA-256 of API keys
  libvalijson-dev  # the tests check every JSON body and event against docs/schemas
  libsqlite3-dev libpqxx-dev  # the decklist library's two backends (docs/LIBRARY_STORE.md)
  libtesseract-dev libleptonica-dev libopencv-dev libopencv-contrib-dev libgtest-dev
  # OCR models (Debian's fast models) and fonts for rendering test images
  tesseract-ocr-chi-sim tesseract-ocr-eng fonts-noto-cjk
)
if [[ "${DECKLIST_SETUP_TEST_TOOLS:-0}" == 1 ]]; then
  # browser, reverse proxy, fuzzing and load tools used only by the test suites
  PACKAGES+=(chromium nginx-light clang libclang-rt-14-dev wrk curl
    time tesseract-ocr  # time, tesseract: bench/run.sh (RSS, the naive CLI baseline)
    haproxy caddy imagemagick  # tests/proxies: the other proxies; imagemagick makes its large batches
    prometheus  # promtool: tests/integration/streaming checks GET /metrics with it
    systemd  # systemd-analyze: tests/package verifies the unit with it
    postgresql-15)  # tests/integration/store starts a throwaway cluster with its initdb
  # Node may come from elsewhere than Debian (the machine image ships Node 20 with npm 11);
  # Debian's npm conflicts with that, so only install Node and npm when the commands are missing.
  command -v node >/dev/null || PACKAGES+=(nodejs)
  command -v npm >/dev/null || PACKAGES+=(npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [[ $(id -u) != 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR="${DECKLIST_BUILD_DIR:-build}"
# Unity build (sources compiled in batches of 16): a fresh build takes 244 s instead of about
# 600 s on 2 cores, because the Beast, Asio, OpenCV and gtest headers are parsed once per
# batch. DECKLIST_UNITY_BUILD=OFF compiles file by file (quicker rebuilds after one edit).
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${DECKLIST_BUILD_TYPE:-Release}" \
  -DCMAKE_UNITY_BUILD="${DECKLIST_UNITY_BUILD:-ON}" -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 \
  ${DECKLIST_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
# The interactive API reference at /docs is Swagger UI from npm, copied into web/docs/vendor.
if command -v npm >/dev/null; then
  bash scripts/vendor-docs-ui.sh
else
  echo "setup: npm not found, /docs will lack Swagger UI (run scripts/vendor-docs-ui.sh)" >&2
fi
