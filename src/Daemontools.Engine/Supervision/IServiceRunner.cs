namespace Daemontools.Engine.Supervision;

/// <summary>The side effects a <see cref="Supervisor"/> asks for: starting ./run and signalling it.</summary>
public interface IServiceRunner
{
    /// <summary>Starts ./run; its pid, or -1 with errno.</summary>
    int Start(out int errno);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    void Signal(int pid, int signal);
}
