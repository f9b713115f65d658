using Daemontools.Commands.Shared;
using Daemontools.Engine.Time;

namespace Daemontools.Commands;

/// <summary>tai64n: puts a TAI64N label in front of every line of stdin.</summary>
internal static class Tai64nCommand
{
    public static int Run(string[] args)
    {
        _ = args; // the original ignores its arguments
        var stamper = new Tai64NStamper(SystemClock.Instance);
        return Filter.Run(stamper.Stamp);
    }
}
