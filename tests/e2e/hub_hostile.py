#!/usr/bin/env python3
"""e2e.hub_hostile: what a kiosk token holder (or a copied database) could do to a real commune-hub on loopback.
- Village names come only from registration (`kiosk add --village`, required; `kiosk set-village`), never from an
  upload: a kiosk cannot merge its figures into another village or appear as a second "Toàn xã" row.
- Control characters from kiosks never reach the officer: free text is cleaned, names that are keys are refused.
- A gzip body cut short (or followed by other bytes) is refused, not stored.
- hub.sqlite and its -wal are private to the hub's user (0600), and a world-readable one is tightened.
- "< 5" cannot be undone: subtracting the shown villages from the commune's total never gives a hidden one.
Usage: hub_hostile.py COMMUNE_HUB"""
import gzip
import json
import os
import stat
import sys

from hub_common import Hub, check, curl_upload, local_day, make_upload, report_csv

CONTROL = ["\x1b", "\x00", "\x07", "\x9b", "\u202e", "\u2028"]

hub = Hub(sys.argv[1])
try:
    day = local_day(-1)
    month = day[:7]

    # --- Registration names the village; nothing else does.
    for args, why in [(["kiosk", "add", "k0"], "no --village"), (["kiosk", "add", "k0", "--village", "  "], "blank"),
                      (["kiosk", "add", "k0", "--village", "Toàn xã"], "the commune's own row"),
                      (["kiosk", "add", "k0", "--village", "Thôn\x1b[31m 9"], "a control character")]:
        result = hub.cli(*args)
        check(result.returncode == 2 and "--village" in result.stderr,
              f"kiosk add with {why} is refused ({result.returncode}: {result.stderr.splitlines()[:1]})")
    tokens = {k: hub.add_kiosk(k, v) for k, v in [("k1", "Thôn 1"), ("k2", "Thôn 2"), ("k3", "Thôn 3"), ("k4", "Thôn 4")]}
    hub.start()

    upload = make_upload("k1", day, sessions=11, village="Thôn 2")
    check(hub.upload(tokens["k1"], upload)[0] == 200, "k1 uploads naming Thôn 2 as its village")
    upload = make_upload("k4", day, sessions=5, village="Toàn xã")
    check(hub.upload(tokens["k4"], upload)[0] == 200, "k4 uploads naming itself Toàn xã")
    rows = report_csv(hub, month)
    use = [r for r in rows if len(r) == 6]
    check(["Thôn 1", "11", "2", "1", "1", "0"] in use, "k1's figures stay in Thôn 1, its registered village")
    check(not any(r[0] == "Thôn 2" for r in use), "nothing was added to Thôn 2")
    check([r[0] for r in use].count("Toàn xã") == 1 and ["Thôn 4", "5", "2", "1", "1", "0"] in use,
          "one Toàn xã row; k4 counts for Thôn 4")
    result = hub.cli("kiosk", "set-village", "k1", "--village", "Thôn Mới")
    check(result.returncode == 0, f"kiosk set-village ({result.stderr.strip()})")
    use = [r for r in report_csv(hub, month) if len(r) == 6]
    check(["Thôn Mới", "11", "2", "1", "1", "0"] in use and not any(r[0] == "Thôn 1" for r in use),
          "staff moved k1 to Thôn Mới: its figures follow")
    check(hub.cli("kiosk", "set-village", "k-none", "--village", "X").returncode == 1, "set-village of an unknown kiosk: 1")

    # --- Control characters.
    dirty = make_upload("k2", day, sessions=3)
    dirty["heartbeat"]["last_error"] = "lỗi \x1b[31mĐỎ\x1b]0;pwned\x07 a\x00b \u202eabc\u2028x\x9b"
    dirty["heartbeat"]["version"] = "0.1\x1b[2J"
    dirty["heartbeat"]["content_version"] = "2026\r\n11"
    status, answer = hub.upload(tokens["k2"], dirty)
    check(status == 200, f"free text with control characters is accepted, cleaned ({status} {answer})")
    text = hub.cli("report", "--month", month).stdout
    check(not any(c in text for c in CONTROL), "the text report printed on a terminal has no control character")
    check(" [31mĐỎ" in text and "0.1 [2J" in text, "each control character became a space, the rest is kept")
    check(hub.cli("staff", "add", "canbo", stdin="mat-khau-dai-123\n").returncode == 0, "staff account")
    status, cookie = hub.login("canbo", "mat-khau-dai-123")
    session = cookie.split(";")[0]
    for path in [f"/reports.csv?month={month}", f"/reports?month={month}"]:
        status, _, body = hub.request("GET", path, headers={"Cookie": session})
        page = body.decode("utf-8")
        check(status == 200 and not any(c in page for c in CONTROL), f"GET {path}: no control character, no NUL")
    for field, where in [("guide_id", "days[0].guides[0].guide_id"), ("topic", "days[0].guides[0].topic")]:
        bad = make_upload("k2", day)
        bad["days"][0]["guides"][0][field] += "\x1b[31m"
        status, answer = curl_upload(hub, tokens["k2"], bad)
        check(status == 400 and answer.get("error", "").startswith(where + ":"),
              f"a {field} with a control character is refused naming {where} ({status} {answer})")
    bad = make_upload("k2", day)
    bad["days"][0]["screens"] = {"home\x00": 1}
    status, answer = curl_upload(hub, tokens["k2"], bad)
    check(status == 400 and answer.get("error", "").startswith("days[0].screens:"), f"a screen name with NUL: 400 ({answer})")
    export = os.path.join(hub.data, "dirty.jsonl")
    bad = make_upload("k3", day)
    bad["days"][0]["guides"][0]["guide_id"] = "x\x07"
    with open(export, "w") as out:
        out.write(json.dumps(bad) + "\n")
    result = hub.cli("import", export)
    check(result.returncode == 1 and ":1: days[0].guides[0].guide_id:" in result.stderr,
          f"import refuses the same line ({result.stderr.strip()})")

    # --- gzip cut short or followed by other bytes.
    good = gzip.compress(json.dumps(make_upload("k3", day, sessions=9)).encode())
    for body, what in [(good[:-4], "without its length"), (good[:-8], "without its CRC and length"),
                       (good[: len(good) // 2], "cut in half"), (good + b"xyz", "followed by other bytes"),
                       (good + good, "two gzip members")]:
        status, answer = curl_upload(hub, tokens["k3"], body, extra_headers={"Content-Encoding": "gzip"})
        check(status == 400 and answer.get("error", "").startswith("body:"), f"gzip {what}: 400 ({status} {answer})")
    status, answer = curl_upload(hub, tokens["k3"], good, extra_headers={"Content-Encoding": "br"})
    check(status == 415 and answer.get("error", "").startswith("Content-Encoding:"), f"brotli: 415 ({status} {answer})")
    check(not any(r[0] == "Thôn 3" for r in report_csv(hub, month) if len(r) == 6), "none of them was stored")
    status, answer = curl_upload(hub, tokens["k3"], good, extra_headers={"Content-Encoding": "gzip"})
    check(status == 200, f"the whole gzip body is stored ({status} {answer})")

    # --- File modes.
    database = os.path.join(hub.data, "hub.sqlite")
    for name in [database, database + "-wal"]:
        mode = stat.S_IMODE(os.stat(name).st_mode)
        check(mode & 0o077 == 0, f"{os.path.basename(name)} is {oct(mode)}: private to the hub's user")
    check(stat.S_IMODE(os.stat(hub.data).st_mode) & 0o007 == 0, "the data folder is closed to other users")
    check(hub.stop() == 0, "the hub stops")
    os.chmod(database, 0o644)
    check(hub.cli("report", "--month", month).returncode == 0, "any command opens the store ...")
    mode = stat.S_IMODE(os.stat(database).st_mode)
    check(mode & 0o007 == 0, f"... and takes away what other users could read ({oct(mode)})")
finally:
    hub.cleanup()

# --- "< 5" and its complement: subtract the shown villages from the commune's total.
hub = Hub(sys.argv[1])
try:
    answers = {"Thôn A": (9, 3), "Thôn B": (2, 1), "Thôn C": (4, 3)}  # smartphone yes/no: 12, 3, 7 answers
    vneid = {"Thôn A": (6, 4), "Thôn B": (1, 1), "Thôn C": (3, 1)}   # 10, 2, 4: two under 5 already
    lines = []
    for i, village in enumerate(answers):
        hub.add_kiosk(f"k{i}", village)
        upload = make_upload(f"k{i}", day, smartphone=answers[village])
        upload["days"][0]["survey_vneid_level2"] = {"yes": vneid[village][0], "no": vneid[village][1], "skip": 0}
        lines.append(json.dumps(upload))
    export = os.path.join(hub.data, "seed.jsonl")
    with open(export, "w") as out:
        out.write("\n".join(lines) + "\n")
    check(hub.cli("import", export).returncode == 0, "three villages' surveys imported")
    rows = [r for r in report_csv(hub, month) if len(r) == 7 and r[0] != "Thôn"]
    by_village = {r[0]: r for r in rows}
    check(set(by_village) == {"Thôn A", "Thôn B", "Thôn C", "Toàn xã"}, f"survey rows: {sorted(by_village)}")
    for column, truth in [(1, {v: y + n for v, (y, n) in answers.items()}), (4, {v: y + n for v, (y, n) in vneid.items()})]:
        total = int(by_village["Toàn xã"][column])
        shown = {v: int(r[column]) for v, r in by_village.items() if v != "Toàn xã" and r[column].isdigit()}
        hidden = [v for v in truth if v not in shown]
        residual = total - sum(shown.values())
        print(f"  column {column}: total {total}, shown {shown}, hidden {hidden}, total - shown = {residual}")
        check("Thôn B" in hidden, f"column {column}: Thôn B's {truth['Thôn B']} answers are hidden")
        check(len(hidden) >= 2 and all(residual != truth[v] for v in hidden),
              f"column {column}: the subtraction gives {residual}, the sum of {len(hidden)} hidden villages, "
              f"never one of them ({ {v: truth[v] for v in hidden} })")
        for v in hidden:
            check(by_village[v][column + 1] in ("< 5", "ẩn"), f"column {column}: {v}'s share is hidden too")
    check(by_village["Thôn C"][1:4] == ["ẩn", "ẩn", "—"], f"Thôn C (7 answers) hides Thôn B's 3 ({by_village['Thôn C']})")
    check(by_village["Thôn A"][1] == "12" and by_village["Thôn C"][4] == "< 5" and by_village["Thôn A"][4] == "10",
          "where two villages are under 5 already, nothing more is hidden")
finally:
    hub.cleanup()
print("PASS")
