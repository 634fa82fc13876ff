#!/usr/bin/env bash
# The team's webhook end to end: the real kiosk, booked by touch (booking_by_touch.json) with
# bookings.webhook_url pointing at a real receiver on loopback. The scenario books, then cancels with
# the code and phone number: exactly two messages arrive, keyed CODE:made and CODE:cancelled, with the
# booking's code, day and time and neither the phone number nor the name.
# Usage: booking_webhook.sh KIOSK
set -euo pipefail
kiosk=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-e2e-webhook.XXXXXX")
receiver_pid=
cleanup() {
  if [[ -n $receiver_pid ]]; then kill "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
: >"$work/received.jsonl"
/usr/bin/python3 "$here/outbox_receiver.py" --port "$port" --record "$work/received.jsonl" &
receiver_pid=$!
cat >"$work/kiosk.toml" <<TOML
kiosk_id = "e2e-webhook"
[place]
village = "Thôn Đông"
[bookings]
webhook_url = "http://127.0.0.1:$port/hook"
TOML

"$here/run_scenario.sh" "$kiosk" "$here/booking_by_touch.json" 800x480 "$work/shots" "$work/kiosk.toml" \
  >"$work/kiosk.log" 2>&1 || { cat "$work/kiosk.log"; echo "FAIL: the booking scenario failed"; exit 1; }

/usr/bin/python3 - "$work/received.jsonl" <<'PY'
import json, sys
requests = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
problems = []
events = [json.loads(r["body"]).get("event") for r in requests]
if sorted(events) != ["cancelled", "made"]:
    problems.append("expected one made and one cancelled message, got %s" % events)
if len({json.loads(r["body"]).get("code") for r in requests}) != 1: problems.append("not one booking code")
for r in requests:
    body = json.loads(r["body"])
    if r["path"] != "/hook": problems.append("path %r" % r["path"])
    if r["key"] != "%s:%s" % (body.get("code"), body.get("event")):
        problems.append("key %r for %s" % (r["key"], body))
    if body.get("kiosk_id") != "e2e-webhook" or body.get("village") != "Thôn Đông":
        problems.append("body %s" % body)
    if body.get("time") != "07:30" or body.get("topic") != "vneid": problems.append("slot/topic in %s" % body)
    # The scenario typed 0912 345 678 and "Bà Lan": personal data never leaves the kiosk.
    if "0912345678" in r["body"] or "Lan" in r["body"] or "phone" in body or "name" in body:
        problems.append("personal data in %s" % r["body"])
    if r["authorization"] is not None: problems.append("a webhook gets no hub token: %r" % r["authorization"])
print("received:", [r["key"] for r in requests])
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
PY
