namespace Daemontools.Engine.Unix;

/// <summary>A <see cref="SystemFailureException"/> whose step is one of an area's own steps.</summary>
public abstract class SystemFailureException<TStep> : SystemFailureException
    where TStep : struct, Enum
{
    /// <summary>Creates the failure of <paramref name="step"/> on <paramref name="path"/> with <paramref name="errno"/>.</summary>
    protected SystemFailureException(TStep step, string? path, Errno errno)
        : base(step, path, errno)
    {
        Step = step;
    }

    /// <summary>The failure of <paramref name="step"/> on <paramref name="path"/>, caused by <paramref name="inner"/>.</summary>
    protected SystemFailureException(TStep step, string? path, Errno errno, Exception? inner)
        : base(step, path, errno, inner)
    {
        Step = step;
    }

    /// <summary>The step that failed.</summary>
    public TStep Step { get; }
}
