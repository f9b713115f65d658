using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Time;

/// <summary>A clock that returns the labels it is given, one per reading, then repeats the last.</summary>
public sealed class FixedClock(params Tai64NLabel[] labels) : IClock
{
    private int _next;

    public int Readings { get; private set; }

    public Tai64NLabel Now()
    {
        Readings++;
        return labels[Math.Min(_next++, labels.Length - 1)];
    }
}
