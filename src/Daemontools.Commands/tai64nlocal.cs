using Daemontools.Engine.Time;

namespace Daemontools.Commands;

/// <summary>tai64nlocal: turns leading TAI64N labels into local time.</summary>
internal static class Tai64nlocalCommand
{
    public static int Run()
    {
        var converter = new Tai64NLocalConverter();
        return Filter.Run(converter.Convert, converter.Complete);
    }
}
