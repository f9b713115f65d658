namespace Daemontools.Engine.Scanning;

/// <summary>What went wrong for one entry of a scan (the originals' warning lines, one per kind).</summary>
public enum ScanWarningKind
{
    /// <summary>stat NAME failed.</summary>
    Stat,

    /// <summary>stat NAME/log failed with something other than "does not exist".</summary>
    StatLog,

    /// <summary>The service limit is reached; NAME is not started.</summary>
    TooManyServices,

    /// <summary>The pipe between NAME and NAME/log could not be created.</summary>
    CreatePipe,

    /// <summary>No process could be created for supervise NAME.</summary>
    Fork,

    /// <summary>No process could be created for supervise NAME/log.</summary>
    ForkLog,

    /// <summary>supervise NAME could not be executed.</summary>
    Start,

    /// <summary>supervise log in NAME could not be executed.</summary>
    StartLog,

    /// <summary>The scan directory could not be read.</summary>
    ReadDirectory,

    /// <summary>The scan directory cannot be watched for new entries; only timed rescans remain.</summary>
    Watch,

    /// <summary>No descriptor for reading signals: HUP, INT and TERM act as on 0.76 (they end svscan), children are reaped by each pass.</summary>
    Signals,

    /// <summary>The orderly shutdown ran out of time; NAME's supervisor and service were killed.</summary>
    ShutdownTimedOut,

    /// <summary>NAME/log appeared while NAME's supervise ran: NAME is not logged until its supervise is restarted.</summary>
    LateLog,

    /// <summary>NAME's and NAME/log's supervise were left running by an earlier svscan, but the pipe between them could not be taken back from them (pidfd_getfd refused): a new pipe is made, as 0.76 would.</summary>
    TakeBackPipe,
}
