#!/usr/bin/python3
"""The real kiosk under a stand-in for systemd's notification socket, as village-kiosk.service runs it
(Type=notify, WatchdogSec=): READY=1 once the first frame is on the screen, then WATCHDOG=1 at least
every WATCHDOG_USEC while it sits idle on the home screen; and once its frame loop hangs (the test-only
hook KIOSK_TEST_HANG_AFTER_S) the pings stop, which is what makes systemd kill and restart it.
usage: watchdog.py KIOSK   (under with_xvfb.sh: it needs DISPLAY)"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

WATCHDOG_S = 2.0  # WatchdogSec=2s: the kiosk must ping within every 2 s, and pings every 1 s


def check(condition, what):
    if not condition:
        print("FAIL:", what, file=sys.stderr)
        sys.exit(1)
    print("ok:", what)


class Kiosk:
    """The kiosk with NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID set as systemd sets them."""

    def __init__(self, binary, folder, name, extra_env=None):
        self.messages = []  # (time.monotonic(), wall-clock ms, text)
        self.lines = []  # (time.monotonic(), stderr line)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        path = os.path.join(folder, name + ".notify")
        self.sock.bind(path)
        self.sock.settimeout(0.2)
        env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(int(WATCHDOG_S * 1_000_000)),
                   **(extra_env or {}))
        # WATCHDOG_PID must be the kiosk's own pid: the shell sets it to its pid, then becomes the kiosk.
        command = ["/bin/sh", "-c", 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"', "sh", binary,
                   "--windowed", "800x480", "--config", "/nonexistent/kiosk.toml",
                   "--data-dir", os.path.join(folder, name + "-data")]
        self.proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        self.running = True
        threading.Thread(target=self._read_socket, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_socket(self):
        while self.running:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            self.messages.append((time.monotonic(), time.time_ns() // 1_000_000, data.decode()))

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.lines.append((time.monotonic(), line.rstrip("\n")))
            print("kiosk:", line.rstrip("\n").removeprefix("kiosk: "))

    def sent(self, text):
        return [(t, ms) for t, ms, message in list(self.messages) if text in message.split("\n")]

    def line(self, pattern):
        for t, line in list(self.lines):
            match = re.search(pattern, line)
            if match:
                return t, match
        return None

    def wait_for(self, what, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if what():
                return True
            time.sleep(0.05)
        return False

    def stop(self, sig=signal.SIGKILL):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        status = self.proc.wait(timeout=10)
        self.running = False
        self.sock.close()
        return status


def max_gap(times):
    return max((b - a for a, b in zip(times, times[1:])), default=float("inf"))


def ready_after_first_frame_then_pings(binary, folder):
    kiosk = Kiosk(binary, folder, "idle")
    check(kiosk.wait_for(lambda: kiosk.sent("READY=1"), 20), "READY=1 arrives")
    # The log line and the datagram travel separate pipes: on a busy machine the line can come second.
    kiosk.wait_for(lambda: kiosk.line(r"first frame presented at (\d+) ms"), 5)
    first_frame = kiosk.line(r"first frame presented at (\d+) ms")
    check(first_frame is not None, "the kiosk logged its first frame")
    ready_ms = kiosk.sent("READY=1")[0][1]
    check(ready_ms >= int(first_frame[1].group(1)),
          f"READY=1 came after the first frame was presented ({ready_ms} >= {first_frame[1].group(1)} ms)")
    # Idle on the home screen, the loop sleeps in SDL_WaitEvent: only its wake-up timer can ping.
    time.sleep(6.5)
    pings = [t for t, _ in kiosk.sent("WATCHDOG=1") if t >= kiosk.sent("READY=1")[0][0]]
    check(len(pings) >= 5, f"{len(pings)} WATCHDOG=1 pings in 6.5 s idle (at least 5)")
    check(max_gap(pings) < WATCHDOG_S,
          f"never more than WatchdogSec between pings (longest gap {max_gap(pings):.2f} s < {WATCHDOG_S} s)")
    check(len(kiosk.sent("READY=1")) == 1, "READY=1 was sent once")
    status = kiosk.stop(signal.SIGTERM)
    check(status == 0, f"SIGTERM still stops it cleanly (exit {status})")


def hung_loop_stops_pinging(binary, folder):
    kiosk = Kiosk(binary, folder, "hang", {"KIOSK_TEST_HANG_AFTER_S": "4"})
    check(kiosk.wait_for(lambda: kiosk.line(r"the frame loop hangs now"), 25), "the test hook hung the loop")
    hung_at = kiosk.line(r"the frame loop hangs now")[0]
    before = [t for t, _ in kiosk.sent("WATCHDOG=1") if t <= hung_at]
    check(len(before) >= 2, f"{len(before)} pings before the hang")
    time.sleep(2.5 * WATCHDOG_S)
    after = [t for t, _ in kiosk.sent("WATCHDOG=1") if t > hung_at + 0.1]
    check(kiosk.proc.poll() is None, "the hung kiosk is still running (systemd would now kill it)")
    check(not after, f"no ping in the {2.5 * WATCHDOG_S:.0f} s after the hang ({len(after)} seen)")
    kiosk.stop(signal.SIGKILL)


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="kiosk-watchdog-") as folder:
        ready_after_first_frame_then_pings(binary, folder)
        hung_loop_stops_pinging(binary, folder)
    print("watchdog: passed")


if __name__ == "__main__":
    main()
