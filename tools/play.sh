#!/usr/bin/env bash
# Installs what is missing, builds Waymark (release preset) and starts the player on the
# library of bundled courses, Prevent duty training first: the packages the build signed
# into build/release/bundled/ (building waymark-player packs them, with a key made once
# for that build folder). The ledger is the embedded SQLite file in the user's data
# directory ($XDG_DATA_HOME/waymark/ledger.db, else ~/.local/share/waymark/ledger.db).
# Extra arguments go to waymark-player, e.g.
#   tools/play.sh --preview courses/prevent-duty    (author preview of a course folder,
#                                                    where no completion counts)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/build_folder.sh
tools/bootstrap.sh

configure_preset release
cmake --build --preset release -j "$(nproc)" --target waymark-player waymark

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "play: no display to open a window on; run this on a desktop session," >&2
  echo "      or without one: xvfb-run -a tools/play.sh" >&2
  exit 2
fi
exec build/release/tools/player/waymark-player "$@"
