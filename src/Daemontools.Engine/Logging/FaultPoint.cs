namespace Daemontools.Engine.Logging;

/// <summary>
/// The steps of the logger between which a kill can land: a test seam
/// (<see cref="MultilogOptions"/>) is called after each, and may throw to stop the logger there
/// as a SIGKILL would, leaving files exactly as they are.
/// </summary>
internal enum FaultPoint
{
    /// <summary>Input moved from the pipe into the journal.</summary>
    Captured,

    /// <summary>A transaction's record written, nothing logged yet.</summary>
    Begun,

    /// <summary>Part of a write to current done (the test seam splits writes in two).</summary>
    PartlyAppended,

    /// <summary>A write to current done.</summary>
    Appended,

    /// <summary>Rotation: current synced, not yet renamed.</summary>
    CurrentSynced,

    /// <summary>Rotation: current renamed to previous.</summary>
    CurrentRenamed,

    /// <summary>Rotation: the new current created and its modes set.</summary>
    CurrentCreated,

    /// <summary>Rotation: the journal told of the new current.</summary>
    RotationRecorded,

    /// <summary>Rotation: the processor ran.</summary>
    ProcessorRan,

    /// <summary>A file archived as @TAI64N.s or .u.</summary>
    Archived,

    /// <summary>Everything of a transaction written, its end not yet recorded.</summary>
    Flushed,

    /// <summary>A transaction's end recorded, the journal's data area not yet started over.</summary>
    Ended,

    /// <summary>After a restart: measured and recovered, the interrupted transaction not yet run again.</summary>
    Recovered,
}
