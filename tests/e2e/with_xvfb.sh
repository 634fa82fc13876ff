#!/usr/bin/env bash
# Runs a command on its own Xvfb screen of WIDTHxHEIGHT. Xvfb picks a free display itself
# (-displayfd), so tests can run in parallel; xvfb-run -a races when two start at once.
# usage: with_xvfb.sh WIDTHxHEIGHT COMMAND [ARGS...]
set -euo pipefail
size=$1; shift
fifo_dir=$(mktemp -d)
mkfifo "$fifo_dir/display"
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$fifo_dir/display" \
  >"$fifo_dir/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; rm -rf "$fifo_dir"; }
trap cleanup EXIT
read -r -t 10 display <"$fifo_dir/display" || { echo "Xvfb did not start:"; cat "$fifo_dir/xvfb.log"; exit 1; }
DISPLAY=":$display" "$@"
