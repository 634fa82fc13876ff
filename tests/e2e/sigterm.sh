#!/usr/bin/env bash
# SIGTERM (how systemd stops the kiosk) shuts it down cleanly and quickly, even in kiosk mode.
set -euo pipefail
kiosk=$1
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$(dirname "$0")/with_xvfb.sh" 1280x800 bash -c '
  "$1" --windowed 1280x800 --config /nonexistent.toml --data-dir "$2" & pid=$!
  sleep 2
  kill -0 $pid || { echo "kiosk died on its own"; exit 1; }
  kill -TERM $pid
  start=$(date +%s%N)
  wait $pid; status=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "kiosk exited with $status ${ms} ms after SIGTERM"
  [[ $status == 0 && $ms -lt 2000 ]]
' _ "$kiosk" "$data"
test -f "$data/kiosk.db" || { echo "no database was created in $data"; exit 1; }
echo "sigterm: passed"
