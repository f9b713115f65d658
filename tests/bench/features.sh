#!/usr/bin/env bash
# Benchmark: supervision beyond 0.76 (issue 10), in one run.
#  1. idle supervise private memory (RssAnon, 50 services each): ours with none of the new files,
#     ours with all of them, today's supervise (BASELINE_BIN, a bin/ of the build before the features,
#     when given), Debian's supervise and s6-supervise. Target: all files <= none + 8 KiB.
#  2. svwait -U: from the readiness write to svwait's exit (median), ours against s6-svwait. Both
#     are woken through a fifodir (ours supervise/event, s6's servicedir/event). A third service
#     has a file where supervise/event would be, so our svwait falls back to inotify there (as it
#     does under Debian's supervise): the cost of closing an inotify watch, in the same run.
#  3. Wait-SvStat -Ready in a warm pwsh (out/tools/pwsh, else pwsh on PATH): from the readiness
#     write to the cmdlet's return (median), with this build's module and, when BASELINE_MODULE
#     names the Daemontools.psd1 of an earlier build (say, before the waits used supervise/event),
#     with that one, against the same supervise in the same run.
# Every supervise and ./run it starts is stopped and killed by pid at the end.
# Needs: dotnet (to build), Debian's daemontools and s6, python3.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built svwait
need_tools "apt-get install daemontools s6 python3" /usr/bin/supervise /usr/bin/svc /usr/bin/s6-supervise /usr/bin/s6-svc /usr/bin/s6-svwait python3
baseline=${BASELINE_BIN:-}
samples=${SAMPLES:-21}
count=${COUNT:-50}
work=$(mktemp -d /tmp/features-bench-XXXXXX)
pids=()

cleanup() {
    for d in "$work"/*/*/; do
        [ -p "$d/supervise/control" ] && printf dx > "$d/supervise/control" 2>/dev/null &
    done
    sleep 1
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    # ./run processes (and s6's sessions) still working in the bench directories
    for p in /proc/[0-9]*; do
        case "$(readlink "$p/cwd" 2>/dev/null)" in "$work"/*) kill -9 "${p#/proc/}" 2>/dev/null || true ;; esac
    done
    rm -rf "$work"
}
trap cleanup EXIT

# make_services DIR COUNT [all]: COUNT service directories, with every new file when asked
make_services() {
    local dir=$1 n=$2 all=${3:-}
    for i in $(seq 0 $((n - 1))); do
        local s="$dir/$i"
        mkdir -p "$s"
        printf '#!/bin/sh\nexec sleep 100000\n' > "$s/run"
        chmod 755 "$s/run"
        if [ -n "$all" ]; then
            printf '#!/bin/sh\nexit 0\n' > "$s/finish"; chmod 755 "$s/finish"
            echo 5000 > "$s/timeout-finish"; echo 3 > "$s/notification-fd"; echo 10000 > "$s/timeout-kill"
            : > "$s/flag-timeout-killpg"; echo SIGTERM > "$s/down-signal"; echo 100 > "$s/max-death-tally"
            echo 5 > "$s/lock-fd"; : > "$s/flag-setsid"
            printf 'backoff 1000 60000\ngive-up 5 60000\n' > "$s/restart-policy"
        fi
    done
}

# rss SUPERVISE DIR: KiB of RssAnon per supervise, once all are up and idle
rss() {
    local prog=$1 dir=$2 before=${#pids[@]}
    # Runs inside $(...): the supervisors must not hold its output open.
    for s in "$dir"/*/; do
        "$prog" "${s%/}" >/dev/null 2>&1 &
        pids+=($!)
    done
    sleep 3
    local total=0
    for p in "${pids[@]:$before}"; do
        total=$((total + $(awk '/^RssAnon:/ {print $2}' "/proc/$p/status")))
    done
    echo $((total / count))
}

make_services "$work/none" "$count"
make_services "$work/all" "$count" all
make_services "$work/deb" "$count"
make_services "$work/s6" "$count"
mem_none=$(rss "$ours/supervise" "$work/none")
mem_all=$(rss "$ours/supervise" "$work/all")
mem_deb=$(rss /usr/bin/supervise "$work/deb")
mem_s6=$(rss /usr/bin/s6-supervise "$work/s6")
mem_base=""
if [ -n "$baseline" ]; then
    make_services "$work/base" "$count"
    mem_base=$(rss "$baseline/supervise" "$work/base")
fi

# --- 2. svwait -U latency ---------------------------------------------------------------
for impl in ours fallback s6; do
    s="$work/ready-$impl/svc"
    mkdir -p "$s"
    mkfifo "$s/trigger"
    printf '#!/bin/sh\nread x < trigger\necho >&3\nexec sleep 100000\n' > "$s/run"
    chmod 755 "$s/run"
    echo 3 > "$s/notification-fd"
done
mkdir -p "$work/ready-fallback/svc/supervise" && : > "$work/ready-fallback/svc/supervise/event"
(cd "$work/ready-ours" && exec "$ours/supervise" svc >/dev/null 2>&1) & pids+=($!)
(cd "$work/ready-fallback" && exec "$ours/supervise" svc >/dev/null 2>&1) & pids+=($!)
(cd "$work/ready-s6" && exec /usr/bin/s6-supervise svc >/dev/null 2>&1) & pids+=($!)
read -r lat_o lat_f lat_s < <(python3 - "$ours" "$work" "$samples" <<'PY'
import os, subprocess, sys, time, statistics
ours, work, samples = sys.argv[1], sys.argv[2], int(sys.argv[3])
tools = {"ours": (ours + "/svc", ours + "/svwait"), "fallback": (ours + "/svc", ours + "/svwait"), "s6": ("/usr/bin/s6-svc", "/usr/bin/s6-svwait")}
def sample(impl):
    svc, svwait = tools[impl]
    d = os.path.join(work, "ready-" + impl, "svc")
    subprocess.run([svc, "-k", d])                                  # a fresh ./run, not yet ready
    subprocess.run([svwait, "-u", "-t", "10000", d], check=True)
    time.sleep(0.3)
    waiter = subprocess.Popen([svwait, "-U", "-t", "10000", d])
    time.sleep(0.2)                                                 # svwait is asleep by now
    with open(os.path.join(d, "trigger"), "w") as trigger:          # ./run is blocked reading it
        t0 = time.perf_counter()
        trigger.write("\n")
    rc = waiter.wait()
    t1 = time.perf_counter()
    assert rc == 0, (impl, rc)
    return (t1 - t0) * 1000
for impl in tools:                                                  # all up before timing
    subprocess.run([tools[impl][1], "-u", "-t", "10000", os.path.join(work, "ready-" + impl, "svc")], check=True)
lat = {impl: [] for impl in tools}
for _ in range(samples):
    for impl in tools:
        lat[impl].append(sample(impl))
print(statistics.median(lat["ours"]), statistics.median(lat["fallback"]), statistics.median(lat["s6"]))
PY
)

# --- 3. Wait-SvStat -Ready in a warm pwsh ------------------------------------------------
pwsh=$root/out/tools/pwsh
[ -x "$pwsh" ] || pwsh=$(command -v pwsh)
s="$work/ready-pwsh/svc"
mkdir -p "$s"
mkfifo "$s/trigger"
printf '#!/bin/sh\nread x < trigger\necho >&3\nexec sleep 100000\n' > "$s/run"
chmod 755 "$s/run"
echo 3 > "$s/notification-fd"
(cd "$work/ready-pwsh" && exec "$ours/supervise" svc >/dev/null 2>&1) & pids+=($!)
until "$ours/svok" "$s"; do sleep 0.01; done
# The writer, started just before the wait: asleep 0.2 s (the cmdlet is waiting by then), then the
# write ./run is blocked on, timed as it goes.
writer='import sys, time
time.sleep(0.2)
f = open(sys.argv[1], "w")
t = time.monotonic_ns()
f.write("\n")
f.close()
print(t)'
# wait_ready MODULE: median milliseconds from the trigger write (python, CLOCK_MONOTONIC) to
# Wait-SvStat's return (Stopwatch, CLOCK_MONOTONIC too), after 3 warm-up samples.
wait_ready() {
    DT_WRITER=$writer DT_MODULE=$1 DT_DIR=$s DT_SAMPLES=$samples DT_SVC=$ours/svc "$pwsh" -NoProfile -NonInteractive -Command '
        $ErrorActionPreference = "Stop"
        Import-Module $env:DT_MODULE
        $d = $env:DT_DIR
        function Sample {
            & $env:DT_SVC -k $d                              # a fresh ./run, blocked before its readiness line
            $null = Wait-SvStat -Path $d -State Starting -Timeout 10
            $info = [System.Diagnostics.ProcessStartInfo]::new("python3")
            foreach ($a in @("-c", $env:DT_WRITER, "$d/trigger")) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $p = [System.Diagnostics.Process]::Start($info)
            $null = Wait-SvStat -Path $d -Ready -Timeout 10
            $t1 = [System.Diagnostics.Stopwatch]::GetTimestamp()
            $t0 = [long]$p.StandardOutput.ReadToEnd().Trim()
            $p.WaitForExit()
            ($t1 * (1e9 / [System.Diagnostics.Stopwatch]::Frequency) - $t0) / 1e6
        }
        1..3 | ForEach-Object { $null = Sample }
        $all = @(1..([int]$env:DT_SAMPLES) | ForEach-Object { Sample }) | Sort-Object
        $all[[int][math]::Floor($all.Count / 2)]
    ' </dev/null | tail -1
}
lat_p=$(wait_ready "$root/out/Daemontools/Daemontools.psd1")
lat_pb=""
[ -n "${BASELINE_MODULE:-}" ] && lat_pb=$(wait_ready "$BASELINE_MODULE")

row() { # name value unit [reference]
    if [ -n "${4:-}" ]; then
        printf '| %-52s | %10s %-3s | %7.2fx |\n' "$1" "$2" "$3" "$(echo "$2 / $4" | bc -l)"
    else
        printf '| %-52s | %10s %-3s | %8s |\n' "$1" "$2" "$3" ""
    fi
}
echo "| measurement (one run)                                |          value | vs ours, none |"
echo "|------------------------------------------------------|----------------|---------------|"
row "supervise RssAnon per service, ours, none of the files" "$mem_none" KiB "$mem_none"
row "supervise RssAnon per service, ours, all of the files" "$mem_all" KiB "$mem_none"
[ -n "$mem_base" ] && row "supervise RssAnon per service, today's (BASELINE_BIN)" "$mem_base" KiB "$mem_none"
row "supervise RssAnon per service, Debian's 0.76" "$mem_deb" KiB "$mem_none"
row "s6-supervise RssAnon per service (2.11)" "$mem_s6" KiB "$mem_none"
printf '| %-52s | %10.2f %-3s | %8s |\n' "svwait -U: readiness write to exit (median of $samples)" "$lat_o" ms ""
printf '| %-52s | %10.2f %-3s | %8s |\n' "svwait -U, inotify fallback (no supervise/event)" "$lat_f" ms ""
printf '| %-52s | %10.2f %-3s | %7.2fx |\n' "s6-svwait -U: the same (svwait / s6-svwait)" "$lat_s" ms "$(echo "$lat_o / $lat_s" | bc -l)"
printf '| %-52s | %10.2f %-3s | %8s |\n' "Wait-SvStat -Ready, warm pwsh: write to return" "$lat_p" ms ""
[ -n "$lat_pb" ] && printf '| %-52s | %10.2f %-3s | %7.2fx |\n' "Wait-SvStat -Ready, BASELINE_MODULE (this / that)" "$lat_pb" ms "$(echo "$lat_p / $lat_pb" | bc -l)"
echo
echo "Targets: all files <= none + 8 KiB$( [ -n "$mem_base" ] && echo " (and <= today's + 8 KiB)"); svwait -U median <= 5 ms."
