#!/usr/bin/env bash
# A corrupt database is moved aside (never deleted), a fresh one is made, and the kiosk still serves.
set -euo pipefail
kiosk=$1 here=$(dirname "$0")
data=$(mktemp -d) shots=$(mktemp -d)
trap 'rm -rf "$data" "$shots"' EXIT
head -c 20000 /dev/urandom >"$data/kiosk.db"
cp "$data/kiosk.db" "$shots/original"
cat >"$shots/scenario.json" <<'JSON'
{"steps": [{"after_ms": 400, "expect": {"screen": "home", "notices": "1"}},
           {"tap": "home.tile.vneid"}, {"expect": {"screen": "topic"}}]}
JSON
"$here/with_xvfb.sh" 1280x800 "$kiosk" --windowed 1280x800 --config /nonexistent.toml \
  --data-dir "$data" --scenario "$shots/scenario.json" --screenshot-dir "$shots"
moved=$(ls "$data" | grep -E '^kiosk\.db\.corrupt-[0-9]{8}-[0-9]{6}$' || true)
[[ -n $moved ]] || { echo "corrupt file was not moved aside: $(ls "$data")"; exit 1; }
cmp -s "$data/$moved" "$shots/original" || { echo "the moved file is not the original"; exit 1; }
[[ $(sqlite3 "$data/kiosk.db" 'PRAGMA user_version') -ge 1 ]] || { echo "no fresh database"; exit 1; }
echo "corrupt_database: passed"
