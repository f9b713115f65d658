using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Time;

/// <summary>The wall clock (CLOCK_REALTIME), labelled as daemontools' taia_now does.</summary>
public sealed class SystemClock : IClock
{
    /// <summary>The one instance; the clock has no state.</summary>
    public static SystemClock Instance { get; } = new();

    private SystemClock()
    {
    }

    /// <inheritdoc />
    public Tai64NLabel Now()
    {
        (long seconds, long nanoseconds) = RealTime.Now();
        return Tai64NLabel.FromClock(seconds, nanoseconds);
    }
}
