#!/usr/bin/env bash
# Soak: the shipped svscan (out/Daemontools/bin) over 200 services for 10 minutes with a SIGHUP
# (rescan) every 10 ms. Reports whether svscan survived, every service still up with its first
# pid, svscan's RssAnon at the start and end, the supervisors' total, and svscan's stderr.
# DURATION (seconds), SERVICES and INTERVAL_MS change the defaults. svscan runs in its own
# session; everything in it is killed by pid at the end.
# Needs: dotnet (to build), python3.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built svscan
exec python3 - "$ours" "${DURATION:-600}" "${SERVICES:-200}" "${INTERVAL_MS:-10}" <<'PY'
import os, shutil, signal, subprocess, sys, tempfile, time
from procfs import children, session_members

ours, duration, count, interval = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]) / 1000
work = tempfile.mkdtemp(prefix="svscan-soak-")
scan = os.path.join(work, "service")
for i in range(count):
    d = os.path.join(scan, f"s{i:03}")
    os.makedirs(d)
    with open(os.path.join(d, "run"), "w") as f:
        f.write("#!/bin/sh\nexec sleep 100000\n")
    os.chmod(os.path.join(d, "run"), 0o755)

def rss_anon(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    return 0

def status_pid(d):
    try:
        with open(os.path.join(d, "supervise", "status"), "rb") as f:
            b = f.read(18)
        return int.from_bytes(b[12:16], "little") if len(b) == 18 else 0
    except OSError:
        return 0

err = open(os.path.join(work, "stderr"), "w+")
proc = subprocess.Popen([os.path.join(ours, "svscan"), scan], env={"PATH": ours + ":/usr/bin:/bin"},
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
dirs = [os.path.join(scan, f"s{i:03}") for i in range(count)]
try:
    deadline = time.monotonic() + 60
    while not all(status_pid(d) for d in dirs):
        if time.monotonic() > deadline: raise SystemExit("services did not come up within 60 s")
        time.sleep(0.05)
    time.sleep(1)
    first_pids = [status_pid(d) for d in dirs]
    rss_start = rss_anon(proc.pid)
    hups, start = 0, time.monotonic()
    next_hup = start
    while time.monotonic() - start < duration and proc.poll() is None:
        os.kill(proc.pid, signal.SIGHUP)
        hups += 1
        next_hup += interval
        pause = next_hup - time.monotonic()
        if pause > 0: time.sleep(pause)
    elapsed = time.monotonic() - start
    alive = proc.poll() is None
    time.sleep(1)
    rss_end = rss_anon(proc.pid) if alive else 0
    same = sum(1 for d, p in zip(dirs, first_pids) if status_pid(d) == p)
    supervisors = len(children(proc.pid)) if alive else 0
    err.seek(0)
    errors = err.read()
finally:
    for _ in range(20):
        members = session_members(proc.pid)
        if not members: break
        for p in members:
            try: os.kill(p, signal.SIGKILL)
            except ProcessLookupError: pass
        time.sleep(0.05)
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)

print(f"| soak: svscan over {count} services, SIGHUP every {interval * 1000:g} ms | result |")
print("|---|---|")
print(f"| duration | {elapsed:.0f} s |")
print(f"| SIGHUPs sent | {hups} |")
print(f"| svscan alive at the end | {'yes' if alive else 'NO (exit ' + str(proc.returncode) + ')'} |")
print(f"| services still running their first ./run | {same} of {count} |")
print(f"| supervise processes under svscan | {supervisors} |")
print(f"| svscan RssAnon start -> end | {rss_start} -> {rss_end} KiB |")
print(f"| svscan stderr | {'empty' if not errors else repr(errors[:300])} |")
sys.exit(0 if alive and same == count and supervisors == count and not errors else 1)
PY
