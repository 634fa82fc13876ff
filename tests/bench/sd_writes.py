#!/usr/bin/python3
"""SD card care: the bytes a busy kiosk day writes to its data folder.

One simulated day of a busy village hall through the kiosk's own storage code (tests/e2e/outbox_driver
--simulate-days: the real UsageRecorder with its background writer, BookingService, the outbox and the
UploadWorker with libcurl) on a simulated clock, uploading every 15 minutes to a real commune-hub on loopback.
The usage buffer is written when the kiosk's writer would write it (--paced-writes: once its oldest event is
UsageRecorder::kWriteAfter old, and at each session's end), so the day makes as many transactions as a real one.

What it counts: the bytes the driver process made the kernel write to the disk (rusage ru_oublock from
wait4, the same counter as /proc/PID/io write_bytes less cancelled writes), from the database's creation to
its last close (WAL checkpoint included). The data folder must be on a disk, not tmpfs (tmpfs writes are
not counted): it is made under the current directory.

usage: tests/bench/sd_writes.py OUTBOX_DRIVER COMMUNE_HUB [--sessions N] [--budget-mb MB]
Prints a Markdown table; exits 1 when the day writes more than the budget (default 32 MB).
"""
import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from hub_common import Hub, local_day  # noqa: E402

KIOSK, VILLAGE = "e2e-kiosk", "Thôn Đông"  # as outbox_driver sends

parser = argparse.ArgumentParser()
parser.add_argument("driver")
parser.add_argument("hub")
parser.add_argument("--sessions", type=int, default=60, help="resident sessions in the day (default 60)")
parser.add_argument("--budget-mb", type=float, default=32.0)
parser.add_argument("--day-ms", type=int, default=20000,
                    help="real milliseconds per simulated day: slow enough that the upload worker (awake every "
                         "25 ms) sees every 15-minute upload fall due")
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="sd-writes-", dir=os.getcwd())
hub = Hub(args.hub)
try:
    token = hub.add_kiosk(KIOSK, VILLAGE)
    hub.start()
    url = f"http://127.0.0.1:{hub.port}/api/v1/uploads"
    day = local_day(-7)  # a finished day in the past: the hub takes it, and its uploads are "today so far"
    # The driver's own bookkeeping (which POSTs the hub accepted) is not the kiosk's: it goes to tmpfs when
    # there is one, else it is counted too (a few kB).
    state_dir = tempfile.mkdtemp(prefix="sd-writes-state-", dir="/dev/shm" if os.path.isdir("/dev/shm") else work)
    db = os.path.join(work, "kiosk.db")
    command = [args.driver, "--db", db, "--url", url, "--token", token, "--simulate-days", "1",
               "--start-day", day, "--state", os.path.join(state_dir, "state.json"), "--day-ms",
               str(args.day_ms), "--timeout-s", "120", "--sessions", str(args.sessions), "--paced-writes",
               "--real-bookings"]
    began = time.monotonic()
    with open(os.path.join(state_dir, "out"), "w+") as out_file, open(os.path.join(state_dir, "err"), "w+") as err_file:
        proc = subprocess.Popen(command, stdout=out_file, stderr=err_file, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's rusage, up to its exit
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    seconds = time.monotonic() - began
    shutil.rmtree(state_dir, ignore_errors=True)
    if proc.returncode != 0:
        print(out, err, sep="\n")
        sys.exit(f"outbox_driver failed ({proc.returncode})")
    written = usage.ru_oublock * 512
    if written == 0:
        sys.exit("no bytes counted: is the current directory on tmpfs? run it from a folder on a disk")

    con = sqlite3.connect(db)
    count = lambda sql: con.execute(sql).fetchone()[0]
    events = count("SELECT count(*) FROM usage_event")
    bookings = count("SELECT count(*) FROM booking")
    outbox = count("SELECT count(*) FROM outbox_message")
    page_size = count("PRAGMA page_size")
    pages = count("PRAGMA page_count")
    con.close()
    summary = out.strip().splitlines()[-1]
    posts = summary.split("accepted posts ")[1].split(";")[0] if "accepted posts " in summary else "?"

    mb = written / 1e6
    print(f"### a busy day: {args.sessions} sessions, {events} usage events, {bookings} bookings, "
          f"{posts} uploads accepted by the hub ({seconds:.0f} s real)")
    print("| measure | value |")
    print("|---|---|")
    print(f"| bytes written to the disk in the day (rusage ru_oublock × 512) | {written:,} ({mb:.1f} MB) |")
    print(f"| per session | {written / max(1, args.sessions):,.0f} |")
    print(f"| per usage event | {written / max(1, events):,.0f} |")
    print(f"| database file at the end | {pages * page_size:,} bytes ({pages} pages of {page_size}) |")
    print(f"| outbox rows kept | {outbox} |")
    # Endurance: a 32 GB card of TLC flash rated, conservatively, for 500 program/erase cycles holds
    # 32 GB x 500 = 16 TB of flash writes; small synchronous writes cost the card's controller ~10x that in
    # flash (write amplification; a 4 KiB page rewritten inside 16-64 KiB flash pages and 4 MiB erase blocks).
    endurance = 32e9 * 500
    amplification = 10
    years = endurance / (written * amplification * 365)
    print(f"| years a 32 GB card lasts at this rate (16 TB of flash writes, write amplification 10) | "
          f"{years:,.0f} |")
    ok = mb <= args.budget_mb
    print(f"budget ({args.budget_mb:g} MB a day): {'met' if ok else 'NOT met'}")
    sys.exit(0 if ok else 1)
finally:
    hub.cleanup()
    shutil.rmtree(work, ignore_errors=True)
