namespace Daemontools.Engine.Scanning;

/// <summary>How a scanner runs; the defaults are svscan 0.76's, plus the event-driven additions.</summary>
public sealed class ScanOptions
{
    /// <summary>The supervisor program, searched on PATH like the original's pathexec (default PATH /bin:/usr/bin).</summary>
    public string SuperviseProgram { get; init; } = "supervise";

    /// <summary>The most service directories supervised at once (0.76: 1000).</summary>
    public int MaxServices { get; init; } = 1000;

    /// <summary>The longest name that gets log pairing (0.76: 255 bytes).</summary>
    public int MaxLogPairedNameBytes { get; init; } = 255;

    /// <summary>Time between full rescans (0.76: 5 seconds).</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay before a supervise that exited is started again.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rescan as soon as a name appears in the directory (inotify).</summary>
    public bool WatchDirectory { get; init; } = true;

    /// <summary>How long the orderly shutdown may take before the remaining processes are killed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
