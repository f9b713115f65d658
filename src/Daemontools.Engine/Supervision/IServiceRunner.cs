using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>The side effects a <see cref="Supervisor"/> asks for: starting ./run and signalling it.</summary>
public interface IServiceRunner
{
    /// <summary>Starts ./run.</summary>
    StartResult Start();

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    void Signal(int pid, Signal signal);
}
