namespace Daemontools.Commands.Tests;

/// <summary>
/// Our svscan notices a log/ made after it first saw the service (0.76 never pairs it): one warning
/// while the service's supervise runs, and the pairing once that supervise is restarted.
/// </summary>
public sealed class SvscanLateLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private RunningScanner? _scanner;

    public void Dispose()
    {
        _scanner?.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_late_log_is_reported_once_and_paired_when_the_service_supervise_restarts()
    {
        string scan = _temp.Combine("service");
        string service = RunScripts.Service(Path.Combine(scan, "web"), "echo hello $$\nexec sleep 1000");
        _scanner = new RunningScanner(Programs.Ours("svscan"), scan, Programs.OurBin + ":/usr/bin:/bin");
        Eventually.True(() => ServiceTree.Up(service), "web up");

        Directory.CreateDirectory(Path.Combine(service, "log"));
        RunScripts.Shell(Path.Combine(service, "log", "run"), "exec multilog ./main");
        _scanner.Signal(ProcessTree.SIGHUP);
        _scanner.Signal(ProcessTree.SIGHUP);
        const string Warning = "svscan: warning: web/log appeared after supervise web started: web is not logged until its supervise restarts (svc -dx web)\n";
        Eventually.True(() => _scanner.Stderr.Contains(Warning, StringComparison.Ordinal), "the late-log warning");
        Assert.Single(_scanner.Supervisors());

        ProgramRun.Run(Programs.Ours("svc"), ["-dx", service]);

        Eventually.True(() => ServiceTree.Log(Path.Combine(service, "log", "main")).StartsWith("hello ", StringComparison.Ordinal), "web's output in its log");
        Assert.Equal(["supervise log", "supervise web"], _scanner.Supervisors().Select(s => s.Args).Order(StringComparer.Ordinal));
        Assert.Equal(1, Occurrences(_scanner.Stderr, "appeared after"));
    }

    private static int Occurrences(string text, string what) => text.Split(what).Length - 1;
}
