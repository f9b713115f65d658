using System.Globalization;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// svstat's description of a running supervise's status (0.76's grammar, which monitoring scripts
/// parse): "up (pid P) S seconds" or "down S seconds", then in this order whichever apply:
/// ", normally down" (up with ./down), ", normally up" (down without ./down), ", paused" (up),
/// ", want up" (down and want byte 'u'), ", want down" (up and want byte 'd').
/// An extended status (a directory using the new files) adds, after that and in this order:
/// ", ready S seconds" (up and ready), ", want restart" (up, after svc -r), ", finishing" (down,
/// ./finish running), ", exitcode N" or ", signal SIGNAME" (down, how ./run last ended),
/// ", failed" (permanent failure), ", starting in S seconds" (down, a start owed a second or more ahead).
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

    /// <summary>0.76's description followed by what <paramref name="extension"/> adds (see the class summary).</summary>
    public static string Format(StatusRecord record, StatusExtension? extension, bool normallyUp, long nowUnixSeconds)
    {
        string line = Format(record, normallyUp, nowUnixSeconds);
        if (extension is not StatusExtension x) return line;
        var text = new System.Text.StringBuilder(line, 128);
        bool up = record.IsUp;
        if (up && x.IsReady) text.Append(", ready ").Append(Seconds(x.ReadySince, nowUnixSeconds)).Append(" seconds");
        if (up && x.WantsRestart) text.Append(", want restart");
        if (!up && x.IsFinishing) text.Append(", finishing");
        if (!up && x.HasDied)
        {
            if (x.LastDeathWasSignal) text.Append(", signal ").Append(SignalNames.Format(x.LastSignal));
            else text.Append(", exitcode ").Append(x.LastExitCode.ToString(CultureInfo.InvariantCulture));
        }
        if (x.HasFailed) text.Append(", failed");
        if (!up && x.NextStart.Seconds != 0 && x.NextStart.UnixSeconds - nowUnixSeconds >= 1)
        {
            text.Append(", starting in ").Append((x.NextStart.UnixSeconds - nowUnixSeconds).ToString(CultureInfo.InvariantCulture)).Append(" seconds");
        }
        return text.ToString();
    }

    private static string Seconds(Time.Tai64NLabel since, long nowUnixSeconds) =>
        Math.Max(0, nowUnixSeconds - since.UnixSeconds).ToString(CultureInfo.InvariantCulture);
}
