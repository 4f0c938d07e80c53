#!/usr/bin/env bash
# Draws emblem.png, the seal printed on every certificate (engine/report's
# certificate_pdf.cpp): the Waymark signpost (../icon/signpost.mvg) on a blue disc inside
# a gold serrated rim, over two ribbon tails, in a 256-unit square drawn at 512 px, so it
# stays sharp printed at 1.4 inches. The PNG is committed; run this again (needs
# ImageMagick, which tools/bootstrap.sh installs) after changing the drawing.
set -euo pipefail
cd "$(dirname "$0")"
size=512
scale=$(awk -v s="$size" 'BEGIN { print s / 256 }')
# The rim: a star of 40 points between radii 116 and 104 round the seal's centre.
rim=$(awk 'BEGIN { pi = atan2(0, -1); for (i = 0; i < 80; i++) {
                     r = (i % 2) ? 104 : 116; a = i * pi / 40;
                     printf "%.2f,%.2f ", 128 + r * sin(a), 118 - r * cos(a) } }')
convert -size "${size}x${size}" xc:none \
  -draw "affine $scale,0,0,$scale,0,0
         fill '#1C4073' polygon 96,170 64,246 84,236 96,254 124,186
                        polygon 160,170 192,246 172,236 160,254 132,186
         fill '#C8962E' polygon $rim
         fill '#1C4073' circle 128,118 128,24
         fill none stroke '#F2B33D' stroke-width 3 circle 128,118 128,32
         stroke none
         translate 64,54 scale 2,2 $(grep -v '^#' ../icon/signpost.mvg)" \
  -strip -define png:exclude-chunks=date,time PNG32:emblem.png
