using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// One service directory the scanner knows, identified by (device, inode): its supervise
/// processes and, when it has a log, the pipe svscan holds open between them for its whole life.
/// </summary>
public sealed class ServiceSlot
{
    internal ServiceSlot(ReadOnlySpan<byte> name, FileFacts identity, PipePair? pipe)
    {
        _nameBytes = name.ToArray();
        Name = System.Text.Encoding.UTF8.GetString(name);
        Identity = identity;
        Pipe = pipe;
        HasLog = pipe is not null;
    }

    /// <summary>The name it was last started under, relative to the scan directory.</summary>
    public string Name { get; private set; }

    /// <summary>The name as the directory listing gave it.</summary>
    private byte[] _nameBytes;

    /// <summary>Takes <paramref name="name"/> as the directory's name (it may have been renamed); allocates only when it changed.</summary>
    internal void SeenAs(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual(_nameBytes)) return;
        _nameBytes = name.ToArray();
        Name = System.Text.Encoding.UTF8.GetString(name);
        Requests = default;
    }

    /// <summary>The spawn requests for this directory's supervisors, made once per name (and pipe).</summary>
    internal (SpawnRequest? Main, SpawnRequest? Log) Requests { get; set; }

    /// <summary>What stat said of the directory when first seen; its (device, inode) identify it.</summary>
    internal FileFacts Identity { get; }

    /// <summary>Seen in the latest full pass.</summary>
    public bool Active { get; internal set; }

    /// <summary>pid of `supervise NAME`, 0 when not running.</summary>
    public int MainPid { get; internal set; }

    /// <summary>pid of `supervise log` in NAME, 0 when not running.</summary>
    public int LogPid { get; internal set; }

    /// <summary>
    /// NAME/log existed when the directory was first seen, or when a full pass found it and neither
    /// supervise running (then it can be paired without restarting anything).
    /// </summary>
    public bool HasLog { get; internal set; }

    /// <summary>A log/ that appeared while the service's supervise ran has been reported (once).</summary>
    internal bool LateLogReported { get; set; }

    /// <summary>The supervise of NAME, when it was left running by an earlier svscan and adopted (not our child: watched through a pidfd).</summary>
    internal ForeignProcess? AdoptedMain { get; set; }

    /// <summary>The supervise of NAME/log, when adopted likewise.</summary>
    internal ForeignProcess? AdoptedLog { get; set; }

    /// <summary>The service-to-logger pipe, while held.</summary>
    internal PipePair? Pipe { get; set; }

    /// <summary>Shutdown progress: `dx` delivered to the main supervise.</summary>
    internal bool StopSent { get; set; }

    /// <summary>Shutdown progress: `x` delivered to the log supervise.</summary>
    internal bool LogExitSent { get; set; }

    /// <summary>NAME/log, made again only when the name changes (full passes look for a late log/ without allocating).</summary>
    internal string LogPath
    {
        get
        {
            if (!ReferenceEquals(_logPathOf, Name) && !string.Equals(_logPathOf, Name, StringComparison.Ordinal)) _logPath = Name + "/log";
            _logPathOf = Name;
            return _logPath!;
        }
    }

    private string? _logPathOf, _logPath;

    /// <summary>Closes svscan's ends of the pipe, so the logger reads end of file once the service's side is gone too.</summary>
    internal void ReleasePipe()
    {
        Pipe?.Close();
        Pipe = null;
    }

    /// <summary>Clears the adopted supervisors that have ended (closing their pidfds); true when one had.</summary>
    internal bool ForgetEndedAdoptees()
    {
        bool ended = false;
        if (AdoptedMain is { } main && main.HasEnded())
        {
            main.Close();
            AdoptedMain = null;
            MainPid = 0;
            ended = true;
        }
        if (AdoptedLog is { } log && log.HasEnded())
        {
            log.Close();
            AdoptedLog = null;
            LogPid = 0;
            ended = true;
        }
        return ended;
    }

    /// <summary>Closes the pidfds of adopted supervisors (which keep running).</summary>
    internal void ReleaseAdoptees()
    {
        AdoptedMain?.Close();
        AdoptedLog?.Close();
        AdoptedMain = AdoptedLog = null;
    }
}
