using Daemontools.Engine.Time;

namespace Daemontools.Engine.Logging;

/// <summary>Where a multilog session takes its time, sends alerts and warnings, and how it retries.</summary>
public sealed class MultilogOptions
{
    /// <summary>The directory relative paths in the script are taken from (the original's starting directory).</summary>
    public required string StartDirectory { get; init; }

    /// <summary>Stamps and rotated file names.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>The 'e' alerts (the command sends them to stderr).</summary>
    public ByteSink Alert { get; init; } = static _ => { };

    /// <summary>Troubles being retried (the command prints "multilog: warning: ...").</summary>
    public Action<LogWarning> Warning { get; init; } = static _ => { };

    /// <summary>How long to pause before retrying a failed step (the original's deepsleep(5)).</summary>
    public TimeSpan RetryPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Abandons retrying (the cmdlet on Ctrl+C); the original never gives up.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Keep the input journal in the first directory (see <see cref="LinePump"/>): set by a logger
    /// that takes its input from a pipe. Without it a journal left by a crash is still recovered, then removed.
    /// </summary>
    public bool Journal { get; init; }

    /// <summary>
    /// With <see cref="Journal"/>: on start, remove the journals on /dev/shm that loggers killed with -9 left
    /// for directories since removed, sparing any a live logger holds (see <see cref="InputJournal.RemoveOrphans"/>).
    /// Set by the multilog program, a process of its own at every start.
    /// </summary>
    public bool RemoveOrphanedJournals { get; init; }

    /// <summary>Test seam: called after each step a kill could fall behind; throwing there stops the logger as a kill would.</summary>
    internal Action<FaultPoint>? Fault { get; init; }
}
