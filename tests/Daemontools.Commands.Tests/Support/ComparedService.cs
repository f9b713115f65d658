using System.Diagnostics;
using System.Text;

namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// One service directory under either our supervise (driven by our svc and svwait) or s6's
/// (driven by s6-svc and s6-svwait), for the s6 differential tests: the same run, finish and
/// setting files on both sides (ours adds flag-setsid, since s6 always starts ./run in a new
/// session). Dispose stops supervise with its own svc -dx, then kills by pid every process still
/// working in the temp directory, supervise included.
/// </summary>
public sealed class ComparedService : IDisposable
{
    /// <summary>The implementations compared.</summary>
    public const string Ours = "ours", S6 = "s6";

    private readonly TempDirectory _root = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Process? _supervise;
    private Thread? _stderrPump;

    /// <summary>Lays out svc/ with run (and finish), the given setting files, and down when asked.</summary>
    public ComparedService(string implementation, string run, string? finish = null, IReadOnlyDictionary<string, string>? files = null, bool down = false)
    {
        Implementation = implementation;
        Directory.CreateDirectory(Path);
        Script("run", run);
        if (finish is not null) Script("finish", finish);
        foreach ((string name, string text) in files ?? new Dictionary<string, string>()) File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        if (implementation == Ours) File.WriteAllText(System.IO.Path.Combine(Path, "flag-setsid"), string.Empty);
        if (down) File.WriteAllText(System.IO.Path.Combine(Path, "down"), string.Empty);
    }

    /// <summary>"ours" or "s6".</summary>
    public string Implementation { get; }

    /// <summary>The directory's name as the programs are given it.</summary>
    public string Name => "svc";

    /// <summary>The service directory.</summary>
    public string Path => _root.Combine(Name);

    /// <summary>What supervise wrote to stderr.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Milliseconds since this object was made (the clock of <see cref="TimedLog"/>).</summary>
    public long Now => _clock.ElapsedMilliseconds;

    private string Program(string name) => Implementation == Ours ? Programs.Ours(name) : Programs.S6("s6-" + name);

    /// <summary>Writes an executable shell script <paramref name="name"/> into the directory (also while supervise runs).</summary>
    public void Script(string name, string body) => RunScripts.Shell(System.IO.Path.Combine(Path, name), body);

    /// <summary>Starts the implementation's supervise on the directory.</summary>
    public ComparedService Start()
    {
        var info = new ProcessStartInfo("/usr/bin/env")
        {
            WorkingDirectory = _root.Path,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--default-signal", Program("supervise"), Name }) info.ArgumentList.Add(a);
        _supervise = Process.Start(info)!;
        _supervise.StandardInput.Close();
        Process process = _supervise;
        // A thread of its own: a pool thread blocked here for the whole test starves the pool.
        _stderrPump = new Thread(() =>
        {
            char[] buffer = new char[1024];
            int n;
            while ((n = process.StandardError.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (_stderr) _stderr.Append(buffer, 0, n);
            }
        })
        { IsBackground = true };
        _stderrPump.Start();
        Eventually.True(() => File.Exists(System.IO.Path.Combine(Path, "supervise", "status")), "supervise to write its status");
        return this;
    }

    /// <summary>
    /// Subscribes to supervise's events with a pipe named as the implementation's listeners name
    /// theirs: s6's servicedir/event/ftrig1:@ and 31 characters, our supervise/event/listener-*.
    /// </summary>
    public EventPipe Listen() => new(Implementation == Ours
        ? System.IO.Path.Combine(Path, "supervise", "event", "listener-test")
        : System.IO.Path.Combine(Path, "event", "ftrig1:@" + new string('t', 31)));

    /// <summary>The implementation's svc with the given letters ("-d", "-u", ...).</summary>
    public ProgramResult Svc(string letters) => ProgramRun.Run(Program("svc"), [letters, Name], workingDirectory: _root.Path);

    /// <summary>The implementation's svwait with <paramref name="options"/>, and how long it took in milliseconds.</summary>
    public (ProgramResult Result, long Milliseconds) Svwait(params string[] options)
    {
        var clock = Stopwatch.StartNew();
        ProgramResult result = ProgramRun.Run(Program("svwait"), [.. options, Name], workingDirectory: _root.Path);
        return (result, clock.ElapsedMilliseconds);
    }

    /// <summary>Starts svwait without waiting for it; <see cref="PendingWait.Finish"/> collects its exit code.</summary>
    public PendingWait SvwaitInBackground(params string[] options)
    {
        var info = new ProcessStartInfo(Program("svwait")) { WorkingDirectory = _root.Path, UseShellExecute = false };
        foreach (string option in options) info.ArgumentList.Add(option);
        info.ArgumentList.Add(Name);
        return new PendingWait(Process.Start(info)!);
    }

    /// <summary>Lines the scripts appended to svc/log (the tests' convention: "echo ... >> log").</summary>
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

    /// <summary>Lines of svc/log written as "MILLISECONDS TEXT" by the scripts' stamp helper, text only.</summary>
    public string[] Events() => Log().Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToArray();

    /// <summary>The time of the first log line whose text is <paramref name="text"/>, in milliseconds of the wall clock.</summary>
    public long TimeOf(string text) => long.Parse(Log().First(l => l.EndsWith(" " + text, StringComparison.Ordinal)).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The shell function the scripts use to log "epoch-milliseconds text" lines.</summary>
    public const string Stamp = "stamp() { echo \"$(date +%s%3N) $*\" >> log; }";

    /// <summary>Waits until the log holds <paramref name="count"/> lines.</summary>
    public void AwaitLog(int count) => Eventually.True(() => Log().Length >= count, $"{count} log lines from {Implementation} (have: {string.Join(" | ", Log())})");

    public void Dispose()
    {
        try
        {
            if (_supervise is not null && !_supervise.HasExited)
            {
                ProgramRun.Run(Program("svc"), ["-dx", Name], workingDirectory: _root.Path);
                if (!_supervise.WaitForExit(3000)) ProcessTree.Kill(_supervise.Id, ProcessTree.SIGKILL);
                _supervise.WaitForExit(5000);
            }
        }
        finally
        {
            ProcessTree.KillUntilGone(() => ProcessTree.InDirectory(_root.Path), $"the processes of {_root.Path} to be gone");
            _stderrPump?.Join(2000);
            _supervise?.Dispose();
            _root.Dispose();
        }
    }
}
