#!/usr/bin/env bash
# Report benchmark for the commune hub: 50 villages (one kiosk each) x 92 days of realistic rollups
# (July-September), then times the quarterly report: the CLI (text and CSV) and the HTML page.
# Usage: tests/bench/hub_report.sh [BUILD_DIR, default build-hub] [RUNS, default 5]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-hub}
runs=${2:-5}
hub=$build/commune/commune-hub
load=$build/tests/hub_load
work=$(mktemp -d)
hub_pid=
cleanup() {
  [[ -n $hub_pid ]] && kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

for i in $(seq 1 50); do
  echo "kiosk-$i $("$hub" kiosk add "kiosk-$i" --village "Thôn $i" --data "$work/data") Thôn $i"
done >"$work/kiosks.txt"
"$load" export --kiosks "$work/kiosks.txt" --first-day 2026-07-01 --days 92 >"$work/quarter.jsonl"
"$hub" import "$work/quarter.jsonl" --data "$work/data"
echo "seeded: $(du -h "$work/data/hub.sqlite" | cut -f1) database; load: $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
# Prints "LABEL: N ms" for the median of the seconds on stdin; status 1 when it is over the 200 ms budget.
median_ms() {
  local ms
  ms=$(python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.stdin)*1000:.0f}")')
  echo "median $1: $ms ms (budget 200 ms)"
  ((ms <= 200)) || status=1
}
for format in text csv; do
  for _ in $(seq "$runs"); do
    /usr/bin/time -f %e "$hub" report --quarter 2026-Q3 --format "$format" --data "$work/data" 2>&1 >/dev/null
  done >"$work/times"
  median_ms "CLI report --quarter 2026-Q3 --format $format" <"$work/times"
done

echo "benchpass-123" | "$hub" staff add bench --data "$work/data" >/dev/null
"$hub" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/serve.out" 2>"$work/serve.err" &
hub_pid=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/serve.out")
cookie=$(curl -s -o /dev/null -D - -d "username=bench&password=benchpass-123" "http://127.0.0.1:$port/login" |
  sed -n 's/^Set-Cookie: \(hub_session=[0-9a-f]*\).*/\1/p')
size=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/reports?quarter=2026-Q3" | wc -c)
for _ in $(seq "$runs"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "http://127.0.0.1:$port/reports?quarter=2026-Q3"
done >"$work/times"
median_ms "GET /reports?quarter=2026-Q3 (HTML, $size bytes)" <"$work/times"
exit $status
