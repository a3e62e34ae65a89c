#!/usr/bin/env bash
# Builds the Debian package: the two programs, the web page, the card database, the default
# config and the systemd unit (cmake/Packaging.cmake). Prints the .deb's path on its last line.
#   DECKLIST_PACKAGE_DIR  build directory (default build-package)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${DECKLIST_PACKAGE_DIR:-build-package}"
# dpkg-shlibdeps (dpkg-dev) turns the linked libraries into the package's Depends.
if ! command -v dpkg-shlibdeps >/dev/null; then
  SUDO=""
  if [[ $(id -u) != 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
fi
# Prefix /usr puts the config in /etc; no tests or benchmarks: only what the package holds.
DECKLIST_BUILD_DIR="$dir" \
  DECKLIST_CMAKE_ARGS="-DCMAKE_INSTALL_PREFIX=/usr -DDECKLIST_TESTS=OFF -DDECKLIST_BENCH=OFF" \
  bash scripts/setup.sh >&2
(cd "$dir" && cpack -G DEB >&2)
ls -t "$dir"/decklist-ocr_*.deb | head -n 1
