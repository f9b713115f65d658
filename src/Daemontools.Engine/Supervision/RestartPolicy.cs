using System.Globalization;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// The restart-policy file (ours): how a service that keeps dying is restarted. One setting per
/// line, numbers in milliseconds, '#' starts a comment:
/// <code>
/// backoff 1000 60000   # a quick death delays the next start 1 s, then 2 s, 4 s ... at most 60 s
/// stable 10000         # a run that lasts 10 s (and is ready, with notification-fd) resets the delay
/// give-up 5 60000      # 5 deaths within 60 s: permanent failure, as when finish exits 125
/// </code>
/// Without the file (or a line), 0.76's rule alone holds: at most one start per second, forever.
/// Deaths that svc -d or svc -r asked for count for neither the back-off nor the give-up.
/// </summary>
public sealed record RestartPolicy
{
    /// <summary>The default of "stable": a run that lasts this long resets the back-off.</summary>
    public const long DefaultStableMilliseconds = 10_000;

    /// <summary>Delay after the first quick death; 0 = no back-off.</summary>
    public long BackoffInitialMilliseconds { get; init; }

    /// <summary>The longest delay.</summary>
    public long BackoffMaximumMilliseconds { get; init; }

    /// <summary>How long a run must last to reset the back-off.</summary>
    public long StableMilliseconds { get; init; } = DefaultStableMilliseconds;

    /// <summary>Deaths that mean permanent failure when they happen within <see cref="GiveUpWindowMilliseconds"/>; 0 = never.</summary>
    public int GiveUpDeaths { get; init; }

    /// <summary>The window for <see cref="GiveUpDeaths"/>.</summary>
    public long GiveUpWindowMilliseconds { get; init; }

    /// <summary>The delay before the start after <paramref name="quickDeaths"/> quick deaths in a row (0 for none).</summary>
    public long Delay(int quickDeaths)
    {
        if (BackoffInitialMilliseconds <= 0 || quickDeaths <= 0) return 0;
        long delay = BackoffInitialMilliseconds;
        for (int i = 1; i < quickDeaths && delay < BackoffMaximumMilliseconds; i++) delay *= 2;
        return Math.Min(delay, Math.Max(BackoffMaximumMilliseconds, BackoffInitialMilliseconds));
    }

    /// <summary>Parses the file's text; lines that do not parse are listed in <paramref name="invalid"/> and ignored.</summary>
    public static RestartPolicy Parse(string text, out IReadOnlyList<string> invalid)
    {
        var bad = new List<string>();
        var policy = new RestartPolicy();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw;
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            string[] words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            RestartPolicy? next = words[0] switch
            {
                "backoff" when words.Length == 3 && Number(words[1]) is long first && Number(words[2]) is long most && first > 0 && most >= first
                    => policy with { BackoffInitialMilliseconds = first, BackoffMaximumMilliseconds = most },
                "stable" when words.Length == 2 && Number(words[1]) is long stable
                    => policy with { StableMilliseconds = stable },
                "give-up" when words.Length == 3 && Number(words[1]) is long deaths && Number(words[2]) is long window && deaths is > 0 and <= ServiceSettings.MaxDeathTallyLimit && window > 0
                    => policy with { GiveUpDeaths = (int)deaths, GiveUpWindowMilliseconds = window },
                _ => null,
            };
            if (next is null) bad.Add(raw.Trim());
            else policy = next;
        }
        invalid = bad;
        return policy;
    }

    private static long? Number(string word) =>
        long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value <= int.MaxValue ? value : null;
}
