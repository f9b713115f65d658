using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Supervision;

/// <summary>
/// The side effects a <see cref="Supervisor"/> under test asks for, recorded instead of done: starts
/// get pids from <see cref="NextPid"/> on (or fail with <see cref="FailWith"/>), ./finish gets 901, 902, ...
/// </summary>
public sealed class FakeServiceRunner : IServiceRunner
{
    public int NextPid { get; set; } = 100;

    public Errno FailWith { get; set; }

    /// <summary>Whether ./run leads a process group, so that group signals reach it.</summary>
    public bool LeadsGroup { get; set; }

    public int Starts { get; private set; }

    public List<(int ExitCode, int Signal)> Finishes { get; } = [];

    public List<(int Pid, Signal Signal, bool Group)> Signals { get; } = [];

    public StartResult Start()
    {
        Starts++;
        return FailWith != Errno.None ? new StartResult(-1, FailWith) : new StartResult(NextPid++, Errno.None);
    }

    public StartResult Start(ServiceSettings settings) => Start();

    public StartResult StartFinish(ServiceSettings settings, int exitCode, int signal)
    {
        Finishes.Add((exitCode, signal));
        return new StartResult(900 + Finishes.Count, Errno.None);
    }

    public void Signal(int pid, Signal signal) => Signals.Add((pid, signal, false));

    public bool SignalGroup(int pid, Signal signal)
    {
        if (!LeadsGroup) return false;
        Signals.Add((pid, signal, true));
        return true;
    }
}
