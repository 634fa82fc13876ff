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
finally:
    hub.cleanup()
print("PASS")
