#!/usr/bin/env bash
# Quick start, command 1: the main job on the built-in simulated session.
# Usage: scripts/demo.sh [OUTPUT_DIR]   (default: demo-out)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product xcebra
exec .build/release/xcebra demo --out "${1:-demo-out}"
