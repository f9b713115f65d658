using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>The side effects a <see cref="Supervisor"/> asks for: starting ./run and ./finish, and signalling them.</summary>
public interface IServiceRunner
{
    /// <summary>Starts ./run as 0.76 does.</summary>
    StartResult Start();

    /// <summary>Starts ./run as <paramref name="settings"/> ask (notification and lock descriptors, session).</summary>
    StartResult Start(ServiceSettings settings) => Start();

    /// <summary>Starts ./finish with ./run's exit code (256 when signalled) and signal number.</summary>
    StartResult StartFinish(ServiceSettings settings, int exitCode, int signal) => new(-1, Errno.ENOENT);

    /// <summary>
    /// After ./run (<paramref name="pid"/>) was reaped: the errno its execve failed with, when the
    /// start returned before the child had exec'd (0.76's fork); None when it ran.
    /// </summary>
    Errno TakeExecFailure(int pid) => Errno.None;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    void Signal(int pid, Signal signal);

    /// <summary>Sends <paramref name="signal"/> to the process group <paramref name="pid"/> leads; false when it leads none.</summary>
    bool SignalGroup(int pid, Signal signal) => false;
}
