#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, builds once, runs the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# pdftotext (poppler-utils) reads PDF contracts; the PDF tests need it.
if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q poppler-utils
  else
    echo "pdftotext is missing: install poppler-utils (e.g. sudo apt-get install poppler-utils)" >&2
    exit 1
  fi
fi

swift build --build-tests
swift test --skip-build
