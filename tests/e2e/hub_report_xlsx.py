#!/usr/bin/env python3
"""e2e.hub_report_xlsx: village populations entered with `commune-hub population set` and the report
page's form (bad figures refused with the field named), a month seeded with `commune-hub import`, then /reports.xlsx from the running hub
(staff session only) opened back with openpyxl and checked cell by cell: numbers are numbers, shares are
percentages, Vietnamese headers intact; the team's activity sheet (numbers as numbers, "< 5" as text).
Usage: hub_report_xlsx.py COMMUNE_HUB"""
import io
import json
import os
import sys

from hub_common import Hub, check, local_day, make_upload

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl not installed (platform/deploy/install-deps.sh test)", file=sys.stderr)
    sys.exit(1)

hub = Hub(sys.argv[1])
try:
    day = local_day(-1)
    month = day[:7]
    hub.add_kiosk("k-a", "Thôn An")
    hub.add_kiosk("k-b", "Thôn Bình")
    check(hub.cli("staff", "add", "canbo", stdin="mat-khau-dai-123\n").returncode == 0, "staff account")

    def population(*args):
        return hub.cli("population", "set", *args)

    for args, message in [
        (("--village", "Thôn An", "--adults", "-850", "--as-of", day), '--adults "-850": cannot be negative'),
        (("--village", "Thôn An", "--adults", "850.5", "--as-of", day), '--adults "850.5": must be a whole number'),
        (("--village", "Thôn An", "--adults", "850", "--smartphone", "851", "--as-of", day),
         "--smartphone 851: more than the village's 850 adults"),
        (("--village", "Thôn An", "--adults", "850", "--as-of", local_day(+2)), "is after today"),
        (("--village", "Thôn Xa", "--adults", "850", "--as-of", day),
         '--village "Thôn Xa": no kiosk is registered under this village'),
        (("--village", "Thôn An", "--as-of", day), "population set needs --adults"),
    ]:
        result = population(*args)
        check(result.returncode == 2 and message in result.stderr, f"refused ({message}): {result.stderr.strip()}")
    check(population("--village", "Thôn An", "--adults", "850", "--smartphone", "700", "--vneid", "400",
                     "--as-of", day).returncode == 0, "Thôn An's figures saved")
    check(population("--village", "Thôn Bình", "--adults", "400", "--smartphone", "360",
                     "--as-of", day).returncode == 0, "Thôn Bình's figures saved (no VNeID figure)")
    listed = hub.cli("population", "list").stdout.splitlines()
    check(listed == ["village\tas_of\tadults\tsmartphone\tvneid", f"Thôn An\t{day}\t850\t700\t400",
                     f"Thôn Bình\t{day}\t400\t360\t-"], f"population list: {listed}")

    seed = os.path.join(hub.data, "export.jsonl")
    with open(seed, "w", encoding="utf-8") as out:
        a = make_upload("k-a", day, sessions=987654321, started=6)
        a["days"][0]["team_activity"] = {"home_visit": {"events": 6, "people": 7, "results": {"vneid_level2": 5}}}
        a["days"][0]["satisfaction"] = {"happy": 8, "neutral": 2}
        b = make_upload("k-b", day, sessions=17, started=5)
        b["days"][0]["team_activity"] = {"market": {"events": 1, "people": 12, "results": {"bank_qr": 6}}}
        b["days"][0]["satisfaction"] = {"happy": 5}
        for upload in [a, b]:
            out.write(json.dumps(upload, ensure_ascii=False) + "\n")
    check(hub.cli("import", seed).returncode == 0, "import")
    hub.start()
    status, _, _ = hub.request("GET", f"/reports.xlsx?period={month}")
    check(status == 401, f"/reports.xlsx without login: 401 ({status})")
    status, cookie = hub.login("canbo", "mat-khau-dai-123")
    check(status == 303, "login")
    session = {"Cookie": cookie.split(";")[0]}
    # The report page's form: the same checks as the CLI, a staff session only.
    from urllib.parse import urlencode
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    def post_population(fields, headers):
        return hub.request("POST", "/population", urlencode(fields).encode(), headers={**form, **headers})

    fields = {"village": "Thôn Bình", "adults": "400", "smartphone": "360", "vneid": "", "as-of": day}
    status, _, _ = post_population(fields, {})
    check(status == 401, f"POST /population without login: 401 ({status})")
    status, _, body = post_population({**fields, "smartphone": "401"}, session)
    check(status == 400 and "smartphone 401: more than the village's 400 adults" in body.decode(),
          f"the form refuses a bad figure naming it ({status} {body.decode().strip()})")
    status, _, body = post_population({**fields, "adults": "4,000"}, session)
    check(status == 400 and 'adults "4,000": must be a whole number' in body.decode(), f"{body.decode().strip()}")
    status, headers, _ = post_population({**fields, "as-of": local_day(-3), "adults": "390"}, session)
    check(status == 303 and headers.get("Location", "").startswith("/reports?month="),
          f"the form saves good figures and goes back to the report ({status})")
    listed = hub.cli("population", "list").stdout.splitlines()
    check(f"Thôn Bình\t{local_day(-3)}\t390\t360\t-" in listed, f"saved from the form: {listed}")
    status, _, body = hub.request("GET", f"/reports?month={month}", headers=session)
    check('action="/population"' in body.decode() and "<option>Thôn Bình</option>" in body.decode(),
          "the report page has the form, with the registered villages")

    status, headers, body = hub.request("GET", f"/reports.xlsx?period={month}", headers=session)
    check(status == 200 and headers.get("Content-Type", "").startswith("application/vnd.openxmlformats"),
          f"/reports.xlsx with a session: 200, a workbook ({status} {headers.get('Content-Type')})")
    check(f'filename="bao-cao-{month}.xlsx"' in headers.get("Content-Disposition", ""), "named for the period")
    book = openpyxl.load_workbook(io.BytesIO(body))
    check(book.sheetnames == ["Tiến độ mục tiêu", "Hoạt động của tổ", "So với kỳ trước", "Sử dụng và hẹn", "Chủ đề",
                              "Khảo sát trên ki-ốt", "Dừng ở bước (toàn xã)", "Dừng ở bước (thôn)",
                              "Tình trạng ki-ốt"], f"one sheet per table, progress first: {book.sheetnames}")
    progress = [list(row) for row in book["Tiến độ mục tiêu"].iter_rows(values_only=True)]
    check(progress[0][0].startswith("Báo cáo ki-ốt hỗ trợ chuyển đổi số"), f"heading: {progress[0][0]}")
    check(progress[2] == ["Thôn", "Số người lớn", "Có điện thoại thông minh", "Tỉ lệ", "Mục tiêu > 85 %",
                          "Có VNeID", "Tỉ lệ VNeID", "Mục tiêu > 50 %", "Số liệu đến ngày"],
          f"Vietnamese headers intact: {progress[2]}")
    # 700 / 850 = 82 %; 400 / 850 = 47 %; 360 / 400 = 90 %; commune 1,060 / 1,250 = 85 % (84.8: not > 85).
    check(progress[3] == ["Thôn An", 850, 700, 0.82, "chưa đạt", 400, 0.47, "chưa đạt", day], f"{progress[3]}")
    check(progress[4] == ["Thôn Bình", 400, 360, 0.9, "đạt", "chưa có", "—", "—", day], f"{progress[4]}")
    check(progress[5][:5] == ["Toàn xã", 1250, 1060, 0.85, "chưa đạt"], f"{progress[5]}")
    sheet = book["Tiến độ mục tiêu"]
    check(sheet["B4"].data_type == "n" and sheet["D4"].number_format == "0%", "numbers as numbers, shares as %")
    # The team's activity, right after the targets: per village then the commune, 9 lines each (2 places,
    # 2 results, 2 booking figures, 3 faces). Per column across the villages, fewer than 5 is "< 5" (text).
    team = [list(row) for row in book["Hoạt động của tổ"].iter_rows(values_only=True)]
    check(team[1][0].startswith("Hoạt động của tổ chuyển đổi số cộng đồng"), f"title: {team[1][0]}")
    check(team[2] == ["Thôn", "Nhóm", "Mục", "Số lần", "Số người"], f"headers: {team[2]}")
    check(len(team) == 3 + 3 * 9, f"9 lines for each village and the commune: {len(team)} rows")
    expected = {
        3: ["Thôn An", "Nơi hỗ trợ", "Đến tận nhà", 6, 7],
        4: ["Thôn An", "Nơi hỗ trợ", "Ở chợ, nơi đông người", "< 5", "< 5"],
        5: ["Thôn An", "Kết quả: VNeID", "Kích hoạt tài khoản VNeID mức 2", "—", 5],
        6: ["Thôn An", "Kết quả: Sống an toàn trên mạng", "Cài thanh toán, quét mã QR ngân hàng", "—", "< 5"],
        7: ["Thôn An", "Hẹn ở ki-ốt", "Đã hỗ trợ", 1, "—"],
        8: ["Thôn An", "Hẹn ở ki-ốt", "Không đến", 1, "—"],
        9: ["Thôn An", "Mức hài lòng (hỗ trợ ở ki-ốt)", "Hài lòng", "—", 8],
        10: ["Thôn An", "Mức hài lòng (hỗ trợ ở ki-ốt)", "Bình thường", "—", "< 5"],
        11: ["Thôn An", "Mức hài lòng (hỗ trợ ở ki-ốt)", "Chưa hài lòng", "—", "< 5"],
        12: ["Thôn Bình", "Nơi hỗ trợ", "Đến tận nhà", "< 5", "< 5"],
        13: ["Thôn Bình", "Nơi hỗ trợ", "Ở chợ, nơi đông người", "< 5", 12],
        15: ["Thôn Bình", "Kết quả: Sống an toàn trên mạng", "Cài thanh toán, quét mã QR ngân hàng", "—", 6],
        18: ["Thôn Bình", "Mức hài lòng (hỗ trợ ở ki-ốt)", "Hài lòng", "—", 5],
        21: ["Toàn xã", "Nơi hỗ trợ", "Đến tận nhà", 6, 7],
        22: ["Toàn xã", "Nơi hỗ trợ", "Ở chợ, nơi đông người", "< 5", 12],
        25: ["Toàn xã", "Hẹn ở ki-ốt", "Đã hỗ trợ", 2, "—"],
        27: ["Toàn xã", "Mức hài lòng (hỗ trợ ở ki-ốt)", "Hài lòng", "—", 13],
        28: ["Toàn xã", "Mức hài lòng (hỗ trợ ở ki-ốt)", "Bình thường", "—", "< 5"],
    }
    for index, row in expected.items():
        check(team[index] == row, f"team row {index}: {team[index]} == {row}")
    team_sheet = book["Hoạt động của tổ"]
    check(team_sheet["D4"].data_type == "n" and team_sheet["E4"].data_type == "n" and team_sheet["E5"].data_type == "s",
          "the team's counts are numbers, '< 5' is text")
    use = [list(row) for row in book["Sử dụng và hẹn"].iter_rows(values_only=True)]
    check(use[2][0] == "Thôn" and use[3][:2] == ["Thôn An", 987654321], f"a long number whole: {use[3]}")
    check(use[5][:2] == ["Toàn xã", 987654338], f"commune's sessions summed: {use[5]}")
    topics = [list(row) for row in book["Chủ đề"].iter_rows(values_only=True)]
    check(["Toàn xã", "VNeID", 11, 6, 0.55] in topics, f"topics by title, 6 of 11 finished: {topics}")
    status, _, body = hub.request("GET", f"/reports.xlsx?quarter={day[:4]}-Q{(int(day[5:7]) + 2) // 3}",
                                  headers=session)
    quarter_book = openpyxl.load_workbook(io.BytesIO(body))
    quarter = quarter_book["Sử dụng và hẹn"]
    check(status == 200 and "quý" in quarter["A1"].value, f"a quarter's workbook: {quarter['A1'].value}")
    months = [list(row) for row in quarter_book["Từng tháng"].iter_rows(values_only=True)]
    this_month = f"tháng {int(day[5:7])}/{day[:4]}"
    check(["Thôn Bình", this_month, 17] in [row[:3] for row in months[3:]],
          f"the quarter month by month, Thôn Bình's 17 sessions as numbers: {months[3:]}")
    hub.stop()
finally:
    hub.cleanup()
print("PASS")
