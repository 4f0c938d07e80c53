#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the `fuzz` preset) and runs each one for
# SECONDS (default 30) on a scratch copy of its seed corpus from tests/fixtures, as many
# at once as there are cores.
#   tools/fuzz.sh 600     ten minutes each, before calling a parser done
#   tools/fuzz.sh build   only builds them (tools/test.sh does so beside the asan tests)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/build_folder.sh
seconds=${1:-30}
build_fuzz_targets() {
  configure_preset fuzz
  cmake --build --preset fuzz -j "$(nproc)" --target fuzz_targets
}
if [ "$seconds" = build ]; then
  build_fuzz_targets
  exit 0
fi
[ "$seconds" -gt 0 ] || { echo "== fuzzing skipped"; exit 0; }

build_fuzz_targets

export UBSAN_OPTIONS="suppressions=$PWD/tools/fuzz/ubsan.supp:print_stacktrace=1"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Runs one target; on failure leaves $scratch/NAME.failed beside its log.
fuzz_one() {
  local target=$1 name corpus seeds d
  name=$(basename "$target" _fuzz)
  corpus="$scratch/$name"
  mkdir -p "$corpus"
  for seeds in "tests/fixtures/$name/corpus" "tests/fixtures/${name}s/corpus"; do
    [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
  done
  local dict=()
  for d in tests/fixtures/$name/*.dict tests/fixtures/${name}s/*.dict; do
    [ -f "$d" ] && dict=(-dict="$d")
  done
  # Crashes land in $scratch, reported by libFuzzer with the input that caused them.
  "$target" "${dict[@]}" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/$name-" -print_final_stats=1 "$corpus" 2>"$scratch/$name.log" ||
    touch "$scratch/$name.failed"
}

# One target per core at a time: each is single-threaded.
targets=(build/fuzz/tools/fuzz/*_fuzz)
echo "== fuzz ${#targets[@]} targets for ${seconds}s each, $(nproc) at a time"
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  fuzz_one "$target" &
done
wait

status=0
for target in "${targets[@]}"; do
  name=$(basename "$target" _fuzz)
  echo "== fuzz $name"
  if [ -e "$scratch/$name.failed" ]; then
    tail -40 "$scratch/$name.log"
    mkdir -p build/fuzz-artifacts && cp "$scratch/$name"-* build/fuzz-artifacts/ 2>/dev/null || true
    echo "fuzz target $name failed; the input is in build/fuzz-artifacts/" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$scratch/$name.log" | sed "s/^/   /"
  fi
done
exit $status
