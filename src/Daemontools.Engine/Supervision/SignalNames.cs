using System.Globalization;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Linux signal names and numbers as down-signal files and svstat use them: a name with or
/// without "SIG" in any case ("term", "SIGHUP"), or a decimal number (1..64).
/// </summary>
public static class SignalNames
{
    private static readonly string[] Names =
    [
        string.Empty, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>The names, without SIG, in signal-number order (HUP, INT, QUIT, ...).</summary>
    public static IEnumerable<string> Known => Names.Skip(1);

    /// <summary>The highest signal number accepted (SIGRTMAX on Linux).</summary>
    public const int Highest = 64;

    /// <summary>Parses a name or number; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int signal)
    {
        signal = 0;
        text = text.Trim();
        if (text.IsEmpty) return false;
        if (char.IsAsciiDigit(text[0]))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out signal) && signal is > 0 and <= Highest;
        }
        if (text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) text = text[3..];
        for (int i = 1; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                signal = i;
                return true;
            }
        }
        if (text.Equals("IOT", StringComparison.OrdinalIgnoreCase)) signal = 6;
        else if (text.Equals("POLL", StringComparison.OrdinalIgnoreCase)) signal = 29;
        return signal != 0;
    }

    /// <summary>"SIGTERM" for 15; "SIG" and the number for one without a name (real-time signals).</summary>
    public static string Format(int signal) =>
        signal > 0 && signal < Names.Length ? "SIG" + Names[signal] : "SIG" + signal.ToString(CultureInfo.InvariantCulture);
}
