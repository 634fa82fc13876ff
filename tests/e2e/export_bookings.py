#!/usr/bin/python3
"""Checks a kiosk booking export (CSV + iCalendar) against the manifest seed_bookings wrote.

usage: export_bookings.py MANIFEST PATHS_FILE EXPORT_FOLDER
PATHS_FILE holds what `kiosk --export-bookings` printed: the CSV path, then the .ics path.
"""
import csv
import datetime
import json
import os
import re
import sys

import icalendar

HANOI = datetime.timezone(datetime.timedelta(hours=7))
RETENTION_DAYS = 30  # the config default: phone and name go this long after the appointment
HEADER = ["Mã", "Ngày", "Giờ", "Chủ đề", "Hướng dẫn", "Bước", "Điện thoại", "Cách xưng hô", "Trạng thái",
          "Ghi chú", "Cập nhật lúc"]
# The export names a stored topic id in Vietnamese (kiosk::bookingTopicName); other text stays as it is.
TOPIC_NAMES = {"vneid": "VNeID", "ihanoi": "iHanoi", "dichvucong": "Dịch vụ công",
               "antoan": "Sống an toàn trên mạng", "khac": "Việc khác"}
STATUS_LABELS = {"booked": "Đã đặt", "arrived": "Đã đến", "done": "Đã xong", "no_show": "Không đến",
                 "cancelled": "Đã hủy"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def grouped(phone):
    if len(phone) == 10:
        return f"{phone[:4]} {phone[4:7]} {phone[7:]}"
    return f"{phone[:3]} {phone[3:7]} {phone[7:]}"


def formula_guarded(text):
    return "'" + text if text and text[0] in "=+-@\t\r" else text


def main():
    manifest_file, paths_file, folder = sys.argv[1:4]
    with open(manifest_file, encoding="utf-8") as f:
        manifest = json.load(f)
    today = datetime.datetime.now(HANOI).date()

    def erased(booking):
        return (today - datetime.date.fromisoformat(booking["day"])).days > RETENTION_DAYS

    check(any(erased(b) for b in manifest) and not all(erased(b) for b in manifest),
          "the seed should give both erased and kept bookings")

    with open(paths_file, encoding="utf-8") as f:
        paths = f.read().splitlines()
    base = os.path.join(folder, f"dat-lich-{today.isoformat()}")
    check(paths == [base + ".csv", base + ".ics"], f"printed paths {paths}, expected {base}.csv and .ics")
    check(sorted(os.listdir(folder)) == sorted(os.path.basename(p) for p in paths),
          f"the folder holds {sorted(os.listdir(folder))}: a temporary file was left behind?")
    csv_file, ics_file = base + ".csv", base + ".ics"

    check_ics(ics_file, manifest, erased)
    check_csv(csv_file, manifest, erased)

    if failures:
        for message in failures[:40]:
            print("FAIL:", message)
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"export_bookings.py: {len(manifest)} bookings checked in CSV and iCalendar "
          f"({sum(erased(b) for b in manifest)} erased)")
    return 0


def check_ics(ics_file, manifest, erased):
    with open(ics_file, "rb") as f:
        raw = f.read()
    check(raw.endswith(b"\r\n"), "the .ics does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        check(b"\n" not in line and b"\r" not in line, f".ics line {number}: a bare CR or LF")
        check(len(line) <= 75, f".ics line {number} is {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failures.append(f".ics line {number}: folded inside a UTF-8 character")

    calendar = icalendar.Calendar.from_ical(raw)
    check(str(calendar.get("VERSION")) == "2.0", "VERSION is not 2.0")
    check("PRODID" in calendar, "no PRODID")
    check(str(calendar.get("CALSCALE")) == "GREGORIAN", "CALSCALE is not GREGORIAN")
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    check(len(events) == len(manifest), f"{len(events)} events for {len(manifest)} bookings")

    for b in manifest:
        event = events.get(f"{b['code']}@village-kiosk")
        if event is None:
            failures.append(f"{b['code']}: no VEVENT")
            continue
        day = datetime.date.fromisoformat(b["day"])
        local_start = datetime.datetime.combine(day, datetime.time(b["minute"] // 60, b["minute"] % 60), HANOI)
        start = event.decoded("DTSTART")
        check(start == local_start, f"{b['code']}: DTSTART {start}, expected {local_start}")
        check(start.utcoffset() == datetime.timedelta(0), f"{b['code']}: DTSTART is not in UTC")
        check(event.decoded("DTEND") - start == datetime.timedelta(minutes=30), f"{b['code']}: not 30 minutes")
        check(isinstance(event.decoded("DTSTAMP"), datetime.datetime), f"{b['code']}: no DTSTAMP")

        cancelled = b["status"] == "cancelled"
        topic = TOPIC_NAMES.get(b["topic"], b["topic"])
        summary = f"Hỗ trợ {topic} – mã {b['code']}" + (" (đã hủy)" if cancelled else "")
        check(str(event["SUMMARY"]) == summary, f"{b['code']}: SUMMARY {str(event['SUMMARY'])!r}")
        check(str(event["STATUS"]) == ("CANCELLED" if cancelled else "CONFIRMED"), f"{b['code']}: STATUS")

        description = str(event["DESCRIPTION"])
        check(f"Trạng thái: {STATUS_LABELS[b['status']]}" in description, f"{b['code']}: status not described")
        if b["guide_id"]:
            check(f"Hướng dẫn: {b['guide_id']}, bước {b['guide_step']}" in description,
                  f"{b['code']}: guide and step missing from {description!r}")
        if erased(b):
            check("Điện thoại" not in description and grouped(b["phone"]) not in description,
                  f"{b['code']}: erased, but the phone number is in the calendar")
            check(not b["name"] or b["name"] not in description, f"{b['code']}: erased, but the name is there")
        else:
            check(f"Điện thoại: {grouped(b['phone'])}" in description, f"{b['code']}: no phone in {description!r}")
            if b["name"]:
                check(f"Cách xưng hô: {b['name']}" in description, f"{b['code']}: name not round-tripped")


def check_csv(csv_file, manifest, erased):
    with open(csv_file, "rb") as f:
        raw = f.read()
    check(raw.startswith(b"\xef\xbb\xbf"), "the CSV has no UTF-8 BOM")
    check(raw.count(b"\n") == raw.count(b"\r\n") and raw.endswith(b"\r\n"), "the CSV lines do not all end in CRLF")

    with open(csv_file, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    check(rows[0] == HEADER, f"header {rows[0]}")
    by_code = {row[0]: row for row in rows[1:]}
    check(len(rows) - 1 == len(manifest), f"{len(rows) - 1} CSV rows for {len(manifest)} bookings")
    for b in manifest:
        row = by_code.get(b["code"])
        if row is None:
            failures.append(f"{b['code']}: no CSV row")
            continue
        if len(row) != len(HEADER):
            failures.append(f"{b['code']}: {len(row)} fields")
            continue
        gone = erased(b)
        expected = [
            b["code"], b["day"], f"{b['minute'] // 60:02}:{b['minute'] % 60:02}",
            TOPIC_NAMES.get(b["topic"], b["topic"]), b["guide_id"] or "",
            str(b["guide_step"]) if b["guide_step"] is not None else "",
            "" if gone else grouped(b["phone"]),
            "" if gone or not b["name"] else formula_guarded(b["name"]),
            STATUS_LABELS[b["status"]], "",
        ]
        check(row[:10] == expected, f"{b['code']}: CSV row {row[:10]}, expected {expected}")
        check(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row[10]) is not None, f"{b['code']}: updated {row[10]!r}")


if __name__ == "__main__":
    sys.exit(main())
