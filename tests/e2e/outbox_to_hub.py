#!/usr/bin/env python3
"""e2e.outbox_to_hub: the kiosk's outbox, upload worker and libcurl client against the REAL commune hub on
loopback: today's usage figures arrive (gzip, bearer token), the hub's report counts them once, and a second
run of the same day replaces the figures rather than adding to them.
Usage: outbox_to_hub.py OUTBOX_DRIVER COMMUNE_HUB"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_common import Hub, check, local_day, village_sessions  # noqa: E402

driver, hub_binary = sys.argv[1], sys.argv[2]
hub = Hub(hub_binary)
work = tempfile.mkdtemp(prefix="kiosk-e2e-outbox-hub-")
try:
    token = hub.add_kiosk("e2e-kiosk", "Thôn Đông")
    hub.start()
    url = f"http://127.0.0.1:{hub.port}/api/v1/uploads"
    db = os.path.join(work, "kiosk.db")

    def run_driver():
        return subprocess.run([driver, "--db", db, "--url", url, "--token", token, "--messages", "0",
                               "--usage-day", "--timeout-s", "60"], capture_output=True, text=True, timeout=90)

    first = run_driver()
    check(first.returncode == 0, f"the driver emptied the outbox into the hub ({first.stdout.strip()} {first.stderr.strip()})")
    month = local_day()[:7]
    check(village_sessions(hub, month, "Thôn Đông") == 1, "the hub's report counts the kiosk's one session")

    # The same database again: one more session recorded today, the same key, so the hub replaces the day.
    second = run_driver()
    check(second.returncode == 0, f"second run delivered ({second.stderr.strip()})")
    check(village_sessions(hub, month, "Thôn Đông") == 2, "the re-sent day replaced the figures (2, not 3)")

    wrong = subprocess.run([driver, "--db", os.path.join(work, "other.db"), "--url", url, "--token", "0" * 64,
                            "--messages", "0", "--usage-day", "--timeout-s", "4"], capture_output=True, text=True,
                           timeout=60)
    check(wrong.returncode != 0, "with a wrong token nothing counts as delivered")
    check("HTTP 401" in wrong.stderr, "the hub's refusal is logged with its status")
finally:
    hub.cleanup()
    subprocess.run(["rm", "-rf", work])
