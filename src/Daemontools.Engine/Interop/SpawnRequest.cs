namespace Daemontools.Engine.Interop;

/// <summary>
/// Everything a child started with posix_spawn can be given: program (searched on PATH or not),
/// argv, environment, descriptors (closed, moved, inherited), directory, session, signal state,
/// ids and resource limits. Actions run in the child in this order: close, dup2, inherit, chdir.
/// </summary>
internal sealed class SpawnRequest
{
    /// <summary>A request to run <paramref name="path"/> with argv <paramref name="arguments"/> (argv[0] included).</summary>
    public SpawnRequest(string path, IReadOnlyList<string> arguments)
    {
        Path = path;
        Arguments = arguments;
    }

    /// <summary>The program; searched on PATH when <see cref="SearchPath"/> is set and it has no slash.</summary>
    public string Path { get; }

    /// <summary>argv, argv[0] included.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>"NAME=value" entries as bytes, or null to pass this process's own environ unchanged.</summary>
    public IReadOnlyList<byte[]>? Environment { get; init; }

    /// <summary>Look the program up on PATH (posix_spawnp).</summary>
    public bool SearchPath { get; init; }

    /// <summary>Descriptors to close in the child, first.</summary>
    public IReadOnlyList<Descriptor> Close { get; init; } = [];

    /// <summary>
    /// Files opened in the child onto descriptor To, in order, after <see cref="Close"/> (the original's child
    /// opens its files after fork: this process needs no descriptor to spare for them).
    /// </summary>
    public IReadOnlyList<(string Path, int Flags, UnixFileMode Mode, int To)> Opens { get; init; } = [];

    /// <summary>dup2(From, To) in the child, in order (e.g. a pipe end onto 0 or 1).</summary>
    public IReadOnlyList<(Descriptor From, int To)> Descriptors { get; init; } = [];

    /// <summary>
    /// Close-on-exec descriptors the child alone inherits, at the same numbers (dup2 onto itself
    /// clears close-on-exec in the child only), so nothing spawned concurrently by another thread
    /// of this process picks them up.
    /// </summary>
    public IReadOnlyList<Descriptor> Inherit { get; init; } = [];

    /// <summary>Directory the child starts in; null = ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Start the child in a new session (setsid).</summary>
    public bool NewSession { get; init; }

    /// <summary>
    /// Leave signal dispositions and mask as this process has them (fghack's child must inherit
    /// what fghack inherited). Otherwise every signal is back to default with an empty mask: the
    /// .NET runtime's handlers and mask must not leak into services.
    /// </summary>
    public bool KeepSignals { get; init; }

    /// <summary>Ids the child runs with (uid, gid, supplementary groups), or null to keep ours; set on a thread of its own, never on this process.</summary>
    public (uint Uid, uint Gid, uint[] Groups)? Credentials { get; init; }

    /// <summary>Soft resource limits (RLIMIT_* number, soft value) put on the child before it runs anything; never on this process.</summary>
    public IReadOnlyList<(int Resource, ulong Soft)> Limits { get; init; } = [];
}
