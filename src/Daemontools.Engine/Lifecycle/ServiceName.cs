using System.Text;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// What a service may be called: one path component svscan takes for a service (no leading dot),
/// short enough for svscan to pair it with its logger (255 bytes), free of control characters.
/// </summary>
public static class ServiceName
{
    /// <summary>The longest name svscan pairs with a logger (0.76: 255 bytes).</summary>
    public const int MaxBytes = 255;

    /// <summary>Null when <paramref name="name"/> is a valid service name, else why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a service name cannot be empty";
        if (name.StartsWith('.')) return "svscan ignores names that start with '.'";
        if (name.Contains('/', StringComparison.Ordinal)) return "a service name is one path component and cannot contain '/'";
        if (name.Any(char.IsControl)) return "a service name cannot contain control characters";
        if (Encoding.UTF8.GetByteCount(name) > MaxBytes) return $"svscan pairs a logger only with names of at most {MaxBytes} bytes";
        return null;
    }

    /// <summary>
    /// The name a service directory is shown under: its last path component, or SERVICE/log for
    /// the logger svscan runs in a service's log/ (a directory named log whose parent has a run file).
    /// </summary>
    public static string Of(string directory)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(directory);
        string name = Path.GetFileName(trimmed) is { Length: > 0 } last ? last : directory;
        if (name != "log" || Path.GetDirectoryName(trimmed) is not { Length: > 0 } parent || !File.Exists(Path.Combine(parent, "run"))) return name;
        return (Path.GetFileName(parent) is { Length: > 0 } service ? service : parent) + "/log";
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid service name.</summary>
    public static void Validate(string? name, string parameter)
    {
        if (Problem(name) is string problem) throw new ArgumentException($"Invalid service name '{name}': {problem}.", parameter);
    }
}
