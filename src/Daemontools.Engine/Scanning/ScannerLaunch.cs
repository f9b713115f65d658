using System.Collections;
using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// Starts the native svscan on a directory from a long-lived process such as pwsh: in its own
/// session, with the program folder first on PATH (so svscan finds supervise there), output to
/// readproctitle or a file. Detached, it is started by a shell that exits at once, so svscan
/// belongs to init rather than to the caller, who never has to reap it.
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

    /// <summary>Folder holding svscan, supervise, readproctitle, multilog.</summary>
    public string BinDirectory { get; }

    /// <summary>The absolute path of the directory to scan.</summary>
    public string Directory { get; }

    /// <summary>Where the output goes.</summary>
    public ScannerOutput Output { get; init; } = ScannerOutput.ReadProcTitle;

    /// <summary>The file for <see cref="ScannerOutput.File"/>.</summary>
    public string? LogFile { get; init; }

    /// <summary>Starts svscan detached and waits (up to <paramref name="timeout"/>) until it holds the directory's lock; returns its pid.</summary>
    public int StartDetached(TimeSpan timeout)
    {
        string pipeline = Output switch
        {
            ScannerOutput.File => "svscan \"$1\" >>\"$2\" 2>&1 &",
            ScannerOutput.Inherit => "svscan \"$1\" &",
            _ => $"svscan \"$1\" 2>&1 | readproctitle service errors: {Dots} &",
        };
        WaitStatus status = Start(Request("exec </dev/null; " + pipeline)).Wait();
        if (!status.Exited || status.ExitCode != 0) throw new ScannerStartException(ScannerStartStep.Launch, Directory, $"the launching shell failed ({status.Raw})");
        return AwaitScanner(timeout, null);
    }

    /// <summary>Starts svscan as a child of the caller for foreground use; returns the child (svscan itself, or the shell running the readproctitle pipeline), which the caller reaps.</summary>
    public StartedProgram StartForeground()
    {
        string command = Output switch
        {
            ScannerOutput.File => "exec svscan \"$1\" </dev/null >>\"$2\" 2>&1",
            ScannerOutput.Inherit => "exec svscan \"$1\" </dev/null",
            _ => $"svscan \"$1\" </dev/null 2>&1 | readproctitle service errors: {Dots}",
        };
        return new StartedProgram(Start(Request(command)));
    }

    /// <summary>Waits until an svscan holds the lock of <see cref="Directory"/>; returns its pid. Fails early when <paramref name="child"/> ends first.</summary>
    public int AwaitScanner(TimeSpan timeout, StartedProgram? child)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            int pid = ScanDirectory.ScannerPid(Directory);
            if (pid > 0) return pid;
            if (child is not null && child.TryReap())
            {
                WaitStatus ended = child.Ended!.Value;
                throw new ScannerStartException(ScannerStartStep.AwaitScanner, Directory, ended.Exited ? $"svscan exited with {ended.ExitCode}" : $"svscan was killed by signal {(int)ended.Signal}");
            }
            if (Environment.TickCount64 > deadline) throw new ScannerStartException(ScannerStartStep.AwaitScanner, Directory, "svscan did not take the directory's lock in time");
            Poll.Sleep(20);
        }
    }

    private ChildProcess Start(SpawnRequest request)
    {
        SpawnResult started = Spawner.Spawn(request);
        return started.Started ? started.Child : throw new ScannerStartException(ScannerStartStep.Launch, Directory, started.Errno);
    }

    private SpawnRequest Request(string script)
    {
        var arguments = new List<string> { "sh", "-c", script, "sh", Directory };
        if (Output == ScannerOutput.File) arguments.Add(LogFile ?? throw new InvalidOperationException("LogFile is required for ScannerOutput.File"));
        return new SpawnRequest("/bin/sh", arguments)
        {
            Environment = EnvironmentWithBinFirst(),
            NewSession = true,
        };
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
