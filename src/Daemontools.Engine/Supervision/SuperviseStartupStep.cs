namespace Daemontools.Engine.Supervision;

/// <summary>The start-up steps of supervise that are fatal when they fail (0.76's order).</summary>
public enum SuperviseStartupStep
{
    /// <summary>chdir into the service directory.</summary>
    ChangeDirectory,

    /// <summary>stat ./down (an errno other than ENOENT).</summary>
    StatDown,

    /// <summary>open supervise/lock and take the exclusive flock.</summary>
    AcquireLock,

    /// <summary>open supervise/control for reading.</summary>
    ReadControl,

    /// <summary>open supervise/control for writing (the writer supervise keeps).</summary>
    WriteControl,

    /// <summary>open supervise/ok for reading.</summary>
    ReadOk,
}
