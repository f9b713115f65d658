using System.Buffers.Binary;
using System.Text;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// Our multilog under Debian's supervise, fed through a pipe that outlives it (as svscan's
/// does): killed with SIGKILL again and again while numbered lines keep coming, it must
/// leave every number exactly once, recovering each unfinished current as a .u file and
/// never leaving an empty archive.
/// </summary>
public sealed class MultilogCrashTests
{
    private static int SupervisedPid(string service)
    {
        byte[] status = File.ReadAllBytes(Path.Combine(service, "supervise", "status"));
        return status.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(status.AsSpan(12, 4)) : 0;
    }

    /// <summary>
    /// The numbers of the complete lines ("@stamp n 123 payload") of a log directory, archives in
    /// order then current, read as one stream; a line still being written is not counted yet.
    /// No archive may be empty, and no file may start inside a line.
    /// </summary>
    /// <summary>How many complete lines the directory holds, or -1 when a rotation moved a file under the reader.</summary>
    private static int Count(string dir)
    {
        try
        {
            return Directory.Exists(dir) ? Numbers(dir).Count : 0;
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
    }

    private static List<long> Numbers(string dir)
    {
        var text = new StringBuilder();
        foreach (string file in Directory.GetFiles(dir, "@*").Order(StringComparer.Ordinal).Append(Path.Combine(dir, "current")).Where(File.Exists))
        {
            string content = File.ReadAllText(file);
            Assert.True(content.Length > 0 || Path.GetFileName(file) == "current", $"{Path.GetFileName(file)} is empty");
            Assert.True(content.Length == 0 || content.StartsWith("@", StringComparison.Ordinal) || content.StartsWith("n ", StringComparison.Ordinal), $"{Path.GetFileName(file)} starts inside a line");
            text.Append(content);
        }
        string[] lines = text.ToString().Split('\n');
        return lines.Take(lines.Length - 1).Select(l => long.Parse(l.Split(' ')[^2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>A service directory whose run is our multilog with <paramref name="script"/> into ./main.</summary>
    private static (string Service, string Main) LoggerService(TempDirectory temp, string script)
    {
        string service = temp.Combine("svc");
        Directory.CreateDirectory(service);
        RunScripts.Shell(Path.Combine(service, "run"), $"exec {Programs.Ours("multilog")} {script} ./main");
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
                Eventually.True(() => Count(main) == written, $"round {round}: all {written} lines logged");
                int pid = SupervisedPid(service);
                RunningMultilog.Signal(pid, "KILL");
                WriteLines(1500); // the pipe holds them while multilog is down
                Eventually.True(() => SupervisedPid(service) is int p && p > 0 && p != pid, $"round {round}: supervise to restart multilog");
            }
            supervise.CloseInput();
            long total = next - 1;
            Eventually.True(() => Count(main) >= total, $"all {total} lines logged");
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
    public void Kill_9_under_load_loses_and_repeats_nothing()
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
            var random = new Random(14);
            for (int kill = 0; kill < 10; kill++)
            {
                long before = Interlocked.Read(ref written);
                long enough = before + random.Next(2000, 20000);
                Eventually.True(() => Interlocked.Read(ref written) > enough, $"kill {kill}: lines flowing");
                int pid = SupervisedPid(service);
                RunningMultilog.Signal(pid, "KILL");
                Eventually.True(() => SupervisedPid(service) is int p && p > 0 && p != pid, $"kill {kill}: supervise to restart multilog");
            }
            stop.Cancel();
            writer.Join();
            supervise.CloseInput();
            long total = written;
            Eventually.True(() => Count(main) >= total, $"all {total} lines logged", TimeSpan.FromSeconds(30));
            Assert.Equal(Enumerable.Range(1, (int)total).Select(i => (long)i), Numbers(main));
        }
        finally
        {
            stop.Cancel();
            ProgramRun.Run(Programs.Debian("svc"), ["-dx", service]);
            if (!supervise.HasExited) supervise.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// The issue's scenario: svscan, a service printing numbered lines at full speed, log/run =
    /// multilog t s100000 n300 ./main, and the logger killed with SIGKILL again and again mid-stream
    /// (supervise restarts it a second later, on the same pipe svscan holds).
    /// </summary>
    [Fact]
    public void Under_svscan_a_logger_killed_mid_stream_logs_every_line_once()
    {
        const int Lines = 600_000;
        using var temp = new TempDirectory();
        string scan = temp.Combine("service");
        string service = RunScripts.Service(Path.Combine(scan, "numbers"),
            $"seq -f 'n %.0f payload' 1 {Lines}\nexec sleep 100000", $"exec {Programs.Ours("multilog")} t s100000 n300 ./main");
        string log = Path.Combine(service, "log");
        string main = Path.Combine(log, "main");
        long Size() => Directory.Exists(main) ? Directory.GetFiles(main).Where(f => Path.GetFileName(f) is ['@', ..] or "current").Select(f => new FileInfo(f)).Sum(f => f.Exists ? f.Length : 0) : 0;

        using var scanner = new RunningScanner(Programs.Ours("svscan"), scan, Programs.OurBin + ":/usr/bin:/bin");
        var random = new Random(14);
        int kills = 0;
        long complete = (long)Lines * "@4000000000000000000000000 n 300000 payload\n".Length;
        for (int round = 0; round < 5; round++)
        {
            long before = Size();
            long step = random.Next(200_000, 1_500_000);
            Eventually.True(() => ServiceTree.ServicePid(log) > 0 && Size() > before + step, $"kill {round}: the log growing", TimeSpan.FromSeconds(30));
            if (Size() > complete * 9 / 10) break; // near the end: the rest of the stream is too short to aim at
            int pid = ServiceTree.ServicePid(log);
            ProcessTree.Kill(pid, ProcessTree.SIGKILL);
            kills++;
            Eventually.True(() => ServiceTree.ServicePid(log) is int p && p > 0 && p != pid, $"kill {round}: supervise to restart multilog");
        }
        Assert.True(kills >= 3, $"only {kills} kills landed mid-stream");
        Eventually.True(() => Count(main) >= Lines, $"all {Lines} lines logged", TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, Lines).Select(i => (long)i), Numbers(main));
        Assert.NotEmpty(Directory.GetFiles(main, "@*.u"));
    }
}
