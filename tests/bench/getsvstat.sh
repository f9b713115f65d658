#!/usr/bin/env bash
# Benchmark: Get-SvStat over 1000 supervised directories in a warm, real pwsh, against one svstat
# call naming all 1000 (ours and Debian's), in one run. Inside pwsh both are timed the same way:
# the cmdlet's objects collected, the native program's lines collected. hyperfine -N gives the
# native programs' own time outside pwsh too. Debian's supervise (with ./down) keeps the 1000
# directories supervised; every supervise is stopped with svc -dx and killed by pid at the end.
# Needs: dotnet (to build), Debian's daemontools, hyperfine, python3, pwsh (~/.dotnet/tools/pwsh
# or on PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ours="$root/out/Daemontools/bin"
[ -x "$ours/svstat" ] || dotnet build -c Release >/dev/null
pwsh=$(command -v pwsh || echo "$HOME/.dotnet/tools/pwsh")
for tool in /usr/bin/supervise /usr/bin/svstat hyperfine python3 "$pwsh"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install daemontools hyperfine python3; dotnet tool install -g PowerShell)" >&2; exit 1; }
done
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
read -r native_o native_d < <(python3 -c "
import json,sys
r = json.load(open(sys.argv[1]))['results']
print(r[0]['median'] * 1000, r[1]['median'] * 1000)" "$work/native.json")

export DT_ROOT=$root DT_RUNS=$runs DT_OURS=$ours
# The blocks are timed in turns (one run of each, then the next round), so a burst of load on the
# machine falls on all of them alike. The floor is Write-Output sending 1000 ready objects down the
# same pipeline: what PowerShell's pipeline alone costs.
read -r cmdlet pwsh_o pwsh_d floor count < <("$pwsh" -NoProfile -NonInteractive -Command '
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
    $runs = [int]$env:DT_RUNS
    foreach ($block in $blocks) { 1..5 | ForEach-Object { $null = & $block } }   # warm: JIT, module, file cache
    $times = @($blocks | ForEach-Object { ,[System.Collections.Generic.List[double]]::new() })
    foreach ($run in 1..$runs) {
        for ($i = 0; $i -lt $blocks.Count; $i++) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew(); $null = & $blocks[$i]; $times[$i].Add($watch.Elapsed.TotalMilliseconds)
        }
    }
    $medians = $times | ForEach-Object { $s = $_ | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }
    "$medians $($objects.Count)"
' 2>&1 </dev/null | tail -1) || true
[ -n "${count:-}" ] || { echo "pwsh run failed" >&2; exit 1; }

row() { printf '| %-53s | %9.2f | %16.2fx |\n' "$1" "$2" "$(echo "$cmdlet / $2" | bc -l)"; }
printf '| measurement (median of %s, warm pwsh %s)          |        ms | Get-SvStat / this |\n' "$runs" "$("$pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()')"
echo "|-------------------------------------------------------|-----------|-------------------|"
printf '| %-53s | %9.2f | %17s |\n' "Get-SvStat over 1000 directories ($count objects)" "$cmdlet" "1.00x"
row "& svstat (ours) naming all 1000, lines collected" "$pwsh_o"
row "& /usr/bin/svstat (Debian) naming all 1000" "$pwsh_d"
row "svstat (ours) alone, hyperfine -N" "$native_o"
row "svstat (Debian) alone, hyperfine -N" "$native_d"
row "floor: Write-Output of 1000 ready objects" "$floor"
echo
echo "Target: Get-SvStat at least as fast as one svstat call naming all 1000 in the same pwsh (ratio <= 1.00x)."
