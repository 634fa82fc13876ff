#!/usr/bin/env bash
# kiosk --screenshot FILE.png renders the first screen and exits, at the small and the common size.
set -euo pipefail
kiosk=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for size in 1280x800 800x480; do
  "$(dirname "$0")/with_xvfb.sh" "$size" "$kiosk" --windowed "$size" --config /nonexistent.toml \
    --data-dir "$out/data" --screenshot "$out/home-$size.png"
  [[ $(identify -format '%wx%h' "$out/home-$size.png") == "$size" ]] || { echo "wrong size for $size"; exit 1; }
  # A real frame has many colours (tiles, text); a blank or black one has one or two.
  colours=$(identify -format '%k' "$out/home-$size.png")
  (( colours > 50 )) || { echo "screenshot at $size looks blank ($colours colours)"; exit 1; }
done
echo "first_screenshot: passed"
