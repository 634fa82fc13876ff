#!/usr/bin/env python3
"""e2e.hub_reports: reports need a staff login; a kiosk token never opens them; CSV for LibreOffice.
Usage: hub_reports.py COMMUNE_HUB"""
import sys

from hub_common import Hub, check, csv_rows, local_day, make_upload

hub = Hub(sys.argv[1])
try:
    token = hub.add_kiosk("k1", "Thôn Đông")
    result = hub.cli("staff", "add", "canbo", stdin="mat-khau-dai-123\n")
    check(result.returncode == 0, "staff add reads the password from stdin")
    check(hub.cli("staff", "add", "ngan", stdin="short\n").returncode != 0, "a short password is refused")
    hub.start()
    day = local_day(-1)
    month = day[:7]
    first = make_upload("k1", day, sessions=12)
    # Kiosk text that a spreadsheet would run as a formula (the CSV must defuse it).
    first["heartbeat"]["last_error"] = '=HYPERLINK("http://evil.example/","bấm")'
    first["heartbeat"]["version"] = "-1+1"
    check(hub.upload(token, first)[0] == 200, "one day uploaded")

    status, headers, _ = hub.request("GET", f"/reports?month={month}")
    check(status == 303 and headers.get("Location", "").startswith("/login?next="), f"/reports without login: 303 to /login ({status})")
    status, _, _ = hub.request("GET", f"/reports.csv?month={month}")
    check(status == 401, f"/reports.csv without login: 401 ({status})")
    status, _, _ = hub.request("GET", f"/reports.csv?month={month}", headers={"Authorization": "Bearer " + token})
    check(status == 401, f"a kiosk bearer token does not open the CSV ({status})")
    status, _, _ = hub.request("GET", f"/reports?month={month}", headers={"Authorization": "Bearer " + token})
    check(status == 303, f"a kiosk bearer token does not open the page ({status})")
    status, _, _ = hub.request("GET", f"/reports.csv?month={month}", headers={"Cookie": "hub_session=" + token})
    check(status == 401, f"a kiosk token as a session cookie does not open the CSV ({status})")

    status, _, body = hub.request("GET", "/login")
    check(status == 200 and b'name="password"' in body, "GET /login shows the form")
    check(hub.login("canbo", "wrong-password")[0] == 401, "wrong password: 401")
    check(hub.login("nobody", "mat-khau-dai-123")[0] == 401, "unknown user: 401")
    status, cookie = hub.login("canbo", "mat-khau-dai-123")
    check(status == 303 and cookie.startswith("hub_session="), f"login: 303 with a session cookie ({status})")
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age=28800" in cookie,
          f"cookie is HttpOnly, SameSite=Strict, 8 hours ({cookie})")
    session = cookie.split(";")[0]

    status, headers, body = hub.request("GET", f"/reports.csv?month={month}", headers={"Cookie": session})
    check(status == 200 and headers.get("Content-Type", "").startswith("text/csv"), f"CSV with a session: 200 ({status})")
    check(body.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM")
    check(b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b""), "CSV lines end in CRLF only")
    rows = csv_rows(body.decode("utf-8"))
    check(["Thôn Đông", "12", "2", "1", "1", "0"] in rows, "CSV has the village's sessions and bookings")
    check(any(r[:3] == ["Thôn Đông", "< 5", "< 5"] for r in rows), "4 survey answers show as < 5")
    kiosk = next((r for r in rows if len(r) == 8 and r[0] == "k1"), None)
    check(kiosk is not None and kiosk[4] == "'-1+1" and kiosk[7] == "'" + first["heartbeat"]["last_error"],
          f"CSV: kiosk text starting with = or - gets a leading apostrophe, never a formula ({kiosk})")
    check(kiosk is not None and kiosk[6] == "2048", f"CSV: numbers are left as they are ({kiosk})")

    status, _, body = hub.request("GET", f"/reports?month={month}", headers={"Cookie": session})
    html = body.decode("utf-8")
    check(status == 200 and "<td>Thôn Đông</td><td class=\"num\">12</td>" in html, "HTML report with a session")
    check('name="viewport"' in html and "@media print" in html and "<svg" in html, "phone, print and charts")
    status, _, _ = hub.request("GET", f"/reports?quarter={month[:4]}-Q1", headers={"Cookie": session})
    check(status == 200, "quarter report")
    status, _, _ = hub.request("GET", "/reports?month=2026-13", headers={"Cookie": session})
    check(status == 400, "a bad period: 400")
    status, headers, _ = hub.request("POST", "/login", "username=canbo&password=mat-khau-dai-123&next=//evil.example/",
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 303 and headers.get("Location") == "/reports", "login never redirects off-site")

    status, _, _ = hub.request("POST", "/logout", headers={"Cookie": session})
    check(status == 303, "logout")
    status, _, _ = hub.request("GET", f"/reports.csv?month={month}", headers={"Cookie": session})
    check(status == 401, f"the session no longer works after logout ({status})")

    # Guessing: after five wrong passwords in a row the name is refused for a while, even the right one.
    for _ in range(4):
        hub.login("canbo", "doan-mo-mat-khau")
    check(hub.login("canbo", "doan-mo-mat-khau")[0] == 401, "the fifth wrong password: still 401")
    status, headers, _ = hub.request("POST", "/login", "username=canbo&password=mat-khau-dai-123",
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 429 and int(headers.get("Retry-After", "0")) > 0,
          f"then even the right password waits: 429 with Retry-After ({status})")

    result = hub.cli("report", "--month", month)
    check(result.returncode == 0 and "Thôn Đông" in result.stdout and "12" in result.stdout, "CLI text report")
    check(hub.cli("report", "--month", "11-2026").returncode == 2, "CLI refuses a bad period")
    hub.stop()
finally:
    hub.cleanup()
print("PASS")
