using Daemontools.Commands.Shared;
using Daemontools.Engine.Time;

namespace Daemontools.Commands;

/// <summary>tai64nlocal: turns leading TAI64N labels into local time.</summary>
internal static class Tai64nlocalCommand
{
    public static int Run(string[] args)
    {
        _ = args; // the original ignores its arguments
        var converter = new Tai64NLocalConverter();
        return Filter.Run(converter.Convert, converter.Complete);
    }
}
