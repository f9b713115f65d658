#!/usr/bin/env bash
# Benchmark: our supervise, svc, svok, svstat against Debian's daemontools 0.76, in one run.
# Prints medians and ratios: idle supervise private memory (RssAnon, 100 services), client
# start-up (hyperfine -N), control round-trip, kill -> restart latency, svstat over 1000 dirs.
# Every supervise and ./run it starts is stopped with svc -dx and killed by pid at the end.
# Needs: dotnet (to build), Debian's daemontools, hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ours="$root/out/Daemontools/bin"
[ -x "$ours/supervise" ] || dotnet build -c Release >/dev/null
for tool in /usr/bin/supervise /usr/bin/svc /usr/bin/svstat /usr/bin/svok hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install daemontools hyperfine python3)" >&2; exit 1; }
done
deb=/usr/bin
runs=${RUNS:-11}
work=$(mktemp -d /tmp/supervise-bench-XXXXXX)
pids=()

cleanup() {
    for d in "$work"/*/*/*/; do if [ -p "$d/supervise/control" ]; then "$deb/svc" -dx "$d" 2>/dev/null || true; fi; done
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    for d in "$work"/*/*/*/; do
        [ -f "$d/supervise/status" ] || continue
        p=$(od -An -tu4 -j12 -N4 "$d/supervise/status" | tr -d ' ')
        if [ "${p:-0}" != 0 ]; then kill -9 "$p" 2>/dev/null || true; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

# make_services DIR COUNT RUN [down]: COUNT service directories DIR/0 .. DIR/COUNT-1
make_services() {
    local dir=$1 count=$2 run=$3 down=${4:-}
    mkdir -p "$dir"
    for i in $(seq 0 $((count - 1))); do
        mkdir -p "$dir/$i"
        printf '#!/bin/sh\n%s\n' "$run" > "$dir/$i/run"
        chmod 755 "$dir/$i/run"
        if [ -n "$down" ]; then : > "$dir/$i/down"; fi
    done
}

# start_supervise IMPL_BIN DIR COUNT: one supervise per directory, children of this shell
start_supervise() {
    local bin=$1 dir=$2 count=$3
    for i in $(seq 0 $((count - 1))); do
        "$bin/supervise" "$dir/$i" 2>/dev/null &
        pids+=($!)
    done
    for i in $(seq 0 $((count - 1))); do
        until "$deb/svok" "$dir/$i"; do sleep 0.01; done
    done
}

stop_supervise() {
    local dir=$1
    "$deb/svc" -dx "$dir"/* 2>/dev/null || true
}

# --- 1. idle memory of 100 supervise processes ----------------------------------------
rss_per_service() { # IMPL_BIN NAME -> KiB of RssAnon per supervise
    local bin=$1 name=$2 dir="$work/mem/$2" before=${#pids[@]}
    make_services "$dir" 100 'exec sleep 100000'
    start_supervise "$bin" "$dir" 100
    sleep 2
    local total=0
    for p in "${pids[@]:$before}"; do
        total=$((total + $(awk '/^RssAnon:/ {print $2}' "/proc/$p/status")))
    done
    stop_supervise "$dir"
    echo $((total / 100))
}
mem_ours=$(rss_per_service "$ours" ours)
mem_deb=$(rss_per_service "$deb" debian)

# --- 2. client start-up ----------------------------------------------------------------
make_services "$work/cli/ours" 1 'trap "" ALRM; exec sleep 100000'
make_services "$work/cli/debian" 1 'trap "" ALRM; exec sleep 100000'
start_supervise "$ours" "$work/cli/ours" 1
start_supervise "$deb" "$work/cli/debian" 1
startup() { # PROGRAM ARGS... -> "ours_ms debian_ms"
    local prog=$1; shift
    hyperfine -N -w 20 -r 300 --export-json "$work/startup.json" \
        "$ours/$prog $* $work/cli/ours/0" "$deb/$prog $* $work/cli/debian/0" >/dev/null 2>&1
    python3 -c "
import json,sys
r = json.load(open(sys.argv[1]))['results']
print(r[0]['median'] * 1000, r[1]['median'] * 1000)" "$work/startup.json"
}
read -r svok_o svok_d < <(startup svok)
read -r svstat_o svstat_d < <(startup svstat)
read -r svc_o svc_d < <(startup svc -a)

# --- 3 and 4. control round-trip and kill -> restart ----------------------------------------
# Samples alternate between the implementations so both see the same machine load. Every sample
# starts more than a second after the previous start: 0.76 ignores its control FIFO for a second
# after each start, and both implementations start at most once a second.
make_services "$work/lat/ours" 1 ': > started; exec sleep 100000'
make_services "$work/lat/debian" 1 ': > started; exec sleep 100000'
start_supervise "$ours" "$work/lat/ours" 1
start_supervise "$deb" "$work/lat/debian" 1
read -r down_o down_d down_od up_o up_d up_od restart_o restart_d running_o running_d < <(
python3 - "$ours" "$deb" "$work/lat/ours/0" "$work/lat/debian/0" "$runs" <<'PY'
import os, subprocess, sys, time, signal, statistics
ours, deb, ours_dir, deb_dir, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def pid(d):
    with open(os.path.join(d, "supervise", "status"), "rb") as f:
        return int.from_bytes(f.read(18)[12:16], "little")
def roundtrip(clients, d, letter, word):
    t = time.perf_counter()
    subprocess.run([clients + "/svc", "-" + letter, d])
    while (": " + word) not in subprocess.run([clients + "/svstat", d], capture_output=True, text=True).stdout:
        pass
    return (time.perf_counter() - t) * 1000
def restart(d, running):
    marker = os.path.join(d, "started")
    os.unlink(marker)
    old = pid(d)
    t = time.perf_counter()
    os.kill(old, signal.SIGKILL)
    if running:
        while not os.path.exists(marker):
            pass
    else:
        while pid(d) in (0, old):
            pass
    return (time.perf_counter() - t) * 1000
# columns: ours with our clients, Debian's with Debian's clients, ours with Debian's clients
down = [[], [], []]; up = [[], [], []]
for _ in range(runs):
    time.sleep(1.2)
    down[0].append(roundtrip(ours, ours_dir, "d", "down"))
    down[1].append(roundtrip(deb, deb_dir, "d", "down"))
    time.sleep(1.2)
    up[0].append(roundtrip(ours, ours_dir, "u", "up"))
    up[1].append(roundtrip(deb, deb_dir, "u", "up"))
    time.sleep(1.2)
    down[2].append(roundtrip(deb, ours_dir, "d", "down"))
    time.sleep(1.2)
    up[2].append(roundtrip(deb, ours_dir, "u", "up"))
rs = [[], []]; rn = [[], []]
for _ in range(runs):
    time.sleep(1.2)
    for i, d in enumerate((ours_dir, deb_dir)):
        rs[i].append(restart(d, False))
    time.sleep(1.2)
    for i, d in enumerate((ours_dir, deb_dir)):
        rn[i].append(restart(d, True))
m = statistics.median
print(m(down[0]), m(down[1]), m(down[2]), m(up[0]), m(up[1]), m(up[2]), m(rs[0]), m(rs[1]), m(rn[0]), m(rn[1]))
PY
)
stop_supervise "$work/lat/ours"
stop_supervise "$work/lat/debian"

# --- 5. svstat over 1000 supervised directories ------------------------------------------
# Debian's supervise (with ./down, so no ./run) keeps the 1000 directories supervised for both.
make_services "$work/many/d" 1000 'exec sleep 100000' down
start_supervise "$deb" "$work/many/d" 1000
(cd "$work/many" && hyperfine -N -w 5 -r 50 --export-json "$work/many.json" \
    "$ours/svstat $(echo d/{0..999})" "$deb/svstat $(echo d/{0..999})" >/dev/null 2>&1)
read -r many_o many_d < <(python3 -c "
import json,sys
r = json.load(open(sys.argv[1]))['results']
print(r[0]['median'] * 1000, r[1]['median'] * 1000)" "$work/many.json")
stop_supervise "$work/many/d"

row() { # name ours debian unit
    printf '| %-44s | %10.2f %-3s | %10.2f %-3s | %6.2fx |\n' "$1" "$2" "$4" "$3" "$4" "$(echo "$2 / $3" | bc -l)"
}
echo "| measurement (median)                         |           ours |         Debian | ours/Debian |"
echo "|----------------------------------------------|----------------|----------------|-------------|"
row "idle supervise RssAnon per service (100)" "$mem_ours" "$mem_deb" KiB
row "svok start-up (hyperfine -N)" "$svok_o" "$svok_d" ms
row "svstat start-up (hyperfine -N)" "$svstat_o" "$svstat_d" ms
row "svc -a start-up (hyperfine -N)" "$svc_o" "$svc_d" ms
row "svc -d until svstat says down" "$down_o" "$down_d" ms
row "svc -u until svstat says up" "$up_o" "$up_d" ms
row "  the same, Debian's svc/svstat for both: down" "$down_od" "$down_d" ms
row "  the same, Debian's svc/svstat for both: up" "$up_od" "$up_d" ms
row "kill -9 ./run until status names a new pid" "$restart_o" "$restart_d" ms
row "kill -9 ./run until the new ./run runs" "$running_o" "$running_d" ms
row "svstat over 1000 supervised directories" "$many_o" "$many_d" ms
echo
echo "Targets: RssAnon <= 384 KiB; start-up <= 2.0 ms each; round-trip <= 1.2x; restart <= 1.0x; svstat x1000 <= 1.0x."
