using Daemontools.Engine.Time;

namespace Daemontools.Commands;

/// <summary>tai64n: puts a TAI64N label in front of every line of stdin.</summary>
internal static class Tai64nCommand
{
    public static int Run() => Filter.Run(new Tai64NStamper(SystemClock.Instance).Stamp);
}
