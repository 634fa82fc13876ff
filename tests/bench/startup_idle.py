#!/usr/bin/python3
"""Measures the kiosk against Chromium --kiosk: start to first frame, PSS, idle CPU.

Called by tests/bench/startup_idle.sh, which starts the Xvfb (DISPLAY is already set here) and cleans it
up. Standard library only (run with /usr/bin/python3).

Every process this script starts stays in its process tree: the script makes itself a "child subreaper",
so processes that double-fork (or whose parent dies) are re-parented to it rather than to init. The tree
of a run is therefore "every descendant of this script", found by walking the ppid of /proc/*/stat.
"""

import argparse
import ctypes
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
SELF = os.getpid()
IDLE_SECONDS = 10.0
SETTLE_SECONDS = 3.0
STOP_GRACE_SECONDS = 5.0
KIOSK_FIRST_FRAME_TIMEOUT = 15.0
CHROMIUM_FCP_TIMEOUT = 15.0
CHROMIUM_RAF_EXTRA = 3.0  # how long after the FCP timeout we still wait for the double-rAF line
TIME_BUDGET_SECONDS = 225.0  # the script as a whole must end in under ~4 minutes

KIOSK_LINE = re.compile(rb"kiosk: first frame presented at (\d+) ms since the epoch")
FCP_LINE = re.compile(rb"CONSOLE.*FIRST_PAINT (\d+)")
RAF_LINE = re.compile(rb"CONSOLE.*RAF_PAINT (\d+)")


class Interrupted(Exception):
    pass


def on_signal(signum, _frame):
    raise Interrupted(f"signal {signum}")


def log(message):
    print(message, file=sys.stderr, flush=True)


def now_ms():
    return time.time_ns() // 1_000_000


def become_subreaper():
    PR_SET_CHILD_SUBREAPER = 36
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            log(f"warning: prctl(PR_SET_CHILD_SUBREAPER) failed: errno {ctypes.get_errno()}")
    except OSError as error:
        log(f"warning: cannot become a subreaper: {error}")


# ---- /proc ---------------------------------------------------------------------------------------

def read_stat(pid):
    """Fields of /proc/PID/stat from field 3 (state) on, as a list of strings; None if gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    # comm (field 2) may contain spaces and parentheses: split after the last ')'.
    return data[data.rindex(b")") + 2:].decode().split()


class Proc:
    """One process as seen in /proc/PID/stat. rest[i] is field i + 3 of proc(5)."""

    def __init__(self, pid, rest):
        self.pid = pid
        self.state = rest[0]
        self.ppid = int(rest[1])
        self.utime, self.stime, self.cutime, self.cstime = (int(x) for x in rest[11:15])
        self.start = int(rest[19])

    @property
    def key(self):
        return (self.pid, self.start)  # a pid can be reused; pid + start time cannot

    @property
    def ticks(self):
        # cutime/cstime: CPU of children that died and were reaped inside the tree in the meantime.
        return self.utime + self.stime + self.cutime + self.cstime


def all_procs():
    procs = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            rest = read_stat(name)
            if rest is not None:
                procs[int(name)] = Proc(int(name), rest)
    return procs


def tree(root=SELF):
    """Every live descendant of root (not root itself), found by walking ppids."""
    procs = all_procs()
    children = {}
    for p in procs.values():
        children.setdefault(p.ppid, []).append(p)
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child.pid)
    return found


def cpu_jiffies():
    """(busy, total) jiffies of the whole machine, from the first line of /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    total = sum(fields[:8])  # user nice system idle iowait irq softirq steal (guest is inside user)
    return total - fields[3] - fields[4], total


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


# ---- starting and stopping -----------------------------------------------------------------------

def signal_if_same(proc, signum):
    rest = read_stat(proc.pid)
    if rest is not None and int(rest[19]) == proc.start:
        try:
            os.kill(proc.pid, signum)
        except ProcessLookupError:
            pass


def reap_orphans(except_pid=None):
    """waitpid() the zombies re-parented to us (not the Popen child: subprocess reaps that one)."""
    for p in tree():
        if p.ppid == SELF and p.pid != except_pid and p.state == "Z":
            try:
                os.waitpid(p.pid, os.WNOHANG)
            except ChildProcessError:
                pass


def stop(popen, notes):
    """SIGTERM, wait; SIGKILL after 5 s. Also ends whatever is left of the tree. Returns the exit status."""
    started = time.monotonic()
    if popen.poll() is None:
        popen.send_signal(signal.SIGTERM)
    try:
        popen.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        notes.append("did not exit within 5 s of SIGTERM: SIGKILL")
        for p in tree():
            signal_if_same(p, signal.SIGKILL)
        popen.wait()
    # Children still running after the main process ended (e.g. Chromium's zygote): give them the
    # rest of the grace period, then SIGKILL.
    while True:
        reap_orphans(except_pid=popen.pid)
        left = [p for p in tree() if p.state != "Z"]
        if not left:
            break
        if time.monotonic() - started > STOP_GRACE_SECONDS:
            notes.append(f"{len(left)} process(es) left after the main one exited: SIGKILL")
            for p in left:
                signal_if_same(p, signal.SIGKILL)
            time.sleep(0.1)
            reap_orphans(except_pid=popen.pid)
            if time.monotonic() - started > STOP_GRACE_SECONDS + 2:
                break
        time.sleep(0.05)
    return popen.returncode, int((time.monotonic() - started) * 1000)


def kill_everything():
    """Last resort on the way out: SIGKILL every descendant and reap what we can."""
    for p in tree():
        signal_if_same(p, signal.SIGKILL)
    time.sleep(0.2)
    reap_orphans()
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


# ---- one run -------------------------------------------------------------------------------------

def wait_for_line(log_path, popen, patterns, timeout):
    """Polls the log until one of patterns (tried in order) matches; returns (index, value) or None."""
    deadline = time.monotonic() + timeout
    while True:
        with open(log_path, "rb") as f:
            data = f.read()
        for index, pattern in enumerate(patterns):
            match = pattern.search(data)
            if match:
                return index, int(match.group(1))
        if popen.poll() is not None or time.monotonic() > deadline:
            return None
        time.sleep(0.01)


def measure(kind, argv, run_dir, first_frame):
    """Launches argv, then: first frame; after 3 s PSS and processes; idle CPU over 10 s."""
    result = {"kind": kind, "notes": []}
    log_path = os.path.join(run_dir, "stderr.log")
    with open(log_path, "wb") as log_file:
        launched = now_ms()  # wall-clock ms just before launching
        try:
            popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file,
                                     cwd=run_dir)
        except OSError as error:
            result["error"] = f"cannot start {argv[0]}: {error}"
            result["log_tail"] = ""
            return result
    try:
        frame = first_frame(log_path, popen)
        if frame is None:
            status = popen.poll()
            result["error"] = ("exited with status %s before its first frame" % status if status is not None
                               else "no first frame within the time limit")
            return result
        result["first_frame_ms"] = frame[0] - launched
        if frame[1]:
            result["notes"].append(frame[1])

        time.sleep(SETTLE_SECONDS)
        if popen.poll() is not None:
            result["error"] = f"exited with status {popen.returncode} while settling"
            return result
        procs = [p for p in tree() if p.state != "Z"]
        pss = [pss_kb(p.pid) for p in procs]
        result["processes"] = len(procs)
        result["pss_kb"] = sum(x for x in pss if x is not None)
        if any(x is None for x in pss):
            result["notes"].append(f"{pss.count(None)} process(es) exited while reading PSS")
        result["hwm_kb"] = status_kb(popen.pid, "VmHWM")

        # Idle CPU: nobody touches anything. t0 and t1 over the whole tree, including processes that
        # appear in between (their whole CPU time falls in the window) and children reaped in between
        # (their CPU time moves into the parent's cutime/cstime).
        before = {p.key: p.ticks for p in tree()}
        busy0, total0 = cpu_jiffies()
        t0 = time.monotonic()
        time.sleep(IDLE_SECONDS)
        after_procs = tree()
        busy1, total1 = cpu_jiffies()
        elapsed = time.monotonic() - t0
        if popen.poll() is not None:
            result["error"] = f"exited with status {popen.returncode} while idle"
            return result
        after = {p.key: p.ticks for p in after_procs}
        delta = sum(after.values()) - sum(before.values())
        gone = [k for k in before if k not in after]
        if gone:
            result["notes"].append(f"{len(gone)} process(es) ended during the idle window")
        if delta < 0:
            result["notes"].append(f"negative tick delta {delta} (a process left the tree): counted as 0")
            delta = 0
        result["idle_ticks"] = delta
        # What the rest of the machine did meanwhile (other people's builds skew the first-frame times).
        if total1 > total0:
            result["other_load_pct"] = max(0, busy1 - busy0 - delta) / (total1 - total0) * 100
        result["idle_cpu_pct"] = delta / CLK_TCK / elapsed * 100
        result["processes_after_idle"] = len([p for p in after_procs if p.state != "Z"])
        return result
    finally:
        status, stop_ms = stop(popen, result["notes"])
        result["exit_status"] = status
        result["stop_ms"] = stop_ms
        with open(log_path, "rb") as f:
            result["log_tail"] = f.read()[-2000:].decode(errors="replace")


def kiosk_first_frame(log_path, popen):
    found = wait_for_line(log_path, popen, [KIOSK_LINE], KIOSK_FIRST_FRAME_TIMEOUT)
    return None if found is None else (found[1], None)


def chromium_first_frame(log_path, popen):
    found = wait_for_line(log_path, popen, [FCP_LINE], CHROMIUM_FCP_TIMEOUT)
    if found is not None:
        return found[1], None
    found = wait_for_line(log_path, popen, [RAF_LINE], CHROMIUM_RAF_EXTRA)
    if found is not None:
        return found[1], "no first-contentful-paint within 15 s: double-rAF timestamp used"
    return None


# ---- report --------------------------------------------------------------------------------------

def median(runs, key):
    values = [r[key] for r in runs if r.get(key) is not None]
    return (statistics.median(values), len(values)) if values else (None, 0)


def fmt(value, digits=0):
    if value is None:
        return "not measured"
    return f"{value:.{digits}f}"


def fraction(kiosk, chromium):
    """'1/9.8' when the kiosk needs 9.8 times less than Chromium."""
    if kiosk is None or chromium is None:
        return "not measured"
    if kiosk <= 0:
        return "—"
    return f"1/{chromium / kiosk:.1f}"


def report(kiosk_runs, chromium_runs, planned_kiosk, planned_chromium, context):
    ok_k = [r for r in kiosk_runs if "error" not in r]
    ok_c = [r for r in chromium_runs if "error" not in r]
    k_ff, n_k = median(ok_k, "first_frame_ms")
    c_ff, n_c = median(ok_c, "first_frame_ms")
    k_pss, _ = median(ok_k, "pss_kb")
    c_pss, _ = median(ok_c, "pss_kb")
    k_hwm, _ = median(ok_k, "hwm_kb")
    k_np, _ = median(ok_k, "processes")
    c_np, _ = median(ok_c, "processes")
    k_cpu, _ = median(ok_k, "idle_cpu_pct")
    c_cpu, _ = median(ok_c, "idle_cpu_pct")
    mb = lambda kb: None if kb is None else kb / 1024

    failed = []

    def check(name, *conditions):
        # A budget that could not be measured is not met.
        if any(c is None or not c for c in conditions):
            failed.append(name)
            return "**NOT met**"
        return "met"

    ff_budget = check("first frame", k_ff is not None and k_ff <= 250,
                      k_ff is not None and c_ff is not None and k_ff <= c_ff / 6)
    pss_budget = check("PSS", k_pss is not None and mb(k_pss) <= 60,
                       k_pss is not None and c_pss is not None and k_pss <= c_pss / 6)
    cpu_budget = check("idle CPU", k_cpu is not None and k_cpu <= 0.5)

    head_k = f"kiosk (median of {n_k})" if n_k == planned_kiosk else \
        f"kiosk (median of {n_k}; {planned_kiosk - n_k} of {planned_kiosk} runs failed)"
    head_c = f"Chromium --kiosk (median of {n_c})" if n_c == planned_chromium else \
        f"Chromium --kiosk (median of {n_c}; {planned_chromium - n_c} of {planned_chromium} runs failed)"
    lines = [
        f"| measure | {head_k} | {head_c} | ratio | budget |",
        "|---|---|---|---|---|",
        f"| first frame (ms) | {fmt(k_ff)} | {fmt(c_ff)} | {fraction(k_ff, c_ff)} "
        f"| ≤ 250 ms and ≤ 1/6 of Chromium's: {ff_budget} |",
        f"| PSS (MB) | {fmt(mb(k_pss), 1)} | {fmt(mb(c_pss), 1)} | {fraction(k_pss, c_pss)} "
        f"| ≤ 60 MB and ≤ 1/6 of Chromium's: {pss_budget} |",
        f"| peak RSS (MB, kiosk only) | {fmt(mb(k_hwm), 1)} | — | — | — |",
        f"| processes | {fmt(k_np)} | {fmt(c_np)} | {fraction(k_np, c_np)} | — |",
        f"| idle CPU over 10 s (%) | {fmt(k_cpu, 1)} | {fmt(c_cpu, 1)} | {fraction(k_cpu, c_cpu)} "
        f"| ≤ 0.5 %: {cpu_budget} |",
    ]
    notes = [
        "",
        f"Measured {context['date']} under one Xvfb 1280x800x24 on {context['machine']}; "
        f"kiosk {context['kiosk']}; Chromium {context['chromium_version']}; "
        f"load average at start {context['loadavg']}.",
        "First frame: wall-clock ms from just before launch to the kiosk's \"first frame presented\" line / "
        "Chromium's first-contentful-paint (performance.timeOrigin + startTime, logged by the page); "
        "both restart on an existing database / profile made by an uncounted warm-up run. "
        "PSS 3 s after the first frame (Chromium: summed over its whole process tree); "
        f"MB = 1024 kB. Idle CPU: utime+stime over 10 s, resolution 1 tick = {100 / CLK_TCK / IDLE_SECONDS:.1f} %.",
    ]
    other, _ = median(ok_k + ok_c, "other_load_pct")
    if other is not None:
        notes.append(f"Other processes kept the machine {other:.0f} % busy during the idle windows (median)"
                     + (": the machine was not quiet, first-frame times may be inflated; run again on an idle "
                        "machine." if other > 15 else "."))
    fallbacks = sum(1 for r in ok_c if any("double-rAF" in n for n in r["notes"]))
    if fallbacks:
        notes.append(f"Chromium: first-contentful-paint never fired in {fallbacks} run(s); "
                     "the double-requestAnimationFrame timestamp was used instead.")
    for r in kiosk_runs + chromium_runs:
        if "error" in r:
            notes.append(f"{r['kind']} run {r['index']} failed: {r['error']}.")
    verdict = "budgets: all met" if not failed else "budgets: NOT met: " + ", ".join(failed)
    return "\n".join(lines + notes + ["", verdict]) + "\n", not failed


def describe(r):
    if "error" in r:
        return f"{r['kind']} run {r['index']}: FAILED: {r['error']}"
    text = (f"{r['kind']} run {r['index']}: first frame {r['first_frame_ms']} ms, "
            f"PSS {r['pss_kb'] / 1024:.1f} MB in {r['processes']} process(es)")
    if r["kind"] == "kiosk" and r.get("hwm_kb") is not None:
        text += f", peak RSS {r['hwm_kb'] / 1024:.1f} MB"
    text += f", idle CPU {r['idle_cpu_pct']:.1f} % ({r['idle_ticks']} ticks)"
    if r.get("other_load_pct") is not None:
        text += f"; rest of the machine {r['other_load_pct']:.0f} % busy"
    return text


# ---- main ----------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--page", required=True, help="the HTML page Chromium shows")
    parser.add_argument("--results", required=True, help="Markdown file the table is written to")
    parser.add_argument("--kiosk-runs", type=int, default=5)
    parser.add_argument("--chromium-runs", type=int, default=3)
    parser.add_argument("--chromium-version", default="?")
    parser.add_argument("--kiosk-label", help="which binary --kiosk is (a copy of)")
    args = parser.parse_args()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)
    become_subreaper()
    if "DISPLAY" not in os.environ:
        log("startup_idle.py: DISPLAY is not set (run it through startup_idle.sh)")
        return 2

    started = time.monotonic()
    context = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{os.uname().machine}, {os.cpu_count()} CPUs, Linux {os.uname().release}",
        "chromium_version": args.chromium_version,
        "kiosk": args.kiosk_label or args.kiosk,
        "loadavg": " ".join(open("/proc/loadavg").read().split()[:3]),
    }
    kiosk_runs, chromium_runs = [], []
    temp_dirs = []
    try:
        page_dir = tempfile.mkdtemp(prefix="bench-page-")
        temp_dirs.append(page_dir)
        page = os.path.join(page_dir, "home.html")
        shutil.copyfile(args.page, page)

        # Run 0 of each kind is a warm-up that is not counted: it creates the kiosk's database and
        # Chromium's profile, so the measured runs are what a kiosk that restarts does, for both.
        plan = [("kiosk", i) for i in range(0, args.kiosk_runs + 1)] + \
               [("chromium", i) for i in range(0, args.chromium_runs + 1)]
        kept_dirs = {}
        for kind, index in plan:
            worst_case = (KIOSK_FIRST_FRAME_TIMEOUT if kind == "kiosk" else CHROMIUM_FCP_TIMEOUT
                          + CHROMIUM_RAF_EXTRA) + SETTLE_SECONDS + IDLE_SECONDS + STOP_GRACE_SECONDS + 2
            if time.monotonic() - started + worst_case > TIME_BUDGET_SECONDS:
                result = {"kind": kind, "index": index, "notes": [],
                          "error": "skipped: the script's time budget would be exceeded"}
                (kiosk_runs if kind == "kiosk" else chromium_runs).append(result)
                log(describe(result))
                continue
            run_dir = tempfile.mkdtemp(prefix=f"bench-{kind}-")
            temp_dirs.append(run_dir)
            if kind not in kept_dirs:
                kept_dirs[kind] = tempfile.mkdtemp(prefix=f"bench-{kind}-data-")
                temp_dirs.append(kept_dirs[kind])
            data_dir = kept_dirs[kind]
            if kind == "kiosk":
                argv = [args.kiosk, "--windowed", "1280x800", "--config", "/nonexistent.toml",
                        "--data-dir", data_dir]
                result = measure(kind, argv, run_dir, kiosk_first_frame)
            else:
                argv = [args.chromium, "--kiosk", "--no-sandbox", "--no-first-run", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", f"--user-data-dir={data_dir}", "--window-size=1280,800",
                        "--enable-logging=stderr", "--v=0", "file://" + page]
                result = measure(kind, argv, run_dir, chromium_first_frame)
            result["index"] = index
            if index == 0:
                log("warm-up (not counted): " + describe(result))
                shutil.rmtree(run_dir, ignore_errors=True)
                temp_dirs.remove(run_dir)
                continue
            (kiosk_runs if kind == "kiosk" else chromium_runs).append(result)
            line = describe(result)
            if result["notes"]:
                line += " [" + "; ".join(result["notes"]) + "]"
            if kind == "kiosk" and result.get("exit_status") not in (0, None):
                line += f" [exit status {result['exit_status']} after SIGTERM, expected 0]"
            log(line)
            if "error" in result:
                log("  last lines of its stderr:\n    " + "\n    ".join(result["log_tail"].splitlines()[-15:]))
            shutil.rmtree(run_dir, ignore_errors=True)
            temp_dirs.remove(run_dir)
    except Interrupted as why:
        log(f"startup_idle.py: interrupted ({why}), cleaning up")
        return 130
    finally:
        kill_everything()
        for d in temp_dirs:
            shutil.rmtree(d, ignore_errors=True)

    table, all_met = report(kiosk_runs, chromium_runs, args.kiosk_runs, args.chromium_runs, context)
    log(f"(measured in {time.monotonic() - started:.0f} s)")
    print()
    print(table, end="")
    os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    with open(args.results, "w") as f:
        f.write(table)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
