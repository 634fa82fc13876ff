#!/usr/bin/env python3
"""e2e.hub_report_browser: seeds a month with `commune-hub import`, then real headless Chromium logs in
through the login form (DevTools protocol over --remote-debugging-pipe, standard library only) and
reads the rendered report: the expected numbers must be in the DOM. Then the page on a 390 px phone
(every table's key column in view, even scrolled to its last column) and as printed on A4 (print media,
black and white), each photographed into SHOTS_DIR for a person to look at, and printed to a PDF.
Usage: hub_report_browser.py COMMUNE_HUB [CHROMIUM [SHOTS_DIR]]"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from hub_common import Hub, check, local_day, make_upload


class Browser:
    """Chromium driven over its DevTools pipe: fd 3 carries commands in, fd 4 answers out, NUL-separated."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="hub-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire_fds():
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)  # out of the way of 3 and 4 first
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "about:blank"],
            preexec_fn=wire_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError(method + ": no answer")

    def read_message(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def evaluate(self, session, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session)
        return result.get("result", {}).get("value")

    def wait_for(self, session, expression, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(session, expression):
                return True
            time.sleep(0.1)
        return False

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


chromium = shutil.which(sys.argv[2] if len(sys.argv) > 2 else "chromium")
if not chromium:
    print("chromium not installed (platform/deploy/install-deps.sh test)", file=sys.stderr)
    sys.exit(1)

hub = Hub(sys.argv[1])
browser = None
try:
    day1, day2 = local_day(-2), local_day(-1)
    month = day2[:7]
    if day1[:7] != month:
        day1 = day2
    hub.add_kiosk("k-a1", "Thôn An")
    hub.add_kiosk("k-a2", "Thôn An")
    hub.add_kiosk("k-b", "Thôn Bình")
    hub.add_kiosk("k-silent", "Thôn Cũ")
    check(hub.cli("staff", "add", "canbo", stdin="mat-khau-dai-123\n").returncode == 0, "staff account")
    # What the teams recorded (issue 16): shown in "Hoạt động của tổ", right after the targets.
    an_team = make_upload("k-a2", day2, sessions=30, started=4, smartphone=(2, 0))
    an_team["days"][0]["team_activity"] = {
        "home_visit": {"events": 4, "people": 9, "results": {"vneid_level2": 6, "scam_warning": 9}},
        "class": {"events": 1, "people": 12, "results": {"app_installed": 10}}}
    an_team["days"][0]["satisfaction"] = {"happy": 6, "neutral": 1}
    binh_team = make_upload("k-b", day2, sessions=17, started=5, smartphone=(1, 1))
    binh_team["days"][0]["team_activity"] = {"home_visit": {"events": 2, "people": 6, "results": {"vneid_level2": 5}}}
    binh_team["days"][0]["satisfaction"] = {"happy": 5}
    lines = [
        make_upload("k-a1", day1, sessions=12, started=6, smartphone=(5, 1)),
        an_team,
        binh_team,
        make_upload("k-a1", day1, sessions=13, started=6, smartphone=(5, 1)),  # a re-send replaces: 13
    ]
    seed = os.path.join(hub.data, "export.jsonl")
    with open(seed, "w", encoding="utf-8") as out:
        for upload in lines:
            out.write(json.dumps(upload, ensure_ascii=False) + "\n")
    # What the commune entered: the page leads with progress against the plan's targets from these.
    check(hub.cli("population", "set", "--village", "Thôn An", "--adults", "850", "--smartphone", "700",
                  "--vneid", "400", "--as-of", day1).returncode == 0, "Thôn An's population")
    check(hub.cli("population", "set", "--village", "Thôn Bình", "--adults", "400", "--smartphone", "360",
                  "--as-of", day1).returncode == 0, "Thôn Bình's population")
    result = hub.cli("import", seed)
    check(result.returncode == 0 and "imported 4 upload(s)" in result.stdout, f"import: {result.stdout.strip()}")
    hub.start()

    browser = Browser(chromium)
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    # A phone's screen: the page must fit its width (wide tables scroll inside their own box).
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2,
                                                        "mobile": True}, session)
    browser.send("Page.navigate", {"url": f"http://127.0.0.1:{hub.port}/reports?month={month}"}, session)
    check(browser.wait_for(session, "document.readyState === 'complete' && !!document.querySelector('input[name=password]')"),
          "the report sends the browser to the login form")
    browser.evaluate(session, """
        document.querySelector('input[name=username]').value = 'canbo';
        document.querySelector('input[name=password]').value = 'mat-khau-dai-123';
        document.querySelector('form').submit(); true""")
    check(browser.wait_for(session, "location.pathname === '/reports' && document.readyState === 'complete'"),
          "after logging in the browser is back on the report")
    rows = browser.evaluate(session, "Array.from(document.querySelectorAll('tr')).map(r => Array.from(r.cells).map(c => c.textContent))")
    title = browser.evaluate(session, "document.title")
    print("title:", title)
    check(["Thôn An", "43", "4", "2", "2", "0"] in rows, "Thôn An: 13 + 30 sessions (the re-send replaced 12)")
    check(["Thôn Bình", "17", "2", "1", "1", "0"] in rows, "Thôn Bình: 17 sessions")
    check(["Toàn xã", "60", "6", "3", "3", "0"] in rows, "commune: 60 sessions")
    check(["Toàn xã", "VNeID", "15", "9", "60 %"] in rows, "commune topic VNeID (its title): 15 started, 9 finished")
    check(["Thôn Bình", "< 5", "< 5", "—", "< 5", "< 5", "—"] in rows, "Thôn Bình survey: fewer than 5 answers")
    # Thôn An's 8 answers are hidden too: else the commune's 10 minus 8 would give Thôn Bình's 2.
    check(["Thôn An", "ẩn", "ẩn", "—", "ẩn", "ẩn", "—"] in rows, "Thôn An survey: hidden as the complement")
    check(["Toàn xã", "10", "80 %", "chưa đạt", "12", "50 %", "chưa đạt"] in rows,
          "commune survey: 8 of 10 = 80 %, 6 of 12 = 50 %")
    # The Content-Security-Policy allows the page's own style sheet (by its hash): the styles apply.
    colour = browser.evaluate(session, "getComputedStyle(document.querySelector('td.alert')).color")
    legend = browser.evaluate(session, "getComputedStyle(document.querySelector('.legend .started')).backgroundColor")
    check(colour == "rgb(176, 0, 32)" and legend == "rgb(42, 111, 176)",
          f"under the CSP the style sheet applies: red alerts, legend colours ({colour}, {legend})")
    alerts = browser.evaluate(session, "Array.from(document.querySelectorAll('td.alert')).map(c => c.textContent)")
    check("chưa gửi" in alerts, "the kiosk that never sent is shown in red")
    bars = browser.evaluate(session, "document.querySelectorAll('svg rect').length")
    check(bars and bars > 5, f"the SVG charts drew bars ({bars})")
    width = browser.evaluate(session, "document.documentElement.scrollWidth")
    check(width <= 360, f"the page fits a 360 px wide phone ({width} px)")
    check(browser.evaluate(session, "document.querySelector('h2').id") == "tien-do",
          "the first section is progress against the targets")
    check(["Thôn An", "850", "700", "82 %", "chưa đạt", "400", "47 %", "chưa đạt", day1] in rows,
          "Thôn An: 700 of 850 adults have a smartphone (82 %), 400 a VNeID account (47 %)")

    headings = browser.evaluate(session, "Array.from(document.querySelectorAll('h2')).map(h => h.id)")
    check(headings[:2] == ["tien-do", "hoat-dong-to"], f"the team's work comes right after the targets ({headings[:3]})")
    team = browser.evaluate(session, "document.getElementById('hoat-dong-to').nextElementSibling.textContent")
    check("Đến tận nhà" in team and "Lớp ở nhà văn hóa" in team and "Hài lòng" in team,
          "the team's places and the faces are named in Vietnamese")

    shots = sys.argv[3] if len(sys.argv) > 3 else None
    if shots:
        os.makedirs(shots, exist_ok=True)

    def photograph(name, width):
        height = browser.evaluate(session, "document.documentElement.scrollHeight")
        shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                       "clip": {"x": 0, "y": 0, "width": width,
                                                                "height": height, "scale": 1}}, session)
        if shots:
            with open(os.path.join(shots, name), "wb") as out:
                out.write(base64.b64decode(shot["data"]))

    # A 390 px phone: nothing wider than the screen, and in every table the key column (village, guide,
    # kiosk) stays in view when the table is scrolled to its last column.
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1,
                                                        "mobile": True}, session)
    width = browser.evaluate(session, "document.documentElement.scrollWidth")
    check(width <= 390, f"the page fits a 390 px wide phone ({width} px)")
    hidden = browser.evaluate(session, """
        Array.from(document.querySelectorAll('.scroll')).flatMap(box => {
          box.scrollLeft = box.scrollWidth;
          const b = box.getBoundingClientRect();
          return Array.from(box.querySelectorAll('tr')).filter(r => {
            const c = r.cells[0].getBoundingClientRect();
            return c.left < b.left - 1 || c.right > b.right + 1;
          }).map(r => r.cells[0].textContent);
        })""")
    check(hidden == [], f"scrolled to the last column, every key cell is still in view ({hidden[:3]})")
    browser.evaluate(session, "document.querySelectorAll('.scroll').forEach(b => b.scrollLeft = 0); true")
    photograph("report-390px.png", 390)

    # Printed: A4 portrait is 794 CSS px wide; print media, black and white, nothing cut at the right.
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 794, "height": 1123, "deviceScaleFactor": 1,
                                                        "mobile": False}, session)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session)
    printed = browser.evaluate(session, """({
        width: document.documentElement.scrollWidth,
        nav: getComputedStyle(document.querySelector('nav')).display,
        alert: getComputedStyle(document.querySelector('td.alert')).color,
        tables: Array.from(document.querySelectorAll('table')).map(t => t.getBoundingClientRect().right)})""")
    check(printed["width"] <= 794 and max(printed["tables"]) <= 794,
          f"printed on A4 nothing is cut at the right ({printed['width']} px, tables to {max(printed['tables'])})")
    check(printed["nav"] == "none" and printed["alert"] == "rgb(0, 0, 0)",
          f"printed: no links or buttons, alerts black (bold, underlined, '(!)') ({printed['nav']}, {printed['alert']})")
    photograph("report-a4-print.png", 794)
    pdf = base64.b64decode(browser.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False},
                                        session, timeout=60)["data"])
    if shots:
        with open(os.path.join(shots, "report-a4.pdf"), "wb") as out:
            out.write(pdf)
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf))
    check(pdf.startswith(b"%PDF") and boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
                                                    for w, h in boxes), f"printed to a PDF on A4 pages ({boxes})")
    hub.stop()
finally:
    if browser:
        browser.close()
    hub.cleanup()
print("PASS")
