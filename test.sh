#!/usr/bin/env bash
# Builds PBX Vault and runs every test (CTest). Non-zero exit on any failure.
set -euo pipefail
cd "$(dirname "$0")"
./deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
cd build
ctest --output-on-failure --timeout 900 -j2 "$@"
