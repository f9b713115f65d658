using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands.Shared;

/// <summary>
/// A program ends with a message on stderr and an exit code. Thrown anywhere in a program;
/// <see cref="Program"/> prints it and exits, the one place where failures become exit codes.
/// </summary>
internal sealed class Failure : Exception
{
    private Failure(int exitCode, string text)
        : base(text)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>"prog: usage: prog ..." and the given code (100 for most programs).</summary>
    public static Failure Usage(string program, string usage, int exitCode = 100) =>
        new(exitCode, $"{program}: usage: {program} {usage}\n");

    /// <summary>"prog: fatal: text" and exit 111.</summary>
    public static Failure Fatal(string program, string text) =>
        new(111, $"{program}: fatal: {text}\n");

    /// <summary>"prog: fatal: text: errtext" and exit 111.</summary>
    public static Failure Fatal(string program, string text, Errno errno, int exitCode = 111) =>
        new(exitCode, $"{program}: fatal: {text}: {errno.Wording()}\n");

    /// <summary>"prog: fatal: unable to open current directory: errtext" unless "." opens (0.76's svc and svstat keep it to come back to).</summary>
    public static void UnlessWorkingDirectoryOpens(string program)
    {
        try
        {
            CurrentProcess.CheckWorkingDirectory();
        }
        catch (WorkingDirectoryException e)
        {
            throw Fatal(program, "unable to open current directory", e.Errno);
        }
    }

    /// <summary>Exit with <paramref name="exitCode"/> and no message (e.g. tai64n on an I/O error).</summary>
    public static Failure Silent(int exitCode) => new(exitCode, string.Empty);

    /// <summary>Exit with a preformatted message (already ending in a newline).</summary>
    public static Failure WithText(int exitCode, string text) => new(exitCode, text);
}
