#!/usr/bin/env bash
# Benchmark: the process-state tools against Debian's, in one run.
#  1. the lowest `softlimit -m` under which each of our programs still starts, next to Debian's
#     (bisection; "starts" = same exit code as without a limit), and
#  2. the time of a run script's chain, `envdir ./env setuidgid nobody softlimit -m 100000000
#     setlock -n ./lock true` (hyperfine -N, medians), and
#  3. the private memory (RssAnon) of an idle program (tai64n blocked on stdin).
# Needs: root (setuidgid), dotnet (to build), Debian's daemontools, hyperfine, python3.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built envdir
need_tools "apt-get install daemontools hyperfine python3" /usr/bin/envdir /usr/bin/softlimit hyperfine python3
[ "$(id -u)" -eq 0 ] || { echo "run as root: the chain switches to nobody" >&2; exit 1; }

make_work chain-bench
chmod 755 "$work"
mkdir "$work/env"
echo value > "$work/env/VAR"
: > "$work/lock"; chmod 666 "$work/lock"   # setlock runs as nobody in the chain
cd "$work"

# How to run each program so that it ends by itself (stdin is /dev/null).
args_for() {
    case $1 in
        envdir) echo "./env true" ;;
        envuidgid|setuidgid) echo "nobody true" ;;
        softlimit) echo "-o 64 true" ;;
        setlock) echo "./lock true" ;;
        pgrphack|fghack) echo "true" ;;
        svscan) echo "/nonexistent" ;;
        *) echo "" ;;
    esac
}

# exit code of: softlimit -m $2 $1 args (or without a limit when $2 is empty); "refused" when the
# program said it cannot start under the limit (svscan /nonexistent exits 111 either way)
status() {
    local prog=$1 limit=$2 name code
    name=$(basename "$prog")
    # shellcheck disable=SC2046
    if [ -z "$limit" ]; then timeout 10 "$prog" $(args_for "$name") </dev/null >/dev/null 2>"$work/status.err"; code=$?
    else timeout 10 /usr/bin/softlimit -m "$limit" "$prog" $(args_for "$name") </dev/null >/dev/null 2>"$work/status.err"; code=$?; fi
    if grep -q "unable to start: address space limit" "$work/status.err"; then echo refused; else echo "$code"; fi
}

floor() { # lowest -m (to 10 kB) under which the program exits as it does unlimited
    local prog=$1 want lo=0 hi=400000000 mid
    want=$(status "$prog" "")
    [ "$(status "$prog" "$hi")" = "$want" ] || { echo "-"; return; }
    while [ $((hi - lo)) -gt 10000 ]; do
        mid=$(((lo + hi) / 2))
        if [ "$(status "$prog" "$mid")" = "$want" ]; then hi=$mid; else lo=$mid; fi
    done
    echo "$hi"
}

echo "Lowest softlimit -m at which each program still starts (bytes):"
echo
echo "| program | ours | Debian | ours/Debian |"
echo "|---|---|---|---|"
for link in "$ours"/*; do
    name=$(basename "$link")
    [ -L "$link" ] || continue   # the programs are the links; not the binary, its companion or svscanboot
    o=$(floor "$link")
    d="-"
    [ -x "/usr/bin/$name" ] && d=$(floor "/usr/bin/$name")
    ratio="-"
    [ "$o" != "-" ] && [ "$d" != "-" ] && ratio=$(python3 -c "print(f'{$o / $d:.1f}x')")
    echo "| $name | $o | $d | $ratio |"
done

chain="envdir ./env setuidgid nobody softlimit -m 100000000 setlock -n ./lock true"
PATH="$ours:/usr/bin:/bin" hyperfine -N -w 30 -r "${RUNS:-500}" --export-json ours.json "$ours/$chain" >/dev/null 2>&1
PATH="/usr/bin:/bin" hyperfine -N -w 30 -r "${RUNS:-500}" --export-json debian.json "/usr/bin/$chain" >/dev/null 2>&1
read -r o_ms d_ms < <(python3 -c "
import json
o = json.load(open('ours.json'))['results'][0]['median'] * 1000
d = json.load(open('debian.json'))['results'][0]['median'] * 1000
print(o, d)")

rss() { # RssAnon (kB) of the program blocked on an empty pipe
    local prog=$1 pid kb
    sleep 5 | "$prog" >/dev/null & pid=$!
    sleep 0.5
    kb=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "$kb"
}
o_rss=$(rss "$ours/tai64n"); d_rss=$(rss /usr/bin/tai64n)

echo
echo "| measurement | ours | Debian | ours/Debian |"
echo "|---|---|---|---|"
printf '| %s | %.2f ms | %.2f ms | %.2fx |\n' "\`$chain\` (median, hyperfine -N)" "$o_ms" "$d_ms" "$(echo "$o_ms / $d_ms" | bc -l)"
printf '| %s | %s kB | %s kB | %.2fx |\n' "RssAnon of an idle tai64n" "$o_rss" "$d_rss" "$(echo "$o_rss / $d_rss" | bc -l)"
echo
echo "Targets: every program works under softlimit -m 13200000 (one floor, whatever the CPU count) and says so below it; chain <= 1.0x Debian's."
