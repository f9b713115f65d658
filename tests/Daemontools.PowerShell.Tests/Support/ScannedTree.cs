using System.Management.Automation;

namespace Daemontools.PowerShell.Tests.Support;

/// <summary>
/// A temp root with a scan directory (scan/) under the module's svscan (Start-SvScan) and a
/// repository of service directories (sv/). Dispose stops svscan (Stop-SvScan), then SIGKILLs,
/// by pid and until none is left, whatever is left in its session and in the sessions of the
/// ./run processes seen (a service with flag-setsid leads a session of its own).
/// </summary>
public sealed class ScannedTree : IDisposable
{
    private readonly ModuleSession _session;
    private readonly int _scannerSession;
    private readonly HashSet<int> _runs = [];

    public ScannedTree(ModuleSession session)
    {
        _session = session;
        Root = Directory.CreateTempSubdirectory("dt-life-").FullName;
        Directory.CreateDirectory(Scan);
        PSObject scanner = session.RunClean("Start-SvScan -Path $scan -LogPath $log", Vars(("scan", Scan), ("log", ScanLog))).Single();
        ScannerPid = (int)scanner.Properties["ProcessId"].Value;
        _scannerSession = ProcessTree.Stat(ScannerPid)!.Value.Session;
    }

    public string Root { get; }

    /// <summary>The scan directory svscan runs on.</summary>
    public string Scan => Path.Combine(Root, "scan");

    /// <summary>The repository folder New-SvService writes into.</summary>
    public string Repository => Path.Combine(Root, "sv");

    /// <summary>svscan's stdout and stderr.</summary>
    public string ScanLog => Path.Combine(Root, "svscan.log");

    public int ScannerPid { get; }

    /// <summary>Variables for a script: $scan, $repo and the given ones.</summary>
    public Dictionary<string, object?> Vars(params (string Name, object? Value)[] more)
    {
        var vars = new Dictionary<string, object?> { ["scan"] = Scan, ["repo"] = Repository };
        foreach ((string name, object? value) in more) vars[name] = value;
        return vars;
    }

    /// <summary>Live (not zombie) processes of svscan's session.</summary>
    public IReadOnlyList<int> Processes() => ProcessTree.InSession(_scannerSession);

    /// <summary>The command line of a process, arguments joined by spaces (null once it is gone).</summary>
    public static string? CommandLine(int pid) => ProcessTree.Args(pid);

    /// <summary>The pid supervise/status names in <paramref name="directory"/> (0 when down or unreadable), remembered for the cleanup.</summary>
    public int RunPid(string directory)
    {
        try
        {
            byte[] status = File.ReadAllBytes(Path.Combine(directory, "supervise", "status"));
            int pid = status.Length >= 18 ? BitConverter.ToInt32(status, 12) : 0;
            if (pid > 0) lock (_runs) _runs.Add(pid);
            return pid;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool Alive(int pid) => ProcessTree.Alive(pid);

    public void Dispose()
    {
        if (Directory.Exists(Repository))
        {
            foreach (string service in Directory.EnumerateDirectories(Repository))
            {
                RunPid(service);
                RunPid(Path.Combine(service, "log"));
            }
        }
        _session.Run("Stop-SvScan -Path $scan -Timeout 30", Vars());
        int[] sessions;
        lock (_runs) sessions = [_scannerSession, .. _runs];
        // Another session is a service's only while its processes work under this tree (pids are reused).
        IEnumerable<int> Victims() => ProcessTree.InSession(_scannerSession).Concat(sessions.Skip(1).SelectMany(ProcessTree.InSession).Where(InTree)).Distinct();
        ProcessTree.KillUntilGone(() => [.. Victims()], $"sessions {string.Join(", ", sessions)} to be gone");
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool InTree(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget?.StartsWith(Root, StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
