#!/usr/bin/env bash
# Prints a fresh random API key and the line to add to the server's api_keys_file.
#   scripts/make-api-key.sh LABEL
# The key is shown once: give it to the client. The file only ever holds its SHA-256, so
# the file leaking does not leak keys. After editing the file, send SIGHUP to
# decklist-server (kill -HUP PID) to load it without a restart.
set -euo pipefail
if [[ $# -ne 1 || ! "$1" =~ ^[A-Za-z0-9._-]{1,64}$ ]]; then
  echo "usage: $0 LABEL   (LABEL: 1-64 characters of [A-Za-z0-9._-], names the client in logs)" >&2
  exit 2
fi
label=$1
# 32 random bytes (256 bits) as 64 hex digits: safe in headers and URLs alike.
key=$(head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n')
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
echo "key:  $key"
echo "line: $hash $label"
