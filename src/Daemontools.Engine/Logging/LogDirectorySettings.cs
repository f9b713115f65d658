namespace Daemontools.Engine.Logging;

/// <summary>One automatically rotated log directory and the settings in force where the script names it.</summary>
public sealed record LogDirectorySettings
{
    /// <summary>The original's default size ('s').</summary>
    public const long DefaultSize = 99999;

    /// <summary>The original's default count ('n').</summary>
    public const int DefaultCount = 10;

    /// <summary>The directory as written in the script (messages use this spelling).</summary>
    public required string Path { get; init; }

    /// <summary>Rotate when current reaches this many bytes (4096..16777215).</summary>
    public long Size { get; init; } = DefaultSize;

    /// <summary>Keep at most Count-1 old files besides current (at least 2).</summary>
    public int Count { get; init; } = DefaultCount;

    /// <summary>The '!' processor run through sh -c on each rotated file, or null.</summary>
    public string? Processor { get; init; }

    /// <summary>Our 'R': rotate a non-empty current once it is this old; null = never (as 0.76).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Our 'S': delete the oldest old files while together they exceed this many bytes; null = no cap.</summary>
    public long? TotalSize { get; init; }
}
