#!/usr/bin/env bash
# The arm64 build under qemu-user against the x86 build: the step benchmark (tests/bench/guides.sh, a new
# guide step shown) and the booking benchmark (tests/bench/booking_slots.sh, the 14-day list and a day's
# slots), each at one size, and the ratio of their medians. qemu-user translates every arm64 instruction, so
# the ratio says how much slower emulation is, not how fast a Pi is; the budgets of both scripts are
# expected to fail under qemu and only the figures are kept.
# usage: tests/bench/arm64_ratio.sh X86_BUILD ARM64_BUILD [WIDTHxHEIGHT]   (default 800x480, the Pi's 7")
#   ARM64_BUILD/qemu/kiosk and ARM64_BUILD/qemu/seed_bookings run the arm64 programs (./dev.sh arm64 makes them)
set -uo pipefail
x86=$(realpath "$1") arm=$(realpath "$2") size=${3:-800x480}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for arch in x86 arm64; do
  if [[ $arch == x86 ]]; then
    kiosk=$x86/kiosk/kiosk seed=$x86/tests/e2e/seed_bookings
  else
    kiosk=$arm/qemu/kiosk seed=$arm/qemu/seed_bookings
  fi
  start=$(date +%s)
  "$here/guides.sh" "$kiosk" "$size" >"$work/guides-$arch.txt" 2>&1
  "$here/booking_slots.sh" "$kiosk" "$seed" "$size" >"$work/booking-$arch.txt" 2>&1
  echo "$arch: both benchmarks in $(($(date +%s) - start)) s"
done
/usr/bin/python3 - "$work" "$size" <<'PY'
import re, sys
work, size = sys.argv[1], sys.argv[2]
def medians(arch):
    text = open(f"{work}/guides-{arch}.txt").read() + open(f"{work}/booking-{arch}.txt").read()
    found = {}
    m = re.search(r"\| new step shown, tap to presented frame \(ms\) \| ([0-9.]+) \|", text)
    if m: found["new guide step shown"] = float(m.group(1))
    m = re.search(r"\| 14-day list, tap to presented frame \| \d+ \| ([0-9.]+) \|", text)
    if m: found["booking: 14-day list"] = float(m.group(1))
    m = re.search(r"\| a day's free slots, tap to presented frame \| \d+ \| ([0-9.]+) \|", text)
    if m: found["booking: a day's slots"] = float(m.group(1))
    if len(found) < 3:
        print(f"{arch}: a benchmark gave no figures:\n{text[-3000:]}")
        sys.exit(1)
    return found
x86, arm = medians("x86"), medians("arm64")
print(f"### arm64 under qemu-user against x86, {size}, medians (ms)")
print("| measure | x86 | arm64 (qemu-aarch64-static) | ratio |")
print("|---|---|---|---|")
for key in x86:
    print(f"| {key} | {x86[key]:.1f} | {arm[key]:.1f} | {arm[key] / x86[key]:.1f} |")
PY
