#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and runs the super-resolution demo
# on the bundled cat photo (check against PyTorch, output picture, latency).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
/usr/bin/python3 scripts/demo_super_resolution.py "$@"
