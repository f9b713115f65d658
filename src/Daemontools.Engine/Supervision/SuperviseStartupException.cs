namespace Daemontools.Engine.Supervision;

/// <summary>supervise could not take charge of its directory.</summary>
public sealed class SuperviseStartupException : Exception
{
    /// <summary>Creates the exception for <paramref name="step"/> failing with <paramref name="errno"/>.</summary>
    public SuperviseStartupException(SuperviseStartupStep step, int errno)
        : base($"supervise start-up failed at {step} (errno {errno})")
    {
        Step = step;
        Errno = errno;
    }

    /// <summary>The step that failed.</summary>
    public SuperviseStartupStep Step { get; }

    /// <summary>errno of the failure.</summary>
    public int Errno { get; }
}
