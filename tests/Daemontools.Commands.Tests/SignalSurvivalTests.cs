using System.Diagnostics;

namespace Daemontools.Commands.Tests;

/// <summary>
/// svscan, supervise and readproctitle have no use for most signals (Debian's die of PIPE, ALRM,
/// USR1, HUP...): 20,000 of them, round robin, and all three are still there and still work,
/// and a service they start still gets every signal at its default and an empty mask.
/// </summary>
public sealed class SignalSurvivalTests : IDisposable
{
    /// <summary>HUP USR1 USR2 PIPE ALRM STKFLT CHLD CONT TSTP TTIN TTOU URG XFSZ VTALRM PROF WINCH IO PWR and two real-time signals.</summary>
    private static readonly int[] Stray = [1, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 23, 25, 26, 27, 28, 29, 30, 40, 50];

    private readonly TempDirectory _temp = new();
    private RunningScanner? _scanner;
    private Process? _title;

    public void Dispose()
    {
        _scanner?.Dispose();
        if (_title is { HasExited: false }) _title.Kill();
        _title?.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Svscan_supervise_and_readproctitle_survive_20000_stray_signals_and_keep_working()
    {
        string scan = _temp.Combine("service");
        string service = RunScripts.Service(Path.Combine(scan, "a"), "echo started\nexec sleep 1000", "exec cat > captured");
        _scanner = new RunningScanner(Programs.Ours("svscan"), scan, Programs.OurBin + ":/usr/bin:/bin");
        _title = StartReadproctitle();
        string captured = Path.Combine(service, "log", "captured");
        Eventually.True(() => ServiceTree.Up(service) && ServiceTree.Up(Path.Combine(service, "log")) && Lines(captured) == 1, "a and its logger up, one line logged");
        int[] daemons = [_scanner.Pid, .. _scanner.Supervisors().Select(s => s.Pid), _title.Id];
        Assert.Equal(4, daemons.Length);

        for (int i = 0; i < 20_000; i++) ProcessTree.Kill(daemons[i % daemons.Length], Stray[i / daemons.Length % Stray.Length]);

        foreach (int pid in daemons) Assert.True(ProcessTree.Stat(pid) is { State: not ('Z' or 'T' or 't') }, $"pid {pid} ({ProcessTree.Args(pid)}) running");

        // supervise obeys, the new ./run starts clean and its output reaches the logger.
        ProgramRun.Run(Programs.Ours("svc"), ["-d", service]);
        Eventually.True(() => ServiceTree.Svstat(service).Contains(": down ", StringComparison.Ordinal), "a down");
        ProgramRun.Run(Programs.Ours("svc"), ["-u", service]);
        Eventually.True(() => ServiceTree.Up(service) && Lines(captured) == 2, "a up again and its second line logged");
        string[] status = File.ReadAllLines($"/proc/{ServiceTree.ServicePid(service)}/status");
        Assert.Contains("SigBlk:\t0000000000000000", status);
        ulong ignored = Convert.ToUInt64(status.First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim(), 16);
        Assert.Equal(0UL, ignored & ~0x1_8000_0000UL); // all but glibc's internal 32 and 33, which posix_spawn sets aside

        // svscan still scans: a new directory starts.
        string added = RunScripts.Service(_temp.Combine("staged"), "exec sleep 1000");
        Directory.Move(added, Path.Combine(scan, "b"));
        Eventually.True(() => ServiceTree.Up(Path.Combine(scan, "b")), "b, added after the signals, up");

        // readproctitle still reads.
        _title.StandardInput.BaseStream.Write("still here\n"u8);
        _title.StandardInput.BaseStream.Flush();
        Eventually.True(() => ProcessTree.Args(_title.Id)?.EndsWith("still here\n", StringComparison.Ordinal) == true, "readproctitle to show new input");
        Assert.Equal(string.Empty, _scanner.Stderr);
    }

    private static int Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

    /// <summary>readproctitle with every signal at its default (env resets them and execs in place).</summary>
    private static Process StartReadproctitle()
    {
        var info = new ProcessStartInfo("/usr/bin/env") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "--default-signal", Programs.Ours("readproctitle"), "service", "errors:", new string('.', 40) }) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }
}
