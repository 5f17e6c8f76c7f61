#!/usr/bin/env bash
# Quick start, command 2: the whole test suite, unit tests and the tagged long end-to-end checks.
# Tests build in release (with -enable-testing for @testable imports): the end-to-end checks
# train real models, and release is the code users run. Extra arguments go to `swift test`
# (e.g. --filter Recordings, or --skip LongTests for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift test -c release -Xswiftc -enable-testing "$@"
