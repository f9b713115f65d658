using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>A started child, or the step that failed and its errno.</summary>
internal readonly record struct SpawnResult(ChildProcess Child, Errno Errno, SpawnStep FailedStep)
{
    /// <summary>The child is running.</summary>
    public bool Started => Errno == Errno.None;

    /// <summary>A start that failed at <paramref name="step"/>.</summary>
    public static SpawnResult Failed(SpawnStep step, Errno errno) => new(new ChildProcess(-1), errno, step);
}
