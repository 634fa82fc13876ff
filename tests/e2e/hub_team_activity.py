#!/usr/bin/env python3
"""e2e.hub_team_activity: uploads carrying "team_activity" and "satisfaction" POSTed over real HTTP to a real
commune-hub on loopback reach the report ("Hoạt động của tổ", CSV and page, with the "< 5" rule); a re-sent day
replaces its figures, never adds; a bad entry is refused naming its field; an older kiosk's upload without them
still counts.
Usage: hub_team_activity.py COMMUNE_HUB"""
import sys

from hub_common import Hub, check, csv_rows, iso_utc, local_day, make_upload

GROUP_PLACE, GROUP_FACES = "Nơi hỗ trợ", "Mức hài lòng (hỗ trợ ở ki-ốt)"


def with_team(kiosk_id, day, team, faces, made_seconds_ago):
    upload = make_upload(kiosk_id, day)
    upload["heartbeat"]["sent_at"] = iso_utc(made_seconds_ago)
    upload["days"][0]["team_activity"] = team
    upload["days"][0]["satisfaction"] = faces
    return upload


hub = Hub(sys.argv[1])
try:
    day = local_day(-1)
    month = day[:7]
    dong = hub.add_kiosk("k-dong", "Thôn Đông")
    tay = hub.add_kiosk("k-tay", "Thôn Tây")
    check(hub.cli("staff", "add", "canbo", stdin="mat-khau-dai-123\n").returncode == 0, "staff account")
    hub.start()

    first = with_team("k-dong", day, {
        "home_visit": {"events": 3, "people": 6, "results": {"vneid_level2": 6, "scam_warning": 2}},
        "kiosk": {"events": 1, "people": 1},
    }, {"happy": 7, "neutral": 1}, 600)
    status, answer = hub.upload(dong, first)
    check(status == 200 and answer.get("stored_days") == 1, f"Thôn Đông's day with team activity: 200 ({status} {answer})")
    status, answer = hub.upload(tay, with_team("k-tay", day, {
        "class": {"events": 2, "people": 20, "results": {"app_installed": 12, "from_a_newer_kiosk": 8}},
        "home_visit": {"events": 1, "people": 9, "results": {"vneid_level2": 9}},
    }, {"happy": 11, "unhappy": 2}, 600))
    check(status == 200, f"Thôn Tây's day: 200 ({status} {answer})")

    # The same day sent again later that day: its figures replace the first copy's.
    resent = with_team("k-dong", day, {
        "home_visit": {"events": 4, "people": 8, "results": {"vneid_level2": 7, "scam_warning": 2}},
    }, {"happy": 9, "neutral": 1}, 0)
    for attempt in range(2):
        status, answer = hub.upload(dong, resent)
        check(status == 200, f"re-send {attempt + 1}: 200 ({status} {answer})")

    bad = with_team("k-dong", day, {"home_visit": {"events": 1, "people": -1}}, {}, 0)
    status, answer = hub.upload(dong, bad)
    check(status == 400 and answer.get("error") == "days[0].team_activity.home_visit.people: must be a non-negative integer",
          f"a bad count refused naming its field ({status} {answer})")
    bad = with_team("k-dong", day, {}, {"Rất vui": 1}, 0)
    status, answer = hub.upload(dong, bad)
    check(status == 400 and answer.get("error", "").startswith('days[0].satisfaction."Rất vui'),
          f"a bad answer key refused naming it ({status} {answer})")

    # An older kiosk's upload (no such fields) on another day: accepted, adds none.
    status, answer = hub.upload(tay, make_upload("k-tay", local_day(-2)))
    check(status == 200, f"an older kiosk's upload without the fields: 200 ({status} {answer})")

    status, cookie = hub.login("canbo", "mat-khau-dai-123")
    check(status == 303, "login")
    session = {"Cookie": cookie.split(";")[0]}
    status, _, body = hub.request("GET", f"/reports.csv?month={month}", headers=session)
    check(status == 200, f"report CSV: 200 ({status})")
    rows = [r[:5] for r in csv_rows(body.decode("utf-8")) if len(r) == 5]

    def line(village, group, item):
        return next((r[3:] for r in rows if r[:3] == [village, group, item]), None)

    # Thôn Đông after the re-send: 4 visits for 8 people (not 3 + 4, not 6 + 8); 9 happy, 1 neutral.
    # Per column across the two villages, as the survey: fewer than 5 is "< 5"; a lone small one takes the
    # smallest shown figure with it ("ẩn").
    check(line("Thôn Đông", GROUP_PLACE, "Đến tận nhà") == ["< 5", "8"], f"home visits replaced: {line('Thôn Đông', GROUP_PLACE, 'Đến tận nhà')}")
    check(line("Thôn Tây", GROUP_PLACE, "Đến tận nhà") == ["< 5", "9"], f"{line('Thôn Tây', GROUP_PLACE, 'Đến tận nhà')}")
    check(line("Toàn xã", GROUP_PLACE, "Đến tận nhà") == ["5", "17"], f"commune: {line('Toàn xã', GROUP_PLACE, 'Đến tận nhà')}")
    check(line("Thôn Đông", GROUP_PLACE, "Hẹn ở máy (nhà văn hóa)") is None,
          "the kiosk place the re-send dropped is gone (no village has it now)")
    check(line("Thôn Tây", GROUP_PLACE, "Lớp ở nhà văn hóa") == ["< 5", "20"], f"{line('Thôn Tây', GROUP_PLACE, 'Lớp ở nhà văn hóa')}")
    check(line("Thôn Đông", "Kết quả: VNeID", "Kích hoạt tài khoản VNeID mức 2") == ["—", "7"], "VNeID level 2, replaced")
    check(line("Toàn xã", "Kết quả: VNeID", "Kích hoạt tài khoản VNeID mức 2") == ["—", "16"], "7 + 9 for the commune")
    check(line("Thôn Tây", "Kết quả: chưa có trong danh mục", "from_a_newer_kiosk") == ["—", "8"],
          "a newer kiosk's result key shown by its key")
    check(line("Thôn Đông", GROUP_FACES, "Hài lòng") == ["—", "9"], f"happy replaced: {line('Thôn Đông', GROUP_FACES, 'Hài lòng')}")
    check(line("Toàn xã", GROUP_FACES, "Hài lòng") == ["—", "20"], "9 + 11 happy in the commune")
    # Unhappy: Thôn Tây's 2 alone is small, so Thôn Đông's 0 stays "< 5" and no figure is left to hide.
    check(line("Thôn Tây", GROUP_FACES, "Chưa hài lòng") == ["—", "< 5"], "2 unhappy: < 5")
    check(line("Thôn Đông", GROUP_FACES, "Bình thường") == ["—", "< 5"], "1 neutral: < 5")

    status, _, body = hub.request("GET", f"/reports?month={month}", headers=session)
    html = body.decode("utf-8")
    check(status == 200 and html.find('id="tien-do"') < html.find('id="hoat-dong-to"') < html.find('id="so-voi-ky-truoc"'),
          "the page: targets, then the team's activity, then the rest")
    check("<td>Đến tận nhà</td>" in html and "<td>Chưa hài lòng</td>" in html, "Vietnamese labels on the page")
    hub.stop()
finally:
    hub.cleanup()
print("PASS")
