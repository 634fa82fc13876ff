#!/usr/bin/env bash
# Guide performance: walks every bundled guide by touch (tests/e2e/walk_all_guides.py) under Xvfb with
# KIOSK_TIMING=1 and reports how long each new step took to appear (tap to presented frame), how long
# each picture took to decode and upload (done ahead, between page turns), and the memory held after
# each guide's finish screen. Budgets: a step ≤ 50 ms; RSS ≤ 120 MB and not growing with guides.
# usage: tests/bench/guides.sh KIOSK [WIDTHxHEIGHT ...]     (default sizes: 1280x800 800x480)
set -euo pipefail
kiosk=$(realpath "$1"); shift
sizes=("${@:-1280x800}")
(($# == 0)) && sizes=(1280x800 800x480)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/tests/e2e/walk_all_guides.py" "$root" >"$work/walk.json"
status=0
for size in "${sizes[@]}"; do
  log="$work/$size.log"
  KIOSK_TIMING=1 "$root/tests/e2e/run_scenario.sh" "$kiosk" "$work/walk.json" "$size" "$work/shots" >"$log" 2>&1 ||
    { echo "the walk failed at $size:"; tail -20 "$log"; exit 1; }
  /usr/bin/python3 - "$log" "$size" <<'PY' || status=1
import re, statistics, sys
text = open(sys.argv[1], encoding="utf-8").read()
size = sys.argv[2]
steps = [float(m) for m in re.findall(r"step \S+ shown in ([0-9.]+) ms", text)]
pictures = [float(m) for m in re.findall(r"picture \S+ loaded in ([0-9.]+) ms", text)]
finishes = [(int(a), int(b), int(c)) for a, b, c in re.findall(r"#finish reached, RSS (\d+) kB, peak RSS (\d+) kB, (\d+) picture", text)]
def q(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]
mb = lambda kb: kb / 1024
first_rss, last_rss = mb(finishes[0][0]), mb(finishes[-1][0])
peak = mb(max(f[1] for f in finishes))
print(f"### {size}: {len(steps)} steps of {len(finishes)} guides")
print("| measure | median | 95th percentile | max | budget |")
print("|---|---|---|---|---|")
print(f"| new step shown, tap to presented frame (ms) | {statistics.median(steps):.1f} | {q(steps, .95):.1f} | {max(steps):.1f} | ≤ 50 |")
print(f"| step picture decoded + uploaded, ahead of time (ms) | {statistics.median(pictures):.1f} | {q(pictures, .95):.1f} | {max(pictures):.1f} | — |")
print(f"| RSS after the first guide / after all {len(finishes)} (MB) | {first_rss:.1f} | — | {last_rss:.1f} | ≤ 120, not growing |")
print(f"| peak RSS over the whole walk (MB) | — | — | {peak:.1f} | ≤ 120 |")
print(f"| pictures held on a finish screen | — | — | {max(f[2] for f in finishes)} | — |")
ok = max(steps) <= 50 and 0 < peak <= 120 and 0 < last_rss <= first_rss + 10
print("budgets: all met" if ok else "budgets: NOT met")
sys.exit(0 if ok else 1)
PY
done
exit $status
