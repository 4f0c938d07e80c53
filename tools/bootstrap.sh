#!/usr/bin/env bash
# Installs the Debian packages Waymark needs to build, test and run, and nothing else.
# Idempotent: packages already installed are skipped, and `apt-get update` runs at most
# once per invocation (only when something is missing). Run as root, or with sudo on PATH.
set -euo pipefail

packages=(
  # build
  build-essential g++-12 cmake ninja-build pkg-config git clang-format
  # engine libraries
  libsqlite3-dev sqlite3 libsodium-dev libssl-dev libcereal-dev rapidjson-dev libmd4c-dev libzip-dev
  libcli11-dev libcurl4-openssl-dev libcairo2-dev libxlsxwriter-dev libstb-dev
  # player
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri fonts-dejavu-core fonts-opendyslexic
  libespeak-ng-dev  # read-aloud (engine/player/src/speech.cpp)
  # tests, fuzzing and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev clang-14 libclang-rt-14-dev
  xvfb xauth imagemagick zip unzip
  chromium poppler-utils
  # the assessment engine compiled to WebAssembly for published courses (engine/publish/wasm)
  emscripten node-acorn
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js runs only the tests' peers (the LRS, the xAPI validator). A machine may carry
# NodeSource's nodejs, which bundles npm and conflicts with Debian's npm package.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap: run as root (missing: ${missing[*]})" >&2; exit 1; }
  sudo="sudo"
fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
