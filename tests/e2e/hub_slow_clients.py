#!/usr/bin/env python3
"""e2e.hub_slow_clients: a real commune-hub on loopback while clients hold connections open without finishing a
request, as anyone on the commune's network could. Clients are told apart by their own loopback address
(127.0.x.y). Before, 10 slow senders or 200 idle connections took all 8 workers and /health timed out, and the
listen queue of 5 reset bursts of uploads.
- 50 slow senders from one address: at most 16 are served at once (the rest get 429), /health answers others.
- 50 slow senders from 50 addresses, then 200 idle connections: /health still answers a normal client quickly.
- A slow sender is cut off once its headers' deadline passes.
- The listen queue is deep (1024), and 200 uploads sent at once from 200 addresses are all stored.
Usage: hub_slow_clients.py COMMUNE_HUB"""
import json
import socket
import subprocess
import sys
import threading
import time

from hub_common import Hub, check, local_day, make_upload

PARTIAL = b"GET /health HTTP/1.1\r\nHost: hub\r\nX-Slow: "


def open_clients(port, sources, send=PARTIAL):
    """Connections from each source address in turn, each having sent `send` (a request's first bytes)."""
    clients = []
    for source in sources:
        s = socket.socket()
        s.bind((source, 0))
        s.settimeout(5)
        s.connect(("127.0.0.1", port))
        if send:
            s.sendall(send)
        clients.append(s)
    return clients


class Trickle:
    """Sends one more header byte on every connection every 0.4 s: never idle, never done."""

    def __init__(self, clients):
        self.clients = clients
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.wait(0.4):
            for s in self.clients:
                try:
                    s.send(b"x")
                except OSError:
                    pass

    def close(self):
        self.stop.set()
        self.thread.join()
        for s in self.clients:
            s.close()


def health_seconds(hub, source="127.0.0.1"):
    """How long a normal client waits for /health (200), or None when it got no 200 within 8 s."""
    began = time.monotonic()
    try:
        status, _, _ = hub.request("GET", "/health", source=source, timeout=8)
    except OSError:
        return None
    return time.monotonic() - began if status == 200 else None


def answered(s):
    """What the hub sent on a connection (b"" if it closed it), or None if it is still open and silent."""
    s.setblocking(False)
    try:
        return s.recv(200)
    except BlockingIOError:
        return None
    except OSError:
        return b""
    finally:
        s.setblocking(True)


hub = Hub(sys.argv[1])
try:
    token = hub.add_kiosk("k1", "Thôn 1")
    hub.start()
    port = hub.port

    # The listen queue (ss shows a listening socket's backlog as Send-Q).
    listing = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True).stdout.split()
    check(len(listing) >= 3 and int(listing[2]) >= 1024, f"the listen queue holds 1024 connections (ss: {listing[:3]})")

    # --- 50 slow senders from one address.
    slow = open_clients(port, ["127.0.20.1"] * 50)
    trickle = Trickle(slow)
    time.sleep(1.0)
    waited = health_seconds(hub)
    check(waited is not None and waited < 2, f"50 slow senders from one address: /health answers another in {waited} s")
    refused = [a for a in (answered(s) for s in slow) if a and a.startswith(b"HTTP/1.1 429")]
    check(len(refused) >= 50 - 16, f"that address was served 16 connections at most: {len(refused)} got 429")
    trickle.close()

    # --- 50 slow senders from 50 addresses: more than half the workers.
    slow = open_clients(port, [f"127.0.21.{i + 1}" for i in range(50)])
    trickle = Trickle(slow)
    time.sleep(1.0)
    waited = health_seconds(hub)
    check(waited is not None and waited < 4, f"50 slow senders from 50 addresses: /health answers in {waited} s")
    # Their headers never end: each is cut off within its deadline (10 s; 2 s while others wait).
    deadline = time.monotonic() + 14
    open_ones = slow
    while open_ones and time.monotonic() < deadline:
        time.sleep(0.5)
        open_ones = [s for s in open_ones if answered(s) is None]
    check(not open_ones, f"every slow sender was cut off within 14 s ({len(open_ones)} still open)")
    trickle.close()

    # --- 200 idle connections (ten from each of 20 addresses), nothing sent.
    idle = open_clients(port, [f"127.0.22.{i % 20 + 1}" for i in range(200)], send=None)
    time.sleep(0.5)
    waited = health_seconds(hub)
    check(waited is not None and waited < 3, f"200 idle connections: /health answers in {waited} s")
    for s in idle:
        s.close()

    # --- 200 uploads at once from 200 addresses (a commune's kiosks on the hour): all stored, none reset.
    body = json.dumps(make_upload("k1", local_day(-1), sessions=7)).encode()
    request = (b"POST /api/v1/uploads HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + token.encode() +
               b"\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
               str(len(body)).encode() + b"\r\n\r\n" + body)
    start = threading.Barrier(200)
    statuses = []
    lock = threading.Lock()

    def upload(i):
        start.wait()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=20,
                                          source_address=(f"127.0.23.{i % 250 + 1}", 0)) as s:
                s.sendall(request)
                answer = b""
                while b"\r\n" not in answer:
                    chunk = s.recv(100)
                    if not chunk:
                        break
                    answer += chunk
                status = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/1.1 ") else repr(answer[:30])
        except OSError as e:
            status = type(e).__name__
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = {s: statuses.count(s) for s in set(statuses)}
    check(counts == {"200": 200}, f"200 simultaneous uploads: all answered 200 ({counts})")
    check(health_seconds(hub) is not None, "and the hub is healthy afterwards")
    check(hub.stop() == 0, "SIGTERM stops the hub cleanly")
finally:
    hub.cleanup()
print("PASS")
