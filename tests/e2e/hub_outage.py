#!/usr/bin/env python3
"""e2e.hub_outage: fifteen simulated days of a kiosk (the real UsageRecorder, UploadWorker, outbox and libcurl
client, on a fixed simulated clock: outbox_driver --simulate-days) uploading to the REAL commune hub on loopback,
through a hub SIGKILLed in the middle of a POST and restarted, then a hub stopped for a week and restarted. At the end the
hub's figures, per day and in the monthly report, equal the kiosk's own rollups exactly: nothing lost, nothing
counted twice although every day was sent several times.
Usage: hub_outage.py OUTBOX_DRIVER COMMUNE_HUB"""
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
from hub_common import (FIXED_FIGURES, SURVEY_FIGURES, Hub, check, day_figures_from_upload,  # noqa: E402
                        hub_stored_days, local_day, report_csv, unread_request_bytes)

KIOSK, VILLAGE = "e2e-kiosk", "Thôn Đông"  # as outbox_driver sends
DAY_MS = 500  # real milliseconds per simulated day

driver, hub_binary = sys.argv[1], sys.argv[2]
began = time.monotonic()
# The first of last month: fifteen days from it are all in one month, and in the past (the hub refuses days
# after its own tomorrow).
first_of_this_month = datetime.date.fromisoformat(local_day()).replace(day=1)
start = (first_of_this_month - datetime.timedelta(days=1)).replace(day=1)
days = [(start + datetime.timedelta(days=i)).isoformat() for i in range(15)]
month = days[0][:7]

hub = Hub(hub_binary)
work = tempfile.mkdtemp(prefix="kiosk-e2e-hub-outage-")
db = os.path.join(work, "kiosk.db")
state_file = os.path.join(work, "state.json")
proc = None
try:
    token = hub.add_kiosk(KIOSK, VILLAGE)
    hub.start()
    port = hub.port
    url = f"http://127.0.0.1:{port}/api/v1/uploads"

    def run_driver(phase, count, timeout_s, on_line=None):
        """One kiosk run of `count` more days on the same database: (exit code, summary line, its stderr)."""
        global proc
        log_path = os.path.join(work, f"driver-{phase}.log")
        with open(log_path, "w") as log:
            proc = subprocess.Popen([driver, "--db", db, "--url", url, "--token", token, "--simulate-days",
                                     str(count), "--start-day", days[0], "--state", state_file,
                                     "--day-ms", str(DAY_MS), "--timeout-s", str(timeout_s)],
                                    stdout=subprocess.PIPE, stderr=log, text=True)
            summary = ""
            for line in proc.stdout:
                print(f"  [{phase}] {line.rstrip()}")
                if on_line:
                    on_line(line)
                summary = line.strip()
            code = proc.wait(timeout=timeout_s + 60)
        proc = None
        with open(log_path) as log:
            errors = log.read()
        return code, summary, errors

    def note_busy(errors):
        """The outbox's failure bookkeeping must not trip over the usage writer's commits (a statement left on
        its row once made Outbox::markFailed fail at once with SQLITE_BUSY, so retries had no backoff)."""
        busy = [line for line in errors.splitlines() if "database is locked" in line]
        check(not busy, "no worker round failed with 'database is locked'" + (f" (first: {busy[0]})" if busy else ""))

    def summary_number(summary, name):
        return int(summary.split(name + " ", 1)[1].split(";")[0])

    def kiosk_rollups():
        """The kiosk's own finished days: {day: (complete, sent, comparable dict)}."""
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return {day: (complete, sent, day_figures_from_upload(json.loads(body)))
                    for day, body, complete, sent in con.execute(
                        "SELECT day, body, complete, sent FROM usage_rollup ORDER BY day")}
        finally:
            con.close()

    def outbox_rows():
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return {key: (attempts, delivered) for key, attempts, delivered in con.execute(
                "SELECT idempotency_key, attempts, delivered_at FROM outbox_message")}
        finally:
            con.close()

    def compare_hub_with_kiosk(some_days, what):
        kiosk = kiosk_rollups()
        stored, copies = hub_stored_days(hub.data, KIOSK)
        for day in some_days:
            check(day in kiosk and day in stored, f"{what}: {day} is in the kiosk's rollups and on the hub")
            if kiosk[day][2] != stored[day][1]:
                print("kiosk:", json.dumps(kiosk[day][2], sort_keys=True), file=sys.stderr)
                print("hub:  ", json.dumps(stored[day][1], sort_keys=True), file=sys.stderr)
            check(kiosk[day][2] == stored[day][1] and stored[day][0] and copies[day] == 1,
                  f"{what}: {day} on the hub, complete and once, equals the kiosk's rollup "
                  f"({stored[day][1]['sessions']} sessions, {len(stored[day][1]['guides'])} guides)")

    # ---- Days 1-5, hub up; on day 3 it is SIGKILLed while a POST is on its way, and restarted.
    killed = []

    def kill_on_day_three(line):
        if not killed and line.startswith(f"outbox_driver: day {days[2]} opens"):
            # Frozen first, until the worker's next POST sits unread in the hub's socket: the SIGKILL then lands
            # mid-request, not merely between requests.
            hub.proc.send_signal(signal.SIGSTOP)
            frozen_until = time.monotonic() + 5
            while unread_request_bytes(port) == 0 and time.monotonic() < frozen_until:
                time.sleep(0.01)
            hub.stop(signal.SIGKILL)
            killed.append(time.monotonic())
            time.sleep(0.3)  # a simulated half day without a hub: POSTs refused, retried with backoff
            hub.start(port)  # the same address: the kiosk's outbox messages are for this URL

    code, summary, errors = run_driver("days 1-5", 5, 30, kill_on_day_three)
    check(killed, "the hub was SIGKILLed during the upload stream and restarted")
    check(code == 0 and summary_number(summary, "pending") == 0, f"days 1-5 delivered, outbox empty ({summary})")
    failures = [line for line in errors.splitlines() if "e2e-kiosk:" in line and "; attempt " in line]
    in_flight = [line for line in failures if "Couldn't connect" not in line]
    check(summary_number(summary, "failed posts") > 0 and failures,
          f"the kill was felt: POSTs failed and were retried ({summary_number(summary, 'failed posts')} failed)")
    check(in_flight, f"one was cut off mid-request ({in_flight[0].split(': ', 2)[-1] if in_flight else 'none'})")
    note_busy(errors)
    compare_hub_with_kiosk(days[0:5], "after days 1-5")

    # ---- The hub is stopped; days 6-12 with no hub: the worker retries and fails, the outbox keeps everything.
    check(hub.stop() == 0, "the hub stopped cleanly (SIGTERM)")
    code, summary, errors = run_driver("days 6-12", 7, 3)
    check(code == 1 and summary_number(summary, "accepted posts") == 0, f"with the hub down nothing was accepted ({summary})")
    check(summary_number(summary, "failed posts") >= 7, "the worker kept trying")
    note_busy(errors)
    outbox = outbox_rows()
    waiting = [day for day in days[5:12] if outbox.get(f"{KIOSK}:{day}", (0, "x"))[1] is None]
    check(waiting == days[5:12], f"days 6-12 wait in the outbox, pending ({len(waiting)})")
    check(all(outbox[f"{KIOSK}:{day}"][0] >= 1 for day in days[5:12]) and
          max(outbox[f"{KIOSK}:{day}"][0] for day in days[5:12]) >= 3,
          "and were attempted, some several times (backoff on the simulated clock)")
    stored, _ = hub_stored_days(hub.data, KIOSK)
    # Day 6 may be there: phase 1 ended at its 00:11 and sent it as an empty "today so far".
    early = stored.get(days[5], (False, {"sessions": 0}))
    check(not any(day in stored for day in days[6:12]) and not early[0] and early[1]["sessions"] == 0,
          "the stopped hub has none of days 6-12's figures")

    # ---- The hub is back; days 13-15, then until the outbox is empty.
    hub.start(port)
    code, summary, errors = run_driver("days 13-15", 3, 60)
    check(code == 0 and summary_number(summary, "pending") == 0, f"days 13-15 and the backlog delivered ({summary})")
    check(summary_number(summary, "failed posts") == 0, "no POST failed once the hub was back")
    # The week's backlog (days 6-12, each waiting in the outbox) went as one upload, not a POST per day.
    check(summary_number(summary, "most days in a post") >= 7 and summary_number(summary, "batched posts") >= 1,
          f"the backlog went in one request of several days ({summary_number(summary, 'most days in a post')} days)")
    check(summary_number(summary, "accepted posts") < summary_number(summary, "days delivered"),
          "fewer requests than days delivered")
    note_busy(errors)

    # ---- kiosk.db holds names and phone numbers: private to the kiosk's user.
    import stat
    mode = stat.S_IMODE(os.stat(db).st_mode)
    check(mode & 0o077 == 0, f"kiosk.db is {oct(mode)}: private to the kiosk's user")

    # ---- The kiosk's own view: every day finished, sent, and equal to what the driver recorded.
    state = json.load(open(state_file))
    kiosk = kiosk_rollups()
    check(sorted(kiosk) == days, f"the kiosk has a rollup for each of the {len(days)} days")
    check(all(kiosk[day][0] == 1 and kiosk[day][1] == 1 for day in days), "each is complete and marked sent")
    mismatched = [day for day in days if kiosk[day][2] != day_figures_from_upload(state["days"][day])]
    check(not mismatched, f"the kiosk's rollups equal the events the driver recorded ({mismatched})")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    raw_sessions = dict(con.execute("SELECT day, count(*) FROM usage_event WHERE kind = 'session_started' GROUP BY day"))
    pending = con.execute("SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL").fetchone()[0]
    keys = con.execute("SELECT count(*), count(DISTINCT idempotency_key) FROM outbox_message WHERE kind = 'usage'").fetchone()
    con.close()
    check(all(raw_sessions.get(day) == kiosk[day][2]["sessions"] for day in days), "raw session events match the rollups")
    check(pending == 0 and keys[0] == keys[1], f"the outbox is empty, one message per day key ({keys[0]})")

    # ---- Idempotency: days were accepted by the hub several times each, yet count once.
    deliveries = {day: state["deliveries"].get(f"{KIOSK}:{day}", 0) for day in days}
    # Days the hub was up for were sent as "today so far" and again complete; a backlog day only once, complete.
    resent = [day for day in days if deliveries[day] >= 2]
    check(all(deliveries[day] >= 1 for day in days) and len(resent) >= 5 and sum(deliveries.values()) >= 2 * len(days),
          f"the hub accepted each day, {len(resent)} of them several times ({sum(deliveries.values())} POSTs for "
          f"{len(days)} days)")

    # ---- The monthly report equals the kiosk's sums.
    total = {name: sum(kiosk[day][2][name] for day in days) for name in FIXED_FIGURES + SURVEY_FIGURES}
    rows = report_csv(hub, month)
    village = next(row for row in rows if len(row) == 6 and row[0] == VILLAGE)
    expected_village = [str(total[name]) for name in
                        ("sessions", "bookings_made", "bookings_done", "bookings_no_show", "bookings_cancelled")]
    check(village[1:] == expected_village, f"report: sessions and bookings {village[1:]} == kiosk {expected_village}")
    # The report names the topics it knows by their Vietnamese titles (content/src/topics.cpp), others by id.
    titles = {"vneid": "VNeID", "ihanoi": "iHanoi", "dichvucong": "Dịch vụ công", "antoan": "Sống an toàn trên mạng"}
    topics = {}
    for day in days:
        for guide in kiosk[day][2]["guides"].values():
            topic = titles.get(guide["topic"], guide["topic"])
            started, finished = topics.get(topic, (0, 0))
            topics[topic] = (started + guide["started"], finished + guide["finished"])
    reported = {row[1]: (int(row[2]), int(row[3])) for row in rows if len(row) == 5 and row[0] == VILLAGE
                and row[2].isdigit() and row[1] in topics}
    check(reported == topics, f"report: guides started/finished by topic equal the kiosk's ({topics})")
    survey = next(row for row in rows if len(row) == 7 and row[0] == VILLAGE)
    answers = (total["survey_smartphone_yes"] + total["survey_smartphone_no"],
               total["survey_vneid_level2_yes"] + total["survey_vneid_level2_no"])
    check((int(survey[1]), int(survey[4])) == answers, f"report: survey answers {answers} equal the kiosk's")

    # ---- Per day, from the hub's SQLite once it has stopped: equal, complete, once; other days only zeros.
    check(hub.stop() == 0, "the hub stopped cleanly")
    compare_hub_with_kiosk(days, "at the end")
    stored, copies = hub_stored_days(hub.data, KIOSK)
    extra = {day: figures for day, (_, figures) in stored.items() if day not in days}
    check(all(not any(v for k, v in f.items() if k not in ("screens", "guides")) and not f["screens"] and not f["guides"]
              for f in extra.values()), f"the hub's other days ({sorted(extra)}) are empty 'today so far' copies")
    print(f"PASS in {time.monotonic() - began:.1f} s")
finally:
    if proc and proc.poll() is None:
        proc.kill()
        proc.wait()
    hub.cleanup()
    subprocess.run(["rm", "-rf", work])
