#!/usr/bin/env bash
# Benchmark: our tai64n / tai64nlocal against Debian's, interleaved in one run.
# Prints medians and ratios (ours vs Debian): start-up, and throughput on 100 MB.
# Needs: dotnet (to build), Debian's daemontools, hyperfine, python3.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built tai64n
need_tools "apt-get install daemontools hyperfine python3" /usr/bin/tai64n /usr/bin/tai64nlocal hyperfine python3

runs=${RUNS:-7}
make_work tai64n-bench

# 100 MB of realistic log lines, and the same stamped.
python3 - "$work/lines" <<'PY'
import random, sys
random.seed(7)
words = ("GET POST /api/v1/users /static/app.js 200 404 500 ms request served error warning "
         "connection closed from 10.0.0.12 port user=alice id=42 latency cache hit miss").split()
with open(sys.argv[1], "w") as f:
    total = 0
    while total < 100_000_000:
        line = " ".join(random.choice(words) for _ in range(random.randint(4, 18))) + "\n"
        f.write(line)
        total += len(line)
PY
"$ours/tai64n" < "$work/lines" > "$work/stamped"
head -c 4096 "$work/lines" > "$work/small"
size_mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$work/lines")
stamped_mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$work/stamped")

# seconds for one run of "$@" with stdin from $input and stdout to /dev/null
seconds() {
    local input=$1; shift
    local start end
    start=$(date +%s%N)
    "$@" < "$input" > /dev/null
    end=$(date +%s%N)
    echo "scale=6; ($end - $start) / 1000000000" | bc
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Throughput: alternate ours and Debian's so both see the same machine state.
throughput() { # name input mb env... -- program
    local name=$1 input=$2 mb=$3; shift 3
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
    local prog=$1
    : > "$work/ours.t"; : > "$work/deb.t"
    for _ in $(seq "$runs"); do
        seconds "$input" env "${envs[@]}" "$ours/$prog" >> "$work/ours.t"
        seconds "$input" env "${envs[@]}" "/usr/bin/$prog" >> "$work/deb.t"
    done
    local o d
    o=$(median < "$work/ours.t"); d=$(median < "$work/deb.t")
    printf '| %-38s | %9.1f MB/s | %9.1f MB/s | %6.2fx |\n' "$name" \
        "$(echo "$mb / $o" | bc -l)" "$(echo "$mb / $d" | bc -l)" "$(echo "$d / $o" | bc -l)"
}

hyperfine -N -w 20 -r 300 --export-json "$work/startup.json" "$ours/tai64n" /usr/bin/tai64n >/dev/null 2>&1
read -r o_ms d_ms < <(python3 -c "
import json,sys
r = json.load(open(sys.argv[1]))['results']
print(r[0]['median'] * 1000, r[1]['median'] * 1000)" "$work/startup.json")

echo "| measurement                            |          ours |        Debian | Debian/ours |"
echo "|----------------------------------------|---------------|---------------|-------------|"
printf '| %-38s | %10.2f ms | %10.2f ms | %6.2fx |\n' "tai64n start-up (median, hyperfine -N)" "$o_ms" "$d_ms" "$(echo "$d_ms / $o_ms" | bc -l)"
throughput "tai64n, 100 MB" "$work/lines" "$size_mb" TZ=UTC -- tai64n
throughput "tai64nlocal, 100 MB, TZ unset" "$work/stamped" "$stamped_mb" -u TZ -- tai64nlocal
throughput "tai64nlocal, 100 MB, TZ=UTC" "$work/stamped" "$stamped_mb" TZ=UTC -- tai64nlocal
echo
echo "Targets: start-up <= 2.0 ms; tai64nlocal >= 6x (TZ unset) and >= 2x (TZ set); tai64n >= 2x."
