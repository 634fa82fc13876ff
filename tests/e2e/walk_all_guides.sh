#!/usr/bin/env bash
# Every bundled guide can be walked by touch alone, from home to its finish screen and back.
# usage: walk_all_guides.sh KIOSK WIDTHxHEIGHT
set -euo pipefail
kiosk=$1 size=$2 here=$(dirname "$0")
scenario=$(mktemp --suffix=.json)
trap 'rm -f "$scenario"' EXIT
/usr/bin/python3 "$here/walk_all_guides.py" "$here/../.." >"$scenario"
"$here/run_scenario.sh" "$kiosk" "$scenario" "$size" "$(mktemp -d)"
