using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;

namespace Daemontools.Commands.Tests.Lifecycle;

/// <summary>
/// Service directories made by the lifecycle engine are plain daemontools: they run under our
/// svscan and supervise and under Debian's, and the removal protocol leaves nothing behind under either.
/// </summary>
public sealed class CreatedServiceTests : IDisposable
{
    private const string DebianPath = "/usr/bin:/bin";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _temp = new();
    private readonly List<RunningScanner> _scanners = [];

    public CreatedServiceTests()
    {
        Directory.CreateDirectory(Scan);
    }

    private string Scan => _temp.Combine("service");

    private string Repository => _temp.Combine("sv");

    public void Dispose()
    {
        foreach (RunningScanner scanner in _scanners) scanner.Dispose();
        _temp.Dispose();
    }

    /// <summary>svscan with its own supervise: ours with ours, Debian's with Debian's.</summary>
    private RunningScanner Start(string which)
    {
        var scanner = which == "ours"
            ? new RunningScanner(Programs.Ours("svscan"), Scan, Programs.OurBin + ":" + DebianPath)
            : new RunningScanner(Programs.Debian("svscan"), Scan, DebianPath);
        _scanners.Add(scanner);
        return scanner;
    }

    private string Create(ServiceDefinition definition) =>
        ServiceCreation.Create(Repository, new ServiceLayout(definition, Programs.OurBin), replace: false);

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void A_created_service_runs_through_its_chain_and_logs_under_each_svscan(string which)
    {
        string work = _temp.Combine("work");
        Directory.CreateDirectory(work);
        string service = Create(new ServiceDefinition("web", "sh -c 'echo \"hello $GREETING from $PWD as $(id -un)\"; exec sleep 1000'")
        {
            Environment = new Dictionary<string, string?> { ["GREETING"] = "world" },
            User = "nobody",
            MemoryLimit = 200_000_000,
            WorkingDirectory = work,
            Logger = new LoggerDefinition { MaxFileSize = 4096, MaxFiles = 3 },
        });
        // nobody must be able to reach its working directory
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_temp.Path, ServiceLayout.Executable);
        EnabledService entry = ServiceLink.Enable(Scan, service, null, out _);

        RunningScanner scanner = Start(which);

        Eventually.True(() => ServiceTree.Log(Path.Combine(service, "log", "main")).Contains($"hello world from {work} as nobody\n", StringComparison.Ordinal), "the greeting in the log");
        Assert.Matches(@"^@[0-9a-f]{24} hello world", ServiceTree.Log(Path.Combine(service, "log", "main")));
        Assert.True(ServiceTree.Up(entry.Path));
        Assert.True(ServiceTree.Up(entry.LogPath));
        Assert.Equal(2, scanner.Supervisors().Count);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void Disabling_takes_the_link_out_then_stops_service_and_logger_after_the_logger_read_every_line(string which)
    {
        // Down at first, so that the lines are written only while the logger is paused.
        string service = Create(new ServiceDefinition("chatty", "sh -c 'i=0; while [ $i -lt 1500 ]; do echo \"line $i\"; i=$((i+1)); done; exec sleep 1000'")
        {
            Down = true,
            Logger = new LoggerDefinition(),
        });
        EnabledService entry = ServiceLink.Enable(Scan, service, null, out _);
        RunningScanner scanner = Start(which);
        Eventually.True(() => ServiceTree.Up(entry.LogPath) && File.Exists(Path.Combine(service, "supervise", "ok")), "the logger up and the service supervised");
        int logger = ServiceTree.ServicePid(entry.LogPath);
        Assert.True(ControlClient.Send(entry.LogPath, "p"u8).Succeeded);
        Eventually.True(() => ProcessTree.Stat(logger)?.State == 'T', "the logger stopped");
        Assert.True(ControlClient.Send(entry.Path, "u"u8).Succeeded);
        Eventually.True(() => ServiceTree.ServicePid(service) is int pid and > 0 && Comm(pid) == "sleep", "the service to have written its lines");
        int run = ServiceTree.ServicePid(service);
        Assert.DoesNotContain("line 1499", ServiceTree.Log(Path.Combine(service, "log", "main")), StringComparison.Ordinal);

        Assert.Equal(service, ServiceRemoval.Disable(entry, Timeout));

        Assert.False(Path.Exists(entry.Path) || new FileInfo(entry.Path).LinkTarget is not null);
        Assert.True(File.Exists(Path.Combine(service, "run")));
        Assert.Equal(ProbeOutcome.NotRunning, SuperviseProbe.Check(service).Outcome);
        Assert.Equal(ProbeOutcome.NotRunning, SuperviseProbe.Check(Path.Combine(service, "log")).Outcome);
        Assert.False(ProcessTree.Alive(run));
        Eventually.True(() => !ProcessTree.Alive(logger), "multilog gone");
        Eventually.True(() => scanner.Supervisors().Count == 0, "no supervise left under svscan");
        string[] lines = [.. ServiceTree.Log(Path.Combine(service, "log", "main")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[26..])];
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => $"line {i}"), lines);

        // A later scan does not bring it back: a second service enabled now starts, the disabled one does not.
        string marker = Create(new ServiceDefinition("marker", "sleep 1000"));
        ServiceLink.Enable(Scan, marker, null, out _);
        Eventually.True(() => ServiceTree.Up(Path.Combine(Scan, "marker")), "a service enabled after the removal to start");
        Assert.Equal(ProbeOutcome.NotRunning, SuperviseProbe.Check(service).Outcome);
    }

    [Fact]
    public void A_service_made_in_place_in_the_scan_directory_is_moved_to_a_dot_name_and_Remove_deletes_it()
    {
        string inPlace = ServiceCreation.Create(Scan, new ServiceLayout(new ServiceDefinition("local", "sleep 1000") { Logger = new LoggerDefinition() }, Programs.OurBin), replace: false);
        Start("ours");
        Eventually.True(() => ServiceTree.Up(inPlace) && ServiceTree.Up(Path.Combine(inPlace, "log")), "the in-place service up");
        EnabledService entry = EnabledServices.Find(Scan, "local")!;
        Assert.False(entry.IsLink);

        string moved = ServiceRemoval.Disable(entry, Timeout);

        Assert.Equal(Path.Combine(Scan, ".local"), moved);
        Assert.False(Directory.Exists(inPlace));
        Assert.Equal(ProbeOutcome.NotRunning, SuperviseProbe.Check(moved).Outcome);
        ServiceRemoval.Remove(moved, Scan, Timeout);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Scan), p => Path.GetFileName(p) != ".svscan.lock");
    }

    [Fact]
    public void Remove_disables_first_and_refuses_a_directory_a_supervise_still_runs_in()
    {
        string service = Create(new ServiceDefinition("web", "sleep 1000"));
        ServiceLink.Enable(Scan, service, null, out _);
        Start("ours");
        Eventually.True(() => ServiceTree.Up(service), "web up");
        int run = ServiceTree.ServicePid(service);

        ServiceRemoval.Remove(service, Scan, Timeout);

        Assert.False(Directory.Exists(service));
        Assert.False(Path.Exists(Path.Combine(Scan, "web")));
        Assert.False(ProcessTree.Alive(run));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Repository));

        // supervised by hand, enabled nowhere: deleting it would orphan the supervise, so it is refused
        using SupervisedService manual = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => ServiceTree.Up(manual.Path), "the hand-supervised service up");
        var refused = Assert.Throws<ServiceLifecycleException>(() => ServiceRemoval.Remove(manual.Path, Scan, Timeout));
        Assert.Equal(LifecycleFailure.ServiceInUse, refused.Failure);
        Assert.True(File.Exists(Path.Combine(manual.Path, "run")));
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
