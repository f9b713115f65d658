using Daemontools.Engine.Time;

namespace Daemontools.Engine.Logging;

/// <summary>
/// The logger: cuts input into lines, applies the script's actions to each line in order and
/// feeds the selected lines to status files, stderr alerts and log directories, as multilog
/// 0.76 does. Input arrives in reads (<see cref="Write(ReadOnlySpan{byte})"/>); <see cref="Flush"/> must run before
/// the next read so that nothing read stays in memory except an unfinished line.
/// Only the first 1000 bytes of a line (stamp included) are matched, alerted and kept in status
/// files; the rest of a long line goes straight to the directories.
/// With an <see cref="InputJournal"/> (multilog reading a pipe) input is logged in transactions
/// that a restart after a kill completes exactly; see <see cref="LinePump"/>.
/// </summary>
public sealed partial class Multilog : IDisposable
{
    /// <summary>The original's line window: bytes of a line that patterns, 'e' and '=' see.</summary>
    public const int LineWindow = 1000;

    /// <summary>The original's input buffer: it flushes its directory buffers before each read of this size.</summary>
    public const int ReadSize = 1024;

    private const int AlertLength = 200;

    private readonly MultilogOptions _options;
    private readonly ScriptAction[] _actions;
    private readonly StatusFile?[] _statusByAction;
    private readonly RotationBuffer?[] _directoryByAction;
    private readonly StatusFile[] _statusFiles;
    private readonly RotationBuffer[] _directories;
    private readonly bool _evaluates;
    private readonly TimestampStyle _style;
    private readonly int _stampLength;
    private readonly byte[] _stamp = new byte[32];
    private readonly byte[] _line = new byte[LineWindow];
    private readonly byte[] _alert = new byte[AlertLength + 4];
    private readonly bool[] _selected;
    private bool _stampTaken;
    private Tai64NLabel _now;  // the clock reading for lines starting in this read
    private int _lineLength;   // bytes of the current unfinished line head, stamp included
    private bool _inTail;      // past the first 1000 bytes of a line
    private bool _closed;

    private Multilog(MultilogScript script, MultilogOptions options, List<StatusFile> statusFiles, List<RotationBuffer> directories, InputJournal? journal)
    {
        _journal = journal;
        _options = options;
        _actions = [.. script.Actions];
        _statusFiles = [.. statusFiles];
        _directories = [.. directories];
        _statusByAction = new StatusFile?[_actions.Length];
        _directoryByAction = new RotationBuffer?[_actions.Length];
        int s = 0, d = 0;
        for (int i = 0; i < _actions.Length; i++)
        {
            if (_actions[i].Kind == ScriptActionKind.Status) _statusByAction[i] = _statusFiles[s++];
            if (_actions[i].Kind == ScriptActionKind.Directory) _directoryByAction[i] = _directories[d++];
        }
        _evaluates = _actions.Any(a => a.Kind != ScriptActionKind.Directory);
        _selected = new bool[_directories.Length];
        Array.Fill(_selected, true);
        _style = script.Timestamp;
        _stampLength = LineStamp.LengthOf(_style);
        for (int j = 0; j < _directories.Length; j++)
        {
            int index = j;
            _directories[j].Directory.Replaced = oldSize => OnReplaced(index, oldSize);
        }
    }

    /// <summary>The log directories, in script order.</summary>
    public IReadOnlyList<LogDirectory> Directories => Array.ConvertAll(_directories, d => d.Directory);

    /// <summary>True when the last byte of input was a newline (or nothing was read yet): TERM may exit at once.</summary>
    public bool AtLineBoundary => !_inTail && _lineLength == 0;

    /// <summary>
    /// Opens the status files, then creates, locks and recovers the directories, before any
    /// input is read (f_init and c_init); with a journal left by a kill, first finishes what the
    /// kill interrupted. Throws <see cref="MultilogException"/>.
    /// </summary>
    public static Multilog Open(MultilogScript script, MultilogOptions options)
    {
        var retry = new PausingRetry(options);
        var statusFiles = new List<StatusFile>();
        var locked = new List<LogDirectory>();
        InputJournal? journal = null;
        long[] written;
        try
        {
            foreach (string name in script.StatusFiles) statusFiles.Add(StatusFile.Open(name, options.StartDirectory, retry));
            foreach (LogDirectorySettings settings in script.Directories) locked.Add(LogDirectory.Lock(settings, options, retry));
            journal = OpenJournal(locked, options, retry);
            written = Measure(journal, locked, options);
            foreach (LogDirectory directory in locked) directory.Recover();
        }
        catch
        {
            foreach (StatusFile f in statusFiles) f.Dispose();
            foreach (LogDirectory d in locked) d.Dispose();
            journal?.Dispose();
            throw;
        }
        var log = new Multilog(script, options, statusFiles, locked.ConvertAll(d => new RotationBuffer(d)), journal);
        try
        {
            if (journal is not null) log.Resume(written);
        }
        catch
        {
            log.Dispose();
            throw;
        }
        return log;
    }

    /// <summary>Processes one read's worth of input (any length; it is handled in 1024-byte steps as 0.76 reads).</summary>
    public void Write(ReadOnlySpan<byte> input) => Write(input, _options.Clock.Now());

    /// <summary><see cref="Write(ReadOnlySpan{byte})"/> with the clock read before: lines starting in this read are stamped <paramref name="now"/>.</summary>
    internal void Write(ReadOnlySpan<byte> input, Tai64NLabel now)
    {
        if (input.IsEmpty) return;
        _now = now;
        _stampTaken = false;
        bool first = true;
        while (!input.IsEmpty)
        {
            if (!first)
            {
                foreach (RotationBuffer d in _directories) d.FlushWindow();
            }
            first = false;
            int n = Math.Min(ReadSize, input.Length);
            Process(input[..n]);
            input = input[n..];
        }
    }

    /// <summary>What 0.76 does before each read: everything selected so far goes to the kernel, and status files are rewritten.</summary>
    public void Flush()
    {
        foreach (RotationBuffer d in _directories) d.WriteOut();
        foreach (StatusFile f in _statusFiles) f.Write();
    }

    /// <summary>ALRM: rotate every directory whose current is not empty.</summary>
    public void RotateNonEmpty()
    {
        foreach (RotationBuffer d in _directories) d.RotateIfNotEmpty();
    }

    /// <summary>
    /// Our 'R': rotates each directory whose oldest line in current is at least its age limit
    /// old; returns the time until the next one is due (null: nothing is waiting).
    /// </summary>
    public TimeSpan? RotateAged(DateTimeOffset now)
    {
        TimeSpan? next = null;
        foreach (RotationBuffer d in _directories)
        {
            if (d.Directory.Settings.MaxAge is not TimeSpan age) continue;
            d.WriteOut();
            if (d.Directory.CurrentSince is not DateTimeOffset since) continue;
            TimeSpan left = since + age - now;
            if (left <= TimeSpan.Zero)
            {
                d.RotateIfNotEmpty();
                continue;
            }
            if (next is null || left < next) next = left;
        }
        return next;
    }

    /// <summary>End of input: an unfinished line gets its newline; everything is written, synced and current marked complete (0744).</summary>
    public void Complete()
    {
        if (_closed) return;
        EndLine();
        Flush();
        foreach (RotationBuffer d in _directories) d.Close();
        _closed = true;
    }

    /// <summary>An unfinished line gets its newline.</summary>
    private void EndLine()
    {
        if (_inTail)
        {
            for (int j = 0; j < _directories.Length; j++)
            {
                if (_selected[j]) _directories[j].PutNewline();
            }
            _inTail = false;
        }
        else if (_lineLength > 0)
        {
            EndHead(_line.AsSpan(0, _lineLength), [], complete: true);
            _lineLength = 0;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (StatusFile f in _statusFiles) f.Dispose();
        foreach (RotationBuffer d in _directories) d.Directory.Dispose();
        _journal?.Dispose();
    }

    /// <summary>One 1024-byte step of input.</summary>
    private void Process(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            if (_inTail)
            {
                int end = input.IndexOf((byte)'\n');
                ReadOnlySpan<byte> run = end < 0 ? input : input[..end];
                for (int j = 0; j < _directories.Length; j++)
                {
                    if (_selected[j]) _directories[j].PutBytes(run);
                }
                if (end < 0) return;
                for (int j = 0; j < _directories.Length; j++)
                {
                    if (_selected[j]) _directories[j].PutNewline();
                }
                _inTail = false;
                input = input[(end + 1)..];
                continue;
            }

            ReadOnlySpan<byte> prefix;
            if (_lineLength == 0)
            {
                prefix = TakeStamp();
            }
            else
            {
                prefix = _line.AsSpan(0, _lineLength);
            }
            int room = LineWindow - prefix.Length;
            ReadOnlySpan<byte> look = input.Length > room ? input[..room] : input;
            int newline = look.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                EndHead(prefix, look[..newline], complete: true);
                _lineLength = 0;
                input = input[(newline + 1)..];
            }
            else if (look.Length == room)
            {
                EndHead(prefix, look, complete: false);
                _lineLength = 0;
                _inTail = true;
                input = input[look.Length..];
            }
            else
            {
                // The line continues in the next read: keep its head.
                if (_lineLength == 0) prefix.CopyTo(_line);
                look.CopyTo(_line.AsSpan(prefix.Length));
                _lineLength = prefix.Length + look.Length;
                return;
            }
        }
    }

    private ReadOnlySpan<byte> TakeStamp()
    {
        if (_stampLength == 0) return [];
        if (!_stampTaken)
        {
            // One clock reading per read: every line in it arrived at the same moment.
            LineStamp.Format(_style, _now, _stamp);
            _stampTaken = true;
        }
        return _stamp.AsSpan(0, _stampLength);
    }

    /// <summary>The line head is known (a newline, or 1000 bytes): run the actions, then hand it to the selected directories.</summary>
    private void EndHead(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, bool complete)
    {
        if (_evaluates) Evaluate(prefix, body);
        for (int j = 0; j < _directories.Length; j++)
        {
            if (!_selected[j]) continue;
            _directories[j].Put(prefix, body);
            if (complete) _directories[j].PutNewline();
        }
    }

    private void Evaluate(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> line = body;
        if (!prefix.IsEmpty)
        {
            if (!prefix.Overlaps(_line)) prefix.CopyTo(_line);
            body.CopyTo(_line.AsSpan(prefix.Length));
            line = _line.AsSpan(0, prefix.Length + body.Length);
            prefix = line[..prefix.Length];
            body = line[prefix.Length..];
        }
        bool selected = true;
        int j = 0;
        for (int i = 0; i < _actions.Length; i++)
        {
            ScriptAction action = _actions[i];
            switch (action.Kind)
            {
                case ScriptActionKind.Select:
                    if (!selected && LinePattern.Matches(action.Pattern, line)) selected = true;
                    break;
                case ScriptActionKind.Deselect:
                    if (selected && LinePattern.Matches(action.Pattern, line)) selected = false;
                    break;
                case ScriptActionKind.Alert:
                    if (selected) Alert(line);
                    break;
                case ScriptActionKind.Status:
                    if (selected) _statusByAction[i]!.Set(prefix, body);
                    break;
                case ScriptActionKind.Directory:
                    _selected[j++] = selected;
                    break;
            }
        }
    }

    private void Alert(ReadOnlySpan<byte> line)
    {
        int n;
        if (line.Length > AlertLength)
        {
            line[..AlertLength].CopyTo(_alert);
            "...\n"u8.CopyTo(_alert.AsSpan(AlertLength));
            n = AlertLength + 4;
        }
        else
        {
            line.CopyTo(_alert);
            _alert[line.Length] = (byte)'\n';
            n = line.Length + 1;
        }
        _options.Alert(_alert.AsSpan(0, n));
    }
}
