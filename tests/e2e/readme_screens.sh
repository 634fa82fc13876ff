#!/usr/bin/env bash
# README's screenshots at 800x480 on 7" (the Pi Touch Display) and 1280x800 on 10.1", each at A and
# A++, then the body text's cap height measured on each step screen (cap_height.py). Not in CI: run it
# by hand after a change to sizes or layouts, look at the pictures, and copy the figures to README.
# usage: readme_screens.sh KIOSK [OUT_DIR]   (OUT_DIR default: images/screenshots)
set -euo pipefail
kiosk=$1
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../images/screenshots}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for screen in 800x480:7 1280x800:10.1; do
  size=${screen%%:*} inches=${screen##*:}
  printf '[screen]\ndiagonal_inches = %s\n' "$inches" >"$work/kiosk-$size.toml"
  "$here/run_scenario.sh" "$kiosk" "$here/readme_screens.json" "$size" "$work/$size" "$work/kiosk-$size.toml"
  for shot in "$work/$size"/*.png; do
    name=$(basename "$shot" .png)
    cp "$shot" "$out/$name-$size.png"
  done
  for level in A A++; do
    /usr/bin/python3 "$here/cap_height.py" "$out/step-$level-$size.png"
  done
done
