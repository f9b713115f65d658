using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>How starting ./run went: its pid, or the errno that prevented it.</summary>
public readonly record struct StartResult(int Pid, Errno Errno)
{
    /// <summary>./run is running.</summary>
    public bool Started => Pid > 0;
}
