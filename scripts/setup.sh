#!/usr/bin/env bash
# Installs everything migcalc needs on a fresh Debian 12 machine (as root): compilers, Emscripten,
# test libraries, Chromium for the browser tests, and the npm dev dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
packages=(cmake ninja-build g++ clang-14 libclang-rt-14-dev clang-format python3 emscripten doctest-dev nlohmann-json3-dev libbenchmark-dev libglpk-dev chromium)
# node and npm may come from nodesource (as on the CI image) rather than from Debian's packages.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
