namespace Daemontools.Tests.Shared;

/// <summary>The executable scripts tests write: ./run, log/run, ./finish and stand-in programs, mode 0755.</summary>
public static class RunScripts
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, executable by all; returns the path.</summary>
    public static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, Executable);
        return path;
    }

    /// <summary>Writes a /bin/sh script running <paramref name="body"/>; returns the path.</summary>
    public static string Shell(string path, string body) => Write(path, "#!/bin/sh\n" + body + "\n");

    /// <summary>Creates <paramref name="directory"/> with ./run running <paramref name="run"/> under /bin/sh, and log/run when <paramref name="logRun"/> is given.</summary>
    public static string Service(string directory, string run, string? logRun = null)
    {
        Directory.CreateDirectory(directory);
        Shell(Path.Combine(directory, "run"), run);
        if (logRun is not null)
        {
            Directory.CreateDirectory(Path.Combine(directory, "log"));
            Shell(Path.Combine(directory, "log", "run"), logRun);
        }
        return directory;
    }
}
