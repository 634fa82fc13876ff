#!/usr/bin/env bash
# Renders every images/src/**/*.svg to images/**/*.png at the SVG's own size (only when the SVG is
# newer). The PNGs are committed, so the kiosk needs no SVG renderer. Needs librsvg2-bin and
# fonts-noto-core (platform/deploy/install-deps.sh content).
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || ../platform/deploy/install-deps.sh content
count=0
while IFS= read -r -d '' svg; do
  png=${svg#src/}
  png=${png%.svg}.png
  if [[ ! -f $png || $svg -nt $png ]]; then
    mkdir -p "$(dirname "$png")"
    rsvg-convert --format png --output "$png" "$svg"
    count=$((count + 1))
  fi
done < <(find src -name '*.svg' -print0 | sort -z)
echo "rendered $count picture(s)"
