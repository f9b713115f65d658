namespace Daemontools.Engine.Lifecycle;

/// <summary>The logger of a new service: log/run running multilog with timestamps into one rotated directory.</summary>
public sealed class LoggerDefinition
{
    /// <summary>multilog's bounds for the size of `current` before rotation (0.76: 4096..16777215).</summary>
    public const int MinSize = 4096, MaxSize = 16_777_215;

    /// <summary>The log directory multilog writes: relative to log/ (default ./main) or absolute.</summary>
    public string Directory { get; init; } = "./main";

    /// <summary>Bytes in `current` before rotation (multilog's sSIZE); null = multilog's default, 99999.</summary>
    public int? MaxFileSize { get; init; }

    /// <summary>Archived files kept (multilog's nNUM, at least 2); null = multilog's default, 10.</summary>
    public int? MaxFiles { get; init; }

    /// <summary>The account multilog runs as (through setuidgid); null = the supervisor's.</summary>
    public string? User { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for a value multilog would reject or silently change.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory)) throw new ArgumentException("The log directory cannot be empty.", nameof(Directory));
        // multilog takes an argument starting with . or / as a directory; anything else is another action.
        if (!Directory.StartsWith('.') && !Directory.StartsWith('/')) throw new ArgumentException($"The log directory '{Directory}' must start with '.' or '/' (multilog's rule for a directory).", nameof(Directory));
        if (Directory.Any(char.IsControl)) throw new ArgumentException("The log directory cannot contain control characters.", nameof(Directory));
        if (MaxFileSize is int size && (size < MinSize || size > MaxSize)) throw new ArgumentOutOfRangeException(nameof(MaxFileSize), size, $"multilog rotates at {MinSize} to {MaxSize} bytes.");
        if (MaxFiles is int files && files < 2) throw new ArgumentOutOfRangeException(nameof(MaxFiles), files, "multilog keeps at least 2 files.");
        if (User is not null && string.IsNullOrWhiteSpace(User)) throw new ArgumentException("The log account cannot be empty.", nameof(User));
    }
}
