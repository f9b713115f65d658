using System.Buffers.Binary;

namespace Daemontools.Commands.Tests.Support;

/// <summary>Reads what supervise and multilog left in service directories (built with <see cref="RunScripts"/>).</summary>
public static class ServiceTree
{
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
