#!/usr/bin/env python3
"""e2e.hub_restart: data survives a hub killed mid-way (SIGKILL) and a clean restart; /health tells
whether the store can write. Usage: hub_restart.py COMMUNE_HUB"""
import os
import signal
import sqlite3
import sys

from hub_common import Hub, check, local_day, make_upload, village_sessions

hub = Hub(sys.argv[1])
try:
    token = hub.add_kiosk("k1", "Thôn 1")
    hub.start()
    day1, day2 = local_day(-2), local_day(-1)
    check(hub.upload(token, make_upload("k1", day1, sessions=7))[0] == 200, "first day stored")
    check(hub.upload(token, make_upload("k1", day2, sessions=9))[0] == 200, "second day stored")
    hub.stop(signal.SIGKILL)  # no clean shutdown at all
    hub.start()
    sessions = village_sessions(hub, day1[:7], "Thôn 1")
    expected = 16 if day1[:7] == day2[:7] else 7
    check(sessions == expected, f"after SIGKILL and restart the figures are all there ({sessions})")
    check(hub.upload(token, make_upload("k1", day2, sessions=1))[0] == 200, "a re-send after restart is accepted")
    check(hub.stop() == 0, "clean stop")
    hub.start()
    sessions = village_sessions(hub, day2[:7], "Thôn 1")
    check(sessions == (8 if day1[:7] == day2[:7] else 1), f"re-send replaced the day across restarts ({sessions})")

    # Another process holding the write lock: the hub cannot write, so /health says 503 (after its
    # busy timeout), then 200 again once the lock is gone.
    locker = sqlite3.connect(os.path.join(hub.data, "hub.sqlite"), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    status = hub.request("GET", "/health")[0]
    check(status == 503, f"/health is 503 while the store cannot write ({status})")
    locker.execute("ROLLBACK")
    locker.close()
    check(hub.request("GET", "/health")[0] == 200, "/health is 200 again")
    hub.stop()

    # A store broken under the running hub: the officer gets a 500, and the journal gets the request
    # and the reason.
    check(hub.cli("staff", "add", "canbo", stdin="mat-khau-dai-123\n").returncode == 0, "staff added")
    log = os.path.join(hub.data, "hub.log")
    hub.start(log=log)
    session = hub.login("canbo", "mat-khau-dai-123")[1].split(";")[0]
    breaker = sqlite3.connect(os.path.join(hub.data, "hub.sqlite"), isolation_level=None)
    breaker.execute("DROP TABLE day_figures")
    breaker.close()
    status = hub.request("GET", f"/reports.csv?month={day1[:7]}", headers={"Cookie": session})[0]
    check(status == 500, f"a report over a broken store: 500 ({status})")
    hub.stop()
    with open(log, encoding="utf-8") as f:
        logged = f.read()
    check("500 on GET /reports.csv" in logged and "day_figures" in logged,
          f"the 500 is logged with its path and reason ({logged.strip()!r})")
finally:
    hub.cleanup()
print("PASS")
