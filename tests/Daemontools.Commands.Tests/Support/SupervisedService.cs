using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// A service directory under a temp root with a supervise (ours or Debian's) running on it.
/// Dispose stops it with `svc -dx`, then kills by pid whatever is left: supervise, every ./run
/// pid seen in its status file with its children, and anything else still working in its directory.
/// </summary>
public sealed partial class SupervisedService : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly HashSet<int> _runPids = [];
    private readonly StringBuilder _stderr = new();
    private Process? _supervise;
    private Task? _stderrPump;

    /// <summary>Creates NAME/run with <paramref name="runScript"/> (a /bin/sh script body) and optionally NAME/down.</summary>
    public SupervisedService(string runScript, bool down = false, string name = "svc")
    {
        Name = name;
        Directory.CreateDirectory(Path);
        RunScripts.Shell(System.IO.Path.Combine(Path, "run"), runScript);
        if (down) File.WriteAllText(System.IO.Path.Combine(Path, "down"), string.Empty);
    }

    /// <summary>The directory's name, relative to <see cref="Root"/>, as the programs are given it.</summary>
    public string Name { get; }

    /// <summary>The temp directory holding the service directory; the programs run here.</summary>
    public string Root => _root.Path;

    /// <summary>The service directory's full path.</summary>
    public string Path => _root.Combine(Name);

    /// <summary>supervise's pid.</summary>
    public int SupervisePid => _supervise?.Id ?? 0;

    /// <summary>Everything supervise wrote to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Starts <paramref name="supervise"/> (a path) on the directory, from <see cref="Root"/>.</summary>
    public SupervisedService Start(string supervise, Action<ProcessStartInfo>? adjust = null)
    {
        var info = new ProcessStartInfo(supervise)
        {
            WorkingDirectory = Root,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Name);
        adjust?.Invoke(info);
        StartWithDefaultSignals(info);
        _supervise = Process.Start(info)!;
        _supervise.StandardInput.Close();
        Process process = _supervise;
        _stderrPump = Task.Run(() =>
        {
            char[] buffer = new char[1024];
            int n;
            while ((n = process.StandardError.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (_stderr) _stderr.Append(buffer, 0, n);
            }
        });
        return this;
    }

    // Process.Start passes on the dispositions the test host was started with: under nohup, SIGHUP
    // stays ignored, Debian's supervise hands that to ./run, and sh cannot trap a signal ignored on
    // entry. env resets every signal to its default and execs, so the pid stays supervise's.
    private static void StartWithDefaultSignals(ProcessStartInfo info)
    {
        string[] arguments = [info.FileName, .. info.ArgumentList];
        info.FileName = "/usr/bin/env";
        info.ArgumentList.Clear();
        info.ArgumentList.Add("--default-signal");
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
    }

    /// <summary>Whether supervise has exited.</summary>
    public bool Exited => _supervise is null || _supervise.HasExited;

    /// <summary>supervise's exit code once it has exited.</summary>
    public int ExitCode => _supervise!.ExitCode;

    /// <summary>The raw status file (and remembers the pid it names, to kill it at the end).</summary>
    public byte[] StatusBytes()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(System.IO.Path.Combine(Path, "supervise", "status"));
        }
        catch (IOException)
        {
            return [];
        }
        if (bytes.Length >= 18)
        {
            int pid = bytes[12] | bytes[13] << 8 | bytes[14] << 16 | bytes[15] << 24;
            if (pid != 0) lock (_runPids) _runPids.Add(pid);
        }
        return bytes;
    }

    /// <summary>The pid of ./run according to the status file (0 when down).</summary>
    public int RunPid
    {
        get
        {
            byte[] bytes = StatusBytes();
            return bytes.Length >= 18 ? bytes[12] | bytes[13] << 8 | bytes[14] << 16 | bytes[15] << 24 : 0;
        }
    }

    /// <summary>Runs a client program (svc, svstat, svok) from <see cref="Root"/>.</summary>
    public ProgramResult Client(string program, params string[] args)
    {
        StatusBytes();
        return ProgramRun.Run(program, args, workingDirectory: Root);
    }

    /// <summary>Starts our svwait with <paramref name="options"/> on the directory, from <see cref="Root"/>, without waiting for it.</summary>
    public PendingWait SvwaitInBackground(params string[] options)
    {
        var info = new ProcessStartInfo(Programs.Ours("svwait")) { WorkingDirectory = Root, UseShellExecute = false };
        foreach (string option in options) info.ArgumentList.Add(option);
        info.ArgumentList.Add(Name);
        return new PendingWait(Process.Start(info)!);
    }

    /// <summary>svstat's line with pid and seconds masked: "svc: up (pid N) S seconds, ...".</summary>
    public string MaskedStatus(string svstat) => Mask(Client(svstat, Name).Out.TrimEnd('\n'));

    /// <summary>Masks pids and seconds in svstat output.</summary>
    public static string Mask(string line) => Seconds().Replace(Pid().Replace(line, "(pid N)"), "S seconds");

    /// <summary>Sends <paramref name="option"/> with the given svc, then waits until the given svstat prints <paramref name="expected"/> (masked).</summary>
    public void Control(string svc, string option, string svstat, string expected)
    {
        Client(svc, option, Name);
        AwaitStatus(svstat, expected);
    }

    /// <summary>Waits until svstat (the given binary) prints <paramref name="expected"/> (masked).</summary>
    public void AwaitStatus(string svstat, string expected)
    {
        string last = string.Empty;
        Eventually.True(() => (last = MaskedStatus(svstat)) == expected, $"svstat to say '{expected}' (last: '{last}')");
    }

    /// <summary>Lines ./run appended to NAME/log (the test scripts' convention).</summary>
    public string[] Log()
    {
        try
        {
            return File.ReadAllLines(System.IO.Path.Combine(Path, "log"));
        }
        catch (IOException)
        {
            return [];
        }
    }

    public void Dispose()
    {
        try
        {
            if (_supervise is not null && !_supervise.HasExited)
            {
                StatusBytes();
                ProgramRun.Run(Programs.Debian("svc"), ["-dx", Name], workingDirectory: Root);
                if (!_supervise.WaitForExit(2000)) _supervise.Kill();
                _supervise.WaitForExit(5000);
            }
        }
        finally
        {
            StatusBytes();
            lock (_runPids)
            {
                foreach (int pid in _runPids) KillWithChildren(pid);
            }
            // A ./run no status read ever named (started just before supervise was killed) still
            // runs in the service directory: found by its working directory, like ComparedService's.
            ProcessTree.KillUntilGone(() => ProcessTree.InDirectory(Root), $"the processes of {Root} to be gone");
            _stderrPump?.Wait(2000);
            _supervise?.Dispose();
            _root.Dispose();
        }
    }

    // A run script's own children (the sleep between its traps) would outlive it: stop it first so
    // it cannot start another, then kill them and it.
    private static void KillWithChildren(int pid)
    {
        if (!ProcessTree.Alive(pid)) return;
        ProcessTree.Kill(pid, ProcessTree.SIGSTOP);
        foreach (int child in ProcessTree.Descendants(pid)) ProcessTree.Kill(child, ProcessTree.SIGKILL);
        ProcessTree.Kill(pid, ProcessTree.SIGKILL);
    }

    [GeneratedRegex(@"\(pid \d+\)")]
    private static partial Regex Pid();

    [GeneratedRegex(@"\d+ seconds")]
    private static partial Regex Seconds();
}
