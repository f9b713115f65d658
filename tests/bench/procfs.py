"""The /proc readers the benchmarks' Python parts share (tests/bench/common.sh puts this on PYTHONPATH)."""
import os


def processes_where(field, value):
    """Pids whose /proc/PID/stat field (counted after the command name: 1 = ppid, 3 = session) is value."""
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/stat") as f:
                st = f.read()
        except OSError:
            continue
        if int(st[st.rindex(")") + 2:].split()[field]) == value:
            out.append(int(p))
    return out


def children(pid):
    return processes_where(1, pid)


def session_members(sid):
    return processes_where(3, sid)
