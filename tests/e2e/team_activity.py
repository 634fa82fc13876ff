#!/usr/bin/python3
"""e2e.team_activity (issue 16 items 1, 2): the real kiosk, driven by touch (staff_team.json), records a home
visit with what it achieved, marks a booking done with a result and hands the screen to the resident, who
taps a face. kiosk.db then holds counts only (no booking id beside the face); started again, the kiosk sends
today's figures to the real hub on 127.0.0.1, and the delivered upload carries team_activity (the home visit
and the kiosk's own place) and satisfaction for the day.
usage: team_activity.py KIOSK COMMUNE_HUB SCENARIO SHOTS_DIR   (under with_xvfb.sh: the kiosk needs DISPLAY)"""
import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_common import Hub, check  # noqa: E402

KIOSK_ID = "thon-dong-01"


def kiosk_command(kiosk, folder, config):
    return [kiosk, "--windowed", "800x480", "--config", config, "--data-dir", os.path.join(folder, "kiosk-data")]


def query(folder, sql, args=()):
    db = sqlite3.connect(os.path.join(folder, "kiosk-data", "kiosk.db"))
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def delivered_today(folder, today):
    """The body of today's upload once the hub took it with the team's figures in it, else None."""
    rows = query(folder, "SELECT body FROM outbox_message WHERE kind = 'usage' AND idempotency_key = ? "
                         "AND delivered_at IS NOT NULL", (f"{KIOSK_ID}:{today}",))
    if rows and '"team_activity"' in rows[0][0]:
        return json.loads(rows[0][0])
    return None


def main():
    kiosk, hub_binary, scenario, shots = sys.argv[1:5]
    hub = Hub(hub_binary)
    # The kiosk's local day (Asia/Ho_Chi_Minh, UTC+7), as it names the day it uploads.
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="kiosk-team-") as folder:
        try:
            token = hub.add_kiosk(KIOSK_ID, "Thôn Đông")
            hub.start()
            config = os.path.join(folder, "kiosk.toml")
            with open(config, "w") as f:
                f.write(f'kiosk_id = "{KIOSK_ID}"\n[place]\nvillage = "Thôn Đông"\n'
                        f'[hub]\nurl = "http://127.0.0.1:{hub.port}"\ntoken = "{token}"\n')

            with open(os.path.join(folder, "kiosk.log"), "a") as log:
                done = subprocess.run(kiosk_command(kiosk, folder, config) +
                                      ["--scenario", scenario, "--screenshot-dir", shots], stderr=log, timeout=150)
            check(done.returncode == 0, "the staff_team scenario passes")

            help_rows = query(folder, "SELECT day, place, people FROM team_help ORDER BY id")
            print("team_help:", help_rows)
            check(help_rows == [(today, "home_visit", 2), (today, "kiosk", 1)],
                  "kiosk.db: the home visit (2 people) and the booking done, today")
            results = query(folder, "SELECT h.place, r.result, r.times FROM team_help_result r "
                                    "JOIN team_help h ON h.id = r.help_id ORDER BY 1, 2")
            check(results == [("home_visit", "vneid_level1", 1), ("home_visit", "vneid_level2", 2),
                              ("kiosk", "vneid_level1", 1)], f"kiosk.db: the results per record ({results})")
            faces = query(folder, "SELECT day, answer, times FROM satisfaction_count")
            check(faces == [(today, "happy", 1)], f"kiosk.db: one happy face today ({faces})")
            columns = [row[1] for row in query(folder, "PRAGMA table_info(satisfaction_count)")]
            check(columns == ["day", "answer", "times"], "the faces' table has no booking and no person in it")

            # Started again, the kiosk sends today's figures at once.
            log = open(os.path.join(folder, "kiosk.log"), "a")
            proc = subprocess.Popen(kiosk_command(kiosk, folder, config), stderr=log)
            log.close()
            end = time.monotonic() + 60
            upload = None
            while upload is None and time.monotonic() < end:
                time.sleep(0.5)
                upload = delivered_today(folder, today)
            proc.send_signal(signal.SIGTERM)
            status = proc.wait(timeout=20)
            check(status == 0, f"the kiosk stops on SIGTERM (exit status {status})")
            check(upload is not None, "the hub took today's upload with the team's figures")
            day = next(d for d in upload["days"] if d["day"] == today)
            print("uploaded:", json.dumps({k: day.get(k) for k in ("team_activity", "satisfaction")}))
            check(day["team_activity"] == {
                "home_visit": {"events": 1, "people": 2, "results": {"vneid_level1": 1, "vneid_level2": 2}},
                "kiosk": {"events": 1, "people": 1, "results": {"vneid_level1": 1}},
            }, "the upload carries the help per place")
            check(day["satisfaction"] == {"happy": 1}, "and the faces")
            check(day["bookings_done"] == 1, "beside the booking marked done")
            text = json.dumps(upload, ensure_ascii=False)
            check("0912345678" not in text and "Bà Lan" not in text, "no phone number or name travels")
        finally:
            hub.cleanup()
            log = os.path.join(folder, "kiosk.log")
            if os.path.exists(log):
                print(open(log).read()[-3000:])
    print("team_activity: passed")


if __name__ == "__main__":
    main()
