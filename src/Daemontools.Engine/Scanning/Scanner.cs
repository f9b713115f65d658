using System.Text;
using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// svscan's bookkeeping (0.76 §doit/start): one supervise per service directory of the current
/// directory, one `supervise log` per directory that had a log subdirectory when first seen,
/// joined by a pipe this object holds open; children that ended are restarted on the next pass;
/// directories that disappear are forgotten once their supervisors have ended, never stopped.
/// </summary>
public sealed class Scanner : IDisposable
{
    private readonly ScanOptions _options;
    private readonly Action<ScanWarning> _warn;
    private readonly List<ServiceSlot> _slots = [];
    private readonly Dictionary<(ulong, ulong), ServiceSlot> _byIdentity = [];
    private readonly Dictionary<int, ServiceSlot> _byPid = [];
    private readonly List<string> _names = [];

    /// <summary>Creates a scanner of the current directory; warnings go to <paramref name="warn"/>.</summary>
    public Scanner(ScanOptions options, Action<ScanWarning> warn)
    {
        _options = options;
        _warn = warn;
    }

    /// <summary>Every directory known, in the order first seen.</summary>
    public IReadOnlyList<ServiceSlot> Slots => _slots;

    /// <summary>Supervisor processes started and not yet reaped.</summary>
    public int RunningSupervisors => _byPid.Count;

    /// <summary>
    /// A full pass as 0.76 makes every 5 seconds: every directory gets its missing supervisors,
    /// and directories gone whose supervisors have ended are dropped.
    /// </summary>
    public void ScanAll()
    {
        foreach (ServiceSlot slot in _slots) slot.Active = false;
        if (!ReadNames()) return;
        foreach (string name in _names) Start(name, onlyNew: false);
        Prune();
    }

    /// <summary>
    /// A pass prompted by a name appearing: starts only directories not seen before whose
    /// ./run already exists (a directory still being filled waits for the next full pass,
    /// which then behaves exactly as 0.76).
    /// </summary>
    public void ScanNew()
    {
        if (!ReadNames()) return;
        foreach (string name in _names) Start(name, onlyNew: true);
    }

    /// <summary>Reaps every ended child; returns true when one of our supervisors was among them.</summary>
    public bool Reap()
    {
        bool ours = false;
        int pid;
        while ((pid = ChildProcesses.ReapAny(out _)) > 0)
        {
            if (!_byPid.Remove(pid, out ServiceSlot? slot)) continue;
            ours = true;
            if (slot.MainPid == pid) slot.MainPid = 0;
            if (slot.LogPid == pid) slot.LogPid = 0;
        }
        return ours;
    }

    /// <summary>Closes every pipe still held.</summary>
    public void Dispose()
    {
        foreach (ServiceSlot slot in _slots) slot.ReleasePipe();
    }

    private bool ReadNames()
    {
        _names.Clear();
        if (DirectoryListing.TryRead(".", _names, out int errno)) return true;
        _warn(new ScanWarning(ScanWarningKind.ReadDirectory, string.Empty, errno));
        return false;
    }

    private void Start(string name, bool onlyNew)
    {
        if (name.StartsWith('.')) return;
        if (!FileIdentity.TryStat(name, out FileIdentity identity, out int errno))
        {
            _warn(new ScanWarning(ScanWarningKind.Stat, name, errno));
            return;
        }
        if (!identity.IsDirectory) return;

        if (!_byIdentity.TryGetValue((identity.Device, identity.Inode), out ServiceSlot? slot))
        {
            if (onlyNew && !FileIdentity.Exists(name + "/run", out _)) return;
            slot = Add(name, identity);
            if (slot is null) return;
        }
        else if (onlyNew)
        {
            return;
        }

        slot.Active = true;
        slot.Name = name;
        if (slot.MainPid == 0 && !SpawnMain(slot)) return;
        if (slot.HasLog && slot.LogPid == 0) SpawnLog(slot);
    }

    private ServiceSlot? Add(string name, FileIdentity identity)
    {
        if (_slots.Count >= _options.MaxServices)
        {
            _warn(new ScanWarning(ScanWarningKind.TooManyServices, name, 0));
            return null;
        }
        bool log = false;
        if (Encoding.UTF8.GetByteCount(name) <= _options.MaxLogPairedNameBytes)
        {
            if (FileIdentity.Exists(name + "/log", out int errno)) log = true;
            else if (errno != Errno.ENOENT)
            {
                _warn(new ScanWarning(ScanWarningKind.StatLog, name, errno));
                return null;
            }
        }
        PipePair? pipe = null;
        if (log)
        {
            if (!PipePair.TryCreate(out PipePair created, out int errno))
            {
                _warn(new ScanWarning(ScanWarningKind.CreatePipe, name, errno));
                return null;
            }
            pipe = created;
        }
        var slot = new ServiceSlot(name, identity, pipe);
        _slots.Add(slot);
        _byIdentity.Add((identity.Device, identity.Inode), slot);
        return slot;
    }

    /// <summary>Starts `supervise NAME` with stdout on the pipe; false when no process could be made (0.76 then skips the log too).</summary>
    private bool SpawnMain(ServiceSlot slot)
    {
        var request = new SpawnRequest(_options.SuperviseProgram, ["supervise", slot.Name])
        {
            SearchPath = true,
            Descriptors = slot.Pipe is { } pipe ? [(pipe.Write, Descriptor.StandardOutput)] : [],
        };
        int pid = Spawner.TrySpawn(request, out int errno);
        if (pid > 0)
        {
            slot.MainPid = pid;
            _byPid[pid] = slot;
            return true;
        }
        bool noProcess = errno is Errno.EAGAIN or Errno.ENOMEM;
        _warn(new ScanWarning(noProcess ? ScanWarningKind.Fork : ScanWarningKind.Start, slot.Name, errno));
        return !noProcess;
    }

    /// <summary>Starts `supervise log` in NAME with stdin on the pipe.</summary>
    private void SpawnLog(ServiceSlot slot)
    {
        PipePair pipe = slot.Pipe!.Value;
        var request = new SpawnRequest(_options.SuperviseProgram, ["supervise", "log"])
        {
            SearchPath = true,
            WorkingDirectory = slot.Name,
            Descriptors = [(pipe.Read, Descriptor.StandardInput)],
        };
        int pid = Spawner.TrySpawn(request, out int errno);
        if (pid > 0)
        {
            slot.LogPid = pid;
            _byPid[pid] = slot;
            return;
        }
        bool noProcess = errno is Errno.EAGAIN or Errno.ENOMEM;
        _warn(new ScanWarning(noProcess ? ScanWarningKind.ForkLog : ScanWarningKind.StartLog, slot.Name, errno));
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
