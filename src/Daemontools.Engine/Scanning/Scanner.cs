using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// svscan's bookkeeping (0.76 §doit/start): one supervise per service directory of the current
/// directory, one `supervise log` per directory that had a log subdirectory when first seen,
/// joined by a pipe this object holds open; children that ended are restarted on the next pass;
/// directories that disappear are forgotten once their supervisors have ended, never stopped.
/// Unlike 0.76, a log/ that appears later is noticed: reported once while the service's supervise
/// runs (its output cannot be moved to a pipe), and paired when a pass finds neither supervise running.
/// Nor does a restarted svscan start copies beside the supervisors a killed one left running: it adopts
/// them and takes back the pipe between them (<see cref="SurvivingSupervisors"/>).
/// </summary>
public sealed class Scanner : IDisposable
{
    private readonly ScanOptions _options;
    private readonly Action<ScanWarning> _warn;
    private readonly List<ServiceSlot> _slots = [];
    private readonly Dictionary<(ulong, ulong), ServiceSlot> _byIdentity = [];
    private readonly Dictionary<int, ServiceSlot> _byPid = [];
    private readonly DirectoryReader _directory = new();
    private readonly List<ServiceSlot> _toStart = [];
    private readonly List<ServiceSlot> _adopting = [];
    private LockHolders? _locks;
    private bool _firstPassDone;
    private (SpawnResult? Main, SpawnResult? Log)[] _started = [];

    /// <summary>Creates a scanner of the current directory; warnings go to <paramref name="warn"/>.</summary>
    public Scanner(ScanOptions options, Action<ScanWarning> warn)
    {
        _options = options;
        _warn = warn;
    }

    /// <summary>Every directory known, in the order first seen.</summary>
    public IReadOnlyList<ServiceSlot> Slots => _slots;

    /// <summary>Supervisor processes started and not yet reaped, and adopted ones still running.</summary>
    public int RunningSupervisors
    {
        get
        {
            return _byPid.Count + AdoptedCount;
        }
    }

    /// <summary>
    /// A full pass as 0.76 makes every 5 seconds: every directory gets its missing supervisors,
    /// and directories gone whose supervisors have ended are dropped.
    /// </summary>
    /// <remarks>
    /// Over an unchanged directory a pass allocates nothing: names are compared as the bytes the
    /// listing gave, and the spawn requests of a directory are made once. As in 0.76, directories
    /// are started as they are read, and a read error skips the pruning.
    /// </remarks>
    public void ScanAll()
    {
        foreach (ServiceSlot slot in _slots) slot.Active = false;
        ForgetEndedAdoptees();
        bool complete = Pass(onlyNew: false);
        SpawnPending();
        if (complete) Prune();
    }

    /// <summary>
    /// A pass prompted by a name appearing: starts only directories not seen before whose
    /// ./run already exists (a directory still being filled waits for the next full pass,
    /// which then behaves exactly as 0.76).
    /// </summary>
    public void ScanNew()
    {
        Pass(onlyNew: true);
        SpawnPending();
    }

    /// <summary>Reaps every ended child; returns true when one of our supervisors was among them.</summary>
    public bool Reap()
    {
        bool ours = false;
        int pid;
        while ((pid = ChildProcess.ReapAny(out _)) > 0)
        {
            if (!_byPid.Remove(pid, out ServiceSlot? slot)) continue;
            ours = true;
            // A supervise that could not be executed: 0.76's child says so; ours is told now.
            Errno failed = ForkExec.Failure(pid);
            if (failed != Errno.None) _warn(new ScanWarning(slot.MainPid == pid ? ScanWarningKind.Start : ScanWarningKind.StartLog, slot.Name, failed));
            if (slot.MainPid == pid) slot.MainPid = 0;
            if (slot.LogPid == pid) slot.LogPid = 0;
        }
        return ForgetEndedAdoptees() || ours;
    }

    /// <summary>
    /// Puts the pidfds of the adopted supervisors still held into <paramref name="into"/> (as many as
    /// fit) and returns how many: they poll readable when one ends, and such an end sends no SIGCHLD.
    /// </summary>
    internal int AdoptedHandles(Span<Descriptor> into)
    {
        int count = 0;
        foreach (ServiceSlot slot in _adopting)
        {
            if (slot.AdoptedMain is { } main && count < into.Length) into[count++] = main.Handle;
            if (slot.AdoptedLog is { } log && count < into.Length) into[count++] = log.Handle;
        }
        return count;
    }

    /// <summary>How many adopted supervisors are still held.</summary>
    internal int AdoptedCount
    {
        get
        {
            int count = 0;
            foreach (ServiceSlot slot in _adopting) count += (slot.AdoptedMain is null ? 0 : 1) + (slot.AdoptedLog is null ? 0 : 1);
            return count;
        }
    }

    /// <summary>Drops the adopted supervisors that have ended; true when one had.</summary>
    private bool ForgetEndedAdoptees()
    {
        bool ended = false;
        for (int i = _adopting.Count - 1; i >= 0; i--)
        {
            ServiceSlot slot = _adopting[i];
            if (slot.ForgetEndedAdoptees()) ended = true;
            if (slot.AdoptedMain is null && slot.AdoptedLog is null) _adopting.RemoveAt(i);
        }
        return ended;
    }

    /// <summary>Closes every pipe still held.</summary>
    public void Dispose()
    {
        foreach (ServiceSlot slot in _slots)
        {
            slot.ReleasePipe();
            slot.ReleaseAdoptees();
        }
        _directory.Dispose();
    }

    /// <summary>Reads the directory, considering each name as it comes; false when it could not be read to the end.</summary>
    private bool Pass(bool onlyNew)
    {
        Errno errno = _directory.Open(".");
        if (errno == Errno.None)
        {
            while (_directory.Next(out ReadOnlySpan<byte> name)) Consider(name, onlyNew);
            errno = _directory.Close();
            _firstPassDone = true;
            _locks = null;
        }
        if (errno == Errno.None) return true;
        _warn(new ScanWarning(ScanWarningKind.ReadDirectory, string.Empty, errno));
        return false;
    }

    private void Consider(ReadOnlySpan<byte> name, bool onlyNew)
    {
        if (name.IsEmpty || name[0] == (byte)'.') return;
        Errno errno = FileSystem.StatAt(_directory.Directory, name, out FileFacts identity);
        if (errno != Errno.None)
        {
            _warn(new ScanWarning(ScanWarningKind.Stat, Encoding.UTF8.GetString(name), errno));
            return;
        }
        if (!identity.IsDirectory) return;

        bool known = _byIdentity.TryGetValue((identity.Device, identity.Inode), out ServiceSlot? slot);
        if (!known)
        {
            if (onlyNew && !Has(name, "/run"u8)) return;
            slot = Add(name, identity);
            if (slot is null) return;
        }
        else if (onlyNew)
        {
            return;
        }

        slot!.Active = true;
        slot.SeenAs(name);
        if (known && !slot.HasLog) NoticeLateLog(slot);
        if (slot.MainPid == 0 || (slot.HasLog && slot.LogPid == 0)) _toStart.Add(slot);
    }

    /// <summary>stat of NAME/<paramref name="member"/>: <see cref="Errno.None"/> when it is there, else why not.</summary>
    private Errno StatMember(ReadOnlySpan<byte> name, ReadOnlySpan<byte> member)
    {
        Span<byte> path = stackalloc byte[name.Length + member.Length];
        name.CopyTo(path);
        member.CopyTo(path[name.Length..]);
        return FileSystem.StatAt(_directory.Directory, path, out _);
    }

    private bool Has(ReadOnlySpan<byte> name, ReadOnlySpan<byte> member) => StatMember(name, member) == Errno.None;

    /// <summary>
    /// A log/ that was not there when the directory was first seen: paired now when neither supervise
    /// runs (the main one is about to be started on the new pipe), else reported once, since the
    /// running supervise's output cannot be moved.
    /// </summary>
    private void NoticeLateLog(ServiceSlot slot)
    {
        if (slot.LateLogReported && slot.MainPid != 0) return;
        if (Encoding.UTF8.GetByteCount(slot.Name) > _options.MaxLogPairedNameBytes) return;
        if (FileSystem.Stat(slot.LogPath, out _) != Errno.None) return;
        if (slot.MainPid != 0 || slot.LogPid != 0)
        {
            if (!slot.LateLogReported) _warn(new ScanWarning(ScanWarningKind.LateLog, slot.Name, Errno.None));
            slot.LateLogReported = true;
            return;
        }
        Errno errno = Pipe.Create(out PipePair pipe);
        if (errno != Errno.None)
        {
            _warn(new ScanWarning(ScanWarningKind.CreatePipe, slot.Name, errno));
            return;
        }
        slot.Pipe = pipe;
        slot.HasLog = true;
        slot.Requests = default;
    }

    /// <summary>
    /// Starts the supervisors a pass found missing. posix_spawn holds the caller until the child
    /// has exec'd, so a large tree is started from this thread and up to <see cref="MostSpawnHelpers"/>
    /// more (one per further core); each service still gets its main supervise before its log
    /// supervise, and the bookkeeping happens on this thread.
    /// </summary>
    private void SpawnPending()
    {
        if (_toStart.Count == 0) return;
        if (_started.Length < _toStart.Count) _started = new (SpawnResult? Main, SpawnResult? Log)[_toStart.Count];
        _nextToSpawn = -1;
        Thread?[]? helpers = _toStart.Count < ParallelThreshold ? null : StartSpawnHelpers();
        SpawnClaimed();
        if (helpers is not null)
        {
            foreach (Thread? helper in helpers) helper?.Join();
        }
        for (int i = 0; i < _toStart.Count; i++) Record(_toStart[i], _started[i]);
        _toStart.Clear();
    }

    private const int ParallelThreshold = 8;

    /// <summary>
    /// Dedicated threads rather than the thread pool, whose workers grow with the CPU count: svscan's
    /// address-space floor (Native/prestart.c) is then the same on every machine, and a helper that
    /// cannot start (no room under softlimit -m) only means fewer spawning threads.
    /// </summary>
    private const int MostSpawnHelpers = 3;

    private const int SpawnHelperStack = 256 * 1024;

    private int _nextToSpawn;

    private Thread?[] StartSpawnHelpers()
    {
        var helpers = new Thread?[Math.Clamp(Environment.ProcessorCount - 1, 0, MostSpawnHelpers)];
        for (int i = 0; i < helpers.Length; i++)
        {
            var helper = new Thread(SpawnClaimed, SpawnHelperStack) { IsBackground = true };
            try
            {
                helper.Start();
                helpers[i] = helper;
            }
            catch (Exception e) when (e is OutOfMemoryException or ThreadStartException)
            {
                break;
            }
        }
        return helpers;
    }

    /// <summary>Spawns the pending services that no other thread has claimed yet.</summary>
    private void SpawnClaimed()
    {
        for (int i = Interlocked.Increment(ref _nextToSpawn); i < _toStart.Count; i = Interlocked.Increment(ref _nextToSpawn))
            _started[i] = SpawnBoth(_toStart[i]);
    }

    /// <summary>Starts what <paramref name="slot"/> lacks; null for what it did not need.</summary>
    private (SpawnResult? Main, SpawnResult? Log) SpawnBoth(ServiceSlot slot)
    {
        SpawnResult? main = null, log = null;
        if (slot.MainPid == 0)
        {
            main = Spawner.SpawnAtOnce(MainRequest(slot));
            // 0.76 skips the log when it cannot fork for the main supervise.
            if (NoProcess(main.Value.Errno)) return (main, null);
        }
        if (slot.HasLog && slot.LogPid == 0) log = Spawner.SpawnAtOnce(LogRequest(slot));
        return (main, log);
    }

    private void Record(ServiceSlot slot, (SpawnResult? Main, SpawnResult? Log) started)
    {
        if (started.Main is SpawnResult main)
        {
            if (main.Started) Track(slot, main.Child.Pid, main: true);
            else _warn(new ScanWarning(NoProcess(main.Errno) ? ScanWarningKind.Fork : ScanWarningKind.Start, slot.Name, main.Errno));
        }
        if (started.Log is SpawnResult log)
        {
            if (log.Started) Track(slot, log.Child.Pid, main: false);
            else _warn(new ScanWarning(NoProcess(log.Errno) ? ScanWarningKind.ForkLog : ScanWarningKind.StartLog, slot.Name, log.Errno));
        }
    }

    private void Track(ServiceSlot slot, int pid, bool main)
    {
        if (main) slot.MainPid = pid;
        else slot.LogPid = pid;
        _byPid[pid] = slot;
    }

    private static bool NoProcess(Errno errno) => errno is Errno.EAGAIN or Errno.ENOMEM;

    private ServiceSlot? Add(ReadOnlySpan<byte> name, FileFacts identity)
    {
        if (_slots.Count >= _options.MaxServices)
        {
            _warn(new ScanWarning(ScanWarningKind.TooManyServices, Encoding.UTF8.GetString(name), Errno.None));
            return null;
        }
        bool log = false;
        if (name.Length <= _options.MaxLogPairedNameBytes)
        {
            Errno errno = StatMember(name, "/log"u8);
            if (errno == Errno.None) log = true;
            else if (errno != Errno.ENOENT)
            {
                _warn(new ScanWarning(ScanWarningKind.StatLog, Encoding.UTF8.GetString(name), errno));
                return null;
            }
        }
        // Only the first pass looks for supervisors an earlier svscan left running: reading /proc/locks
        // for every directory that appears later would make churn allocate, for directories that have none.
        SurvivingSupervisors survivors = _firstPassDone ? default : SurvivingSupervisors.Find(_locks ??= LockHolders.Read(), Encoding.UTF8.GetString(name), identity, log);
        PipePair? pipe = null;
        if (log)
        {
            Errno errno = survivors.TakePipe(out pipe);
            if (errno != Errno.None) _warn(new ScanWarning(ScanWarningKind.TakeBackPipe, Encoding.UTF8.GetString(name), errno));
            if (pipe is null && (errno = Pipe.Create(out PipePair created)) == Errno.None) pipe = created;
            if (pipe is null)
            {
                _warn(new ScanWarning(ScanWarningKind.CreatePipe, Encoding.UTF8.GetString(name), errno));
                survivors.Release();
                return null;
            }
        }
        var slot = new ServiceSlot(name, identity, pipe);
        Adopt(slot, survivors);
        _slots.Add(slot);
        _byIdentity.Add((identity.Device, identity.Inode), slot);
        return slot;
    }

    /// <summary>Takes the supervisors an earlier svscan left running as this directory's own: none is started beside them.</summary>
    private void Adopt(ServiceSlot slot, SurvivingSupervisors survivors)
    {
        if (survivors.Main is { } main)
        {
            slot.AdoptedMain = main;
            slot.MainPid = main.Pid;
        }
        if (survivors.Log is { } log)
        {
            slot.AdoptedLog = log;
            slot.LogPid = log.Pid;
        }
        if (slot.AdoptedMain is not null || slot.AdoptedLog is not null) _adopting.Add(slot);
    }

    /// <summary>`supervise NAME`, stdout on the pipe when NAME has a log; made once per name and pipe.</summary>
    private SpawnRequest MainRequest(ServiceSlot slot)
    {
        if (slot.Requests.Main is { } made) return made;
        var request = new SpawnRequest(_options.SuperviseProgram, ["supervise", slot.Name])
        {
            SearchPath = true,
            Descriptors = slot.Pipe is { } pipe ? [(pipe.Write, Descriptor.StandardOutput.Number)] : [],
        };
        slot.Requests = (request, slot.Requests.Log);
        return request;
    }

    /// <summary>`supervise log` in NAME, stdin on the pipe; made once per name and pipe.</summary>
    private SpawnRequest LogRequest(ServiceSlot slot)
    {
        if (slot.Requests.Log is { } made) return made;
        var request = new SpawnRequest(_options.SuperviseProgram, ["supervise", "log"])
        {
            SearchPath = true,
            WorkingDirectory = slot.Name,
            Descriptors = [(slot.Pipe!.Value.Read, Descriptor.StandardInput.Number)],
        };
        slot.Requests = (slot.Requests.Main, request);
        return request;
    }

    private void Prune()
    {
        for (int i = _slots.Count - 1; i >= 0; i--)
        {
            ServiceSlot slot = _slots[i];
            if (slot.Active || slot.MainPid != 0 || slot.LogPid != 0) continue;
            slot.ReleasePipe();
            _byIdentity.Remove((slot.Identity.Device, slot.Identity.Inode));
            _slots.RemoveAt(i);
        }
    }
}
