namespace Daemontools.Engine.Supervision;

/// <summary>How sending control bytes went, in svc's categories.</summary>
public enum ControlOutcome
{
    /// <summary>All bytes written in one write.</summary>
    Sent,

    /// <summary>
    /// All bytes written, but supervise/control is not a FIFO (a regular file): no supervise hears
    /// them now; ours applies them when it next wakes and puts its FIFO back (0.76's never does).
    /// </summary>
    NotFifo,

    /// <summary>The directory could not be entered (svc: "unable to chdir to DIR").</summary>
    DirectoryUnavailable,

    /// <summary>supervise/control has no reader (ENXIO): supervise is not running.</summary>
    NotRunning,

    /// <summary>supervise/control could not be opened for another reason (svc: "unable to control DIR").</summary>
    OpenFailed,

    /// <summary>The write failed or was short (svc: "error writing commands to DIR").</summary>
    WriteFailed,
}
