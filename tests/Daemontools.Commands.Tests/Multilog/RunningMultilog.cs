using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>A multilog (or supervise) started with a pipe on stdin that the test holds; killed by pid on dispose.</summary>
internal sealed class RunningMultilog : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();

    public RunningMultilog(string program, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
            UseShellExecute = false,
        };
        foreach (string a in args) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _stderr.Enqueue(e.Data);
        };
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public IReadOnlyCollection<string> Stderr => _stderr;

    /// <summary>Writes text to the pipe in one write (callers keep it to whole lines, at most PIPE_BUF).</summary>
    public void Write(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        _process.StandardInput.BaseStream.Write(bytes);
        _process.StandardInput.BaseStream.Flush();
    }

    /// <summary>Writes <paramref name="lines"/> numbered lines ("line N SUFFIX") per write, <paramref name="batches"/> times; returns all it wrote.</summary>
    public string WriteNumberedLines(int batches, int lines, string suffix)
    {
        var written = new StringBuilder();
        for (int batch = 0; batch < batches; batch++)
        {
            var text = new StringBuilder();
            for (int i = 0; i < lines; i++) text.Append($"line {(batch * lines) + i} {suffix}\n");
            Write(text.ToString());
            written.Append(text);
        }
        return written.ToString();
    }

    public void CloseInput() => _process.StandardInput.Close();

    public int WaitForExit(TimeSpan limit)
    {
        Assert.True(_process.WaitForExit(limit), $"{_process.StartInfo.FileName} did not exit within {limit}");
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public static void Signal(int pid, string signal)
    {
        ProgramResult r = ProgramRun.Run("/bin/kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, r.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
