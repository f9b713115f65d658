namespace Daemontools.Engine.Supervision;

/// <summary>Byte 19 of an extended supervise/status (see <see cref="StatusExtension"/>).</summary>
[Flags]
public enum StatusExtensionFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>./run wrote a newline to its notification-fd.</summary>
    Ready = 0x01,

    /// <summary>./finish is running.</summary>
    Finishing = 0x02,

    /// <summary>Permanent failure: finish exited 125, or the restart policy gave up.</summary>
    Failed = 0x04,

    /// <summary>svc -r: start ./run again when it dies.</summary>
    WantRestart = 0x08,

    /// <summary>This ./run was given a notification-fd.</summary>
    ExpectsReadiness = 0x10,
}
