#!/usr/bin/env bash
# Builds PBX Vault and launches it. With --demo, two simulated PBXs are started first.
set -euo pipefail
cd "$(dirname "$0")"
./deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
if [ "${1:-}" = "--demo" ]; then
    shift
    exec resources/demo/run-demo.sh build/bin "$@"
fi
exec build/bin/pbxvault "$@"
