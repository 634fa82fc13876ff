#!/usr/bin/env bash
# Runs the real kiosk under its own Xvfb on a scenario file; exits with the kiosk's status.
# usage: run_scenario.sh KIOSK SCENARIO WIDTHxHEIGHT SCREENSHOT_DIR [CONFIG_FILE [KIOSK OPTIONS...]]
set -euo pipefail
kiosk=$1 scenario=$2 size=$3 shots=$4 config=${5:-/nonexistent/kiosk.toml}
shift $(($# < 5 ? $# : 5))
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
mkdir -p "$shots"
# LeakSanitizer would report X11's and fontconfig's one-time allocations, not ours.
export LSAN_OPTIONS="suppressions=$(dirname "$0")/lsan.supp:print_suppressions=0"
"$(dirname "$0")/with_xvfb.sh" "$size" \
  "$kiosk" --windowed "$size" --config "$config" --data-dir "$data" \
  --scenario "$scenario" --screenshot-dir "$shots" "$@"
