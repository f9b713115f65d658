using System.Runtime.InteropServices;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// svscan's life: a full pass at once and every 5 seconds; a pass for new entries as soon as
/// a name appears in the directory; a full pass on SIGHUP; children reaped on SIGCHLD, a
/// supervise that ended started again after a short delay; on SIGTERM or SIGINT the orderly
/// <see cref="TreeShutdown"/>. Signals only set flags and wake the loop; all work happens here.
/// </summary>
public sealed class ScanLoop : IDisposable
{
    private const int ShutdownTick = 100;

    private readonly ScanOptions _options;
    private readonly Action<ScanWarning> _warn;
    private readonly Scanner _scanner;
    private readonly PipePair _wake;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _childEnded, _hangup, _terminate;

    /// <summary>Prepares a loop over the current directory.</summary>
    public ScanLoop(ScanOptions options, Action<ScanWarning> warn)
    {
        _options = options;
        _warn = warn;
        _scanner = new Scanner(options, warn);
        Errno errno = Pipe.Create(out _wake, nonBlocking: true);
        if (errno != Errno.None) throw new SystemCallException(SystemCall.CreatePipe, errno);
    }

    /// <summary>The scanner's bookkeeping, for callers that report on it.</summary>
    public Scanner Scanner => _scanner;

    /// <summary>Runs until SIGTERM or SIGINT has brought the tree down; returns true when everything stopped in time, false when the rest had to be killed.</summary>
    public bool Run()
    {
        // An inherited SIGCHLD = SIG_IGN would make the kernel reap our children behind our back.
        Signals.SetDefault(Signal.Child);
#pragma warning disable CA1416 // the engine runs on Linux only, where SIGCHLD exists
        Register(PosixSignal.SIGCHLD, () => _childEnded = 1, cancel: false);
#pragma warning restore CA1416
        Register(PosixSignal.SIGHUP, () => _hangup = 1, cancel: true);
        Register(PosixSignal.SIGTERM, () => _terminate = 1, cancel: true);
        Register(PosixSignal.SIGINT, () => _terminate = 1, cancel: true);

        DirectoryWatch? watch = null;
        Errno watchErrno = _options.WatchDirectory ? DirectoryWatch.Create(".", out watch) : Errno.None;
        using DirectoryWatch? watching = watch;
        if (watchErrno != Errno.None) _warn(new ScanWarning(ScanWarningKind.Watch, string.Empty, watchErrno));

        long interval = (long)_options.RescanInterval.TotalMilliseconds;
        long nextFull = 0;
        long restartAt = long.MaxValue;
        while (Interlocked.Exchange(ref _terminate, 0) == 0)
        {
            long now = Environment.TickCount64;
            bool hangup = Interlocked.Exchange(ref _hangup, 0) != 0;
            if (hangup || now >= nextFull || now >= restartAt)
            {
                _scanner.ScanAll();
                now = Environment.TickCount64;
                nextFull = now + interval;
                restartAt = long.MaxValue;
            }
            long wakeAt = Math.Min(nextFull, restartAt);
            Poll.WaitReadable([_wake.Read, watch?.Descriptor ?? Descriptor.None], (int)Math.Clamp(wakeAt - now, 0, interval));
            DrainWake();
            if (Interlocked.Exchange(ref _childEnded, 0) != 0 && _scanner.Reap())
            {
                restartAt = Math.Min(restartAt, Environment.TickCount64 + (long)_options.RestartDelay.TotalMilliseconds);
            }
            if (watch is not null && watch.Drain()) _scanner.ScanNew();
        }
        return Shutdown();
    }

    private bool Shutdown()
    {
        var shutdown = new TreeShutdown(_scanner, _options.ShutdownTimeout);
        while (true)
        {
            _scanner.Reap();
            if (shutdown.Finished) return true;
            if (shutdown.Expired) break;
            shutdown.Advance();
            Poll.WaitReadable([_wake.Read], (int)Math.Min(ShutdownTick, shutdown.Remaining));
            DrainWake();
        }
        foreach (string name in shutdown.KillRemaining()) _warn(new ScanWarning(ScanWarningKind.ShutdownTimedOut, name, Errno.None));
        while (!shutdown.Finished)
        {
            Poll.WaitReadable([_wake.Read], ShutdownTick);
            DrainWake();
            _scanner.Reap();
        }
        return false;
    }

    private void Register(PosixSignal signal, Action flag, bool cancel)
    {
        _registrations.Add(PosixSignalRegistration.Create(signal, context =>
        {
            flag();
            context.Cancel = cancel;
            _wake.Write.WriteAll([0]);
        }));
    }

    private void DrainWake()
    {
        Span<byte> buffer = stackalloc byte[64];
        while (_wake.Read.Read(buffer, out int n) == Errno.None && n > 0)
        {
        }
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations) registration.Dispose();
        _scanner.Dispose();
        _wake.Close();
    }
}
