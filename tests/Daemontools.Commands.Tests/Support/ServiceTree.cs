using System.Buffers.Binary;

namespace Daemontools.Commands.Tests.Support;

/// <summary>Builds service directories (run scripts, log/run) and reads what supervise left in them.</summary>
public static class ServiceTree
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="directory"/> with ./run running <paramref name="run"/> under /bin/sh, and log/run when <paramref name="logRun"/> is given.</summary>
    public static string Service(string directory, string run, string? logRun = null)
    {
        Directory.CreateDirectory(directory);
        Script(Path.Combine(directory, "run"), run);
        if (logRun is not null)
        {
            Directory.CreateDirectory(Path.Combine(directory, "log"));
            Script(Path.Combine(directory, "log", "run"), logRun);
        }
        return directory;
    }

    /// <summary>Writes an executable /bin/sh script.</summary>
    public static void Script(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, Executable);
    }

    /// <summary>The pid in DIR/supervise/status (0 when down or unreadable).</summary>
    public static int ServicePid(string directory)
    {
        try
        {
            byte[] status = File.ReadAllBytes(Path.Combine(directory, "supervise", "status"));
            return status.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(status.AsSpan(12, 4)) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Debian's svstat line for the directory.</summary>
    public static string Svstat(string directory) =>
        ProgramRun.Run(Programs.Debian("svstat"), [directory]).Out;

    /// <summary>svstat says the service is up.</summary>
    public static bool Up(string directory) => Svstat(directory).Contains(": up (pid ", StringComparison.Ordinal);

    /// <summary>Everything multilog wrote in a log directory: rotated files in order, then current.</summary>
    public static string Log(string directory)
    {
        if (!Directory.Exists(directory)) return string.Empty;
        IEnumerable<string> files = Directory.GetFiles(directory, "@*").Order(StringComparer.Ordinal)
            .Append(Path.Combine(directory, "current"))
            .Where(File.Exists);
        return string.Concat(files.Select(File.ReadAllText));
    }
}
