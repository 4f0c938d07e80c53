#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: the default preset, the
# asan preset (AddressSanitizer + UBSan), and each libFuzzer target for a short run.
# This is the README's test command; .ci/run calls it.
#   FUZZ_SECONDS=15 (default) sets the length of each fuzz run; 0 skips fuzzing. The
#   short run replays the seed corpus and catches regressions; long runs are by hand
#   (tools/fuzz.sh 600) and their figures are in the closing notes.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/build_folder.sh
# Each phase says how long it took, so a slow change shows where (issue 19: under
# 8 minutes on 2 cores is the aim): wall seconds, and the CPU seconds of the programs it
# ran, which other load on the machine does not inflate.
# `times` prints the user and system time of this shell's finished children on its second
# line. It must run in this shell: in a pipe or $(...) it runs in a subshell, which has no
# children, and prints zeros.
times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT
cpu_seconds() {  # sets $cpu
  times >"$times_file"
  cpu=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
                       printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$times_file")
}
phase_start=$SECONDS
phase_cpu=0
took() {
  local cpu
  cpu_seconds
  echo "== $1 took $((SECONDS - phase_start)) s, $((cpu - phase_cpu)) CPU s"
  phase_start=$SECONDS
  phase_cpu=$cpu
}
tools/bootstrap.sh

echo "== format: clang-format --dry-run --Werror on every tracked C++ file"
git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror

took "bootstrap and format"

jobs=$(nproc)
for preset in default asan; do
  echo "== $preset: configure, build, test"
  configure_preset "$preset"
  cmake --build --preset "$preset" -j "$jobs"
  took "$preset build"
  ctest --preset "$preset"
  took "$preset tests"
done

tools/fuzz.sh "${FUZZ_SECONDS:-15}"
took "fuzz build and runs"
cpu_seconds
echo "== all tests passed in $SECONDS s, $cpu CPU s"
