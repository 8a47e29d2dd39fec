#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and runs the super-resolution app
# (examples/super_resolution, trained weights from models/super_resolution/) on skimage's cat
# photo: prints where it wrote the 3x picture, the model latency, PSNR vs bicubic, and checks
# onyx against PyTorch.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
/usr/bin/python3 scripts/demo_super_resolution.py "$@"
