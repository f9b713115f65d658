using System.Text;

namespace Daemontools.Engine.Unix;

/// <summary>
/// The one shape of a failure the engine cannot go on from: the step that failed, the path it
/// concerned (if any) and errno (<see cref="Errno.None"/> where no call failed). Each area throws
/// its own <see cref="SystemFailureException{TStep}"/>; the faces word the step as the originals do.
/// </summary>
public abstract class SystemFailureException : IOException
{
    private readonly Enum? _step;
    private readonly string? _detail;
    private string? _message;

    private protected SystemFailureException(Enum step, string? path, Errno errno, string? detail)
    {
        _step = step;
        _detail = detail;
        Path = path;
        Errno = errno;
    }

    private protected SystemFailureException(string message, string? path, Errno errno, Exception? inner)
        : base(message, inner)
    {
        _message = message;
        Path = path;
        Errno = errno;
    }

    /// <summary>
    /// Worded on first use, not when thrown: naming the step (Enum.ToString) makes the native
    /// runtime reserve its 4 MB frozen-object heap, which a program failing under a tight
    /// `softlimit -m` cannot afford, and the programs word the step themselves.
    /// </summary>
    public override string Message => _message ??= Describe(_step!, Path, Errno, _detail);

    /// <summary>The file or directory the failed step concerned, as given; null when none.</summary>
    public string? Path { get; }

    /// <summary>errno of the failed call; <see cref="Errno.None"/> when the failure was not a call's.</summary>
    public Errno Errno { get; }

    /// <summary>"unable to acquire lock DIR/supervise/lock: Resource temporarily unavailable".</summary>
    private static string Describe(Enum step, string? path, Errno errno, string? detail)
    {
        var text = new StringBuilder("unable to ");
        foreach (char c in step.ToString())
        {
            if (char.IsUpper(c) && text.Length > "unable to ".Length) text.Append(' ');
            text.Append(char.ToLowerInvariant(c));
        }
        if (path is not null) text.Append(' ').Append(path);
        if (detail is not null) text.Append(": ").Append(detail);
        if (errno != Errno.None) text.Append(": ").Append(errno.Description());
        return text.ToString();
    }
}
