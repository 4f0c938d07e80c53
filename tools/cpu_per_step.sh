#!/usr/bin/env bash
# A compiler and linker launcher that records the CPU seconds (user + system) of each
# build step, so a build on a busy machine still shows where its time goes: wall time
# grows with the other load, CPU time hardly does. Use it in a build folder of its own:
#   cmake --preset default -B build/cpu -DCMAKE_CXX_COMPILER_LAUNCHER=$PWD/tools/cpu_per_step.sh \
#     -DCMAKE_C_COMPILER_LAUNCHER=$PWD/tools/cpu_per_step.sh -DCMAKE_CXX_LINKER_LAUNCHER=$PWD/tools/cpu_per_step.sh
#   cmake --build build/cpu
#   sort -k1,1 -rn build/cpu/cpu_per_step.log | head -20
# Each line is "CPU-seconds user system output". Ninja runs every step in the build folder,
# so the log lands there.
set -uo pipefail
output=unknown
previous=""
for arg in "$@"; do
  [ "$previous" = -o ] && output=$arg
  previous=$arg
done
measure=$(mktemp)
/usr/bin/time -q -o "$measure" -f "%U %S" "$@"
status=$?
read -r user system <"$measure"
rm -f "$measure"
awk -v u="$user" -v s="$system" -v o="$output" 'BEGIN { printf "%.2f %s %s %s\n", u + s, u, s, o }' \
  >>cpu_per_step.log
exit $status
