#!/usr/bin/env bash
# Installs what is missing, builds Waymark (release preset) and opens the bundled
# Prevent duty course. The ledger is the embedded SQLite file in the user's data
# directory ($XDG_DATA_HOME/waymark/ledger.db, else ~/.local/share/waymark/ledger.db).
#   tools/play.sh [COURSE_DIR]   default: courses/prevent-duty
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh
course=${1:-courses/prevent-duty}

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

player=build/release/engine/ui/waymark-player
if [ -x "$player" ]; then
  exec "$player" --preview "$course"
fi

# Until the player lands (issue "The player"), show the course as the engine sees it:
# the author's check, then a signed package and what it holds.
waymark=build/release/tools/cli/waymark
echo "waymark-player is not part of this build yet; showing $course through the CLI."
"$waymark" check "$course"
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
"$waymark" keygen --out "$keys/local" >/dev/null
"$waymark" pack "$course" --key "$keys/local.key" -o "$keys/course.wmpkg"
"$waymark" inspect "$keys/course.wmpkg" --trust "$keys/local.pub"
