#!/usr/bin/env python3
"""e2e.hub_api: the upload endpoint over loopback — idempotent re-sends, gzip, and every rejection.
Usage: hub_api.py COMMUNE_HUB"""
import gzip
import json
import socket
import sys

from hub_common import Hub, check, local_day, make_upload, village_sessions

hub = Hub(sys.argv[1])
try:
    token1 = hub.add_kiosk("k1", "Thôn 1")
    token2 = hub.add_kiosk("k2", "Thôn 2")
    check(len(token1) == 64 and token1 != token2, "kiosk add prints a fresh 64-hex-digit token")
    check(hub.cli("kiosk", "add", "k1").returncode != 0, "a kiosk id registers only once")
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

    # --- rejections ---
    status, answer = hub.upload(None, make_upload("k1", day))
    check(status == 401 and "error" in answer, f"no token: 401 ({status})")
    status, answer = hub.upload("0" * 64, make_upload("k1", day))
    check(status == 401, f"unknown token: 401 ({status})")
    status, answer = hub.upload(token1, make_upload("k1", day), extra_headers={"Authorization": "Basic " + token1})
    check(status == 401, f"token not as Bearer: 401 ({status})")

    big = json.dumps(make_upload("k1", day)).encode() + b" " * (300 * 1024)
    status, answer = hub.upload(token1, big)
    check(status == 413, f"300 KB body: 413 ({status} {answer})")
    bomb = b"{" + b" " * (4 * 1024 * 1024) + b"}"
    check(len(gzip.compress(bomb)) < 256 * 1024, "the gzip bomb is small when compressed")
    status, answer = hub.upload(token1, bomb, compress=True)
    check(status == 413, f"gzip body inflating past the limit: 413 ({status} {answer})")
    status, answer = hub.upload(token1, b"not gzip at all", extra_headers={"Content-Encoding": "gzip"})
    check(status == 400, f"broken gzip: 400 ({status} {answer})")

    status, answer = hub.upload(token1, b'{"schema_version": 1, "kiosk_id": ')
    check(status == 400 and answer.get("error", "").startswith("body: not valid JSON"), f"malformed JSON: 400 {answer}")

    wrong_type = make_upload("k1", day)
    wrong_type["days"][0]["sessions"] = "10"
    status, answer = hub.upload(token1, wrong_type)
    check(status == 400 and answer.get("error") == "days[0].sessions: must be a non-negative integer",
          f"wrong type: 400 naming the field ({answer})")

    nested_type = make_upload("k1", day)
    nested_type["days"][0]["guides"][0]["started"] = -3
    status, answer = hub.upload(token1, nested_type)
    check(status == 400 and answer.get("error") == "days[0].guides[0].started: must be a non-negative integer",
          f"negative count: 400 naming the field ({answer})")

    missing = make_upload("k1", day)
    del missing["kiosk_id"]
    status, answer = hub.upload(token1, missing)
    check(status == 400 and answer.get("error") == "kiosk_id: missing", f"missing field: 400 ({answer})")
    missing = make_upload("k1", day)
    del missing["heartbeat"]["version"]
    status, answer = hub.upload(token1, missing)
    check(status == 400 and answer.get("error") == "heartbeat.version: missing", f"missing nested field: 400 ({answer})")

    future = local_day(2)
    status, answer = hub.upload(token1, make_upload("k1", future))
    check(status == 400 and answer.get("error") == f"days[0].day: {future} is in the future", f"future date: 400 ({answer})")

    status, answer = hub.upload(token1, make_upload("k2", day))
    check(status == 403 and answer.get("error", "").startswith("kiosk_id:"), f"another kiosk's id: 403 ({answer})")

    check(village_sessions(hub, month, "Thôn 1") == 31, "no rejected upload changed the figures")
    check(village_sessions(hub, month, "Thôn 2") is None, "k2 got nothing from k1's token")

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
