using Daemontools.Engine.Interop;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Tests.Scanning;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;
using Xunit.Abstractions;

namespace Daemontools.Engine.Tests.Supervision;

/// <summary>
/// supervise's steady state allocates nothing: control bytes that stop and start a real ./run,
/// with the settings files looked for before each start and the status file written after each
/// event, as SupervisorLoop wires them, measured with GC.GetAllocatedBytesForCurrentThread.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class SupervisorAllocationTests : IDisposable
{
    private const int Cycles = 50;

    private readonly CurrentTempDirectory _dir = new("dt-supervise-alloc-");
    private readonly ITestOutputHelper _output;
    private readonly List<SupervisorWarning> _failures = [];
    private long _monotonic;

    public SupervisorAllocationTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stopping_and_starting_the_service_through_control_bytes_allocates_nothing()
    {
        Directory.CreateDirectory(_dir.Combine("supervise"));
        string run = RunScripts.Write(_dir.Combine("run"), "#!/bin/sh\nexec sleep 1000\n");
        var warnings = new List<SupervisorWarning>();
        Action<SupervisorWarning> warn = warnings.Add; // one delegate, as SupervisorLoop has (a method group makes a new one each time)
        // Each reading of the clock is two seconds on: the restart throttle never holds a start back.
        var supervisor = new Supervisor(
            true, new RunScript(), SystemClock.Instance, () => _monotonic += 2000, Announce, warn, () => SettingsFile.Read(warn), _ => { });
        supervisor.Begin();
        supervisor.StartIfWanted();
        try
        {
            for (int i = 0; i < 3; i++) Cycle(supervisor);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Cycles; i++) Cycle(supervisor);
            long perCycle = (GC.GetAllocatedBytesForCurrentThread() - before) / Cycles;
            _output.WriteLine($"bytes allocated per down, exit, reap, up, pause, continue: {perCycle}");
            Assert.Equal(0, perCycle);
            Assert.Empty(warnings);
            Assert.Empty(_failures);
            Assert.NotEqual(0, supervisor.ChildPid);
            Assert.Equal((uint)supervisor.ChildPid, StatusPid());
        }
        finally
        {
            if (supervisor.ChildPid > 0)
            {
                Signals.Send(supervisor.ChildPid, Signal.Kill);
                new ChildProcess(supervisor.ChildPid).Wait();
            }
        }
    }

    // No assertions in here: xunit's allocate.
    private static void Cycle(Supervisor supervisor)
    {
        int pid = supervisor.ChildPid;
        supervisor.OnControl("d"u8);
        new ChildProcess(pid).Wait();
        supervisor.OnChildExited();
        supervisor.OnControl("upc"u8);
    }

    private void Announce(StatusRecord record, StatusExtension? extension)
    {
        if (StatusFile.Write(record, extension) is { } failed) _failures.Add(failed);
    }

    private uint StatusPid() => StatusRecord.TryDecode(File.ReadAllBytes(_dir.Combine("supervise", "status")), out StatusRecord record) ? record.ProcessId : 0;
}
