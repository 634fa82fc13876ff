#!/usr/bin/env bash
# Power-cut stand-in: a program booking as the kiosk does is killed with SIGKILL at random moments, 20
# times; afterwards the database must pass integrity_check and hold every booking it had confirmed.
# (SIGKILL loses the process, not the OS cache: this checks transactions and WAL recovery; the fsync
# side of a real power cut rests on synchronous=FULL.)
# usage: booking_durability.sh BOOKING_BURST [ROUNDS]
set -euo pipefail
burst=$1 rounds=${2:-20}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
confirmed=$data/confirmed.txt
: >"$confirmed"

killed=0
for ((round = 1; round <= rounds; round++)); do
  "$burst" --data-dir "$data" >>"$confirmed" 2>>"$data/stderr.txt" &
  pid=$!
  delay_ms=$((20 + RANDOM % 281))  # 20 .. 300 ms
  sleep "$(printf '0.%03d' "$delay_ms")"
  if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  status=0
  wait "$pid" 2>/dev/null || status=$?  # no "Killed" job notice in the log
  # 137 = killed by SIGKILL; anything else means it stopped by itself, which it never should.
  if [[ $status != 137 ]]; then
    echo "round $round: booking_burst exited with $status before the kill"; cat "$data/stderr.txt"; exit 1
  fi
done

# Only whole lines count: a line is written in one go after book() returned.
grep -E '^CONFIRMED [34679ACDEFGHJKMNPQRTUVWXY]{6}$' "$confirmed" | cut -d' ' -f2 | sort -u >"$data/codes.txt"
confirmations=$(wc -l <"$data/codes.txt")
if ((confirmations < rounds)); then
  echo "only $confirmations confirmations in $rounds rounds: the test did not exercise anything"; exit 1
fi

ls "$data" | grep -q '\.corrupt-' && { echo "the database was moved aside as corrupt: $(ls "$data")"; exit 1; }
integrity=$(sqlite3 "$data/kiosk.db" 'PRAGMA integrity_check')
[[ $integrity == ok ]] || { echo "integrity_check: $integrity"; exit 1; }

sqlite3 "$data/kiosk.db" 'SELECT code FROM booking' | sort -u >"$data/stored.txt"
missing=$(comm -23 "$data/codes.txt" "$data/stored.txt")
if [[ -n $missing ]]; then
  echo "confirmed but not in the database:"; echo "$missing"; exit 1
fi
stored=$(wc -l <"$data/stored.txt")

# And the kiosk can go on booking in it.
"$burst" --data-dir "$data" --count 3 >"$data/after.txt"
[[ $(grep -c '^CONFIRMED ' "$data/after.txt") == 3 ]] || { echo "booking after the kills failed"; exit 1; }

echo "booking_durability: passed ($rounds rounds, $killed kills, $confirmations confirmed, $stored stored, integrity ok)"
