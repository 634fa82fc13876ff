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


# HUB_E2E_KEEP_GOING=1: a failed check is reported and the test goes on (it still exits 1 at the end), to see
# every check that an older commune-hub fails, not only the first.
_KEEP_GOING = os.environ.get("HUB_E2E_KEEP_GOING") == "1"
_failures = []


def _report_failures():
    if _failures:
        print(f"{len(_failures)} check(s) failed", file=sys.stderr)
        os._exit(1)


if _KEEP_GOING:
    import atexit
    atexit.register(_report_failures)


def check(condition, what):
    if not condition:
        print("FAIL:", what, file=sys.stderr)
        if not _KEEP_GOING:
            sys.exit(1)
        _failures.append(what)
        return
    print("ok:", what)


class Hub:
    def __init__(self, binary, data=None):
        self.binary = binary
        self.own_data = data is None
        self.data = data or tempfile.mkdtemp(prefix="hub-e2e-")
        self.proc = None
        self.port = None
        self.ssl_context = None  # set by start(tls=...): requests go over HTTPS, checked against that CA

    def cli(self, *args, stdin=None):
        return subprocess.run([self.binary, *args, "--data", self.data], input=stdin, capture_output=True,
                              text=True, timeout=60)

    def add_kiosk(self, kiosk_id, village):
        result = self.cli("kiosk", "add", kiosk_id, "--village", village)
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        return result.stdout.strip()

    def start(self, port=0, tls=None, log=None):
        """port 0: any free port; a given port to restart a hub where its kiosks already send.
        tls=(cert_file, key_file, ca_file): serve HTTPS; this object's requests then trust ca_file only.
        log: a file for the hub's stderr (else the test's own)."""
        command = [self.binary, "serve", "--listen", f"127.0.0.1:{port}", "--data", self.data]
        if tls:
            import ssl
            command += ["--tls-cert", tls[0], "--tls-key", tls[1]]
            self.ssl_context = ssl.create_default_context(cafile=tls[2])
        stderr = open(log, "w") if log else None
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
        if stderr:
            stderr.close()
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

    def request(self, method, path, body=None, headers=None, source=None, timeout=20):
        """source: the client's own address, e.g. "127.0.3.1" (all of 127.0.0.0/8 is this machine), so a test
        can be several clients, as the hub counts them."""
        source_address = (source, 0) if source else None
        if self.ssl_context:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=self.ssl_context,
                                               source_address=source_address)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=source_address)
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

    def login(self, user, password, source=None):
        status, headers, _ = self.login_answer(user, password, source=source)
        cookie = headers.get("Set-Cookie", "")
        return status, cookie

    def login_answer(self, user, password, source=None, next_path=None):
        """POST /login: (status, headers, body)."""
        from urllib.parse import urlencode
        form = {"username": user, "password": password}
        if next_path is not None:
            form["next"] = next_path
        return self.request("POST", "/login", urlencode(form), {"Content-Type": "application/x-www-form-urlencoded"},
                            source=source)


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


def curl_upload(hub, token, payload, compress=False, extra_headers=None):
    """Hub.upload with the curl command line as the client: (status, answer as JSON)."""
    curl = shutil.which("curl")
    if not curl:
        print("FAIL: curl is not installed (the hub's bad-input tests use it as their client)", file=sys.stderr)
        sys.exit(1)
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    if compress:
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    headers.update(extra_headers or {})  # replaces, as with Hub.upload: curl would send both
    command = [curl, "-sS", "-o", "-", "-w", "%{http_code}", "--data-binary", "@-"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{hub.port}/api/v1/uploads")
    result = subprocess.run(command, input=body, capture_output=True, timeout=60)
    out = result.stdout
    status = int(out[-3:]) if out[-3:].isdigit() else 0  # -w appends the 3-digit status ("000": none)
    try:
        return status, json.loads(out[:-3])
    except ValueError:
        return status, {"raw": out[:-3].decode(errors="replace"), "curl_stderr": result.stderr.decode(errors="replace")}


def iso_utc(seconds_ago=0):
    """A sent_at: now minus seconds_ago, as a kiosk writes it."""
    t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=seconds_ago)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# The figures of one day as comparable dicts: the upload JSON's day (kiosk side) and the hub's tables give the
# same shape, with zero steps and screens left out (the hub's funnel stores a step only left as reached 0).
# The figure names come from make_upload's day (which names every figure of schema 1, as the C++ table
# kiosk/common/include/common/usage_figures.hpp does): single numbers, and surveys stored by the hub as
# "<question>_<answer>".
_SAMPLE_DAY = make_upload("sample", "2026-11-24")["days"][0]
FIXED_FIGURES = [k for k, v in _SAMPLE_DAY.items() if isinstance(v, int) and not isinstance(v, bool)]
SURVEYS = [k for k, v in _SAMPLE_DAY.items() if isinstance(v, dict) and set(v) == {"yes", "no", "skip"}]
SURVEY_FIGURES = [f"{q}_{a}" for q in SURVEYS for a in ("yes", "no", "skip")]


def day_figures_from_upload(day):
    """An upload's (or the kiosk's usage_rollup body's) day -> the comparable dict."""
    figures = {name: day[name] for name in FIXED_FIGURES}
    for q in SURVEYS:
        for a in ("yes", "no", "skip"):
            figures[f"{q}_{a}"] = day[q][a]
    figures["screens"] = {name: n for name, n in day["screens"].items() if n}
    figures["guides"] = {g["guide_id"]: {"topic": g["topic"], "started": g["started"], "finished": g["finished"],
                                         "reached": {int(s): n for s, n in g["reached_step"].items() if n},
                                         "left": {int(s): n for s, n in g["left_at_step"].items() if n}}
                         for g in day["guides"]}
    return figures


def hub_stored_days(data_dir, kiosk_id):
    """What the hub's SQLite holds for a kiosk, read-only: {day: (complete, comparable dict)}, plus how many
    day_rollups rows each day has (the key says one; a second would be a duplicate)."""
    import sqlite3
    db = sqlite3.connect(f"file:{os.path.join(data_dir, 'hub.sqlite')}?mode=ro", uri=True)
    try:
        ref = db.execute("SELECT kiosk_ref FROM kiosks WHERE kiosk_id = ?", (kiosk_id,)).fetchone()[0]
        rows = {}
        copies = {}
        for day, complete in db.execute("SELECT day, complete FROM day_rollups WHERE kiosk_ref = ?", (ref,)):
            copies[day] = copies.get(day, 0) + 1
            figures = {name: 0 for name in FIXED_FIGURES + SURVEY_FIGURES}
            figures.update(screens={}, guides={})
            rows[day] = (bool(complete), figures)
        for day, figure, value in db.execute("SELECT day, figure, value FROM day_figures WHERE kiosk_ref = ?", (ref,)):
            if figure in rows[day][1]:  # only the figures named above: a newer hub may store more
                rows[day][1][figure] = value
        for day, screen, views in db.execute("SELECT day, screen, views FROM screen_figures WHERE kiosk_ref = ?",
                                             (ref,)):
            if views:
                rows[day][1]["screens"][screen] = views
        for day, guide_id, topic, started, finished, funnel in db.execute(
                "SELECT day, guide_id, topic, started, finished, funnel FROM guide_figures WHERE kiosk_ref = ?", (ref,)):
            reached, left = {}, {}
            for triplet in filter(None, funnel.split(",")):
                step, r, l = (int(x) for x in triplet.split(":"))
                if r:
                    reached[step] = r
                if l:
                    left[step] = l
            rows[day][1]["guides"][guide_id] = {"topic": topic, "started": started, "finished": finished,
                                                "reached": reached, "left": left}
        return rows, copies
    finally:
        db.close()


def report_csv(hub, month):
    """`commune-hub report --month M --format csv` as rows of fields."""
    result = hub.cli("report", "--month", month, "--format", "csv")
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return csv_rows(result.stdout)


def unread_request_bytes(port):
    """Bytes that clients have sent to 127.0.0.1:port and the server has not read yet (Linux /proc/net/tcp):
    more than 0 while the server is frozen means a request is waiting for its answer."""
    total = 0
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            local, state, queues = fields[1], fields[3], fields[4]
            if local == f"0100007F:{port:04X}" and state == "01":  # ESTABLISHED, the server's end
                total += int(queues.split(":")[1], 16)
    return total
