#!/usr/bin/env bash
# The hub's two store backends side by side in one run: a city's kiosks (3,000) each ingest 13 realistic days
# (one a week through 2026-Q3) into SQLite (a file, as commune-hub keeps it) and into PostgreSQL 15 (a
# throw-away server from tests/pg/test_server.sh, Debian's default settings), then the city-wide quarter
# report is made 5 times on each. Prints per-day rates, the medians, and whether both reports are the same
# (exit 1 if not). Takes about three minutes on 2 cores.
# Usage: tests/bench/hub_backends.sh [BUILD_DIR, default build] [KIOSKS, default 3000] [DAYS, default 13] [RUNS, default 5]
# Needs the target hub_backends: cmake --build build --target hub_backends
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
kiosks=${2:-3000}
days=${3:-13}
runs=${4:-5}
work=$(mktemp -d)
cleanup() {
  tests/pg/test_server.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 0755 "$work"  # mktemp's 0700 would shut out the server's user (nobody, when run as root)

url=$(tests/pg/test_server.sh start "$work/pg")
echo "PostgreSQL $(psql "$url" -Atc 'SHOW server_version'), shared_buffers $(psql "$url" -Atc 'SHOW shared_buffers');" \
  "load: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
"$build/tests/hub_backends" --sqlite "$work/hub.sqlite" --postgresql "$url" --kiosks "$kiosks" --days "$days" \
  --runs "$runs" || status=1
echo "stored: SQLite $(du -ch "$work"/hub.sqlite* | tail -1 | cut -f1)," \
  "PostgreSQL $(psql "$url" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"
exit $status
