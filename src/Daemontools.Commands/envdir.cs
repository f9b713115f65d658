using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>envdir dir child: sets and removes variables as the files in dir say, then runs child.</summary>
internal static class EnvdirCommand
{
    public const string Name = "envdir";

    public static int Run(string[] args, Chain chain)
    {
        string directory = args[0];
        IReadOnlyList<EnvDirectoryEntry> entries;
        try
        {
            entries = EnvDirectory.Read(directory);
        }
        catch (EnvDirectoryException e)
        {
            throw Failure.Fatal(Name, Describe(e), errno: e.Errno);
        }
        EnvironmentBlock next = chain.Environment.Clone();
        next.Apply(entries);
        return chain.Run(Name, args[1..], next);
    }

    private static string Describe(EnvDirectoryException e) => e.Step switch
    {
        EnvDirectoryStep.OpenCurrentDirectory => "unable to open current directory",
        EnvDirectoryStep.SwitchDirectory => $"unable to switch to directory {e.Directory}",
        EnvDirectoryStep.ReadDirectory => $"unable to read directory {e.Directory}",
        _ => $"unable to read {e.Directory}/{e.File}",
    };
}
