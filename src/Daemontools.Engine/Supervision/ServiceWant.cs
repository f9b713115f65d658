namespace Daemontools.Engine.Supervision;

/// <summary>What supervise wants, as byte 17 of supervise/status records it.</summary>
public enum ServiceWant : byte
{
    /// <summary>0: after `svc -o`, run at most once more and do not restart.</summary>
    Once = 0,

    /// <summary>'d': keep the service down.</summary>
    Down = (byte)'d',

    /// <summary>'u': keep the service up, restarting it when it exits.</summary>
    Up = (byte)'u',
}
