using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// svscan's life: a full pass at once and every 5 seconds; a pass for new entries as soon as
/// a name appears in the directory; a full pass on SIGHUP; children reaped on SIGCHLD, and an
/// adopted supervise (not our child) noticed through its pidfd as soon as it ends; a supervise that
/// ended started again after a short delay; on SIGTERM or SIGINT the orderly
/// <see cref="TreeShutdown"/>. The signals are read from a descriptor between passes (no handler,
/// no thread, nothing allocated per signal); every other signal svscan has no use for is ignored.
/// </summary>
public sealed class ScanLoop : IDisposable
{
    private const int ShutdownTick = 100;

    // Adopted supervisors polled at most; any beyond are noticed by the next full pass.
    private const int MaxPolledAdoptees = 2048;

    /// <summary>What svscan reads from its signal channel (blocked in every thread before the runtime starts: Native/prestart.c).</summary>
    private static readonly Signal[] Handled = [Signal.Hangup, Signal.Interrupt, Signal.Terminate, Signal.Child];

    private readonly ScanOptions _options;
    private readonly Action<ScanWarning> _warn;
    private readonly Scanner _scanner;
    private SignalChannel? _signals;
    private bool _childEnded, _adopteeEnded, _hangup, _terminate;

    /// <summary>Prepares a loop over the current directory.</summary>
    public ScanLoop(ScanOptions options, Action<ScanWarning> warn)
    {
        _options = options;
        _warn = warn;
        _scanner = new Scanner(options, warn);
    }

    /// <summary>The scanner's bookkeeping, for callers that report on it.</summary>
    public Scanner Scanner => _scanner;

    /// <summary>Runs until SIGTERM or SIGINT has brought the tree down; returns true when everything stopped in time, false when the rest had to be killed.</summary>
    public bool Run()
    {
        // An inherited SIGCHLD = SIG_IGN would make the kernel reap our children behind our back.
        Signals.SetDefault(Signal.Child);
        CurrentProcess.IgnoreStraySignals(Signal.Hangup);
        OpenSignals();

        DirectoryWatch? watch = null;
        Errno watchErrno = _options.WatchDirectory ? DirectoryWatch.Create(".", out watch) : Errno.None;
        using DirectoryWatch? watching = watch;
        if (watchErrno != Errno.None) _warn(new ScanWarning(ScanWarningKind.Watch, string.Empty, watchErrno));

        long interval = (long)_options.RescanInterval.TotalMilliseconds;
        long nextFull = 0;
        long restartAt = long.MaxValue;
        while (!_terminate)
        {
            long now = Environment.TickCount64;
            if (_hangup || now >= nextFull || now >= restartAt)
            {
                _hangup = false;
                // Without a signal channel nothing says when a child ended: reap on every pass, as 0.76 does.
                if (_signals is null) _scanner.Reap();
                _scanner.ScanAll();
                now = Environment.TickCount64;
                nextFull = now + interval;
                restartAt = long.MaxValue;
            }
            long wakeAt = Math.Min(nextFull, restartAt);
            Wait(watch, (int)Math.Clamp(wakeAt - now, 0, interval));
            if ((_childEnded || _adopteeEnded) && _scanner.Reap())
            {
                restartAt = Math.Min(restartAt, Environment.TickCount64 + (long)_options.RestartDelay.TotalMilliseconds);
            }
            _childEnded = _adopteeEnded = false;
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
            Wait(null, (int)Math.Min(ShutdownTick, shutdown.Remaining));
        }
        foreach (string name in shutdown.KillRemaining()) _warn(new ScanWarning(ScanWarningKind.ShutdownTimedOut, name, Errno.None));
        while (!shutdown.Finished)
        {
            Wait(null, ShutdownTick);
            _scanner.Reap();
        }
        return false;
    }

    /// <summary>
    /// Opens the channel; when the system cannot give one (no descriptor left), says so and lets the
    /// signals act as they would on 0.76 (HUP, INT and TERM end svscan, the tree keeps running).
    /// </summary>
    private void OpenSignals()
    {
        Errno errno = SignalChannel.Open(Handled, out _signals);
        if (errno == Errno.None) return;
        _warn(new ScanWarning(ScanWarningKind.Signals, string.Empty, errno));
        Signals.Unblock(Handled);
    }

    /// <summary>Sleeps up to <paramref name="milliseconds"/>; a signal, a new name in the directory or the end of an adopted supervise ends the sleep.</summary>
    private void Wait(DirectoryWatch? watch, int milliseconds)
    {
        int size = 2 + Math.Min(_scanner.AdoptedCount, MaxPolledAdoptees);
        Span<Descriptor> fds = stackalloc Descriptor[size];
        Span<bool> ready = stackalloc bool[size];
        int count = 0;
        if (_signals is not null) fds[count++] = _signals.Descriptor;
        if (watch is not null) fds[count++] = watch.Descriptor;
        int adopted = count;
        count += _scanner.AdoptedHandles(fds[count..]);
        // poll refuses more entries than RLIMIT_NOFILE allows (EINVAL) and can fail for memory:
        // then the time is slept out instead, and the next pass carries on.
        if (Poll.WaitReadable(fds[..count], ready, milliseconds) is not (Errno.None or Errno.EINTR)) Poll.Sleep(milliseconds);
        if (ready[adopted..count].Contains(true)) _adopteeEnded = true;
        TakeSignals();
    }

    private void TakeSignals()
    {
        if (_signals is null) return;
        while (_signals.TryTake(out Signal signal))
        {
            switch (signal)
            {
                case Signal.Child:
                    _childEnded = true;
                    break;
                case Signal.Hangup:
                    _hangup = true;
                    break;
                default:
                    _terminate = true;
                    break;
            }
        }
    }

    public void Dispose()
    {
        _scanner.Dispose();
        _signals?.Dispose();
    }
}
