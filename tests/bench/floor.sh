#!/usr/bin/env bash
# Benchmark: where the clients' start-up stands against the runtime's own floor, in one run.
# Builds "floor", a NativeAOT program whose Main returns 0, with the native binary's exact settings
# (its project file with the program's sources, module layout and companion taken out, prestart.c
# kept), then one hyperfine -N invocation: /bin/true, floor, our svok/svstat/svc, Debian's svok.
# What floor costs above /bin/true no code of ours can remove; what a client costs above floor is ours.
# Needs: dotnet (to build), Debian's daemontools, hyperfine, python3.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_built svok
need_tools "apt-get install daemontools hyperfine python3" /usr/bin/svok /usr/bin/supervise hyperfine python3

runs=${RUNS:-3000}
make_work floor-bench

mkdir -p "$work/floor/Native" "$work/svc"
cp src/Daemontools.Commands/Native/prestart.c "$work/floor/Native/"
python3 - src/Daemontools.Commands/Daemontools.Commands.csproj "$work/floor" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
out = sys.argv[2]
s = s.replace("<AssemblyName>daemontools</AssemblyName>", "<AssemblyName>floor</AssemblyName>")
s = re.sub(r"<PublishDir>.*?</PublishDir>", f"<PublishDir>{out}/out/</PublishDir>", s)
s = re.sub(r"<ProjectReference [^>]*/>", "", s)
s = re.sub(r"<Using Include=[^>]*/>", "", s)
s = re.sub(r'<RuntimeHostConfigurationOption Include="Daemontools\.StaticExecutable"[^>]*/>', "", s)
s = s.replace('<NativeLibrary Include="$(IntermediateOutputPath)forkexec.o" />', "")
for target in ("CompileForkExec", "CompileGetpwnamCompanion", "PublishIntoModule", "LinkProgramNames", "WriteSvscanboot"):
    s = re.sub(rf'<Target Name="{target}".*?</Target>', "", s, flags=re.S)
open(f"{out}/floor.csproj", "w").write(s)
open(f"{out}/Main.cs", "w").write("internal static class Floor { private static int Main() => 0; }\n")
PY
(cd "$work/floor" && dotnet publish -c Release >"$work/build.log" 2>&1) || { cat "$work/build.log" >&2; exit 1; }
[ -x "$work/floor/out/floor" ] || { echo "floor was not built (see $work/build.log)" >&2; exit 1; }

# One service under Debian's supervise, so that every client does its whole work.
printf '#!/bin/sh\nexec sleep 100000\n' > "$work/svc/run"
chmod 755 "$work/svc/run"
/usr/bin/supervise "$work/svc" >/dev/null 2>&1 &
sup=$!
cleanup() {
    # The ./run by the pid in the status file (offset 12), then supervise: nothing outlives the run.
    local run
    run=$(od -An -tu4 -j12 -N4 "$work/svc/supervise/status" 2>/dev/null | tr -d ' ')
    if [ "${run:-0}" != 0 ]; then kill -9 "$run" 2>/dev/null || true; fi
    kill -9 "$sup" 2>/dev/null || true
    wait "$sup" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
until /usr/bin/svok "$work/svc"; do sleep 0.01; done
until [ "$(od -An -tu4 -j12 -N4 "$work/svc/supervise/status" | tr -d ' ')" != 0 ]; do sleep 0.01; done

hyperfine -N -i -w 300 -r "$runs" --export-json "$work/floor.json" \
    /bin/true "$work/floor/out/floor" "$ours/svok $work/svc" "$ours/svstat $work/svc" "$ours/svc -a $work/svc" \
    "/usr/bin/svok $work/svc" >/dev/null 2>&1
python3 - "$work/floor.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
true, floor = r[0]["median"], r[1]["median"]
names = ["/bin/true", "floor (empty Main, same settings)", "svok (ours)", "svstat (ours)", "svc -a (ours)", "svok (Debian)"]
print("| program | median | x /bin/true | above floor |")
print("|---|---|---|---|")
for name, x in zip(names, r):
    m = x["median"]
    print(f"| {name} | {m * 1000:.3f} ms | {m / true:.2f}x | {(m - floor) * 1e6:+.0f} us |")
PY
