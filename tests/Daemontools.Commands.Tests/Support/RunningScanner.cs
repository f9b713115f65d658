using System.Diagnostics;
using System.Text;

namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// An svscan running on a directory in its own session (so its supervisors and services share
/// its process group), stderr captured. Dispose kills everything it started: the tree under
/// svscan's pid, then the whole process group, by pid.
/// </summary>
public sealed class RunningScanner : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly HashSet<int> _seen = [];

    /// <summary>Starts <paramref name="svscan"/> on <paramref name="directory"/> with PATH set to <paramref name="path"/> (where it finds supervise).</summary>
    public RunningScanner(string svscan, string directory, string path)
    {
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // env resets every signal to its default and execs, so the pid stays svscan's: what svscan
        // ignores it ignores itself, not because the test host passed it on.
        info.ArgumentList.Add("/usr/bin/env");
        info.ArgumentList.Add("--default-signal");
        info.ArgumentList.Add(svscan);
        info.ArgumentList.Add(directory);
        info.Environment["PATH"] = path;
        _process = Process.Start(info)!;
        _process.StandardInput.Close();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.Append(e.Data).Append('\n');
        };
        _process.BeginErrorReadLine();
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        Pid = _process.Id;
    }

    /// <summary>svscan's pid (setsid and env exec in place, so this is also the session and group id).</summary>
    public int Pid { get; }

    /// <summary>What svscan and its supervisors wrote to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>The live supervise processes svscan started, with their arguments ("supervise a", "supervise log").</summary>
    public IReadOnlyList<(int Pid, string Args, string? Cwd)> Supervisors()
    {
        var result = new List<(int, string, string?)>();
        foreach (int child in ProcessTree.Children(Pid))
        {
            if (!ProcessTree.Alive(child)) continue;
            string? args = ProcessTree.Args(child);
            if (args is null || !args.Contains("supervise", StringComparison.Ordinal)) continue;
            lock (_seen) _seen.Add(child);
            result.Add((child, args, ProcessTree.WorkingDirectory(child)));
        }
        return result;
    }

    /// <summary>Sends svscan a signal.</summary>
    public void Signal(int signal) => ProcessTree.Kill(Pid, signal);

    /// <summary>Waits for svscan to exit; returns its exit code, or null on timeout.</summary>
    public int? WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout) ? _process.ExitCode : null;

    /// <summary>True once svscan has exited.</summary>
    public bool Exited => _process.HasExited;

    public void Dispose()
    {
        var victims = new HashSet<int>(ProcessTree.Descendants(Pid));
        lock (_seen) victims.UnionWith(_seen);
        foreach (int pid in victims.ToList()) victims.UnionWith(ProcessTree.Descendants(pid));
        if (!_process.HasExited) ProcessTree.Kill(Pid, ProcessTree.SIGKILL);
        foreach (int pid in victims) ProcessTree.Kill(pid, ProcessTree.SIGKILL);
        ProcessTree.KillUntilGone(() => ProcessTree.InGroup(Pid), "svscan's process group to be gone");
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
