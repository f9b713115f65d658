using System.Globalization;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// svstat's description of a running supervise's status (0.76's grammar, which monitoring scripts
/// parse): "up (pid P) S seconds" or "down S seconds", then in this order whichever apply:
/// ", normally down" (up with ./down), ", normally up" (down without ./down), ", paused" (up),
/// ", want up" (down and want byte 'u'), ", want down" (up and want byte 'd').
/// </summary>
public static class StatusLine
{
    /// <summary>Text that follows "DIR: " for a directory whose supervise is not running.</summary>
    public const string NotRunning = "supervise not running";

    /// <summary>The description of <paramref name="record"/> at <paramref name="nowUnixSeconds"/>.</summary>
    public static string Format(StatusRecord record, bool normallyUp, long nowUnixSeconds)
    {
        bool up = record.IsUp;
        var text = new System.Text.StringBuilder(64);
        if (up) text.Append("up (pid ").Append(record.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(") ");
        else text.Append("down ");
        text.Append(record.SecondsSince(nowUnixSeconds).ToString(CultureInfo.InvariantCulture)).Append(" seconds");
        if (up && !normallyUp) text.Append(", normally down");
        if (!up && normallyUp) text.Append(", normally up");
        if (up && record.PausedFlag != 0) text.Append(", paused");
        if (!up && record.WantByte == (byte)'u') text.Append(", want up");
        if (up && record.WantByte == (byte)'d') text.Append(", want down");
        return text.ToString();
    }
}
