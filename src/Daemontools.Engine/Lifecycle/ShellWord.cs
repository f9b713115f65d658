namespace Daemontools.Engine.Lifecycle;

/// <summary>Quotes text as one word of a POSIX shell script, so a run script says exactly what it was given.</summary>
public static class ShellWord
{
    /// <summary>
    /// <paramref name="text"/> as a shell word: unchanged when it holds only characters no shell treats
    /// specially, else in single quotes (a quote inside becomes '\'').
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text.All(IsPlain)) return text;
        return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@' or '%';
}
