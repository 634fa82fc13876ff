#!/usr/bin/env bash
# Ingest benchmark for the commune hub: 1,000 registered kiosks each upload a realistic day
# (18 guides with funnels, screens, bookings, surveys), over keep-alive connections from 8 client
# threads; plain JSON and gzip. Prints rate and p50/p99 latency per run, then the medians.
# Exits 1 when a median misses the budget (>= 1,000 uploads/s, p99 <= 20 ms).
# Usage: tests/bench/hub_ingest.sh [BUILD_DIR, default build-hub] [RUNS, default 3]
# Needs the targets commune-hub and hub_load:
#   cmake --build build-hub --target commune-hub hub_load
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-hub}
runs=${2:-3}
hub=$build/commune/commune-hub
load=$build/tests/hub_load
work=$(mktemp -d)
hub_pid=
cleanup() {
  [[ -n $hub_pid ]] && kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "registering 1000 kiosks in 50 villages..."
for i in $(seq 1 1000); do
  village="Thôn $(( (i - 1) % 50 + 1 ))"
  echo "kiosk-$i $("$hub" kiosk add "kiosk-$i" --village "$village" --data "$work/data") $village"
done >"$work/kiosks.txt"

"$hub" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/serve.out" 2>"$work/serve.err" &
hub_pid=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/serve.out")
echo "hub on port $port (pid $hub_pid); load: $(cut -d' ' -f1-3 /proc/loadavg)"

"$load" sample >/dev/null  # prints the realistic day's size, JSON and gzipped

# Local yesterday (UTC+7): never "in the future" for the hub.
day=$(TZ=Asia/Ho_Chi_Minh date -d yesterday +%F)
results=()
for mode in plain gzip; do
  for run in $(seq "$runs"); do
    flag=(); [[ $mode == gzip ]] && flag=(--gzip)
    # Each run re-sends the same day: the hub replaces every kiosk's rollup (delete + insert).
    line=$("$load" send --url "http://127.0.0.1:$port" --kiosks "$work/kiosks.txt" --day "$day" --threads 8 "${flag[@]}")
    echo "$mode run $run: $line"
    results+=("$mode $line")
  done
done
printf '%s\n' "${results[@]}" | python3 -c '
import re, statistics, sys
rows = {}
for line in sys.stdin:
    mode = line.split()[0]
    f = dict(re.findall(r"(\w+)=([\d.]+)", line))
    rows.setdefault(mode, []).append(f)
ok = True
for mode, rs in rows.items():
    med = lambda k: statistics.median(float(r[k]) for r in rs)
    print("median %s: %.0f uploads/s, p50 %.2f ms, p99 %.2f ms over %d runs" % (mode, med("rate"), med("p50"), med("p99"), len(rs)))
    ok = ok and med("rate") >= 1000 and med("p99") <= 20
print("budget (>= 1,000 uploads/s, p99 <= 20 ms):", "met" if ok else "NOT met")
sys.exit(0 if ok else 1)
'
