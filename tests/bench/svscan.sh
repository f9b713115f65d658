#!/usr/bin/env bash
# Benchmark: our svscan against Debian's and s6-svscan, side by side in one run, both daemontools
# scanners driving the same supervise (Debian's, and ours too when bin/ has one).
#   pickup latency: a service directory renamed into the scan directory -> its ./run running
#   100 services: svscan started -> every ./run running; RssAnon of svscan + its supervisors
#   1000 services: all up, nothing on stderr, svscan's own RssAnon
# s6-svscan has no pickup figure: it rescans only when told (s6-svscanctl -a), by design.
# Needs: dotnet (to build), Debian's daemontools, s6, python3. RUNS=n sets the pickup trials.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built svscan
need_tools "apt-get install daemontools s6 python3" /usr/bin/svscan /usr/bin/supervise /usr/bin/s6-svscan python3
exec python3 - "$ours" "${RUNS:-9}" <<'PY'
import os, random, signal, statistics, subprocess, sys, tempfile, time, shutil
import procfs

ours_bin, runs = sys.argv[1], int(sys.argv[2])
work = tempfile.mkdtemp(prefix="svscan-bench-")
debian_path = "/usr/bin:/bin"

def svscan_path(kind):
    return {"ours": os.path.join(ours_bin, "svscan"), "s6": "/usr/bin/s6-svscan"}.get(kind, "/usr/bin/svscan")

def service(directory, fifo):
    os.makedirs(directory)
    run = os.path.join(directory, "run")
    with open(run, "w") as f:
        f.write(f"#!/bin/sh\necho x > {fifo}\nexec sleep 1000\n")
    os.chmod(run, 0o755)

class Tree:
    """svscan in its own session on a scan directory; kill() ends the whole session by process group."""
    def __init__(self, kind, scan, path):
        self.err = open(os.path.join(work, "stderr"), "w+")
        self.proc = subprocess.Popen([svscan_path(kind), scan], env={"PATH": path}, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self.err, start_new_session=True)
    def rss_anon(self, pid):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0
    def supervisors(self):
        return procfs.children(self.proc.pid)
    def tree_rss(self):
        return self.rss_anon(self.proc.pid) + sum(self.rss_anon(p) for p in self.supervisors())
    def stderr(self):
        self.err.seek(0); return self.err.read()
    def descendants(self):
        children = {}
        for p in os.listdir("/proc"):
            if not p.isdigit(): continue
            try:
                with open(f"/proc/{p}/stat") as f: st = f.read()
            except OSError: continue
            children.setdefault(int(st[st.rindex(")") + 2:].split()[1]), []).append(int(p))
        found, todo = [], [self.proc.pid]
        while todo:
            for c in children.get(todo.pop(), []): found.append(c); todo.append(c)
        return found
    def kill(self):
        # s6-supervise starts ./run in a session of its own: the group kill alone leaves it running.
        for p in self.descendants():
            try: os.kill(p, signal.SIGKILL)
            except ProcessLookupError: pass
        try: os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError: pass
        self.proc.wait()

def open_fifo(path):
    os.mkfifo(path)
    return os.open(path, os.O_RDWR)

def await_lines(fd, count, timeout):
    seen, deadline = 0, time.monotonic() + timeout
    while seen < count:
        if time.monotonic() > deadline: raise TimeoutError(f"{seen}/{count} services up")
        seen += os.read(fd, 65536).count(b"\n")
    return time.monotonic()

def pickup(kind, path, trials):
    scan = os.path.join(work, f"pickup-{kind}-{time.monotonic_ns()}"); os.makedirs(scan)
    fifo = scan + ".fifo"; fd = open_fifo(fifo)
    tree = Tree(kind, scan, path)
    time.sleep(0.5)
    latencies = []
    try:
        for i in range(trials):
            staged = f"{scan}-staged-{i}"
            service(staged, fifo)
            # a random phase against the 5-second rescan, so a poller is not always caught just after a pass
            time.sleep(random.uniform(0, 5))
            start = time.monotonic()
            os.rename(staged, os.path.join(scan, f"s{i}"))
            latencies.append(await_lines(fd, 1, 15) - start)
    finally:
        tree.kill(); os.close(fd)
    return statistics.median(latencies)

def bring_up(kind, path, count, measure_rss=False):
    scan = os.path.join(work, f"up-{kind}-{count}-{time.monotonic_ns()}"); os.makedirs(scan)
    fifo = scan + ".fifo"; fd = open_fifo(fifo)
    for i in range(count): service(os.path.join(scan, f"s{i:04}"), fifo)
    start = time.monotonic()
    tree = Tree(kind, scan, path)
    try:
        elapsed = await_lines(fd, count, 120) - start
        time.sleep(0.3)  # let every supervise settle after its first start before measuring memory
        rss = tree.tree_rss() if measure_rss else 0
        own = tree.rss_anon(tree.proc.pid)
        errors = tree.stderr()
    finally:
        tree.kill(); os.close(fd)
    shutil.rmtree(scan, ignore_errors=True)
    return elapsed, rss, own, errors

configs = [("Debian svscan + Debian supervise", "debian", debian_path),
           ("our svscan + Debian supervise", "ours", debian_path)]
if os.path.exists(os.path.join(ours_bin, "supervise")):
    configs.append(("our svscan + our supervise", "ours", ours_bin + ":" + debian_path))
configs.append(("s6-svscan + s6-supervise", "s6", debian_path))

results = {}
latency = {name: pickup(kind, path, runs) if kind != "s6" else None for name, kind, path in configs}
ups = {name: [] for name, _, _ in configs}
rsss = {name: [] for name, _, _ in configs}
for _ in range(9):  # interleaved, so every configuration sees the same machine load
    for name, kind, path in configs:
        t, rss, _, _ = bring_up(kind, path, 100, measure_rss=True)
        ups[name].append(t); rsss[name].append(rss)
for name, _, _ in configs:
    results[name] = (latency[name], statistics.median(ups[name]), statistics.median(rsss[name]))

base = results[configs[0][0]]
print("| configuration                          | pickup latency (median) | 100 services up (median of 9) | RssAnon svscan + 100 supervise |")
print("|----------------------------------------|-------------------------|-------------------------------|--------------------------------|")
for name, _, _ in configs:
    lat, up, rss = results[name]
    pick = f"{lat*1000:10.1f} ms ({base[0]/lat:5.1f}x)" if lat is not None else f"{'-':>23}"
    print(f"| {name:<38} | {pick} | {up*1000:10.1f} ms ({up/base[1]:4.2f}x Debian) | {rss/1024:8.1f} MiB ({rss/base[2]:4.2f}x Debian) |")

# s6-svscan supervises at most 500 services unless told otherwise (-c): the 1000 run is daemontools' alone.
daemontools_configs = [c for c in configs if c[1] != "s6"]
thousand = {name: bring_up(kind, path, 1000) for name, kind, path in daemontools_configs}
dt, _, down, _ = thousand[configs[0][0]]
for name, _, _ in daemontools_configs[1:]:
    t, _, own, errors = thousand[name]
    print(f"\n1000 services, {name}: all up in {t*1000:.0f} ms ({t/dt:.2f}x Debian's {dt*1000:.0f} ms), "
          f"svscan RssAnon {own} KiB (Debian's svscan: {down} KiB), stderr {'empty' if not errors else repr(errors[:200])}")
print("\nTargets: pickup <= 50 ms; 100 up <= 1.2x Debian's time; tree RssAnon <= 2.2x Debian's; 1000 up with no errors and svscan RssAnon <= 2048 KiB.")
shutil.rmtree(work, ignore_errors=True)
PY
