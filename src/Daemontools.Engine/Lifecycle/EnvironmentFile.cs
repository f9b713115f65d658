using System.Text;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// One variable as an envdir file (0.76's rules read backwards): the value's newlines become NUL
/// bytes and a newline ends it, so the empty string is one newline; an empty file removes the variable.
/// </summary>
public static class EnvironmentFile
{
    /// <summary>The file's bytes for <paramref name="value"/> (null = remove the variable).</summary>
    public static byte[] Content(string? value) =>
        value is null ? [] : Encoding.UTF8.GetBytes(value.Replace('\n', '\0') + "\n");

    /// <summary>Throws <see cref="ArgumentException"/> when envdir could not give back exactly <paramref name="value"/>.</summary>
    public static void Validate(string name, string? value)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith('.') || name.Contains('/', StringComparison.Ordinal)
            || name.Contains('=', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new ArgumentException($"'{name}' cannot be an envdir variable name (no leading '.', no '/', '=' or control characters).", nameof(name));
        }
        if (value is null) return;
        // envdir drops trailing spaces and tabs, and reads NUL back as a newline.
        if (value.EndsWith(' ') || value.EndsWith('\t')) throw new ArgumentException($"The value of {name} ends with a blank, which envdir removes.", nameof(value));
        if (value.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException($"The value of {name} contains NUL, which envdir reads as a newline.", nameof(value));
    }
}
