namespace Daemontools.Engine.Logging;

/// <summary>
/// multilog cannot start: a directory cannot be opened or locked, a status file cannot be
/// created. <see cref="Text"/> is the original's phrase, e.g. "unable to lock directory ./log".
/// </summary>
public sealed class MultilogException : IOException
{
    /// <summary>Creates the exception.</summary>
    public MultilogException(string text, int errno)
        : base($"{text}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}")
    {
        Text = text;
        Errno = errno;
    }

    /// <summary>What failed, in the original's words.</summary>
    public string Text { get; }

    /// <summary>The errno of the failed call.</summary>
    public int Errno { get; }
}
