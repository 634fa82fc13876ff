#!/usr/bin/env bash
# Usage events: the cost of one event on the UI thread (median of 5 runs of 100,000 events) and the gzipped size
# of one realistic day's upload. Exits non-zero when a budget is missed: ≤ 0.2 ms per event, ≤ 4 KB per day.
# Usage: tests/bench/usage_events.sh [BUILD_DIR]   (builds the usage_events_bench target there)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target usage_events_bench -j2 >/dev/null
bench=$(find "$build" -name usage_events_bench -type f -perm -u+x | head -1)
[[ -x $bench ]] || { echo "usage_events_bench not built in $build" >&2; exit 2; }

runs=5
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for i in $(seq $runs); do
  "$bench" "$root/content/guides" 100000 >>"$results"
done

/usr/bin/python3 - "$results" "$runs" <<'EOF'
import statistics, sys
values = {}
for line in open(sys.argv[1]):
    name, value = line.split()
    values.setdefault(name, []).append(float(value))
median = {name: statistics.median(v) for name, v in values.items()}
print(f"runs: {sys.argv[2]} x 100,000 events (medians)")
print(f"  per event, background writer (as shipped): {median['background_us_per_event']:.2f} us  (budget 200 us)")
print(f"  slowest single call, background writer:    {median['background_max_ms']:.3f} ms (a burst waits for the disk)")
print(f"  one call at 500 events/s, background writer: median {median['paced_median_us']:.1f} us, "
      f"99th pct {median['paced_p99_us']:.1f} us, max {median['paced_max_ms']:.2f} ms")
print(f"  per event, batch written on the UI thread:  {median['caller_thread_us_per_event']:.2f} us  (for comparison)")
print(f"  slowest single call then (writes a batch):  {median['caller_thread_max_ms']:.2f} ms")
print(f"  per event, own transaction each:            {median['own_transaction_us_per_event']:.1f} us  (for comparison)")
print(f"  rollup of the 100,000-event day:     {median['rollup_ms']:.1f} ms")
print(f"  realistic day: {int(median['upload_sessions'])} sessions, {int(median['upload_guides'])} guides, "
      f"{int(median['upload_bytes'])} bytes JSON, {int(median['upload_gzip_bytes'])} bytes gzipped (budget 4096)")
ok = median["background_us_per_event"] <= 200 and median["upload_gzip_bytes"] <= 4096
print("budgets:", "met" if ok else "MISSED")
sys.exit(0 if ok else 1)
EOF
