using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Scanning;

/// <summary>A log/ made after the scanner first saw its service, with a stand-in supervisor (sleep).</summary>
[Collection(ProcessWideState.Name)]
public sealed class ScannerLateLogTests : IDisposable
{
    private readonly CurrentTempDirectory _dir = new("dt-latelog-");
    private readonly HashSet<int> _pids = [];

    public void Dispose()
    {
        foreach (int pid in _pids)
        {
            Signals.Send(pid, Signal.Kill);
            new ChildProcess(pid).TryReap(out _);
        }
        _dir.Dispose();
    }

    [Fact]
    public void A_late_log_is_reported_once_while_the_service_runs_and_paired_once_nothing_runs()
    {
        Directory.CreateDirectory(_dir.Combine("a"));
        string stub = RunScripts.Write(_dir.Combine(".supervise"), "#!/bin/sh\nexec sleep 100\n");
        var warnings = new List<ScanWarning>();
        using var scanner = new Scanner(new ScanOptions { SuperviseProgram = stub }, warnings.Add);

        scanner.ScanAll();
        ServiceSlot slot = Assert.Single(scanner.Slots);
        Remember(slot);
        Assert.False(slot.HasLog);
        int main = slot.MainPid;

        Directory.CreateDirectory(_dir.Combine("a", "log"));
        scanner.ScanAll();
        scanner.ScanAll();

        Assert.Equal(new ScanWarning(ScanWarningKind.LateLog, "a", Errno.None), Assert.Single(warnings));
        Assert.False(slot.HasLog);
        Assert.Equal(0, slot.LogPid);
        Assert.Equal(main, slot.MainPid);

        // The supervisor dies; the scanner reaps it (its pidfd turns readable once it has exited).
        Assert.Equal(Errno.None, new ChildProcess(main).OpenPidFd(out Descriptor exited));
        Signals.Send(main, Signal.Kill);
        Poll.WaitReadable([exited], 30_000);
        exited.Close();
        Assert.True(scanner.Reap());
        Assert.Equal(0, slot.MainPid);
        scanner.ScanAll();
        Remember(slot);

        Assert.True(slot.HasLog);
        Assert.True(slot.MainPid > 0 && slot.MainPid != main);
        Assert.True(slot.LogPid > 0);
        Assert.Single(warnings);
    }

    private void Remember(ServiceSlot slot)
    {
        if (slot.MainPid > 0) _pids.Add(slot.MainPid);
        if (slot.LogPid > 0) _pids.Add(slot.LogPid);
    }
}
