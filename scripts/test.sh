#!/usr/bin/env bash
# Quick start, command 2: the whole test suite (unit tests and the tagged long end-to-end checks).
# Extra arguments go to `swift test` (e.g. --filter Recordings, or --skip .long for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift test "$@"
