namespace Daemontools.Engine.Supervision;

/// <summary>
/// What the optional files of a service directory ask of supervise (s6's names and meanings,
/// plus flag-setsid and restart-policy). supervise reads them again when each applies, as
/// s6-supervise does, so a change needs no restart of supervise: notification-fd, lock-fd and
/// flag-setsid before each start of ./run; finish, timeout-finish, max-death-tally, restart-policy
/// (and flag-setsid for ./finish) when ./run dies; down-signal, timeout-kill and flag-timeout-killpg
/// at each svc -d (down-signal also at -r). A directory with none of them (<see cref="UsesNewFeatures"/>
/// false) is supervised exactly as by 0.76.
/// </summary>
public sealed record ServiceSettings
{
    /// <summary>File names, relative to the service directory.</summary>
    public const string FinishName = "finish", TimeoutFinishName = "timeout-finish", NotificationFdName = "notification-fd",
        TimeoutKillName = "timeout-kill", KillGroupName = "flag-timeout-killpg", DownSignalName = "down-signal",
        MaxDeathTallyName = "max-death-tally", LockFdName = "lock-fd", NewSessionName = "flag-setsid",
        RestartPolicyName = "restart-policy";

    /// <summary>Every file that makes a directory use the new features, in the order they are read.</summary>
    public static readonly string[] FileNames =
    [
        FinishName, TimeoutFinishName, NotificationFdName, TimeoutKillName, KillGroupName, DownSignalName,
        MaxDeathTallyName, LockFdName, NewSessionName, RestartPolicyName,
    ];

    /// <summary>The default of timeout-finish.</summary>
    public const long DefaultTimeoutFinishMilliseconds = 5000;

    /// <summary>The default of max-death-tally.</summary>
    public const int DefaultMaxDeathTally = 100;

    /// <summary>The highest max-death-tally honoured.</summary>
    public const int MaxDeathTallyLimit = 4096;

    /// <summary>A directory with none of the files: 0.76's behaviour.</summary>
    public static readonly ServiceSettings Plain = new();

    /// <summary>At least one of the files exists: the status is extended and deaths are recorded.</summary>
    public bool UsesNewFeatures { get; init; }

    /// <summary>./finish exists.</summary>
    public bool HasFinish { get; init; }

    /// <summary>timeout-finish: SIGKILL to ./finish after this long; 0 = never.</summary>
    public long TimeoutFinishMilliseconds { get; init; } = DefaultTimeoutFinishMilliseconds;

    /// <summary>notification-fd: the descriptor ./run writes its readiness newline to; null = none.</summary>
    public int? NotificationFd { get; init; }

    /// <summary>timeout-kill: SIGKILL this long after svc -d if ./run is still alive; 0 = never.</summary>
    public long TimeoutKillMilliseconds { get; init; }

    /// <summary>flag-timeout-killpg: the timeout's SIGKILL goes to ./run's process group (when it leads one).</summary>
    public bool KillGroupOnTimeout { get; init; }

    /// <summary>down-signal: sent by svc -d (then CONT) and svc -r.</summary>
    public int DownSignal { get; init; } = 15;

    /// <summary>max-death-tally: deaths remembered in supervise/death_tally.</summary>
    public int MaxDeathTally { get; init; } = DefaultMaxDeathTally;

    /// <summary>lock-fd: the descriptor holding the service's lock; null = none.</summary>
    public int? LockFd { get; init; }

    /// <summary>flag-setsid: ./run leads a new session (and process group).</summary>
    public bool NewSession { get; init; }

    /// <summary>restart-policy, or null for 0.76's one start per second forever.</summary>
    public RestartPolicy? Restart { get; init; }
}
