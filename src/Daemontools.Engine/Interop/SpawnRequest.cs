namespace Daemontools.Engine.Interop;

/// <summary>What a child started with posix_spawn gets: program, argv, environment, descriptors, directory, session.</summary>
public sealed class SpawnRequest
{
    /// <summary>Creates a request to run <paramref name="path"/> with argv <paramref name="arguments"/> (argv[0] included).</summary>
    public SpawnRequest(string path, IReadOnlyList<string> arguments)
    {
        Path = path;
        Arguments = arguments;
    }

    /// <summary>The program; searched on PATH when <see cref="SearchPath"/> is set and it has no slash.</summary>
    public string Path { get; }

    /// <summary>argv, argv[0] included.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>"NAME=value" entries, or null to pass this process's own environ unchanged.</summary>
    public IReadOnlyList<string>? Environment { get; init; }

    /// <summary>Look the program up on PATH (posix_spawnp).</summary>
    public bool SearchPath { get; init; }

    /// <summary>Directory the child starts in; null = ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>dup2(From, To) in the child, in order (e.g. a pipe end onto 0 or 1).</summary>
    public IReadOnlyList<(int From, int To)> Descriptors { get; init; } = [];

    /// <summary>Descriptors to close in the child after the dup2s.</summary>
    public IReadOnlyList<int> Close { get; init; } = [];

    /// <summary>Start the child in a new session (setsid).</summary>
    public bool NewSession { get; init; }
}
