using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;
using Xunit.Abstractions;

namespace Daemontools.Engine.Tests.Scanning;

/// <summary>
/// svscan's steady state allocates nothing: a rescan of an unchanged directory of 100 services,
/// and the restart of a supervise that ended, measured with GC.GetAllocatedBytesForCurrentThread.
/// Every managed byte a long-lived program allocates is eventually a page it touches; 0.76-style
/// rescans every 5 seconds (and one per SIGHUP) made svscan's memory grow without end.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class ScannerAllocationTests : IDisposable
{
    private const int Services = 100, Rescans = 200;

    private readonly CurrentTempDirectory _dir = new("dt-scan-alloc-");
    private readonly ITestOutputHelper _output;

    public ScannerAllocationTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_rescan_of_an_unchanged_directory_and_a_supervise_restart_allocate_nothing()
    {
        for (int i = 0; i < Services; i++) Directory.CreateDirectory(_dir.Combine($"service{i}", i % 2 == 0 ? "log" : "."));
        File.WriteAllText(_dir.Combine("not-a-directory"), string.Empty);
        string stub = RunScripts.Write(_dir.Combine(".supervise"), "#!/bin/sh\nexec sleep 1000\n");
        var warnings = new List<ScanWarning>();
        using var scanner = new Scanner(new ScanOptions { SuperviseProgram = stub }, warnings.Add);
        try
        {
            scanner.ScanAll();
            Assert.Equal(Services * 3 / 2, scanner.RunningSupervisors);
            for (int i = 0; i < 3; i++) scanner.ScanAll();

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Rescans; i++) scanner.ScanAll();
            long perRescan = (GC.GetAllocatedBytesForCurrentThread() - before) / Rescans;
            _output.WriteLine($"bytes allocated per rescan of {Services} services: {perRescan}");

            long restart = 0;
            for (int i = 0; i < 3; i++) restart = Restart(scanner, scanner.Slots[i]);
            _output.WriteLine($"bytes allocated restarting an ended supervise: {restart}");

            Assert.Equal(0, perRescan);
            Assert.Equal(0, restart);
            Assert.Empty(warnings);
            Assert.Equal(Services * 3 / 2, scanner.RunningSupervisors);
        }
        finally
        {
            foreach (ServiceSlot slot in scanner.Slots)
            {
                foreach (int pid in new[] { slot.MainPid, slot.LogPid }.Where(p => p > 0))
                {
                    Signals.Send(pid, Signal.Kill);
                    new ChildProcess(pid).Wait();
                }
            }
        }
    }

    /// <summary>Kills the slot's supervise, waits for it to end, and measures the reap and the pass that starts it again.</summary>
    private static long Restart(Scanner scanner, ServiceSlot slot)
    {
        int pid = slot.MainPid;
        Signals.Send(pid, Signal.Kill);
        Eventually.True(() => File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"stand-in supervise {pid} to end");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(scanner.Reap());
        scanner.ScanAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEqual(0, slot.MainPid);
        Assert.NotEqual(pid, slot.MainPid);
        return allocated;
    }
}
