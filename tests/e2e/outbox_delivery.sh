#!/usr/bin/env bash
# The durable outbox end to end: the real worker and libcurl client against a real HTTP receiver on loopback.
# Usage: outbox_delivery.sh OUTBOX_DRIVER MODE [KIOSK]
#   down_then_up  messages are queued while the receiver is down (connection refused); once it is up, exactly
#                 the expected messages arrive (gzip, bearer token, idempotency key) and the outbox ends empty
#   retry_5xx     the receiver answers 503 three times first: those messages are retried until delivered
#   refuse_http   plain http to a host that is not this machine is refused before any connection
#   export_stats  kiosk --export-stats writes the recorded day as one upload per line (needs KIOSK)
#   url_rules     which URLs the client sends to: https anywhere, http only to loopback, nothing else
set -euo pipefail
driver=$1
mode=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-e2e-outbox.XXXXXX")
receiver_pid=
cleanup() {
  if [[ -n $receiver_pid ]]; then kill "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; echo "--- driver log:" >&2; cat "$work/driver.log" >&2 || true; exit 1; }

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/api/v1/uploads"
record="$work/received.jsonl"
: >"$record"

start_receiver() {
  /usr/bin/python3 "$here/outbox_receiver.py" --port "$port" --record "$record" "$@" &
  receiver_pid=$!
  for _ in $(seq 50); do
    if /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then return; fi
    sleep 0.1
  done
  fail "receiver did not start"
}

# Checks the receiver's record: every expected key arrived with a 200, nothing else arrived, each body is the
# newest for its key, and the outbox in the database has nothing pending.
check_received() {
  /usr/bin/python3 - "$record" "$work/kiosk.db" "$@" <<'EOF'
import json, sqlite3, sys
record, db, *expected = sys.argv[1:]
requests = [json.loads(line) for line in open(record, encoding="utf-8")]
problems = []
keys = {r["key"] for r in requests}
delivered = {r["key"] for r in requests if r["status"] == 200}
usage_keys = {k for k in keys if k and k.startswith("e2e-kiosk:")}
want = set(expected) | usage_keys
if "usage" in expected:
    want.discard("usage")
    if len(usage_keys) != 1: problems.append("expected one usage key, got %s" % sorted(usage_keys))
if keys != want: problems.append("keys %s, expected %s" % (sorted(keys), sorted(want)))
if delivered != want: problems.append("delivered %s, expected %s" % (sorted(delivered), sorted(want)))
for r in requests:
    if r["authorization"] != "Bearer e2e-token": problems.append("authorization %r" % r["authorization"])
    if r["encoding"] != "gzip": problems.append("content-encoding %r" % r["encoding"])
    if r["content_type"] != "application/json": problems.append("content-type %r" % r["content_type"])
    if r["path"] != "/api/v1/uploads": problems.append("path %r" % r["path"])
    body = json.loads(r["body"])
    if r["key"].startswith("e2e-k") and r["key"][5:].isdigit():
        n = int(r["key"][5:])
        if body["n"] != n: problems.append("%s carried the body of %s" % (r["key"], body["n"]))
        if n == 0 and body["v"] != 2: problems.append("e2e-k0 arrived with its replaced body %s" % body)
    else:
        day = body["days"][0]
        if body["kiosk_id"] != "e2e-kiosk" or day["sessions"] != 1 or r["key"] != "e2e-kiosk:" + day["day"]:
            problems.append("usage upload %s" % r["body"][:200])
        guide = day["guides"][0]
        if guide["reached_step"] != {"1": 1, "2": 1, "3": 1} or guide["left_at_step"] != {"3": 1}:
            problems.append("funnel %s" % guide)
connection = sqlite3.connect(db)
pending = connection.execute("SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL").fetchone()[0]
total = connection.execute("SELECT count(*) FROM outbox_message").fetchone()[0]
if pending != 0: problems.append("%d message(s) still pending" % pending)
if total != len(want): problems.append("%d messages in the outbox, expected %d" % (total, len(want)))
print("received %d request(s) for %d key(s); outbox: %d delivered, %d pending" % (len(requests), len(keys), total, pending))
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
EOF
}

case $mode in
down_then_up)
  "$driver" --db "$work/kiosk.db" --url "$url" --token e2e-token --messages 5 --usage-day --timeout-s 60 \
    >"$work/driver.out" 2>"$work/driver.log" &
  driver_pid=$!
  # Wait until the worker has tried and failed with the receiver down.
  for _ in $(seq 100); do
    grep -qE "Couldn't connect|Could not connect" "$work/driver.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -qE "Couldn't connect|Could not connect" "$work/driver.log" || fail "no failed attempt while the receiver was down"
  [[ -s $record ]] && fail "something arrived while the receiver was down"
  start_receiver
  wait "$driver_pid" || fail "the driver did not empty the outbox: $(cat "$work/driver.out")"
  check_received e2e-k0 e2e-k1 e2e-k2 e2e-k3 e2e-k4 usage || fail "wrong deliveries"
  ;;
retry_5xx)
  start_receiver --fail-first 3 --fail-status 503
  "$driver" --db "$work/kiosk.db" --url "$url" --token e2e-token --messages 2 --usage-day --timeout-s 60 \
    >"$work/driver.out" 2>"$work/driver.log" || fail "the driver did not empty the outbox: $(cat "$work/driver.out")"
  [[ $(grep -c '"status": 503' "$record") == 3 ]] || fail "expected three 503 answers"
  grep -q "HTTP 503" "$work/driver.log" || fail "the 503s were not logged"
  check_received e2e-k0 e2e-k1 usage || fail "wrong deliveries"
  ;;
refuse_http)
  if "$driver" --db "$work/kiosk.db" --url "http://example.com/api/v1/uploads" --token e2e-token --messages 1 \
    --timeout-s 3 >"$work/driver.out" 2>"$work/driver.log"; then
    fail "a plain http URL to another host was delivered to"
  fi
  grep -q "plain http is allowed only to this machine" "$work/driver.log" || fail "no refusal in the log"
  ;;
export_stats)
  kiosk=${3:?export_stats needs the kiosk program}
  mkdir -p "$work/data"
  # A morning of usage recorded into the kiosk's database; nothing listens, so nothing is delivered.
  "$driver" --db "$work/data/kiosk.db" --url "$url" --token e2e-token --messages 0 --usage-day --timeout-s 1 \
    >"$work/driver.out" 2>"$work/driver.log" && fail "delivered with no receiver"
  "$kiosk" --config /nonexistent/kiosk.toml --data-dir "$work/data" --export-stats "$work/stats.jsonl" \
    2>"$work/export.log" || fail "kiosk --export-stats failed: $(cat "$work/export.log")"
  /usr/bin/python3 - "$work/stats.jsonl" <<'EOF2' || fail "wrong export"
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(lines) == 1, lines
upload = lines[0]
assert upload["schema_version"] == 1 and upload["kiosk_id"] == "kiosk-chua-dat-ten", upload
day = upload["days"][0]
assert day["sessions"] == 1 and day["complete"] is False, day
assert day["guides"][0]["reached_step"] == {"1": 1, "2": 1, "3": 1}, day
print("export: ok", day["day"])
EOF2
  ;;
url_rules)
  for allowed in https://hub.example.vn/api/v1/uploads https://10.0.0.5:8443/x http://127.0.0.1:8080/x \
    http://127.1.2.3/x http://localhost:9000/x "http://[::1]:8080/x" HTTPS://HUB.EXAMPLE.VN/x; do
    "$driver" --check-url "$allowed" >/dev/null || fail "$allowed was refused"
  done
  for refused in http://hub.example.vn/x http://localhost.example.vn/x http://127.0.0.1.example.vn/x \
    http://10.0.0.5/x ftp://127.0.0.1/x file:///etc/passwd "not a url" http://128.0.0.1/x; do
    if "$driver" --check-url "$refused" >/dev/null; then fail "$refused was allowed"; fi
  done
  ;;
*)
  echo "unknown mode $mode" >&2
  exit 2
  ;;
esac
echo "outbox e2e $mode: ok"
