#!/usr/bin/env bash
# Installs the Debian packages xcebra links against, only those missing (sudo when not root).
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev libhdf5-dev libfftw3-dev pkg-config zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "error: the Swift toolchain (6.1 or newer) is not on PATH" >&2; exit 2; }
