using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>The side effects a <see cref="Supervisor"/> asks for: starting ./run and ./finish, and signalling them.</summary>
public interface IServiceRunner
{
    /// <summary>Starts ./run as 0.76 does; its pid, or -1 with errno.</summary>
    int Start(out int errno);

    /// <summary>Starts ./run as <paramref name="settings"/> ask (notification and lock descriptors, session); its pid, or -1 with errno.</summary>
    int Start(ServiceSettings settings, out int errno) => Start(out errno);

    /// <summary>Starts ./finish with ./run's exit code (256 when signalled) and signal; its pid, or -1 with errno.</summary>
    int StartFinish(ServiceSettings settings, int exitCode, int signal, out int errno)
    {
        errno = Errno.ENOENT;
        return -1;
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    void Signal(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to the process group <paramref name="pid"/> leads; false when it leads none.</summary>
    bool SignalGroup(int pid, int signal) => false;
}
