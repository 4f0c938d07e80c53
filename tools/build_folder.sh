# Sourced by the scripts that configure a preset. The presets use Ninja; a build folder
# an older checkout configured with Unix Makefiles would make `cmake --preset` fail with
# "generator does not match", so such a folder is removed and configured afresh.
configure_preset() {
  local preset=$1 cache="build/$1/CMakeCache.txt"
  if [ -f "$cache" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache"; then
    echo "== build/$preset was configured with another generator: configuring it afresh"
    rm -rf "build/$preset"
  fi
  cmake --preset "$preset" >/dev/null
}
