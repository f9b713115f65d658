using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Logging;

/// <summary>A clock that moves a microsecond per reading, so archive names are distinct and ordered.</summary>
internal sealed class FixedClock : IClock
{
    private long _micros;

    public Tai64NLabel Now() => Tai64NLabel.FromUnix(1_700_000_000 + (_micros / 1_000_000), (uint)(_micros++ % 1_000_000 * 1000));
}
