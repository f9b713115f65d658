#!/usr/bin/env bash
# Benchmark: our supervise, svc, svok, svstat against Debian's daemontools 0.76 and s6, in one run.
# Prints medians and ratios: idle supervise private memory (RssAnon, 100 services), client
# start-up (one hyperfine -N invocation with /bin/true beside every client), control round-trip,
# kill -> restart latency, svstat over 1000 dirs.
# Every supervisor and ./run it starts is stopped (svc -dx / s6-svc -xd) and killed by pid at the end.
# Needs: dotnet (to build), Debian's daemontools, s6, hyperfine, python3.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built supervise
need_tools "apt-get install daemontools s6 hyperfine python3" /usr/bin/supervise /usr/bin/svc /usr/bin/svstat /usr/bin/svok \
    /usr/bin/s6-supervise /usr/bin/s6-svc /usr/bin/s6-svstat /usr/bin/s6-svok hyperfine python3
deb=/usr/bin
runs=${RUNS:-11}
work=$(mktemp -d /tmp/supervise-bench-XXXXXX)
pids=()

cleanup() {
    for d in "$work"/*/*/*/; do if [ -p "$d/supervise/control" ]; then "$deb/svc" -dx "$d" 2>/dev/null || true; fi; done
    for d in "$work"/*/s6/*/; do /usr/bin/s6-svc -xd "$d" 2>/dev/null || true; done
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    for d in "$work"/*/*/*/; do
        # 0.76's 18-byte status names the pid at offset 12; s6's status is another format (its
        # ./run dies with s6-supervise, killed above).
        case $d in */s6/*) continue ;; esac
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
# (IMPL_BIN "s6" starts s6-supervise instead)
start_supervise() {
    local bin=$1 dir=$2 count=$3
    for i in $(seq 0 $((count - 1))); do
        if [ "$bin" = s6 ]; then /usr/bin/s6-supervise "$dir/$i" 2>/dev/null &
        else "$bin/supervise" "$dir/$i" 2>/dev/null &
        fi
        pids+=($!)
    done
    for i in $(seq 0 $((count - 1))); do
        if [ "$bin" = s6 ]; then until /usr/bin/s6-svok "$dir/$i"; do sleep 0.01; done
        else until "$deb/svok" "$dir/$i"; do sleep 0.01; done
        fi
    done
}

stop_supervise() {
    local dir=$1
    if [ "$(basename "$dir")" = s6 ]; then for d in "$dir"/*; do /usr/bin/s6-svc -xd "$d" 2>/dev/null || true; done
    else "$deb/svc" -dx "$dir"/* 2>/dev/null || true
    fi
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
mem_s6=$(rss_per_service s6 s6)

# --- 2. client start-up: every client and /bin/true in one hyperfine invocation ------------
make_services "$work/cli/ours" 1 'trap "" ALRM; exec sleep 100000'
make_services "$work/cli/debian" 1 'trap "" ALRM; exec sleep 100000'
make_services "$work/cli/s6" 1 'trap "" ALRM; exec sleep 100000'
start_supervise "$ours" "$work/cli/ours" 1
start_supervise "$deb" "$work/cli/debian" 1
start_supervise s6 "$work/cli/s6" 1
hyperfine -N -w 30 -r "${STARTUP_RUNS:-500}" --export-json "$work/startup.json" /bin/true \
    "$ours/svok $work/cli/ours/0" "$ours/svstat $work/cli/ours/0" "$ours/svc -a $work/cli/ours/0" \
    "$deb/svok $work/cli/debian/0" "$deb/svstat $work/cli/debian/0" "$deb/svc -a $work/cli/debian/0" \
    "/usr/bin/s6-svok $work/cli/s6/0" "/usr/bin/s6-svstat $work/cli/s6/0" "/usr/bin/s6-svc -a $work/cli/s6/0" >/dev/null 2>&1
read -r true_ms svok_o svstat_o svc_o svok_d svstat_d svc_d svok_s svstat_s svc_s < <(python3 -c "
import json,sys
print(*(r['median'] * 1000 for r in json.load(open(sys.argv[1]))['results']))" "$work/startup.json")

# --- 3 and 4. control round-trip and kill -> restart ----------------------------------------
# Samples alternate between the implementations so both see the same machine load. Every sample
# starts more than a second after the previous start: 0.76 ignores its control FIFO for a second
# after each start, and both implementations start at most once a second.
make_services "$work/lat/ours" 1 ': > started; exec sleep 100000'
make_services "$work/lat/debian" 1 ': > started; exec sleep 100000'
make_services "$work/lat/s6" 1 ': > started; exec sleep 100000'
start_supervise "$ours" "$work/lat/ours" 1
start_supervise "$deb" "$work/lat/debian" 1
start_supervise s6 "$work/lat/s6" 1
read -r down_o down_d down_od up_o up_d up_od restart_o restart_d running_o running_d down_s up_s < <(
python3 - "$ours" "$deb" "$work/lat/ours/0" "$work/lat/debian/0" "$runs" "$work/lat/s6/0" <<'PY'
import os, subprocess, sys, time, signal, statistics
ours, deb, ours_dir, deb_dir, runs, s6_dir = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
def s6_roundtrip(letter, word):
    t = time.perf_counter()
    subprocess.run(["/usr/bin/s6-svc", "-" + letter, s6_dir])
    while not subprocess.run(["/usr/bin/s6-svstat", s6_dir], capture_output=True, text=True).stdout.startswith(word):
        pass
    return (time.perf_counter() - t) * 1000
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
# columns: ours with our clients, Debian's with Debian's clients, ours with Debian's clients, s6
# Every other sample runs the implementations in the opposite order: whichever goes first after a
# pause meets a colder machine.
def ordered(sample, steps):
    for step in (steps if sample % 2 == 0 else steps[::-1]):
        step()
down = [[], [], [], []]; up = [[], [], [], []]
for n in range(runs):
    time.sleep(1.2)
    ordered(n, [lambda: down[0].append(roundtrip(ours, ours_dir, "d", "down")),
                lambda: down[1].append(roundtrip(deb, deb_dir, "d", "down")),
                lambda: down[3].append(s6_roundtrip("d", "down"))])
    time.sleep(1.2)
    ordered(n, [lambda: up[0].append(roundtrip(ours, ours_dir, "u", "up")),
                lambda: up[1].append(roundtrip(deb, deb_dir, "u", "up")),
                lambda: up[3].append(s6_roundtrip("u", "up"))])
    time.sleep(1.2)
    down[2].append(roundtrip(deb, ours_dir, "d", "down"))
    time.sleep(1.2)
    up[2].append(roundtrip(deb, ours_dir, "u", "up"))
rs = [[], []]; rn = [[], []]
for n in range(runs):
    time.sleep(1.2)
    ordered(n, [lambda: rs[0].append(restart(ours_dir, False)), lambda: rs[1].append(restart(deb_dir, False))])
    time.sleep(1.2)
    ordered(n, [lambda: rn[0].append(restart(ours_dir, True)), lambda: rn[1].append(restart(deb_dir, True))])
m = statistics.median
print(m(down[0]), m(down[1]), m(down[2]), m(up[0]), m(up[1]), m(up[2]), m(rs[0]), m(rs[1]), m(rn[0]), m(rn[1]), m(down[3]), m(up[3]))
PY
)
stop_supervise "$work/lat/ours"
stop_supervise "$work/lat/debian"
stop_supervise "$work/lat/s6"

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

row() { # name ours debian s6 unit ("-" = no equivalent)
    local s6=$4 s6r="-"
    if [ "$s6" != "-" ]; then s6r=$(printf '%.2f' "$(echo "$2 / $s6" | bc -l)"); s6=$(printf '%.2f %s' "$s6" "$5"); fi
    printf '| %-46s | %8.2f %-3s | %8.2f %-3s | %12s | %10.2fx | %6sx |\n' "$1" "$2" "$5" "$3" "$5" "$s6" "$(echo "$2 / $3" | bc -l)" "$s6r"
}
trow() { # name ours debian s6: start-up, with ratios to /bin/true measured in the same invocation
    printf '| %-12s | %6.2f ms (%4.2fx) | %6.2f ms (%4.2fx) | %6.2f ms (%4.2fx) | %10.2fx |\n' "$1" \
        "$2" "$(echo "$2 / $true_ms" | bc -l)" "$3" "$(echo "$3 / $true_ms" | bc -l)" "$4" "$(echo "$4 / $true_ms" | bc -l)" "$(echo "$2 / $3" | bc -l)"
}
printf 'Start-up, one hyperfine -N invocation (median; in brackets: x /bin/true, %.2f ms):\n\n' "$true_ms"
echo "| client       | ours              | Debian 0.76       | s6                | ours/Debian |"
echo "|--------------|-------------------|-------------------|-------------------|-------------|"
trow svok "$svok_o" "$svok_d" "$svok_s"
trow svstat "$svstat_o" "$svstat_d" "$svstat_s"
trow "svc -a" "$svc_o" "$svc_d" "$svc_s"
echo
echo "| measurement (median)                           |         ours |       Debian |           s6 | ours/Debian | ours/s6 |"
echo "|------------------------------------------------|--------------|--------------|--------------|-------------|---------|"
row "idle supervise RssAnon per service (100)" "$mem_ours" "$mem_deb" "$mem_s6" KiB
row "svc -d until svstat says down" "$down_o" "$down_d" "$down_s" ms
row "svc -u until svstat says up" "$up_o" "$up_d" "$up_s" ms
row "  the same, Debian's svc/svstat for both: down" "$down_od" "$down_d" - ms
row "  the same, Debian's svc/svstat for both: up" "$up_od" "$up_d" - ms
row "kill -9 ./run until status names a new pid" "$restart_o" "$restart_d" - ms
row "kill -9 ./run until the new ./run runs" "$running_o" "$running_d" - ms
row "svstat over 1000 supervised directories" "$many_o" "$many_d" - ms
echo
echo "s6-supervise restarts a dead ./run after 1 s by design, so it has no kill -> restart row."
echo "Targets: start-up <= 2.0x /bin/true (goal 1.5x); RssAnon <= 200 KiB; round trips <= 1.5x Debian's; kill -> new run <= 1.2x."
