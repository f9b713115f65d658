namespace Daemontools.Engine.Supervision;

/// <summary>Where reading a service's status stopped, in svstat's order of steps.</summary>
public enum StatusFailure
{
    /// <summary>The status was read.</summary>
    None,

    /// <summary>The directory could not be entered ("unable to chdir: ERR").</summary>
    DirectoryUnavailable,

    /// <summary>./down could not be examined ("unable to stat down: ERR").</summary>
    DownUnavailable,

    /// <summary>No supervise reads supervise/ok ("supervise not running").</summary>
    NotRunning,

    /// <summary>supervise/ok could not be opened ("unable to open supervise/ok: ERR").</summary>
    OkUnavailable,

    /// <summary>supervise/status could not be opened ("unable to open supervise/status: ERR").</summary>
    StatusUnavailable,

    /// <summary>supervise/status could not be read ("unable to read supervise/status: ERR").</summary>
    StatusUnreadable,

    /// <summary>supervise/status holds fewer than 18 bytes ("unable to read supervise/status: bad format").</summary>
    BadFormat,
}
