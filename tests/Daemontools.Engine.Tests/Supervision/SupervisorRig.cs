using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Tests.Supervision;

/// <summary>
/// What a test drives a <see cref="Supervisor"/> with by hand (xunit makes one per test): a runner
/// that records instead of starting, a wall clock and a monotonic clock that move only when the
/// test moves them, and the warnings the supervisor gave.
/// </summary>
public abstract class SupervisorRig
{
    protected FakeServiceRunner Runner { get; } = new();

    protected SettableClock Clock { get; } = new();

    protected List<SupervisorWarning> Warnings { get; } = [];

    /// <summary>Milliseconds on the monotonic clock the supervisor reads.</summary>
    protected long Monotonic { get; set; } = 50_000;

    /// <summary>A supervisor that has begun and started ./run if it wants it up (no ./down: <paramref name="normallyUp"/>).</summary>
    protected Supervisor Create(bool normallyUp = true)
    {
        Supervisor supervisor = Construct(normallyUp);
        supervisor.Begin();
        supervisor.StartIfWanted();
        return supervisor;
    }

    /// <summary>The supervisor, wired to this rig, before it begins.</summary>
    protected abstract Supervisor Construct(bool normallyUp);
}
