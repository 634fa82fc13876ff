#!/usr/bin/python3
"""e2e.frame_writes: drawing frames writes nothing to the SD card.

Runs the real kiosk (under the caller's Xvfb: with_xvfb.sh) to a practice step whose hint pulses at 20 frames a
second, lets it animate for 7 s with no touch, and samples the kiosk's /proc/PID/io write_bytes every 50 ms.
Nothing may be written while the frames go on (the taps' usage events wait in the recorder's buffer: they are
written at the exit): the longest stretch with write_bytes unchanged must cover at least 5 s of the 7, and the
kiosk must have used CPU in it (it was drawing). The data folder is made under the current directory, on a disk:
tmpfs writes are not counted.

usage: frame_writes.py KIOSK CONTENT_ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

kiosk, content_root = sys.argv[1], sys.argv[2]
TICK = os.sysconf("SC_CLK_TCK")


def sample(pid):
    """(seconds since start, write_bytes, CPU seconds) of the running kiosk, or None once it has gone."""
    try:
        with open(f"/proc/{pid}/io") as f:
            io = dict(line.split(": ") for line in f.read().splitlines())
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(io["write_bytes"]), (int(fields[11]) + int(fields[12])) / TICK
    except (FileNotFoundError, ProcessLookupError):
        return None


work = tempfile.mkdtemp(prefix="frame-writes-", dir=os.getcwd())
try:
    scenario = os.path.join(work, "scenario.json")
    with open(scenario, "w") as f:
        json.dump({"about": "the practice hint pulses at 20 fps for 7 s with nobody touching", "steps": [
            {"tap": "home.tile.vneid"},
            {"tap": "guide.e2e-lam-thu"},
            {"tap": "intro.practice"},
            {"tap": "step.picture.miss"},
            {"tap": "step.picture.miss"},
            {"expect": {"misses": "2", "pulse": "1", "step": "1"}},
            {"wait_ms": 7000, "expect": {"pulse": "1", "step": "1"}},
        ]}, f)
    data = os.path.join(work, "data")
    proc = subprocess.Popen([kiosk, "--windowed", "800x480", "--config", "/nonexistent/kiosk.toml", "--data-dir",
                             data, "--content-root", content_root, "--scenario", scenario,
                             "--screenshot-dir", os.path.join(work, "shots")])
    began = time.monotonic()
    samples = []
    while proc.poll() is None:
        s = sample(proc.pid)
        if s:
            samples.append((time.monotonic() - began, *s))
        time.sleep(0.05)
    if proc.returncode != 0:
        sys.exit(f"FAIL: the scenario failed ({proc.returncode})")
    if not samples or samples[-1][1] == 0:
        sys.exit("FAIL: no write_bytes counted at all (is the current directory on tmpfs?)")
    # The longest stretch of samples with write_bytes unchanged.
    best = (0.0, 0.0, 0.0)  # length in s, start, CPU used
    start = 0
    for i in range(1, len(samples) + 1):
        if i == len(samples) or samples[i][1] != samples[start][1]:
            length = samples[i - 1][0] - samples[start][0]
            if length > best[0]:
                best = (length, samples[start][0], samples[i - 1][2] - samples[start][2])
            start = i
    writes = [(round(t, 2), b) for t, b, _ in samples]
    changes = [w for i, w in enumerate(writes) if i == 0 or w[1] != writes[i - 1][1]]
    print(f"write_bytes over the run (s, bytes), where it changed: {changes}")
    print(f"longest stretch without a write: {best[0]:.2f} s from {best[1]:.2f} s, the kiosk used "
          f"{best[2]:.2f} s of CPU in it")
    if best[0] < 5.0:
        sys.exit("FAIL: the kiosk wrote to its data folder while only drawing frames")
    if best[2] <= 0:
        sys.exit("FAIL: the kiosk drew nothing in the quiet stretch (no CPU used): the check proves nothing")
    print("ok: 20 frames a second for 7 s, and nothing written")
finally:
    shutil.rmtree(work, ignore_errors=True)
