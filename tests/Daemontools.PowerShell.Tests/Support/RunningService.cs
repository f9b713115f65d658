using System.Diagnostics;

namespace Daemontools.PowerShell.Tests.Support;

/// <summary>
/// Service directories under a temp root, each with our supervise running on it. Dispose kills
/// supervise and every ./run pid its status named, by pid.
/// </summary>
public sealed class RunningService : IDisposable
{
    private readonly List<Process> _supervisors = [];
    private readonly HashSet<int> _runPids = [];

    public RunningService()
    {
        Root = Directory.CreateTempSubdirectory("dt-ps-").FullName;
    }

    public string Root { get; }

    public static string Bin { get; } = Path.Combine(ModuleSession.RepoRoot, "out", "Daemontools", "bin");

    /// <summary>Creates ROOT/name with a run script; starts supervise on it unless <paramref name="start"/> is false.</summary>
    public string Add(string name, string runScript = "exec sleep 1000", bool down = false, bool start = true, IReadOnlyDictionary<string, string>? files = null)
    {
        string dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        foreach ((string file, string text) in files ?? new Dictionary<string, string>()) File.WriteAllText(Path.Combine(dir, file), text);
        RunScripts.Shell(Path.Combine(dir, "run"), runScript);
        if (down) File.WriteAllText(Path.Combine(dir, "down"), string.Empty);
        if (!start) return dir;
        var info = new ProcessStartInfo(Path.Combine(Bin, "supervise")) { UseShellExecute = false, WorkingDirectory = Root };
        info.ArgumentList.Add(dir);
        _supervisors.Add(Process.Start(info)!);
        Eventually.True(() => RunPid(dir) != 0 || down, $"{dir} to start");
        Eventually.True(() => File.Exists(Path.Combine(dir, "supervise", "ok")), $"{dir}/supervise/ok");
        return dir;
    }

    /// <summary>The pid in the status file (remembered for the cleanup).</summary>
    public int RunPid(string dir)
    {
        try
        {
            byte[] status = File.ReadAllBytes(Path.Combine(dir, "supervise", "status"));
            if (status.Length < 18) return 0;
            int pid = status[12] | status[13] << 8 | status[14] << 16 | status[15] << 24;
            if (pid != 0) lock (_runPids) _runPids.Add(pid);
            return pid;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        foreach (Process supervise in _supervisors)
        {
            if (!supervise.HasExited) supervise.Kill();
            supervise.WaitForExit(5000);
            supervise.Dispose();
        }
        foreach (string dir in Directory.EnumerateDirectories(Root)) RunPid(dir);
        foreach (int pid in _runPids)
        {
            try
            {
                using var run = Process.GetProcessById(pid);
                run.Kill();
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
