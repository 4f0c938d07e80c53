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
build_log=$(mktemp)
background=""
# A build still running in the background when this script stops (a failed test) stops too.
trap '[ -z "$background" ] || kill -- "-$background" 2>/dev/null; rm -f "$times_file" "$build_log"' EXIT
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

# Each test run leaves the cores partly idle (its programs wait on Chromium, Node.js peers
# and child processes, and the slowest suites finish alone), so the next build runs beside
# it at the lowest priority: whenever a test wants a core it gets it first (nice 19 leaves
# the build about 1.5% of a core a busy test also wants), and the build takes the rest.
# The build is in its own process group, so the trap above can stop all of it. Its CPU
# seconds count in the phase that waits for it.
start_in_background() {  # COMMAND... ; sets $background
  setsid nice -n 19 "$@" >"$build_log" 2>&1 &
  background=$!
}
wait_for_background() {  # NAME
  local status=0
  wait "$background" || status=$?
  background=""
  cat "$build_log"
  [ "$status" -eq 0 ] || { echo "== $1 failed" >&2; exit "$status"; }
}

jobs=$(nproc)
echo "== default: configure, build"
configure_preset default
cmake --build --preset default -j "$jobs"
took "default build"

echo "== default tests, with the asan build beside them"
configure_preset asan
start_in_background cmake --build --preset asan -j "$jobs"
ctest --preset default
took "default tests"
wait_for_background "asan build"
took "asan build (what was left of it after the default tests)"

fuzz_seconds=${FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== asan tests, with the fuzz build beside them"
  start_in_background tools/fuzz.sh build
else
  echo "== asan tests"
fi
ctest --preset asan
took "asan tests"
[ -z "$background" ] || wait_for_background "fuzz build"
tools/fuzz.sh "$fuzz_seconds"
took "fuzz build (what was left of it) and runs"
cpu_seconds
echo "== all tests passed in $SECONDS s, $cpu CPU s"
