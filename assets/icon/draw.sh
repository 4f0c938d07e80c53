#!/usr/bin/env bash
# Draws the application icon, waymark-SIZE.png, at each size a desktop asks for: the
# signpost (signpost.mvg) on a blue rounded square. The PNGs are committed; run this
# again (needs ImageMagick, which tools/bootstrap.sh installs) after changing the drawing.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
  scale=$(awk -v s="$size" 'BEGIN { print s / 64 }')
  # -strip and no date chunks: the same drawing always gives the same bytes.
  convert -size "${size}x${size}" xc:none \
    -draw "affine $scale,0,0,$scale,0,0 fill '#1C4073' roundrectangle 0,0 64,64 12,12
           $(grep -v '^#' signpost.mvg)" \
    -strip -define png:exclude-chunks=date,time "PNG32:waymark-$size.png"
done
