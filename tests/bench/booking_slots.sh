#!/usr/bin/env bash
# Booking screens with a full history: seeds 10,000 past bookings (and 200 coming ones) into a kiosk
# data folder, then opens the 14-day list and each day's free slots by touch under Xvfb with
# KIOSK_TIMING=1, and reports tap → presented frame (database reads included). Budget: every one ≤ 20 ms.
# usage: tests/bench/booking_slots.sh KIOSK SEED_BOOKINGS [WIDTHxHEIGHT ...]   (default 1280x800 800x480)
set -euo pipefail
kiosk=$(realpath "$1") seed=$(realpath "$2"); shift 2
sizes=("$@")
((${#sizes[@]} == 0)) && sizes=(1280x800 800x480)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$seed" --data-dir "$work/data" --past 10000 --future 200 >/dev/null
# Home → booking → topic, then for each coming day: open its slots and come back (a fresh day list).
/usr/bin/python3 - "$work/walk.json" <<'PY'
import json, sys
steps = [{"after_ms": 400, "tap": "home.tile.booking"}, {"tap": "booking.topic.vneid"},
         {"expect": {"booking_screen": "day"}}]
for day in range(0, 14):  # today too: its slots start from now
    steps += [{"tap": f"booking.day.{day}"}, {"expect": {"booking_screen": "slot"}},
              {"tap": "nav.back"}, {"expect": {"booking_screen": "day"}}]
json.dump({"about": "benchmark: the booking day list and each day's slots", "steps": steps}, open(sys.argv[1], "w"))
PY
status=0
for size in "${sizes[@]}"; do
  log="$work/$size.log"
  KIOSK_TIMING=1 "$root/tests/e2e/run_scenario.sh" "$kiosk" "$work/walk.json" "$size" "$work/shots" \
    /nonexistent/kiosk.toml --data-dir "$work/data" >"$log" 2>&1 || { echo "the walk failed at $size:"; tail -20 "$log"; exit 1; }
  /usr/bin/python3 - "$log" "$size" "$work/data/kiosk.db" <<'PY' || status=1
import re, sqlite3, statistics, sys
text = open(sys.argv[1], encoding="utf-8").read()
rows = sqlite3.connect(sys.argv[3]).execute("SELECT count(*) FROM booking").fetchone()[0]
days = [float(m) for m in re.findall(r"step booking#day shown in ([0-9.]+) ms", text)]
slots = [float(m) for m in re.findall(r"step booking#slot shown in ([0-9.]+) ms", text)]
print(f"### {sys.argv[2]}: {rows} bookings in the database")
print("| screen | shown | median (ms) | max (ms) | budget |")
print("|---|---|---|---|---|")
print(f"| 14-day list, tap to presented frame | {len(days)} | {statistics.median(days):.1f} | {max(days):.1f} | ≤ 20 |")
print(f"| a day's free slots, tap to presented frame | {len(slots)} | {statistics.median(slots):.1f} | {max(slots):.1f} | ≤ 20 |")
sys.exit(0 if len(days) >= 14 and len(slots) == 14 and max(days) <= 20 and max(slots) <= 20 else 1)  # every frame, not the median
PY
done
exit $status
