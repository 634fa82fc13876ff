#!/usr/bin/env bash
# A kiosk that cannot start shows "Máy tạm ngừng phục vụ" (not a black screen), says why on stderr,
# and exits non-zero so systemd starts it again. KIOSK_FAIL_AT_START is the fault-injection seam.
set -euo pipefail
kiosk=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for size in 1280x800 800x480; do
  status=0
  KIOSK_FAIL_AT_START="the test's injected fault" "$(dirname "$0")/with_xvfb.sh" "$size" "$kiosk" \
    --windowed "$size" --config /nonexistent.toml --data-dir "$out/data" --screenshot "$out/stopped-$size.png" \
    2>"$out/stderr" || status=$?
  cat "$out/stderr"
  (( status != 0 )) || { echo "exit status 0 after a failed start"; exit 1; }
  grep -q "cannot start: the test's injected fault" "$out/stderr" || { echo "no reason on stderr"; exit 1; }
  [[ $(identify -format '%wx%h' "$out/stopped-$size.png") == "$size" ]] || { echo "no page at $size"; exit 1; }
  colours=$(identify -format '%k' "$out/stopped-$size.png")
  (( colours > 20 )) || { echo "the page at $size looks blank ($colours colours)"; exit 1; }
done
# Without a screenshot the page stays for the configured time (here 1 s), then the program exits 1.
start=$(date +%s%N)
status=0
KIOSK_FAIL_AT_START="again" KIOSK_OUT_OF_SERVICE_SECONDS=1 "$(dirname "$0")/with_xvfb.sh" 800x480 "$kiosk" \
  --windowed 800x480 --config /nonexistent.toml --data-dir "$out/data" 2>/dev/null || status=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
(( status == 1 )) || { echo "exit status $status, not 1"; exit 1; }
(( elapsed_ms >= 1000 )) || { echo "left after $elapsed_ms ms, before the page's time"; exit 1; }
echo "startup_failure: passed"
