using System.Text;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands.Shared;

/// <summary>
/// Writes the originals' "prog: warning: ..." lines to stderr, unbuffered as strerr does. The lines
/// are joined with string.Concat, not an interpolation of more than four parts: the interpolation
/// handler's first use seeds object hash codes from /dev/urandom and keeps that descriptor open
/// for the rest of the process, which a daemon under a tight descriptor limit cannot spare.
/// </summary>
internal static class Diagnostics
{
    /// <summary>"prog: warning: text".</summary>
    public static void Warning(string program, string text) => Write(string.Concat(program, ": warning: ", text, "\n"));

    /// <summary>"prog: warning: text: errtext".</summary>
    public static void Warning(string program, string text, Errno errno) =>
        Write(string.Concat([program, ": warning: ", text, ": ", errno.Wording(), "\n"]));

    /// <summary>"prog: warning: text: errtext", or "prog: warning: text" when the warning is not about a failed call.</summary>
    public static void Warning(string program, string text, Errno errno, bool withErrno)
    {
        if (withErrno) Warning(program, text, errno);
        else Warning(program, text);
    }

    /// <summary>Writes text to stderr as bytes; errors are ignored, as there is nowhere left to report them.</summary>
    public static void Write(string text)
    {
        if (text.Length == 0) return;
        StandardStream.Error.TryWriteAll(Encoding.UTF8.GetBytes(text));
    }
}
