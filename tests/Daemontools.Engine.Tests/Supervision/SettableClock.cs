using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Supervision;

/// <summary>The wall clock a Supervisor under test reads: it stands still until a test moves <see cref="Unix"/>.</summary>
public sealed class SettableClock : IClock
{
    public long Unix { get; set; } = 1_000_000;

    public Tai64NLabel Now() => Tai64NLabel.FromUnix(Unix, 0);
}
