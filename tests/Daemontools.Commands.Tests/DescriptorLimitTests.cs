using System.Diagnostics;

namespace Daemontools.Commands.Tests;

/// <summary>
/// Every program under `softlimit -o 8` and `-o 16` (Debian's softlimit sets the limit for both)
/// does what Debian's does: the same exit code, output and messages; no unhandled exception. The
/// daemons keep going with a warning where the original would die or misbehave silently.
/// </summary>
public sealed class DescriptorLimitTests : IDisposable
{
    // Each runs under sh -c in a fresh directory holding env/V, lock and the service directory
    // `down` (no supervise), with $LIM the softlimit command and $B the implementation's bin/.
    private static readonly Dictionary<string, string> Scenarios = new()
    {
        ["tai64n"] = "seq 100 | $LIM $B/tai64n | wc -l",
        ["tai64nlocal"] = "echo '@400000003b9aca0000000000 x' | TZ=UTC $LIM $B/tai64nlocal",
        ["envdir"] = "$LIM $B/envdir env sh -c 'echo $V'",
        ["envuidgid"] = "$LIM $B/envuidgid nobody sh -c 'echo $UID'",
        ["setuidgid"] = "$LIM $B/setuidgid nobody id -u",
        ["softlimit"] = "$LIM $B/softlimit -d 100000000 sh -c 'echo limited'",
        ["setlock"] = "$LIM $B/setlock -n lock sh -c 'echo locked'",
        ["pgrphack"] = "$LIM $B/pgrphack sh -c 'echo grouped'",
        ["fghack"] = "$LIM $B/fghack sh -c 'echo held'",
        ["svok"] = "$LIM $B/svok down",
        ["svstat"] = "$LIM $B/svstat down missing",
        ["svc"] = "$LIM $B/svc -u down missing",
        ["readproctitle"] = "echo hello | $LIM $B/readproctitle service errors: ................",
    };

    private readonly TempDirectory _temp = new();
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (Process process in _started)
        {
            foreach (int child in ProcessTree.Descendants(process.Id)) ProcessTree.Kill(child, ProcessTree.SIGKILL);
            if (!process.HasExited) process.Kill();
            process.WaitForExit(10_000);
            process.Dispose();
        }
        _temp.Dispose();
    }

    public static TheoryData<string, int> Matrix()
    {
        var data = new TheoryData<string, int>();
        foreach (string program in Scenarios.Keys)
        {
            data.Add(program, 8);
            data.Add(program, 16);
        }
        data.Add("fghack", 5); // no descriptor left for listing /proc/self/fd: ours threw
        data.Add("envdir", 4);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Under_a_descriptor_limit_each_program_does_what_Debians_does(string program, int limit)
    {
        ProgramResult ours = Scenario(program, limit, Programs.OurBin);
        ProgramResult debian = Scenario(program, limit, "/usr/bin");
        Assert.DoesNotContain("Unhandled exception", ours.Err, StringComparison.Ordinal);
        Assert.Equal(debian.Err, ours.Err);
        Assert.Equal(SupervisedService.Mask(debian.Out), SupervisedService.Mask(ours.Out));
    }

    [Fact]
    public void Supervise_under_a_limit_too_low_for_a_shell_script_run_says_so_once_and_keeps_its_status_true()
    {
        // ./run is cat, not a script (which cannot start under 8 descriptors): it blocks on the
        // pipe the test holds as supervise's stdin.
        string service = _temp.Combine("s");
        Directory.CreateDirectory(service);
        File.CreateSymbolicLink(Path.Combine(service, "run"), "/bin/cat");
        Process supervise = Start("/usr/bin/softlimit", "-o", "8", Programs.Ours("supervise"), "s");
        Eventually.True(() => ServiceTree.Up(service), "s up");
        int first = ServiceTree.ServicePid(service);
        ProgramRun.Run(Programs.Debian("svc"), ["-d", service]);
        Eventually.True(() => ServiceTree.Svstat(service).Contains(": down ", StringComparison.Ordinal), "s down");
        ProgramRun.Run(Programs.Debian("svc"), ["-u", service]);
        Eventually.True(() => ServiceTree.Up(service) && ServiceTree.ServicePid(service) != first, "s up again with a new pid");
        Assert.Equal(0, ProgramRun.Run(Programs.Debian("svok"), [service]).ExitCode);

        ProgramRun.Run(Programs.Debian("svc"), ["-dx", service]);
        Assert.True(supervise.WaitForExit(30_000));
        string err = supervise.StandardError.ReadToEnd();
        Assert.Equal("supervise: warning: descriptor limit 8 is too low for a shell script as s/run: /bin/sh needs descriptor 10\n", err);
    }

    [Fact]
    public void Svscan_with_a_single_descriptor_warns_and_keeps_rescanning()
    {
        RunScripts.Service(_temp.Combine("scan", "a"), "exec sleep 1000");
        Process svscan = Start("/usr/bin/softlimit", "-o", "1", Programs.Ours("svscan"), "scan");
        var err = new System.Text.StringBuilder();
        svscan.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (err) err.Append(e.Data).Append('\n');
        };
        svscan.BeginErrorReadLine();
        string Err()
        {
            lock (err) return err.ToString();
        }

        const string Unreadable = "svscan: warning: unable to read directory: process cannot open more files\n";
        Eventually.True(() => Err().Split(Unreadable).Length > 2 || svscan.HasExited, "two passes that could not read the directory");
        Assert.False(svscan.HasExited, $"svscan alive: {Err()}");
        Assert.StartsWith(
            "svscan: warning: unable to lock .svscan.lock: process cannot open more files\n"
            + "svscan: warning: unable to read signals, rescanning every 5 seconds only: process cannot open more files\n"
            + "svscan: warning: unable to watch directory, rescanning every 5 seconds only: process cannot open more files\n"
            + Unreadable + Unreadable,
            Err());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Svscan_under_a_descriptor_limit_runs_what_it_can_and_says_why_on_each_pass_for_the_rest(int limit)
    {
        string scan = _temp.Combine("scan");
        RunScripts.Service(Path.Combine(scan, "a"), "echo hello\nexec sleep 1000", "exec cat > captured");
        RunScripts.Service(Path.Combine(scan, "b"), "exec sleep 1000");
        // softlimit execs svscan in place: the pid RunningScanner knows stays svscan's.
        string limited = _temp.Combine("svscan-limited");
        RunScripts.Shell(limited, $"exec /usr/bin/softlimit -o {limit} {Programs.Ours("svscan")} \"$@\"");
        using var scanner = new RunningScanner(limited, scan, Programs.OurBin + ":/usr/bin:/bin");
        // b's supervise runs either way (at 8 /bin/sh cannot run b/run, and supervise says so: see above).
        Eventually.True(() => ProgramRun.Run(Programs.Debian("svok"), [Path.Combine(scan, "b")]).ExitCode == 0, "b (no log) supervised");
        if (limit == 16)
        {
            Eventually.True(() => ServiceTree.Up(Path.Combine(scan, "b")), "b up");
            Eventually.True(() => File.Exists(Path.Combine(scan, "a", "log", "captured")) && File.ReadAllText(Path.Combine(scan, "a", "log", "captured")) == "hello\n", "a's line in its log");
            Assert.Equal(string.Empty, scanner.Stderr);
        }
        else
        {
            // svscan's own descriptors (lock, signals, inotify, the directory) leave none for a's
            // pipe: it says so on every pass and keeps the rest running. (Debian's supervise cannot
            // start at all under 8: "unable to read a/supervise/ok".)
            const string NoPipe = "svscan: warning: unable to create pipe for a: process cannot open more files\n";
            Eventually.True(() => scanner.Stderr.Split(NoPipe).Length > 2, "two passes that could not pair a with its log");
            Assert.False(Directory.Exists(Path.Combine(scan, "a", "supervise")));
        }
        Assert.False(scanner.Exited);
    }

    private Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.Environment["PATH"] = Programs.OurBin + ":/usr/bin:/bin";
        foreach (string arg in args) info.ArgumentList.Add(arg);
        Process process = Process.Start(info)!;
        _started.Add(process);
        return process;
    }

    private static ProgramResult Scenario(string program, int limit, string bin)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("env"));
        File.WriteAllText(dir.Combine("env", "V"), "value\n");
        File.WriteAllText(dir.Combine("lock"), string.Empty);
        Directory.CreateDirectory(dir.Combine("down"));
        var environment = new Dictionary<string, string?> { ["LIM"] = $"/usr/bin/softlimit -o {limit}", ["B"] = bin };
        return ProgramRun.Run("/bin/sh", ["-c", Scenarios[program] + "; echo rc=$?"], environment: environment, workingDirectory: dir.Path);
    }
}
