#!/usr/bin/python3
"""e2e.screen_flags (issue 14 item 5): the real kiosk, driven by touch (staff_flags.json), flags a guide's
step "Màn hình này đã khác"; started again, it uploads that day's figures with the flag to the real hub on
127.0.0.1, and the hub's /flags page (staff login, like /fleet) lists it under the guide's Vietnamese
title and step. A third start re-sends the day: the flag is still listed once.
The page is kept as SHOTS_DIR/flags.html to look at.
usage: screen_flags.py KIOSK COMMUNE_HUB SCENARIO SHOTS_DIR   (under with_xvfb.sh: the kiosk needs DISPLAY)"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_common import Hub, check  # noqa: E402

PASSWORD = "mat-khau-dai-123"


def kiosk_command(kiosk, folder, config):
    return [kiosk, "--windowed", "800x480", "--config", config, "--data-dir", os.path.join(folder, "kiosk-data")]


def flags_page(hub, cookie):
    status, _, body = hub.request("GET", "/flags", headers={"Cookie": cookie.split(";")[0]})
    return status, body.decode()


def wait_for(hub, cookie, text, timeout=40):
    end = time.monotonic() + timeout
    page = ""
    while time.monotonic() < end:
        page = flags_page(hub, cookie)[1]
        if text in page:
            return page
        time.sleep(0.5)
    return page


def last_seen(hub):
    db = sqlite3.connect(os.path.join(hub.data, "hub.sqlite"))
    try:
        row = db.execute("SELECT last_seen_unix FROM kiosks WHERE kiosk_id = 'thon-dong-01'").fetchone()
    finally:
        db.close()
    return row[0] if row else 0


def run_and_stop(kiosk, folder, config, hub, cookie, text):
    """Starts the kiosk, waits until the hub has heard from it and the page shows text, then stops it.
    Waiting for its upload matters: the text may be there already (the scenario's run can upload the
    flag itself under load), and a SIGTERM before the kiosk's main() has run kills it, which is not the
    clean stop checked here."""
    seen_before = last_seen(hub)
    time.sleep(1.1)  # the hub's clock in whole seconds: the next upload is seen later
    log = open(os.path.join(folder, "kiosk.log"), "a")
    proc = subprocess.Popen(kiosk_command(kiosk, folder, config), stderr=log)
    log.close()
    end = time.monotonic() + 40
    while last_seen(hub) <= seen_before and time.monotonic() < end:
        time.sleep(0.5)
    page = wait_for(hub, cookie, text)
    proc.send_signal(signal.SIGTERM)
    status = proc.wait(timeout=20)
    check(status == 0, f"the kiosk stops on SIGTERM (exit status {status})")
    return page


def main():
    kiosk, hub_binary, scenario, shots = sys.argv[1:5]
    hub = Hub(hub_binary)
    with tempfile.TemporaryDirectory(prefix="kiosk-flags-") as folder:
        try:
            token = hub.add_kiosk("thon-dong-01", "Thôn Đông")
            check(hub.cli("staff", "add", "noidung", stdin=PASSWORD + "\n").returncode == 0, "a staff account")
            hub.start()
            status, headers, _ = hub.request("GET", "/flags")
            check(status == 303 and headers.get("Location", "").startswith("/login?next="),
                  f"/flags without login: 303 to /login ({status})")
            check(hub.request("GET", "/flags", headers={"Authorization": "Bearer " + token})[0] == 303,
                  "a kiosk's token does not open /flags")
            status, cookie = hub.login("noidung", PASSWORD)
            check(status == 303, "staff login")
            status, page = flags_page(hub, cookie)
            check(status == 200 and "Chưa có báo cáo nào." in page, "no flags yet")

            config = os.path.join(folder, "kiosk.toml")
            with open(config, "w") as f:
                f.write(f'kiosk_id = "thon-dong-01"\n[place]\nvillage = "Thôn Đông"\n'
                        f'[hub]\nurl = "http://127.0.0.1:{hub.port}"\ntoken = "{token}"\n')

            # By touch: sign in, the guides to compare, a step, "Màn hình này đã khác".
            with open(os.path.join(folder, "kiosk.log"), "a") as log:
                done = subprocess.run(kiosk_command(kiosk, folder, config) +
                                      ["--scenario", scenario, "--screenshot-dir", shots], stderr=log, timeout=120)
            check(done.returncode == 0, "the staff_flags scenario passes")
            db = sqlite3.connect(os.path.join(folder, "kiosk-data", "kiosk.db"))
            rows = db.execute("SELECT guide_id, guide_title, step, what, note FROM screen_flag").fetchall()
            db.close()
            print("kiosk.db:", rows)
            check(len(rows) == 1 and rows[0][2] == 2 and rows[0][3] == "button" and rows[0][4] == "Nut xanh",
                  "the flag is in kiosk.db: step 2, the button, the note")
            guide_id, title = rows[0][0], rows[0][1]

            # Started again, the kiosk sends today's figures at once, the flag with them.
            page = run_and_stop(kiosk, folder, config, hub, cookie, "Nut xanh")
            check(f"<h2>{title} <small>({guide_id})</small></h2>" in page,
                  "the hub lists the flag under the guide's Vietnamese title")
            check("<td>Bước 2</td><td>Nút</td><td>Nut xanh</td>" in page, "with its step, what differs and the note")
            check("<td>Thôn Đông</td><td>thon-dong-01</td>" in page, "and the kiosk it came from")
            check("1 báo cáo." in page, "one flag")

            # A third start sends the same day again: the flag is stored once.
            before = last_seen(hub)
            run_and_stop(kiosk, folder, config, hub, cookie, "1 báo cáo.")
            check(last_seen(hub) > before, "the third start uploaded the day again")
            status, page = flags_page(hub, cookie)
            check(page.count("Nut xanh") == 1 and "1 báo cáo." in page, "a re-sent day does not duplicate the flag")
            os.makedirs(shots, exist_ok=True)
            with open(os.path.join(shots, "flags.html"), "w", encoding="utf-8") as f:
                f.write(page)
        finally:
            hub.cleanup()
            log = os.path.join(folder, "kiosk.log")
            if os.path.exists(log):
                print(open(log).read()[-3000:])
    print("screen_flags: passed")


if __name__ == "__main__":
    main()
