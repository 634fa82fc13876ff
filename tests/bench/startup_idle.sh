#!/usr/bin/env bash
# Start-up and idle benchmark: the kiosk against Chromium --kiosk showing the same home screen.
#   usage: tests/bench/startup_idle.sh build/kiosk/kiosk      (what ./dev.sh bench runs)
# Under one Xvfb 1280x800x24 started here, for the kiosk (5 runs) and Chromium (3 runs), medians of:
# start to first presented frame, PSS 3 s later (Chromium: its whole process tree), the kiosk's peak RSS,
# the number of processes, and CPU used over 10 idle seconds. Prints a Markdown table for the README,
# writes it to build/bench-results.md, and exits 1 unless every budget is met:
#   first frame <= 250 ms and <= 1/6 of Chromium's; PSS <= 60 MB and <= 1/6 of Chromium's; idle CPU <= 0.5 %.
# The measuring is done by startup_idle.py (Debian's /usr/bin/python3, standard library only).
# Takes about 2 minutes; stops Xvfb and every process it started on exit, however it exits.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if (($# != 1)); then
  echo "usage: $0 PATH/TO/kiosk" >&2
  exit 2
fi
kiosk=$(realpath -m "$1")

# Chromium and Xvfb: install them only if missing.
if [[ ! -x /usr/bin/chromium ]] || ! command -v Xvfb >/dev/null; then
  "$root/platform/deploy/install-deps.sh" bench
fi
# A build running at the same moment replaces the binary while it links: wait for it a little first.
for _ in $(seq 30); do [[ -x $kiosk ]] && break; sleep 1; done
if [[ ! -x $kiosk ]]; then
  echo "startup_idle: $kiosk is missing: building it" >&2
  (cd "$root" && cmake -S . -B build && cmake --build build -j2 --target kiosk) >&2
  kiosk=$root/build/kiosk/kiosk
  [[ -x $kiosk ]] || { echo "startup_idle: no kiosk binary at $kiosk" >&2; exit 2; }
fi

work=$(mktemp -d -t bench-xvfb-XXXXXX)
xvfb=""
helper=""
# shellcheck disable=SC2317  # only called from the trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  # The helper stops what it started (SIGTERM, then SIGKILL after 5 s) when it is told to.
  if [[ -n $helper ]] && kill -0 "$helper" 2>/dev/null; then
    kill -TERM "$helper" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$helper" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$helper" 2>/dev/null || true
    wait "$helper" 2>/dev/null || true
  fi
  if [[ -n $xvfb ]]; then
    kill -TERM "$xvfb" 2>/dev/null || true
    for _ in $(seq 25); do kill -0 "$xvfb" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Every run uses one copy of the binary, so that a rebuild during the benchmark cannot mix two builds in
# one table (the kiosk finds its bundled content by an absolute path compiled in, so a copy runs the
# same). A binary written in the last 3 s may still be being linked: let it settle first.
for _ in $(seq 10); do (($(date +%s) - $(date -r "$kiosk" +%s) >= 3)) && break; sleep 1; done
cp "$kiosk" "$work/kiosk"
kiosk_label="$kiosk, built $(date -r "$kiosk" '+%Y-%m-%d %H:%M:%S')"

# One Xvfb for every run; it picks a free display itself (-displayfd), as tests/e2e/with_xvfb.sh does.
mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb=$!
read -r -t 10 display <"$work/display" || { echo "Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 2; }
export DISPLAY=":$display"

chromium_version=$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo unknown)
# In the background and waited for, so that the traps above run as soon as a signal arrives.
/usr/bin/python3 "$here/startup_idle.py" --kiosk "$work/kiosk" --kiosk-label "$kiosk_label" \
  --chromium /usr/bin/chromium \
  --page "$here/chromium_home.html" --results "$root/build/bench-results.md" \
  --chromium-version "$chromium_version" &
helper=$!
set +e
wait "$helper"
status=$?
set -e
helper=""
exit "$status"
