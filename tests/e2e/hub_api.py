#!/usr/bin/env python3
"""e2e.hub_api: the upload endpoint over loopback — idempotent re-sends, gzip, every rejection (sent with
the curl command line as the client), and an older copy (a delayed retry, an old export) never winning.
Usage: hub_api.py COMMUNE_HUB"""
import gzip
import json
import os
import socket
import sys

from hub_common import Hub, check, csv_rows, curl_upload, iso_utc, local_day, make_upload, village_sessions


def names_field(answer, field):
    """A refusal's message starts with the field it is about."""
    return answer.get("error", "").startswith(field + ": ")


def kiosk_row(hub, month, kiosk_id):
    """The kiosk's row of the report's kiosk table (id, village, last upload, days silent, version, ...)."""
    result = hub.cli("report", "--month", month, "--format", "csv")
    return next((r for r in csv_rows(result.stdout) if len(r) == 8 and r[0] == kiosk_id), None)


hub = Hub(sys.argv[1])
try:
    token1 = hub.add_kiosk("k1", "Thôn 1")
    token2 = hub.add_kiosk("k2", "Thôn 2")
    check(len(token1) == 64 and token1 != token2, "kiosk add prints a fresh 64-hex-digit token")
    result = hub.cli("kiosk", "add", "k1", "--village", "Thôn 9")
    check(result.returncode == 1 and "already registered" in result.stderr, "a kiosk id registers only once")
    # Exactly the ids a kiosk.toml accepts (a-z, 0-9, "-"; 1..64), or the kiosk could never be configured.
    for bad in ["K1", "kiosk_1", "kiosk.1", "thôn-1", "a" * 65, ""]:
        result = hub.cli("kiosk", "add", bad)
        check(result.returncode == 2 and "a-z, 0-9" in result.stderr and "kiosk.toml" in result.stderr,
              f"kiosk add {bad[:20]!r} is refused with the rule ({result.returncode} {result.stderr.splitlines()[:1]})")
    check(hub.cli("kiosk", "add", "thon-dong-01", "--village", "Thôn Đông").returncode == 0 and
          hub.cli("kiosk", "add", "-", "--village", "Thôn Đông").returncode == 0,
          "kiosk add takes ids such as thon-dong-01")
    token3 = hub.add_kiosk("k3", "Thôn 3")
    hub.add_kiosk("k4", "Thôn 4")
    hub.start()
    day = local_day(-1)
    month = day[:7]

    status, answer = hub.upload(token1, make_upload("k1", day, sessions=10))
    check(status == 200 and answer == {"stored_days": 1}, f"upload stored ({status} {answer})")
    check(village_sessions(hub, month, "Thôn 1") == 10, "report shows the uploaded sessions")

    status, answer = hub.upload(token1, make_upload("k1", day, sessions=25))
    check(status == 200, "re-upload of the same day accepted")
    check(village_sessions(hub, month, "Thôn 1") == 25, "re-upload replaced the day (25, not 35)")

    status, answer = hub.upload(token1, make_upload("k1", day, sessions=31), compress=True)
    check(status == 200 and answer == {"stored_days": 1}, f"gzip body accepted ({status} {answer})")
    check(village_sessions(hub, month, "Thôn 1") == 31, "gzip upload stored (31)")

    # --- rejections, with the curl command line as the client; each 4xx names its field ---
    status, answer = curl_upload(hub, None, make_upload("k1", day))
    check(status == 401 and "error" in answer, f"no token: 401 ({status})")
    check(names_field(answer, "Authorization"), f"no token: the message names Authorization ({answer})")
    status, answer = curl_upload(hub, "0" * 64, make_upload("k1", day))
    check(status == 401, f"unknown token: 401 ({status})")
    check(names_field(answer, "Authorization"), f"unknown token: the message names Authorization ({answer})")
    status, answer = curl_upload(hub, token1, make_upload("k1", day), extra_headers={"Authorization": "Basic " + token1})
    check(status == 401, f"token not as Bearer: 401 ({status})")
    check(names_field(answer, "Authorization"), f"Basic: the message names Authorization ({answer})")

    big = json.dumps(make_upload("k1", day)).encode() + b" " * (300 * 1024)
    status, answer = curl_upload(hub, token1, big)
    check(status == 413, f"300 KB body: 413 ({status} {answer})")
    check(names_field(answer, "body"), f"300 KB body: the message names the body ({answer})")
    bomb = b"{" + b" " * (4 * 1024 * 1024) + b"}"
    check(len(gzip.compress(bomb)) < 256 * 1024, "the gzip bomb is small when compressed")
    status, answer = curl_upload(hub, token1, bomb, compress=True)
    check(status == 413, f"gzip body inflating past the limit: 413 ({status} {answer})")
    check(names_field(answer, "body"), f"gzip bomb: the message names the body ({answer})")
    status, answer = curl_upload(hub, token1, b"not gzip at all", extra_headers={"Content-Encoding": "gzip"})
    check(status == 400, f"broken gzip: 400 ({status} {answer})")
    check(names_field(answer, "body"), f"broken gzip: the message names the body ({answer})")

    status, answer = curl_upload(hub, token1, b'{"schema_version": 1, "kiosk_id": ')
    check(status == 400 and answer.get("error", "").startswith("body: not valid JSON"), f"malformed JSON: 400 {answer}")

    wrong_type = make_upload("k1", day)
    wrong_type["days"][0]["sessions"] = "10"
    status, answer = curl_upload(hub, token1, wrong_type)
    check(status == 400 and answer.get("error") == "days[0].sessions: must be a non-negative integer",
          f"wrong type: 400 naming the field ({answer})")

    nested_type = make_upload("k1", day)
    nested_type["days"][0]["guides"][0]["started"] = -3
    status, answer = curl_upload(hub, token1, nested_type)
    check(status == 400 and answer.get("error") == "days[0].guides[0].started: must be a non-negative integer",
          f"negative count: 400 naming the field ({answer})")

    missing = make_upload("k1", day)
    del missing["kiosk_id"]
    status, answer = curl_upload(hub, token1, missing)
    check(status == 400 and answer.get("error") == "kiosk_id: missing", f"missing field: 400 ({answer})")
    missing = make_upload("k1", day)
    del missing["heartbeat"]["version"]
    status, answer = curl_upload(hub, token1, missing)
    check(status == 400 and answer.get("error") == "heartbeat.version: missing", f"missing nested field: 400 ({answer})")

    future = local_day(2)
    status, answer = curl_upload(hub, token1, make_upload("k1", future))
    check(status == 400 and answer.get("error") == f"days[0].day: {future} is in the future", f"future date: 400 ({answer})")

    status, answer = curl_upload(hub, token1, make_upload("k2", day))
    check(status == 403 and answer.get("error", "").startswith("kiosk_id:"), f"another kiosk's id: 403 ({answer})")

    check(village_sessions(hub, month, "Thôn 1") == 31, "no rejected upload changed the figures")
    check(village_sessions(hub, month, "Thôn 2") is None, "k2 got nothing from k1's token")

    # --- an older copy never overwrites a newer one (ordered by the payload's sent_at) ---
    def made(kiosk_id, on_day, sessions, complete, seconds_ago, version="0.2.0"):
        upload = make_upload(kiosk_id, on_day, sessions=sessions)
        upload["days"][0]["complete"] = complete
        upload["heartbeat"]["sent_at"] = iso_utc(seconds_ago)
        upload["heartbeat"]["version"] = version
        return upload

    status, answer = hub.upload(token3, made("k3", day, 20, False, 60))
    check(status == 200 and answer == {"stored_days": 1}, f"k3: today so far stored ({answer})")
    status, answer = hub.upload(token3, made("k3", day, 15, False, 3600, version="0.1.9"))  # the outbox's late retry
    check(status == 200 and answer == {"stored_days": 0, "older_days_kept": 1},
          f"a delayed retry of an older payload is answered 200 but not stored ({answer})")
    check(village_sessions(hub, month, "Thôn 3") == 20, "the newer figures stayed (20, not 15)")

    # The network delivered day2 complete; then a USB export made a day earlier is imported: its day2 is
    # today-so-far of that time (older, incomplete) and must lose; its day3 is new and counts.
    day2, day3 = local_day(-2), local_day(-3)
    status, answer = hub.upload(token3, made("k3", day2, 40, True, 120))
    check(status == 200 and answer == {"stored_days": 1}, f"k3: complete day stored ({answer})")
    export = os.path.join(hub.data, "old-export.jsonl")
    with open(export, "w", encoding="utf-8") as out:
        out.write(json.dumps(made("k3", day2, 12, False, 86400, version="0.0.9")) + "\n")
        out.write(json.dumps(made("k3", day3, 7, True, 86400, version="0.0.9")) + "\n")
        # k4 has no network at all: its export, made three days and an hour ago, is all the hub hears.
        out.write(json.dumps(made("k4", day3, 5, True, 3 * 86400 + 3600, version="0.0.8")) + "\n")
    result = hub.cli("import", export)
    check(result.returncode == 0 and "imported 3 upload(s), 2 day(s)" in result.stdout and
          "1 day(s) older than the hub's copy" in result.stdout, f"import reports the older day ({result.stdout.strip()})")
    expected = {}
    for on_day, sessions in [(day, 20), (day2, 40), (day3, 7)]:
        expected[on_day[:7]] = expected.get(on_day[:7], 0) + sessions
    for m, sessions in expected.items():
        got = village_sessions(hub, m, "Thôn 3")
        check(got == sessions, f"{m}: the old export did not overwrite the complete day ({got}, expected {sessions})")
    row = kiosk_row(hub, month, "k3")
    check(row is not None and row[3] == "0" and row[4] == "0.2.0",
          f"k3's heartbeat is still the newest one: seen today, version 0.2.0 ({row})")
    row = kiosk_row(hub, month, "k4")
    check(row is not None and row[3] == "3" and row[4] == "0.0.8",
          f"k4 imported: last seen when its export was made (3 days silent), not at the import ({row})")
    result = hub.cli("import", export)
    check(result.returncode == 0 and "3 day(s) older" not in result.stdout and "imported 3 upload(s), 2 day(s)" in result.stdout,
          f"the same file again: its own days are as new as themselves, so they replace ({result.stdout.strip()})")

    # Garbage on the socket must not take the hub down.
    with socket.create_connection(("127.0.0.1", hub.port), timeout=5) as raw:
        raw.sendall(b"\x00\xff GARBAGE \r\n\r\n")
        try:
            raw.recv(100)
        except OSError:
            pass
    with socket.create_connection(("127.0.0.1", hub.port), timeout=5) as raw:  # a lying Content-Length
        raw.sendall(b"POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token1.encode() +
                    b"\r\nContent-Length: 100\r\n\r\n{\"a\":")
        raw.shutdown(socket.SHUT_WR)
        try:
            raw.recv(100)
        except OSError:
            pass
    check(hub.request("GET", "/health")[0] == 200, "still healthy after garbage and cut-off bodies")
    status, answer = hub.upload(token2, make_upload("k2", day, sessions=4))
    check(status == 200 and village_sessions(hub, month, "Thôn 2") == 4, "and still storing uploads")
    check(hub.stop() == 0, "SIGTERM stops the hub cleanly (exit 0)")
finally:
    hub.cleanup()
print("PASS")
