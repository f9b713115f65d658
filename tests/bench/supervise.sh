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
runs=${RUNS:-10}
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

# --- 3 and 4. control round-trip and kill -> restart, each with its own clients --------
# Every sample starts more than a second after the previous start: 0.76 ignores its control
# FIFO for a second after each start, and both implementations start at most once a second.
latencies() { # CLIENT_BIN DIR -> "down_ms up_ms restart_ms" (medians)
    python3 - "$1" "$2/0" "$runs" <<'PY'
import os, subprocess, sys, time, signal, statistics
bin, d, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
status = os.path.join(d, "supervise", "status")
def pid():
    with open(status, "rb") as f:
        b = f.read(18)
    return int.from_bytes(b[12:16], "little")
def svstat():
    return subprocess.run([bin + "/svstat", d], capture_output=True, text=True).stdout
def roundtrip(letter, word):
    t = time.perf_counter()
    subprocess.run([bin + "/svc", "-" + letter, d])
    while (": " + word) not in svstat():
        pass
    return (time.perf_counter() - t) * 1000
down, up, restart = [], [], []
for _ in range(runs):
    time.sleep(1.2)
    down.append(roundtrip("d", "down"))
    time.sleep(1.2)
    up.append(roundtrip("u", "up"))
for _ in range(runs):
    time.sleep(1.2)
    old = pid()
    t = time.perf_counter()
    os.kill(old, signal.SIGKILL)
    while True:
        p = pid()
        if p != 0 and p != old:
            break
    restart.append((time.perf_counter() - t) * 1000)
print(statistics.median(down), statistics.median(up), statistics.median(restart))
PY
}
make_services "$work/lat/ours" 1 'exec sleep 100000'
make_services "$work/lat/debian" 1 'exec sleep 100000'
start_supervise "$ours" "$work/lat/ours" 1
start_supervise "$deb" "$work/lat/debian" 1
read -r down_o up_o restart_o < <(latencies "$ours" "$work/lat/ours")
read -r down_d up_d restart_d < <(latencies "$deb" "$work/lat/debian")
# The same with Debian's clients for both, so only the supervise differs.
read -r down_od up_od _ < <(latencies "$deb" "$work/lat/ours")
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
row "kill -9 ./run until a new ./run is started" "$restart_o" "$restart_d" ms
row "svstat over 1000 supervised directories" "$many_o" "$many_d" ms
echo
echo "Targets: RssAnon <= 384 KiB; start-up <= 2.0 ms each; round-trip <= 1.2x; restart <= 1.0x; svstat x1000 <= 1.0x."
