#!/usr/bin/env bash
# kiosk --export-bookings: seeded bookings come out as a CSV (LibreOffice, Vietnamese) and an .ics that
# Python's icalendar parses back to the same codes, times and words; with no window and no SDL.
# usage: export_bookings.sh KIOSK SEED_BOOKINGS
set -euo pipefail
kiosk=$1 seed=$2 here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/usb"

# 40 past days, one booking each (the 10 older than 30 days lose phone and name), and 30 coming ones.
"$seed" --data-dir "$work/data" --past 40 --past-per-day 1 --future 30 --manifest "$work/manifest.json"

# No display and an impossible video driver: if the export started SDL it would fail.
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=no-such-driver \
  "$kiosk" --config /nonexistent/kiosk.toml --data-dir "$work/data" --export-bookings "$work/usb" \
  >"$work/paths.txt" 2>"$work/stderr.txt" || { echo "export failed:"; cat "$work/stderr.txt"; exit 1; }
cat "$work/stderr.txt"
/usr/bin/python3 "$here/export_bookings.py" "$work/manifest.json" "$work/paths.txt" "$work/usb"

# A missing folder: exit 1 and a message naming it.
status=0
"$kiosk" --config /nonexistent/kiosk.toml --data-dir "$work/data" --export-bookings "$work/no-usb" \
  >/dev/null 2>"$work/error.txt" || status=$?
[[ $status == 1 ]] || { echo "missing folder: exit $status, expected 1"; exit 1; }
grep -qF "$work/no-usb" "$work/error.txt" || { echo "the error does not name the folder:"; cat "$work/error.txt"; exit 1; }
echo "export_bookings: passed"
