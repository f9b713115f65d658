using System.Collections;
using System.Text;
using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// Starts the native svscan on a directory from a long-lived process such as pwsh: in its own
/// session (so the caller's terminal signals never reach the tree), by absolute path, with the
/// program folder first on PATH so svscan finds its own supervise there, output to readproctitle,
/// a file or the caller's own. The started process stays the caller's child, reaped at once by
/// <see cref="ScannerChild"/>; it outlives the caller only when the caller exits first.
/// </summary>
public sealed class ScannerLaunch
{
    private static readonly string Dots = new('.', 400);

    /// <summary>Describes a launch of <paramref name="binDirectory"/>/svscan on <paramref name="directory"/>.</summary>
    public ScannerLaunch(string binDirectory, string directory)
    {
        BinDirectory = binDirectory;
        Directory = directory;
    }

    /// <summary>Folder holding svscan, supervise, readproctitle, multilog (absolute).</summary>
    public string BinDirectory { get; }

    /// <summary>The absolute path of the directory to scan.</summary>
    public string Directory { get; }

    /// <summary>Where the output goes.</summary>
    public ScannerOutput Output { get; init; } = ScannerOutput.ReadProcTitle;

    /// <summary>The file for <see cref="ScannerOutput.File"/>.</summary>
    public string? LogFile { get; init; }

    /// <summary>Starts svscan (through /bin/sh for the redirections) and its reaper; throws <see cref="ScannerStartException"/> when the shell cannot be started.</summary>
    public ScannerChild Start()
    {
        string script = Output switch
        {
            ScannerOutput.File => "exec \"$0\" \"$1\" </dev/null >>\"$3\" 2>&1",
            ScannerOutput.Inherit => "exec \"$0\" \"$1\" </dev/null",
            // The shell stays to reap both ends of the pipeline.
            _ => $"\"$0\" \"$1\" </dev/null 2>&1 | \"$2\" service errors: {Dots}",
        };
        var arguments = new List<string>
        {
            "sh", "-c", script, Path.Combine(BinDirectory, "svscan"), Directory, Path.Combine(BinDirectory, "readproctitle"),
        };
        if (Output == ScannerOutput.File) arguments.Add(LogFile ?? throw new InvalidOperationException("LogFile is required for ScannerOutput.File"));
        SpawnResult started = Spawner.Spawn(new SpawnRequest("/bin/sh", arguments)
        {
            Environment = EnvironmentWithBinFirst(),
            NewSession = true,
        });
        return started.Started ? new ScannerChild(started.Child) : throw new ScannerStartException(ScannerStartStep.Launch, Directory, started.Errno);
    }

    /// <summary>Waits until an svscan holds the lock of <see cref="Directory"/>; returns its pid. Fails early when <paramref name="child"/> ends first (<see cref="ScannerStartStep.ScannerEnded"/>), else at <paramref name="timeout"/>.</summary>
    public int AwaitScanner(TimeSpan timeout, ScannerChild child)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            int pid = ScanDirectory.ScannerPid(Directory);
            if (pid > 0) return pid;
            if (child.WaitForEnd(TimeSpan.FromMilliseconds(20))) throw new ScannerStartException(ScannerStartStep.ScannerEnded, Directory, endedWith: child.Status);
            if (Environment.TickCount64 > deadline) throw new ScannerStartException(ScannerStartStep.ScannerTimedOut, Directory);
        }
    }

    private List<byte[]> EnvironmentWithBinFirst()
    {
        var result = new List<byte[]>();
        string? path = null;
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name == "PATH") path = entry.Value as string;
            else result.Add(Encoding.UTF8.GetBytes($"{name}={entry.Value}"));
        }
        result.Add(Encoding.UTF8.GetBytes($"PATH={BinDirectory}:{(string.IsNullOrEmpty(path) ? "/bin:/usr/bin" : path)}"));
        return result;
    }
}
