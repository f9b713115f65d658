using Daemontools.Engine.Supervision;

namespace Daemontools.Commands;

/// <summary>
/// svc opts dirs: sends the option letters (each once, first-seen order, one write) to the
/// supervise of every directory. Problems with a directory are warnings (and, beyond 0.76, a
/// supervise/control that is not a FIFO); the exit code stays 0, as Debian's.
/// </summary>
internal static class SvcCommand
{
    public const string Name = "svc";
    private const string Options = "svc options: u up, d down, o once, x exit, p pause, c continue, h hup, a alarm, i interrupt, t term, k kill\n";

    public static int Run(string[] args)
    {
        var sequence = new ControlSequence();
        int first = ParseOptions(args, sequence);
        byte[] commands = sequence.ToArray();
        Failure.UnlessWorkingDirectoryOpens(Name); // 0.76 opens "." to return to between directories
        for (int i = first; i < args.Length; i++) Send(args[i], commands);
        return 0;
    }

    /// <summary>DJB's getopt: clustered letters; an argument starting "--" ends the options and is skipped; "-" or a non-option ends them too.</summary>
    private static int ParseOptions(string[] args, ControlSequence sequence)
    {
        int i = 0;
        for (; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal)) return i + 1;
            if (arg.Length < 2 || arg[0] != '-') return i;
            foreach (char letter in arg.AsSpan(1))
            {
                if (ControlSequence.FromLetter(letter) is not ControlCommand command)
                {
                    throw Failure.WithText(100, $"{ProgramName()}: illegal option -- {letter}\n{Options}");
                }
                sequence.Add(command);
            }
        }
        return i;
    }

    /// <summary>getopt names the program by argv[0]'s last component, as invoked.</summary>
    private static string ProgramName()
    {
        string name = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        return name.Length == 0 || name == "daemontools" ? Name : name;
    }

    private static void Send(string dir, byte[] commands)
    {
        ControlResult result = ControlClient.Send(dir, commands);
        string? text = result.Outcome switch
        {
            ControlOutcome.DirectoryUnavailable => $"unable to chdir to {dir}",
            ControlOutcome.NotRunning => $"unable to control {dir}: supervise not running",
            ControlOutcome.OpenFailed => $"unable to control {dir}",
            ControlOutcome.WriteFailed => $"error writing commands to {dir}",
            // Beyond 0.76, which writes into the file and says nothing.
            ControlOutcome.NotFifo => $"unable to control {dir}: supervise/control is not a FIFO; supervise applies the commands when it next wakes",
            _ => null,
        };
        if (text is null) return;
        Diagnostics.Warning(Name, text, result.Errno, withErrno: result.Outcome is not (ControlOutcome.NotRunning or ControlOutcome.NotFifo));
    }
}
