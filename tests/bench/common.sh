# Sourced by the benchmarks (after `set -euo pipefail`): moves to the repository root, sets $root
# and $ours (our bin/), and gives the checks every benchmark starts with.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
ours="$root/out/Daemontools/bin"
# The /proc readers the Python parts share (procfs.py).
export PYTHONPATH="$root/tests/bench${PYTHONPATH:+:$PYTHONPATH}"

# Builds the tree (quietly) unless our PROGRAM is already there.
need_built() { [ -x "$ours/$1" ] || dotnet build -c Release >/dev/null; }

# Exits naming the first TOOL... that is not installed; HINT says how to install them.
need_tools() {
    local hint=$1 tool
    shift
    for tool; do
        command -v "$tool" >/dev/null || { echo "missing $tool ($hint)" >&2; exit 1; }
    done
}

# Sets $work to a new directory under /tmp, removed when the benchmark exits.
make_work() {
    work=$(mktemp -d "/tmp/${1:-bench}-XXXXXX")
    trap 'rm -rf "$work"' EXIT
}
