using System.Text;
using Daemontools.Engine.Interop;

namespace Daemontools.Commands.Shared;

/// <summary>Writes the originals' "prog: warning: ..." lines to stderr, unbuffered as strerr does.</summary>
internal static class Diagnostics
{
    /// <summary>"prog: warning: text".</summary>
    public static void Warning(string program, string text) => Write($"{program}: warning: {text}\n");

    /// <summary>"prog: warning: text: errtext".</summary>
    public static void Warning(string program, string text, int errno) =>
        Write($"{program}: warning: {text}: {ErrorText.For(errno)}\n");

    /// <summary>Writes text to stderr as bytes; errors are ignored, as there is nowhere left to report them.</summary>
    public static void Write(string text)
    {
        if (text.Length == 0) return;
        Descriptor.TryWriteAll(Descriptor.StandardError, Encoding.UTF8.GetBytes(text), out _);
    }
}
