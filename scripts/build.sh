#!/usr/bin/env bash
# Configures and builds onyx (Release) into ./build, including the Python module `onyx`
# (build/python/onyx). Extra args go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DONYX_BUILD_PYTHON=ON "$@" >/dev/null
ninja -C build -j"$(nproc)"

# Make `import onyx` work for Debian's /usr/bin/python3: a .pth file in its site dir pointing at
# build/python (only when that dir is writable, i.e. as root).
site_dir=$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')
pth="$site_dir/onyx.pth"
if [ -d build/python/onyx ]; then
  if [ -w "$site_dir" ] || { [ ! -e "$site_dir" ] && [ -w "$(dirname "$site_dir")" ]; }; then
    mkdir -p "$site_dir"
    echo "$(pwd)/build/python" > "$pth"
    echo "build: installed $pth -> $(pwd)/build/python (import onyx works for /usr/bin/python3)"
  else
    echo "build: $site_dir not writable; use PYTHONPATH=$(pwd)/build/python to import onyx"
  fi
fi
