using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Logging;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Logging;

/// <summary>
/// A logger fed from a real pipe that can be stopped at any step as a kill -9 would stop it, then
/// started again on the same pipe and directories. The whole input is in the pipe before the
/// first start and the pipe's writer is closed, so every run takes the same steps: the n-th step
/// of one run is the n-th step of any other, and a kill point is just a number.
/// </summary>
internal sealed class KillableLogger : IDisposable
{
    /// <summary>Input taken per step: small, so that a short input makes many transactions.</summary>
    public const int StepSize = 3000;

    private readonly string _root;
    private readonly string[] _script;
    private readonly IClock _clock = new FixedClock(); // one clock for every run: archive names keep their order
    private readonly Descriptor _pipe;

    public KillableLogger(string root, string[] script, byte[] input)
    {
        _root = root;
        _script = script;
        Assert.Equal(Errno.None, Pipe.Create(out PipePair pipe));
        Assert.True(Pipe.SetCapacity(pipe.Write, Math.Max(input.Length, 4096)) >= input.Length, "pipe capacity");
        Assert.Equal(Errno.None, pipe.Write.WriteAll(input));
        pipe.Write.Close();
        _pipe = pipe.Read;
    }

    /// <summary>The directory the script's log directories are in.</summary>
    public string Root => _root;

    /// <summary>Runs the logger until it is killed after its <paramref name="killAt"/>-th step (0: never); true when it ran to the end of input.</summary>
    public bool Run(int killAt) => Run(killAt, out _);

    /// <summary>
    /// Opens the directories as a logger that keeps no journal (Write-Multilog does): it must finish
    /// what a killed one left in the journal, then remove it. Logs nothing more from the pipe.
    /// </summary>
    public void OpenWithoutJournal()
    {
        var options = new MultilogOptions
        {
            StartDirectory = _root,
            Clock = _clock,
            RetryPause = TimeSpan.Zero,
            Warning = w => throw new InvalidOperationException($"unexpected warning: {w.Kind} {w.Path} ({w.Errno})"),
        };
        using Multilog log = Multilog.Open(MultilogScript.Parse(_script), options);
        Assert.Null(log.Journal);
        log.Complete();
    }

    /// <summary>As <see cref="Run(int)"/>, counting the steps taken.</summary>
    public bool Run(int killAt, out int steps)
    {
        int taken = 0;
        var options = new MultilogOptions
        {
            StartDirectory = _root,
            Clock = _clock,
            Journal = true,
            RetryPause = TimeSpan.Zero,
            Warning = w => throw new InvalidOperationException($"unexpected warning: {w.Kind} {w.Path} ({w.Errno})"),
            Fault = _ =>
            {
                if (++taken == killAt) throw new Killed();
            },
        };
        Multilog? log = null;
        LinePump? pump = null;
        try
        {
            log = Multilog.Open(MultilogScript.Parse(_script), options);
            pump = new LinePump(log, _pipe, StepSize);
            pump.Run();
            steps = taken;
            return true;
        }
        catch (Killed)
        {
            steps = taken;
            return false;
        }
        finally
        {
            // What the kernel does for a killed process: descriptors closed, locks released, nothing written.
            pump?.Dispose();
            log?.Dispose();
        }
    }

    public void Dispose() => _pipe.Close();

    /// <summary>
    /// The lines of a log directory in the order written (archives by name, then current, read as
    /// one stream: a rotation or a crash may cut a line in two), each line's stamp checked and removed.
    /// </summary>
    public static List<string> Lines(string directory, bool stamped)
    {
        var all = new StringBuilder();
        foreach (string file in LogDirectoryContents.FilesInOrder(directory))
        {
            string text = File.ReadAllText(file, Encoding.Latin1);
            Assert.True(text.Length > 0 || Path.GetFileName(file) == "current", $"{Path.GetFileName(file)} is empty");
            all.Append(text);
        }
        if (all.Length == 0) return [];
        Assert.True(all[^1] == '\n', "the log ends inside a line");
        var lines = new List<string>();
        foreach (string line in all.ToString(0, all.Length - 1).Split('\n'))
        {
            if (!stamped)
            {
                lines.Add(line);
                continue;
            }
            Assert.Matches("^@[0-9a-f]{24} ", line);
            lines.Add(line[26..]);
        }
        return lines;
    }

    private sealed class Killed : Exception
    {
    }
}
