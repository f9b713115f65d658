using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Scanning;

/// <summary>Tests that change process-wide state (the current directory) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "process-wide state";
}

/// <summary>The scanner's bookkeeping with a stand-in supervisor (sleep); the scanner works on the current directory.</summary>
[Collection(ProcessWideState.Name)]
public sealed class ScannerTests : IDisposable
{
    private readonly CurrentTempDirectory _dir = new("dt-scanner-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_service_limit_warns_like_the_original_and_each_log_gets_one_pipe()
    {
        foreach (string name in new[] { "a", "b", "c" }) Directory.CreateDirectory(_dir.Combine(name, "log"));
        File.WriteAllText(_dir.Combine("file"), string.Empty);
        var warnings = new List<ScanWarning>();
        string stub = RunScripts.Write(_dir.Combine(".supervise"), "#!/bin/sh\nexec sleep 100\n");
        var options = new ScanOptions { MaxServices = 2, SuperviseProgram = stub };
        var pids = new List<int>();
        using var scanner = new Scanner(options, warnings.Add);
        try
        {
            scanner.ScanAll();
            foreach (ServiceSlot slot in scanner.Slots) pids.AddRange(new[] { slot.MainPid, slot.LogPid }.Where(p => p > 0));

            Assert.Equal(2, scanner.Slots.Count);
            Assert.Equal(4, scanner.RunningSupervisors);
            Assert.All(scanner.Slots, s => Assert.True(s.HasLog && s.MainPid > 0 && s.LogPid > 0));
            ServiceWarning(warnings, ScanWarningKind.TooManyServices);

            scanner.ScanAll();
            Assert.Equal(4, scanner.RunningSupervisors); // nothing started twice
            Assert.Equal(2, warnings.Count(w => w.Kind == ScanWarningKind.TooManyServices));
        }
        finally
        {
            foreach (int pid in pids)
            {
                Signals.Send(pid, Signal.Kill);
                new ChildProcess(pid).Wait();
            }
        }
    }

    private static void ServiceWarning(List<ScanWarning> warnings, ScanWarningKind kind)
    {
        ScanWarning warning = Assert.Single(warnings);
        Assert.Equal(kind, warning.Kind);
        Assert.Contains(warning.Name, new[] { "a", "b", "c" });
    }
}
