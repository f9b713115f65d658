namespace Daemontools.Engine.ProcessState;

/// <summary>The step of changing a resource limit that failed.</summary>
public enum ResourceLimitStep
{
    /// <summary>getrlimit.</summary>
    GetLimit,

    /// <summary>setrlimit.</summary>
    SetLimit,
}
