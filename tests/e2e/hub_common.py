"""Helpers for the commune hub's end-to-end tests: real commune-hub processes on 127.0.0.1."""
import datetime
import gzip
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def local_day(offset_days=0):
    """Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), plus offset_days."""
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7, days=offset_days)
    return now.strftime("%Y-%m-%d")


def check(condition, what):
    if not condition:
        print("FAIL:", what, file=sys.stderr)
        sys.exit(1)
    print("ok:", what)


class Hub:
    def __init__(self, binary, data=None):
        self.binary = binary
        self.own_data = data is None
        self.data = data or tempfile.mkdtemp(prefix="hub-e2e-")
        self.proc = None
        self.port = None

    def cli(self, *args, stdin=None):
        return subprocess.run([self.binary, *args, "--data", self.data], input=stdin, capture_output=True,
                              text=True, timeout=60)

    def add_kiosk(self, kiosk_id, village):
        result = self.cli("kiosk", "add", kiosk_id, "--village", village)
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        return result.stdout.strip()

    def start(self):
        self.proc = subprocess.Popen([self.binary, "serve", "--listen", "127.0.0.1:0", "--data", self.data],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError("hub did not start: " + line)
        self.port = int(line.rsplit(":", 1)[1])
        for _ in range(100):
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("hub /health never answered 200")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)
        code = self.proc.returncode if self.proc else None
        self.proc = None
        return code

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.own_data:
            shutil.rmtree(self.data, ignore_errors=True)

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def upload(self, token, payload, compress=False, extra_headers=None):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        if compress:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers.update(extra_headers or {})
        status, response_headers, answer = self.request("POST", "/api/v1/uploads", body, headers)
        try:
            return status, json.loads(answer)
        except ValueError:
            return status, {"raw": answer.decode(errors="replace")}

    def login(self, user, password):
        from urllib.parse import urlencode
        status, headers, _ = self.request("POST", "/login", urlencode({"username": user, "password": password}),
                                          {"Content-Type": "application/x-www-form-urlencoded"})
        cookie = headers.get("Set-Cookie", "")
        return status, cookie


def survey(yes, no, skip=0):
    return {"yes": yes, "no": no, "skip": skip}


def make_upload(kiosk_id, day, sessions=10, village="", started=5, smartphone=(3, 1)):
    """A valid schema-1 upload with one day and one guide."""
    return {
        "schema_version": 1, "kiosk_id": kiosk_id, "village": village,
        "heartbeat": {"version": "0.1.0", "uptime_seconds": 3600, "free_disk_mb": 2048,
                      "content_version": "2026-11-01", "last_error": "", "sent_at": "2026-11-24T10:00:00Z"},
        "days": [{
            "day": day, "complete": True, "sessions": sessions, "screens": {"home": sessions},
            "guides": [{"guide_id": "vneid-kich-hoat", "topic": "vneid", "started": started, "finished": 3,
                        "reached_step": {"1": started, "2": 4, "3": 3}, "left_at_step": {"1": 1, "2": 1}}],
            "practice_right": 4, "practice_wrong": 1, "narration_played": 2, "qr_shown": 1,
            "text_size_changed": 0, "bookings_made": 2, "bookings_cancelled": 0, "bookings_done": 1,
            "bookings_no_show": 1, "survey_smartphone": survey(*smartphone), "survey_vneid_level2": survey(2, 2),
        }],
    }


def csv_rows(text):
    """The report CSV as lists of fields (sections included)."""
    import csv
    import io
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def village_sessions(hub, month, village):
    """Sessions for a village from `commune-hub report --format csv`."""
    result = hub.cli("report", "--month", month, "--format", "csv")
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    for row in csv_rows(result.stdout):
        if len(row) == 6 and row[0] == village:
            return int(row[1])
    return None
