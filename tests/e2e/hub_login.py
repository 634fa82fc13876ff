#!/usr/bin/env python3
"""e2e.hub_login: the staff login of a real commune-hub on loopback, as an attacker on the commune's network would
try it. Clients are told apart by their own loopback address (127.0.x.y: all of 127.0.0.0/8 is this machine).
- The security headers (CSP, X-Frame-Options, Referrer-Policy, nosniff) on every page, and the cookie's attributes.
- An unknown name gets the same answer, in about the same time, as a known name with a wrong password.
- Throttling by client address: one address guessing many made-up names is locked out (it was not: only names
  were counted, and made-up names could flush the real one).
- Throttling by name: many addresses guessing one account lock that name, but not on the officer's own computer.
- `next` after login only as a path on this hub (a tab inside "/\\t/evil.example" sent the browser away).
- A staff password of only spaces is refused.
Usage: hub_login.py COMMUNE_HUB"""
import re
import statistics
import sys
import time

from hub_common import Hub, check

PASSWORD = "mat-khau-dai-123"

hub = Hub(sys.argv[1])
try:
    check(hub.cli("staff", "add", "canbo", stdin=PASSWORD + "\n").returncode == 0, "staff account canbo")
    check(hub.cli("staff", "add", "thuky", stdin=PASSWORD + "\n").returncode == 0, "staff account thuky")
    for blank in [" " * 8, " \t" * 6]:
        result = hub.cli("staff", "add", "trong", stdin=blank + "\n")
        check(result.returncode == 1 and "only blanks" in result.stderr,
              f"a password of {len(blank)} blanks is refused ({result.returncode} {result.stderr.strip()})")
    hub.start()

    # --- Security headers on every kind of answer, and the session cookie.
    for method, path in [("GET", "/login"), ("GET", "/reports"), ("GET", "/health"), ("POST", "/api/v1/uploads")]:
        status, headers, _ = hub.request(method, path)
        csp = headers.get("Content-Security-Policy", "")
        check("default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
              and "script-src" not in csp and "unsafe-inline" not in csp,
              f"{method} {path} ({status}): a strict Content-Security-Policy ({csp[:60]}...)")
        check(headers.get("X-Frame-Options") == "DENY" and headers.get("Referrer-Policy") == "no-referrer"
              and headers.get("X-Content-Type-Options") == "nosniff",
              f"{method} {path}: X-Frame-Options DENY, Referrer-Policy no-referrer, nosniff")
    status, headers, body = hub.request("GET", "/login")
    styles = re.findall(rb"<style>(.*?)</style>", body, re.S)
    import base64
    import hashlib
    csp = headers.get("Content-Security-Policy", "")
    check(len(styles) == 1 and f"'sha256-{base64.b64encode(hashlib.sha256(styles[0]).digest()).decode()}'" in csp,
          "the login page's style sheet is allowed by its hash")
    check(b"style=" not in body and b"<script" not in body, "no inline style attributes or scripts to allow")
    status, cookie = hub.login("canbo", PASSWORD, source="127.0.0.1")
    attributes = [a.strip() for a in cookie.split(";")]
    check(status == 303 and "HttpOnly" in attributes and "SameSite=Strict" in attributes and "Path=/" in attributes,
          f"session cookie: HttpOnly, SameSite=Strict, Path=/ ({cookie.split('=')[0]}; {attributes[1:]})")
    check("Secure" not in attributes, "plain HTTP: no Secure (the browser would drop it; e2e.hub_tls checks HTTPS)")
    session = cookie.split(";")[0]
    status, headers, body = hub.request("GET", "/reports", headers={"Cookie": session})
    styles = re.findall(rb"<style>(.*?)</style>", body, re.S)
    csp = headers.get("Content-Security-Policy", "")
    check(status == 200 and len(styles) == 1 and
          f"'sha256-{base64.b64encode(hashlib.sha256(styles[0]).digest()).decode()}'" in csp,
          "the report page's style sheet is allowed by its hash")
    check(b"style=" not in body and b"<script" not in body and b"javascript:" not in body,
          "the report page needs no inline style attribute, script or javascript: link")

    # --- Unknown names: the same answer, the same time. Each try from its own address (none gets locked).
    def timed(user, source):
        began = time.monotonic()
        status, headers, body = hub.login_answer(user, "sai-mat-khau-1", source=source)
        return time.monotonic() - began, status, body

    known, unknown = [], []
    for i in range(5):
        known.append(timed("canbo", f"127.0.10.{i + 1}"))
        unknown.append(timed(f"khong-co-{i}", f"127.0.10.{i + 101}"))
    check({s for _, s, _ in known} == {401} and {s for _, s, _ in unknown} == {401}, "both: 401")
    check(known[0][2] == unknown[0][2], "both: the very same page")
    known_ms = statistics.median(t for t, _, _ in known) * 1000
    unknown_ms = statistics.median(t for t, _, _ in unknown) * 1000
    check(unknown_ms >= 0.5 * known_ms and known_ms >= 5,
          f"an unknown name takes as long as a wrong password: median {unknown_ms:.0f} ms vs {known_ms:.0f} ms")

    # --- By address: one address trying five made-up names is locked, whatever name it tries next.
    for i in range(5):
        status, _, _ = hub.login_answer(f"doan-ten-{i}", "sai-mat-khau-1", source="127.0.11.1")
        check(status == 401, f"guess {i + 1} from 127.0.11.1: 401")
    status, headers, _ = hub.login_answer("doan-ten-5", "sai-mat-khau-1", source="127.0.11.1")
    check(status == 429 and int(headers.get("Retry-After", "0")) > 0,
          f"a 6th made-up name from that address is refused: 429 with Retry-After ({status})")
    status, headers, _ = hub.login_answer("thuky", PASSWORD, source="127.0.11.1")
    check(status == 429, f"so is a real account with the right password, from that address ({status})")
    status, _, _ = hub.login_answer("thuky", PASSWORD, source="127.0.11.2")
    check(status == 303, f"another address logs in as usual ({status})")
    status, _, _ = hub.login_answer("canbo", PASSWORD, source="127.0.11.2")
    check(status == 303, f"canbo's five misses (from five addresses) lock nothing yet ({status})")

    # --- By name: ten addresses, two guesses each at canbo and two at a made-up name (four misses: no address
    # is locked) lock both names...
    check(hub.login("canbo", PASSWORD, source="127.0.12.1")[0] == 303, "the officer logs in at 127.0.12.1")
    for a in range(10):
        for i in range(2):
            for user in ("canbo", "khong-co-ai"):
                status, _, _ = hub.login_answer(user, f"doan-{a}-{i}", source=f"127.0.13.{a + 1}")
                check(status == 401, f"guess at {user} from 127.0.13.{a + 1}: 401")
    status, headers, locked_body = hub.login_answer("canbo", PASSWORD, source="127.0.14.1")
    check(status == 429, f"then canbo is refused from a new address, even with the right password ({status})")
    status2, headers2, locked_body2 = hub.login_answer("khong-co-ai", PASSWORD, source="127.0.14.2")
    same = re.sub(rb"\d+", b"N", locked_body2) == re.sub(rb"\d+", b"N", locked_body)
    check(status2 == 429 and same, "a made-up name guessed as often is refused the same way")
    status, _, _ = hub.login_answer("canbo", PASSWORD, source="127.0.12.1")
    check(status == 303, f"... but the officer's own computer still logs in ({status})")

    # --- next: only a path on this hub.
    for evil in ["/\t/evil.example/x", "//evil.example/x", "/\\evil.example/x", "https://evil.example/x",
                 "/\n/evil.example", "/ /evil.example", "\t//evil.example", "javascript:alert(1)"]:
        status, headers, _ = hub.login_answer("thuky", PASSWORD, source="127.0.15.1", next_path=evil)
        check(status == 303 and headers.get("Location") == "/reports",
              f"next={evil!r}: sent to /reports ({status} {headers.get('Location')!r})")
    status, headers, _ = hub.login_answer("thuky", PASSWORD, source="127.0.15.1", next_path="/reports?month=2026-11")
    check(headers.get("Location") == "/reports?month=2026-11", "a path on this hub is kept")
    status, _, body = hub.request("GET", "/login?next=/%09/evil.example/x")
    check(b'name="next" value="/reports"' in body, "GET /login does not carry such a next into its form")
    check(hub.stop() == 0, "SIGTERM stops the hub cleanly")
finally:
    hub.cleanup()
print("PASS")
