namespace Daemontools.Engine.Logging;

/// <summary>What multilog puts in front of each line.</summary>
public enum TimestampStyle
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The original's 't': '@' + 24 hex digits of TAI64N and a space.</summary>
    Tai64N,

    /// <summary>Our 'T': ISO 8601 UTC with microseconds, e.g. "2026-11-23T21:32:30.123456Z" and a space.</summary>
    Iso8601,
}
