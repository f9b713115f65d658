#!/usr/bin/env bash
# Benchmark: Get-SvStat over 1000 supervised directories in a warm, real pwsh, against one svstat
# call naming all 1000 (ours and Debian's), in one run. Inside pwsh both are timed the same way:
# the cmdlet's objects collected, the native program's lines collected. hyperfine -N gives the
# native programs' own time outside pwsh too. Debian's supervise (with ./down) keeps the 1000
# directories supervised; every supervise is stopped with svc -dx and killed by pid at the end.
# Needs: dotnet (to build), Debian's daemontools, hyperfine, python3, pwsh (~/.dotnet/tools/pwsh
# or on PATH).
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built svstat
pwsh=$(command -v pwsh || echo "$HOME/.dotnet/tools/pwsh")
need_tools "apt-get install daemontools hyperfine python3; dotnet tool install -g PowerShell" /usr/bin/supervise /usr/bin/svstat hyperfine python3 "$pwsh"
runs=${RUNS:-21}
work=$(mktemp -d /tmp/getsvstat-bench-XXXXXX)
pids=()
cleanup() {
    /usr/bin/svc -dx "$work"/d/* 2>/dev/null || true
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true   # reaped here, so bash reports no killed job
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/d"
for i in $(seq 0 999); do
    mkdir "$work/d/$i"
    printf '#!/bin/sh\nexec sleep 100000\n' > "$work/d/$i/run"
    chmod 755 "$work/d/$i/run"
    : > "$work/d/$i/down"
    /usr/bin/supervise "$work/d/$i" 2>/dev/null &
    pids+=($!)
done
for i in $(seq 0 999); do until /usr/bin/svok "$work/d/$i"; do sleep 0.01; done; done

cd "$work"
hyperfine -N -w 5 -r "$runs" --export-json "$work/native.json" \
    "$ours/svstat $(echo d/{0..999})" "/usr/bin/svstat $(echo d/{0..999})" >/dev/null 2>&1
read -r native_o native_d native_o_cpu native_d_cpu < <(python3 -c "
import json,sys
r = json.load(open(sys.argv[1]))['results']
print(r[0]['median'] * 1000, r[1]['median'] * 1000, (r[0]['user'] + r[0]['system']) * 1000, (r[1]['user'] + r[1]['system']) * 1000)" "$work/native.json")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
export DT_ROOT=$root DT_RUNS=$runs DT_OURS=$ours
# The blocks are timed in turns (one run of each, then the next round), so a burst of load on the
# machine falls on all of them alike. The floor is Write-Output sending 1000 ready objects down the
# same pipeline: what PowerShell's pipeline alone costs. Beside the wall time, the processor time
# each block costs (getrusage: pwsh itself and the children it waited for), which other work on
# the machine does not inflate the way it inflates wall time.
read -r cmdlet pwsh_o pwsh_d floor cmdlet_cpu pwsh_o_cpu pwsh_d_cpu floor_cpu count < <("$pwsh" -NoProfile -NonInteractive -Command '
    $ErrorActionPreference = "Stop"
    Import-Module (Join-Path $env:DT_ROOT "out/Daemontools/Daemontools.psd1")
    $dirs = 0..999 | ForEach-Object { "d/$_" }
    $objects = [object[]]@(Get-SvStat $dirs)
    $blocks = @(
        { Get-SvStat $dirs }
        { & "$env:DT_OURS/svstat" $dirs }
        { & /usr/bin/svstat $dirs }
        { Write-Output $objects }
    )
    Add-Type -TypeDefinition "
        public static class ProcessorTime {
            [System.Runtime.InteropServices.DllImport(""libc"")] private static extern int getrusage(int who, long[] usage);
            private static double Of(int who) { var u = new long[18]; getrusage(who, u); return (u[0] + u[2]) * 1e3 + (u[1] + u[3]) / 1e3; }
            public static double Milliseconds() { return Of(0) + Of(-1); }   // RUSAGE_SELF + RUSAGE_CHILDREN
        }"
    $runs = [int]$env:DT_RUNS
    # Warm: JIT, module, file cache; then a pause in which the runtime compiles the hot methods
    # again optimized (tiered compilation works in the background after a quiet 100 ms).
    1..10 | ForEach-Object { foreach ($block in $blocks) { $null = & $block } }
    Start-Sleep -Seconds 2
    $times = @($blocks | ForEach-Object { ,[System.Collections.Generic.List[double]]::new() })
    $cpus = @($blocks | ForEach-Object { ,[System.Collections.Generic.List[double]]::new() })
    foreach ($run in 1..$runs) {
        for ($i = 0; $i -lt $blocks.Count; $i++) {
            $cpu = [ProcessorTime]::Milliseconds()
            $watch = [System.Diagnostics.Stopwatch]::StartNew(); $null = & $blocks[$i]; $times[$i].Add($watch.Elapsed.TotalMilliseconds)
            $cpus[$i].Add([ProcessorTime]::Milliseconds() - $cpu)
        }
    }
    function Median($values) { $s = $values | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }
    "$($times | ForEach-Object { Median $_ }) $($cpus | ForEach-Object { Median $_ }) $($objects.Count)"
' 2>&1 </dev/null | tail -1) || true
[ -n "${count:-}" ] || { echo "pwsh run failed" >&2; exit 1; }

row() {
    printf '| %-53s | %9.2f | %16.2fx | %8.2f | %12.2fx |\n' "$1" "$2" "$(echo "$cmdlet / $2" | bc -l)" "$3" "$(echo "$cmdlet_cpu / $3" | bc -l)"
}
printf '| measurement (median of %s, warm pwsh %s)          |   wall ms | Get-SvStat / this |   CPU ms | Get-SvStat / this |\n' "$runs" "$("$pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()')"
echo "|-------------------------------------------------------|-----------|-------------------|----------|---------------|"
printf '| %-53s | %9.2f | %17s | %8.2f | %13s |\n' "Get-SvStat over 1000 directories ($count objects)" "$cmdlet" "1.00x" "$cmdlet_cpu" "1.00x"
row "& svstat (ours) naming all 1000, lines collected" "$pwsh_o" "$pwsh_o_cpu"
row "& /usr/bin/svstat (Debian) naming all 1000" "$pwsh_d" "$pwsh_d_cpu"
row "svstat (ours) alone, hyperfine -N (CPU: mean)" "$native_o" "$native_o_cpu"
row "svstat (Debian) alone, hyperfine -N (CPU: mean)" "$native_d" "$native_d_cpu"
row "floor: Write-Output of 1000 ready objects" "$floor" "$floor_cpu"
echo
echo "Target: Get-SvStat at least as fast as one svstat call naming all 1000 in the same pwsh (ratio <= 1.00x)."
echo "Load average before / after the pwsh run (2 cores shared with other work skew every row): $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
