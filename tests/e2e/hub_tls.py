#!/usr/bin/env python3
"""e2e.hub_tls: `commune-hub serve --tls-cert --tls-key` on 127.0.0.1 with a throwaway CA made by the openssl
command line. The kiosk's real outbox, upload worker and libcurl client deliver over https when given the CA
(kiosk.toml's hub.ca_file) and refuse the hub without it or with another CA, leaving nothing stored, or when
its certificate names another address; curl
--cacert reads /health; plain http to the port gets no answer; a missing, unreadable or invalid certificate or
key stops the hub with exit 2 naming the file (never a plain-HTTP fallback); one of the two alone is a usage
error.
Usage: hub_tls.py OUTBOX_DRIVER COMMUNE_HUB"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_common import Hub, check, hub_stored_days, local_day, village_sessions  # noqa: E402

driver, hub_binary = sys.argv[1], sys.argv[2]
openssl = shutil.which("openssl")
curl = shutil.which("curl")
if not openssl or not curl:
    print("FAIL: this test needs the openssl and curl command lines (platform/deploy/install-deps.sh)", file=sys.stderr)
    sys.exit(1)

work = tempfile.mkdtemp(prefix="hub-e2e-tls-")


def path(name):
    return os.path.join(work, name)


def run_openssl(*args):
    result = subprocess.run([openssl, *args], capture_output=True, text=True, timeout=60, cwd=work)
    if result.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)}: {result.stderr}")


def make_ca(name):
    """A self-signed CA: NAME.key, NAME.pem."""
    run_openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", path(name + ".key"), "-out", path(name + ".pem"), "-days", "2", "-subj", f"/CN={name}",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")


def make_server_cert(ca, name, san):
    """NAME.key and NAME.pem for subjectAltName SAN, signed by CA."""
    run_openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", path(name + ".key"), "-out", path(name + ".csr"), "-subj", "/CN=commune-hub e2e")
    with open(path(name + ".ext"), "w") as ext:
        ext.write(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                  "extendedKeyUsage=serverAuth\n")
    run_openssl("x509", "-req", "-in", path(name + ".csr"), "-CA", path(ca + ".pem"), "-CAkey", path(ca + ".key"),
                "-set_serial", "2", "-days", "2", "-extfile", path(name + ".ext"), "-out", path(name + ".pem"))


hub = Hub(hub_binary)
try:
    make_ca("ca")
    make_ca("other-ca")
    make_server_cert("ca", "hub", "IP:127.0.0.1")
    token = hub.add_kiosk("e2e-kiosk", "Thôn Đông")
    hub.start(tls=(path("hub.pem"), path("hub.key"), path("ca.pem")))  # its /health check already goes over TLS
    base = f"https://127.0.0.1:{hub.port}"
    url = base + "/api/v1/uploads"

    def run_driver(db, *ca_args, timeout_s=60):
        return subprocess.run([driver, "--db", path(db), "--url", url, "--token", token, "--messages", "0",
                               "--usage-day", "--timeout-s", str(timeout_s), *ca_args],
                              capture_output=True, text=True, timeout=timeout_s + 30)

    # (b) first, so that "nothing stored" means nothing from these runs: the driver's kiosk id is always e2e-kiosk.
    for what, db, ca_args in (("the system's CAs", "system-ca.db", ()),
                              ("another CA", "other-ca.db", ("--ca-file", path("other-ca.pem")))):
        refused = run_driver(db, *ca_args, timeout_s=4)
        check(refused.returncode != 0, f"with {what} the kiosk client does not deliver ({refused.stdout.strip()})")
        check("certificate" in refused.stderr.lower(),
              f"with {what} the client's log says the certificate was refused ({refused.stderr.strip()[:300]})")
        check(hub_stored_days(hub.data, "e2e-kiosk")[0] == {}, f"with {what} the hub stored nothing")

    # (a) the kiosk client with the hub's CA (hub.ca_file) delivers today's figures over https.
    delivered = run_driver("kiosk.db", "--ca-file", path("ca.pem"))
    check(delivered.returncode == 0,
          f"with --ca-file ca.pem the driver emptied the outbox into the hub ({delivered.stdout.strip()} "
          f"{delivered.stderr.strip()[:300]})")
    days, copies = hub_stored_days(hub.data, "e2e-kiosk")
    check(list(days) == [local_day()] and copies == {local_day(): 1}, f"the hub stored today, once ({copies})")
    check(village_sessions(hub, local_day()[:7], "Thôn Đông") == 1,
          "the hub's report counts the kiosk's one session")

    # (c) curl with the CA reads /health; without it, it refuses; plain http to the TLS port gets no answer.
    health = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", path("ca.pem"),
                             base + "/health"], capture_output=True, text=True, timeout=30)
    check(health.stdout == "200",
          f"curl --cacert ca.pem {base}/health answers 200 ({health.stdout} {health.stderr})")
    untrusted = subprocess.run([curl, "-sS", "-o", "/dev/null", base + "/health"], capture_output=True, text=True,
                               timeout=30)
    check(untrusted.returncode == 60, f"curl without the CA refuses the certificate (exit {untrusted.returncode})")
    plain = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-m", "10",
                            f"http://127.0.0.1:{hub.port}/health"], capture_output=True, text=True, timeout=30)
    check(plain.returncode != 0 and plain.stdout == "000",
          f"plain http to the TLS port gets no answer ({plain.stderr.strip()})")
    # Same routes over TLS: the report page still asks for the login, and the login's cookie is Secure.
    status, headers, _ = hub.request("GET", "/reports")
    check(status == 303 and headers.get("Location", "").startswith("/login"),
          "GET /reports redirects to /login over https")
    check(hub.cli("staff", "add", "canbo", stdin="a-long-password\n").returncode == 0, "staff account added")
    status, cookie = hub.login("canbo", "a-long-password")
    check(status == 303 and "hub_session=" in cookie and "; Secure" in cookie,
          f"login over https sets a Secure session cookie ({cookie[:20]}...{cookie[-40:]})")
    attributes = [a.strip() for a in cookie.split(";")]
    check(cookie.startswith("__Host-hub_session=") and {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"} <= set(attributes)
          and not any(a.lower().startswith("domain=") for a in attributes),
          f"... named __Host- (the browser then insists on Secure, Path=/, no Domain), HttpOnly, SameSite=Strict")
    status, headers, body = hub.request("GET", "/reports", headers={"Cookie": cookie.split(";")[0]})
    check(status == 200 and b"<h1>" in body and "default-src 'none'" in headers.get("Content-Security-Policy", ""),
          f"the session opens the report over https, with the same security headers ({status})")
    # Clients that open TLS connections and say nothing hold no worker for long (the handshake has the
    # headers' deadline), and the others are served meanwhile.
    import socket
    import time
    silent = [socket.create_connection(("127.0.0.1", hub.port), timeout=5, source_address=(f"127.0.31.{i + 1}", 0))
              for i in range(40)]
    time.sleep(0.5)
    began = time.monotonic()
    status, _, _ = hub.request("GET", "/health", timeout=8)
    check(status == 200 and time.monotonic() - began < 3,
          f"40 silent TLS connections: /health over https answers in {time.monotonic() - began:.2f} s")
    for s in silent:
        s.close()
    check(hub.stop() == 0, "SIGTERM stops the TLS hub cleanly")

    # The right CA but a certificate made for another address: the client checks the name too.
    make_server_cert("ca", "elsewhere", "IP:192.0.2.10,DNS:hub.example")
    # (Not Hub.start: its own /health check would refuse the name as well.)
    hub.proc = subprocess.Popen([hub_binary, "serve", "--listen", "127.0.0.1:0", "--data", hub.data, "--tls-cert",
                                 path("elsewhere.pem"), "--tls-key", path("elsewhere.key")],
                                stdout=subprocess.PIPE, text=True)
    line = hub.proc.stdout.readline()
    check(line.startswith("listening on "), f"the hub serves the other certificate ({line.strip()})")
    url = f"https://127.0.0.1:{line.rsplit(':', 1)[1].strip()}/api/v1/uploads"  # bound: connections queue
    misnamed = run_driver("misnamed.db", "--ca-file", path("ca.pem"), timeout_s=4)
    check(misnamed.returncode != 0 and "certificate" in misnamed.stderr and "127.0.0.1" in misnamed.stderr,
          f"a certificate for another address is refused ({misnamed.stderr.strip()[:300]})")
    check(hub.stop() == 0, "SIGTERM stops the second TLS hub cleanly")

    # (d) bad certificate or key: exit 2 naming the file, nothing listening; one of the two alone: usage error.
    make_ca("stray")  # a valid key that does not belong to hub.pem
    with open(path("garbage.pem"), "w") as garbage:
        garbage.write("not a certificate\n")
    os.symlink("/nonexistent", path("dangling.key"))

    def serve(*tls_args):
        result = subprocess.run([hub_binary, "serve", "--listen", "127.0.0.1:0", "--data", hub.data, *tls_args],
                                capture_output=True, text=True, timeout=20)
        return result.returncode, result.stdout, result.stderr

    for what, cert, key, named in (
            ("a missing certificate", path("missing.pem"), path("hub.key"), [path("missing.pem")]),
            ("a missing key", path("hub.pem"), path("dangling.key"), [path("dangling.key")]),
            ("a certificate that is not PEM", path("garbage.pem"), path("hub.key"), [path("garbage.pem")]),
            ("a directory as the certificate", work, path("hub.key"), [work]),
            ("a key that is not the certificate's", path("hub.pem"), path("stray.key"), [path("stray.key")])):
        code, out, err = serve("--tls-cert", cert, "--tls-key", key)
        check(code == 2 and "listening on" not in out and all(n in err for n in named),
              f"{what}: exit 2 naming the file, nothing served (exit {code}: {err.strip()})")
    for option in ("--tls-cert", "--tls-key"):
        code, out, err = serve(option, path("hub.pem"))
        check(code == 2 and "usage:" in err and "listening on" not in out, f"{option} alone is a usage error")
finally:
    hub.cleanup()
    shutil.rmtree(work, ignore_errors=True)
