#!/usr/bin/env bash
# Quick start: install what is missing, build, render samples/ into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDOSSIER_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"
./build/dossier render samples -f pdf,xlsx,md -o out -j 2
ls -l out
