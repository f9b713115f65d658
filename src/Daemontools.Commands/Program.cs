using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>
/// The multi-call entry point: the program is named by the basename of argv[0]
/// (a link such as bin/svc), or by the first argument of `daemontools program args...`.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        CurrentProcess.RestoreDefaultPipeSignal();
        ProgramEntry? program = ProgramTable.Find(Path.GetFileName(Environment.GetCommandLineArgs()[0]));
        if (program is null && args.Length > 0 && ProgramTable.Find(args[0]) is ProgramEntry named)
        {
            program = named;
            args = args[1..];
        }
        if (program is null)
        {
            string names = string.Join(' ', Array.ConvertAll([.. ProgramTable.All], p => p.Name));
            Diagnostics.Write($"{ProgramTable.MultiCallName}: usage: {ProgramTable.MultiCallName} program [ arg ... ]\nprograms: {names}\n");
            return 100;
        }
        try
        {
            return program.Run(args, new Chain());
        }
        catch (Failure failure)
        {
            Diagnostics.Write(failure.Message);
            return failure.ExitCode;
        }
    }
}
