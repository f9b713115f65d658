using System.Buffers.Binary;
using System.Text;
using Daemontools.Commands.Tests.Support;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// Our multilog under Debian's supervise, fed through a pipe that outlives it (as svscan's
/// does): killed with SIGKILL again and again while numbered lines keep coming, it must
/// leave every number exactly once, recovering each unfinished current as a .u file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MultilogCrashTests
{
    private static int SupervisedPid(string service)
    {
        byte[] status = File.ReadAllBytes(Path.Combine(service, "supervise", "status"));
        return status.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(status.AsSpan(12, 4)) : 0;
    }

    private static List<long> Numbers(string dir)
    {
        var numbers = new List<long>();
        foreach (string file in Directory.GetFiles(dir).Where(f => Path.GetFileName(f).StartsWith('@') || Path.GetFileName(f) == "current").Order(StringComparer.Ordinal))
        {
            // Archives sort by their TAI64N names; current is last.
            if (Path.GetFileName(file) == "current") continue;
            numbers.AddRange(Parse(file));
        }
        string current = Path.Combine(dir, "current");
        if (File.Exists(current)) numbers.AddRange(Parse(current));
        return numbers;
    }

    /// <summary>The numbers of the complete lines ("@stamp n 123 payload"); a line still being written is not counted yet.</summary>
    private static IEnumerable<long> Parse(string file)
    {
        string text = File.ReadAllText(file);
        string[] lines = text.Split('\n');
        return lines.Take(lines.Length - 1).Select(l => long.Parse(l.Split(' ')[^2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A service directory whose run is our multilog with <paramref name="script"/> into ./main.</summary>
    private static (string Service, string Main) LoggerService(TempDirectory temp, string script)
    {
        string service = temp.Combine("svc");
        Directory.CreateDirectory(service);
        File.WriteAllText(Path.Combine(service, "run"), $"#!/bin/sh\nexec {Programs.Ours("multilog")} {script} ./main\n");
        File.SetUnixFileMode(Path.Combine(service, "run"), (UnixFileMode)0x1ed);
        return (service, Path.Combine(service, "main"));
    }

    [Fact]
    public void Kill_9_and_restart_under_supervise_loses_and_repeats_no_line()
    {
        using var temp = new TempDirectory();
        (string service, string main) = LoggerService(temp, "t s4096 n1000");

        using var supervise = new RunningMultilog(Programs.Debian("supervise"), temp.Path, "svc");
        try
        {
            long next = 1;
            void WriteLines(int count)
            {
                var batch = new StringBuilder();
                for (int i = 0; i < count; i++)
                {
                    string line = $"n {next++} payload\n";
                    if (batch.Length + line.Length > 4096)
                    {
                        supervise.Write(batch.ToString());
                        batch.Clear();
                    }
                    batch.Append(line);
                }
                if (batch.Length > 0) supervise.Write(batch.ToString());
            }

            Eventually.True(() => File.Exists(Path.Combine(service, "supervise", "status")) && SupervisedPid(service) > 0, "supervise to start multilog");
            for (int round = 0; round < 3; round++)
            {
                WriteLines(1500);
                long written = next - 1;
                Eventually.True(() => Directory.Exists(main) && Numbers(main).Count == written, $"round {round}: all {written} lines logged");
                int pid = SupervisedPid(service);
                RunningMultilog.Signal(pid, "KILL");
                WriteLines(1500); // the pipe holds them while multilog is down
                Eventually.True(() => SupervisedPid(service) is int p && p > 0 && p != pid, $"round {round}: supervise to restart multilog");
            }
            supervise.CloseInput();
            long total = next - 1;
            Eventually.True(() => Numbers(main).Count >= total, $"all {total} lines logged");
            Assert.Equal(Enumerable.Range(1, (int)total).Select(i => (long)i), Numbers(main));
            Assert.NotEmpty(Directory.GetFiles(main, "@*.u"));
        }
        finally
        {
            ProgramRun.Run(Programs.Debian("svc"), ["-dx", service]);
            if (!supervise.HasExited) supervise.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Kill_9_under_load_loses_nothing()
    {
        using var temp = new TempDirectory();
        (string service, string main) = LoggerService(temp, "s100000 n1000");

        using var supervise = new RunningMultilog(Programs.Debian("supervise"), temp.Path, "svc");
        long written = 0;
        using var stop = new CancellationTokenSource();
        try
        {
            Eventually.True(() => File.Exists(Path.Combine(service, "supervise", "status")) && SupervisedPid(service) > 0, "supervise to start multilog");
            // The writer never pauses: each kill lands while lines are flowing.
            var writer = new Thread(() =>
            {
                var batch = new StringBuilder();
                while (!stop.IsCancellationRequested)
                {
                    batch.Clear();
                    while (batch.Length < 4000) batch.Append($"n {++written} load\n");
                    supervise.Write(batch.ToString());
                }
            });
            writer.Start();
            for (int kill = 0; kill < 3; kill++)
            {
                long before = Interlocked.Read(ref written);
                Eventually.True(() => Interlocked.Read(ref written) > before + 20000, $"kill {kill}: lines flowing");
                int pid = SupervisedPid(service);
                RunningMultilog.Signal(pid, "KILL");
                Eventually.True(() => SupervisedPid(service) is int p && p > 0 && p != pid, $"kill {kill}: supervise to restart multilog");
            }
            stop.Cancel();
            writer.Join();
            supervise.CloseInput();
            long total = written;
            Eventually.True(() => Numbers(main).Distinct().Count() >= total, $"all {total} lines logged", TimeSpan.FromSeconds(30));
            List<long> numbers = Numbers(main);
            Assert.Equal(Enumerable.Range(1, (int)total).Select(i => (long)i), numbers.Distinct().Order());
            // A kill between writing lines and taking them out of the pipe may log them twice: at most one pipeful per kill.
            Assert.InRange(numbers.Count - total, 0, 3 * 65536 / 10);
        }
        finally
        {
            stop.Cancel();
            ProgramRun.Run(Programs.Debian("svc"), ["-dx", service]);
            if (!supervise.HasExited) supervise.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }
}
