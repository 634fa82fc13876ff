#!/usr/bin/python3
"""e2e.fleet (issue 13 item 7): the real kiosk uploads its heartbeat to the real hub on 127.0.0.1 and the
technician's /fleet page (staff login, like /reports) shows it: version, content version, uptime,
restarts since boot (a second start of the kiosk counts one), free disk, SoC temperature (a fake
/sys/class/thermal). An older kiosk's upload without the new fields is still accepted and shows "—";
once silent over 24 hours it is marked CẦN KIỂM TRA, in red and in words.
The page is kept as SHOTS_DIR/fleet.html to look at.
usage: fleet.py KIOSK COMMUNE_HUB [SHOTS_DIR]   (under with_xvfb.sh: the kiosk needs DISPLAY)"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_common import Hub, check, iso_utc, local_day, make_upload  # noqa: E402

PASSWORD = "mat-khau-dai-123"


def run_kiosk(kiosk, folder, config, thermal):
    """Starts the kiosk; returns it once the hub has its upload (the log says so) or after 40 s."""
    env = dict(os.environ, KIOSK_THERMAL_DIR=thermal)
    log = open(os.path.join(folder, "kiosk.log"), "a")
    proc = subprocess.Popen([kiosk, "--windowed", "800x480", "--config", config, "--data-dir",
                             os.path.join(folder, "kiosk-data")], env=env, stderr=log)
    log.close()
    return proc


def fleet_page(hub, cookie):
    status, _, body = hub.request("GET", "/fleet", headers={"Cookie": cookie.split(";")[0]})
    return status, body.decode()


def row_of(page, kiosk_id):
    for row in page.split("<tr>"):
        if f"<td>{kiosk_id}</td>" in row:
            return row
    return ""


def wait_for_row(hub, cookie, kiosk_id, text, timeout=40):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        row = row_of(fleet_page(hub, cookie)[1], kiosk_id)
        if text in row:
            return row
        time.sleep(0.5)
    return row_of(fleet_page(hub, cookie)[1], kiosk_id)


def main():
    kiosk, hub_binary = sys.argv[1], sys.argv[2]
    shots = sys.argv[3] if len(sys.argv) > 3 else None
    hub = Hub(hub_binary)
    with tempfile.TemporaryDirectory(prefix="kiosk-fleet-") as folder:
        try:
            token = hub.add_kiosk("thon-dong-01", "Thôn Đông")
            old_token = hub.add_kiosk("thon-tay-01", "Thôn Tây")
            check(hub.cli("staff", "add", "kythuat", stdin=PASSWORD + "\n").returncode == 0, "a staff account")
            hub.start()
            status, headers, _ = hub.request("GET", "/fleet")
            check(status == 303 and headers.get("Location", "").startswith("/login?next="),
                  f"/fleet without login: 303 to /login ({status})")
            check(hub.request("GET", "/fleet", headers={"Authorization": "Bearer " + token})[0] == 303,
                  "a kiosk's token does not open /fleet")
            status, cookie = hub.login("kythuat", PASSWORD)
            check(status == 303, "staff login")

            # An older kiosk: schema 1 without restarts or temperature. Accepted.
            old = make_upload("thon-tay-01", local_day(), village="Thôn Tây")
            old["heartbeat"]["sent_at"] = iso_utc(60)
            old["heartbeat"]["version"] = "0.0.9"
            status, answer = hub.upload(old_token, old)
            check(status == 200, f"an older kiosk's heartbeat without the new fields is accepted ({status} {answer})")

            thermal = os.path.join(folder, "thermal")
            os.makedirs(os.path.join(thermal, "thermal_zone0"))
            with open(os.path.join(thermal, "thermal_zone0", "type"), "w") as f:
                f.write("cpu-thermal\n")
            with open(os.path.join(thermal, "thermal_zone0", "temp"), "w") as f:
                f.write("48230\n")
            config = os.path.join(folder, "kiosk.toml")
            with open(config, "w") as f:
                f.write(f'kiosk_id = "thon-dong-01"\n[place]\nvillage = "Thôn Đông"\n'
                        f'[hub]\nurl = "http://127.0.0.1:{hub.port}"\ntoken = "{token}"\n')

            first = run_kiosk(kiosk, folder, config, thermal)
            row = wait_for_row(hub, cookie, "thon-dong-01", "<td>48.2</td>")
            print("row:", row)
            check("<td>48.2</td>" in row, "the fleet page shows the kiosk's SoC temperature, 48.2 °C")
            check("<td>Ổn</td>" in row, "a kiosk just heard from is fine")
            check("<td>0.1.0</td>" in row, "its version")
            check("phút</td><td>0</td>" in row, "its uptime, and 0 restarts on its first start since boot")
            first.send_signal(signal.SIGTERM)
            check(first.wait(timeout=20) == 0, "the kiosk stops on SIGTERM")

            second = run_kiosk(kiosk, folder, config, thermal)
            row = wait_for_row(hub, cookie, "thon-dong-01", "phút</td><td>1</td>")
            print("row:", row)
            check("phút</td><td>1</td>" in row, "a second start in the same boot: 1 restart")
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=20)

            # A day and a half without news from the older kiosk (the hub's clock cannot be moved: its
            # last-seen time is moved back instead, with the hub stopped).
            hub.stop()
            db = sqlite3.connect(os.path.join(hub.data, "hub.sqlite"))
            db.execute("UPDATE kiosks SET last_seen_unix = last_seen_unix - 36 * 3600 WHERE kiosk_id = 'thon-tay-01'")
            db.commit()
            db.close()
            hub.start(port=hub.port)
            status, page = fleet_page(hub, cookie)
            check(status == 200, "/fleet after the hub's restart (the session is in its database)")
            row = row_of(page, "thon-tay-01")
            print("row:", row)
            check('<td class="alert">CẦN KIỂM TRA: Không gửi tin quá 24 giờ (1 ngày 12 giờ).</td>' in row,
                  "the silent kiosk is marked, in red (class alert) and in words")
            check("<td>0.0.9</td>" in row and "<td>—</td><td>2048</td><td>—</td>" in row,
                  "the older kiosk's restarts and temperature show as unknown, not 0")
            check("<td>Ổn</td>" in row_of(page, "thon-dong-01"), "the kiosk that uploads is not marked")
            check("2 ki-ốt, 1 cần kiểm tra" in page, "the page counts the kiosks needing a visit")
            if shots:
                os.makedirs(shots, exist_ok=True)
                with open(os.path.join(shots, "fleet.html"), "w", encoding="utf-8") as f:
                    f.write(page)
        finally:
            hub.cleanup()
            log = os.path.join(folder, "kiosk.log")
            if os.path.exists(log):
                print(open(log).read()[-3000:])
    print("fleet: passed")


if __name__ == "__main__":
    main()
