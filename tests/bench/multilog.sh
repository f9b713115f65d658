#!/usr/bin/env bash
# multilog throughput, CPU and memory: Debian's multilog, ours and s6-log side by side, one run.
# 200 MB of realistic log lines through a pipe, with "t s1000000" and "s1000000"; every line
# of every run is accounted for (content compared with the input, stamps stripped).
# Ours reads the pipe through its input journal (splice into ./journal, exactly once under
# kill -9). BASELINE=/path/to/an/older/multilog adds that build as a row ("baseline") and a
# column comparing ours with it: the cost of a change, measured in the same run.
# Usage: [BASELINE=path] tests/bench/multilog.sh [megabytes] [repetitions]
set -euo pipefail
. "$(dirname "$0")/common.sh"

MB=${1:-200}
REPS=${2:-3}
OURS=$ours/multilog
need_built multilog
need_tools "apt-get install -y daemontools s6" s6-log /usr/bin/multilog

make_work multilog-bench
WORK=$work
INPUT=$WORK/input

# Realistic lines: access-log and application-log shapes, 40 to 250 bytes, deterministic.
awk -v limit=$((MB * 1000000)) 'BEGIN {
  srand(42); split("GET POST PUT DELETE", verb, " "); split("200 200 200 304 404 500", code, " ");
  split("INFO INFO INFO WARN ERROR DEBUG", level, " ");
  split("/api/v1/users /api/v1/orders /static/app.js /healthz /login /search?q=daemontools", path, " ");
  while (total < limit) {
    n++;
    if (n % 3) line = sprintf("10.0.%d.%d - - \"%s %s HTTP/1.1\" %s %d \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=%.3f", n % 256, (n * 7) % 256, verb[1 + n % 4], path[1 + n % 6], code[1 + n % 6], n % 50000, (n % 997) / 1000);
    else { line = sprintf("%s worker-%d request %d completed in %d ms user=%d", level[1 + n % 6], n % 16, n, n % 1000, n % 10007);
           for (k = 0; k < n % 9; k++) line = line " key" k "=value" k; }
    print line; total += length(line) + 1;
  }
}' > "$INPUT"
BYTES=$(stat -c %s "$INPUT")
LINES=$(wc -l < "$INPUT")

# run NAME MODE: one timed run through a pipe; prints "elapsed user sys maxrss_kb", checks the lines.
run() {
  local prog=$1 stamp=$2 dir=$WORK/log
  rm -rf "$dir"
  local args=(s1000000 n1000 "$dir")
  [ "$stamp" = t ] && args=(t "${args[@]}")
  local stats
  stats=$( { cat "$INPUT" | /usr/bin/time -f '%e %U %S %M' -o /dev/stderr "$prog" "${args[@]}"; } 2>&1 >/dev/null | tail -1)
  local got
  got=$(cd "$dir" && cat $(ls | grep '^@' | sort) current | sed -E 's/^@[0-9a-f]{24} //' | cmp - "$INPUT" >/dev/null && echo ok || echo LOST)
  [ "$got" = ok ] || { echo "$prog $stamp: lines lost or changed" >&2; exit 1; }
  echo "$stats"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf 'input: %d MB, %d lines, through a pipe; median of %d runs; every line checked\n\n' $((BYTES / 1000000)) "$LINES" "$REPS"
BASE=${BASELINE:-}
[ -z "$BASE" ] || [ -x "$BASE" ] || { echo "BASELINE=$BASE is not executable" >&2; exit 1; }
printf '%-10s %-8s %9s %9s %9s %10s %9s %9s %10s %9s\n' script logger 'MB/s' 'CPU s' 'RSS MiB' 'MB/s/deb' 'CPU/deb' 'MB/s/s6' 'MB/s/base' 'CPU/base'
for stamp in t none; do
  declare -A rate cpu rss els cpus kbs
  progs=(/usr/bin/multilog "$OURS" "$(command -v s6-log)" ${BASE:+"$BASE"})
  # Interleaved (one run of each, then again): a busy moment on the machine hits them all alike.
  for _ in $(seq "$REPS"); do
    for prog in "${progs[@]}"; do
      read -r el us sy kb < <(run "$prog" "$stamp")
      els[$prog]+="$el "; cpus[$prog]+="$(echo "$us + $sy" | bc) "; kbs[$prog]+="$kb "
    done
  done
  for prog in "${progs[@]}"; do
    el=$(printf '%s\n' ${els[$prog]} | median); cp=$(printf '%s\n' ${cpus[$prog]} | median); kb=$(printf '%s\n' ${kbs[$prog]} | sort -n | tail -1)
    rate[$prog]=$(echo "scale=1; $BYTES / 1000000 / $el" | bc); cpu[$prog]=$cp; rss[$prog]=$(echo "scale=1; $kb / 1024" | bc)
  done
  deb=/usr/bin/multilog; s6=$(command -v s6-log)
  label=$([ "$stamp" = t ] && echo 't s1000000' || echo 's1000000')
  for prog in "$deb" "$OURS" "$s6" ${BASE:+"$BASE"}; do
    name=$(case $prog in "$deb") echo debian;; "$OURS") echo ours;; "$s6") echo s6-log;; *) echo baseline;; esac)
    vsbase=- cpubase=-
    [ -z "$BASE" ] || vsbase="$(echo "scale=2; ${rate[$prog]} / ${rate[$BASE]}" | bc)x"
    [ -z "$BASE" ] || cpubase="$(echo "scale=2; ${cpu[$prog]} / ${cpu[$BASE]}" | bc)x"
    printf '%-10s %-8s %9s %9s %9s %10s %9s %9s %10s %9s\n' "$label" "$name" "${rate[$prog]}" "${cpu[$prog]}" "${rss[$prog]}" \
      "$(echo "scale=2; ${rate[$prog]} / ${rate[$deb]}" | bc)x" "$(echo "scale=2; ${cpu[$prog]} / ${cpu[$deb]}" | bc)x" \
      "$(echo "scale=2; ${rate[$prog]} / ${rate[$s6]}" | bc)x" "$vsbase" "$cpubase"
  done
  unset rate cpu rss els cpus kbs
done
