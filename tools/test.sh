#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: the default preset, the
# asan preset (AddressSanitizer + UBSan), and each libFuzzer target for a short run.
# This is the README's test command; .ci/run calls it.
#   FUZZ_SECONDS=15 (default) sets the length of each fuzz run; 0 skips fuzzing. The
#   short run replays the seed corpus and catches regressions; long runs are by hand
#   (tools/fuzz.sh 600) and their figures are in the closing notes.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh

jobs=$(nproc)
for preset in default asan; do
  echo "== $preset: configure, build, test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset"
done

tools/fuzz.sh "${FUZZ_SECONDS:-15}"
echo "== all tests passed"
