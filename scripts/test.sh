#!/usr/bin/env bash
# The README's test command: installs what is missing, builds once, runs every test (unit tests,
# ONNX conformance suites, model tests against PyTorch) in parallel with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
cd build
ctest -j"$(nproc)" --output-on-failure --timeout 1500
