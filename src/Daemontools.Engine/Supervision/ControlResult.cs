namespace Daemontools.Engine.Supervision;

/// <summary>The outcome of a control write and the errno behind a failure (0 for a short write).</summary>
public readonly record struct ControlResult(ControlOutcome Outcome, int Errno)
{
    /// <summary>True when supervise received the bytes.</summary>
    public bool Succeeded => Outcome == ControlOutcome.Sent;
}
