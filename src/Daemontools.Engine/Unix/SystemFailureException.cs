namespace Daemontools.Engine.Unix;

/// <summary>
/// The one shape of a failure the engine cannot go on from: the step that failed, the path it
/// concerned (if any) and errno (<see cref="Errno.None"/> where no call failed). Each area throws
/// its own <see cref="SystemFailureException{TStep}"/>; the faces word it (the programs as the
/// originals do, the cmdlets in the module's own messages), so the engine builds no sentence.
/// </summary>
public abstract class SystemFailureException : IOException
{
    private readonly Enum _step;
    private string? _message;

    private protected SystemFailureException(Enum step, string? path, Errno errno, Exception? inner = null)
        : base(null, inner)
    {
        _step = step;
        Path = path;
        Errno = errno;
    }

    /// <summary>
    /// Not a sentence: the step, the path and errno's name ("Lock /run/x.lock EAGAIN"), for a log or a
    /// debugger; the faces word the failure from <see cref="FailedStep"/>, <see cref="Path"/> and <see cref="Errno"/>.
    /// Made on first use, not when thrown: naming the step (Enum.ToString) makes the native runtime
    /// reserve its 4 MB frozen-object heap, which a program failing under a tight `softlimit -m` cannot afford.
    /// </summary>
    public override string Message => _message ??= _step.ToString() + (Path is null ? string.Empty : " " + Path) + (Errno == Errno.None ? string.Empty : " " + Errno.ToString());

    /// <summary>The step that failed (one of the throwing area's own), for a face that words any failure.</summary>
    public Enum FailedStep => _step;

    /// <summary>The file or directory the failed step concerned, as given; null when none.</summary>
    public string? Path { get; }

    /// <summary>errno of the failed call; <see cref="Errno.None"/> when the failure was not a call's.</summary>
    public Errno Errno { get; }
}
