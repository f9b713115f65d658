namespace Daemontools.Engine.Interop;

/// <summary>What <see cref="ProgramSpawner"/> starts: a program file (no PATH search), argv, environment bytes, directory, stdout, ids, limits.</summary>
public sealed class ProgramSpawnRequest
{
    /// <summary>The program file.</summary>
    public required string Path { get; init; }

    /// <summary>argv, argv[0] included.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>"NAME=value" entries.</summary>
    public required IReadOnlyList<byte[]> Environment { get; init; }

    /// <summary>Directory the child starts in; null = ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Descriptor to put on the child's stdout, or -1 to leave it.</summary>
    public int StandardOutput { get; init; } = -1;

    /// <summary>
    /// Close-on-exec descriptors the child alone inherits, at the same numbers (dup2 onto
    /// themselves clears close-on-exec in the child only), so nothing spawned concurrently by
    /// another thread of this process picks them up.
    /// </summary>
    public IReadOnlyList<int> Inherit { get; init; } = [];

    /// <summary>Descriptors to close in the child.</summary>
    public IReadOnlyList<int> Close { get; init; } = [];

    /// <summary>Ids the child runs with (uid, gid, supplementary groups), or null to keep ours.</summary>
    public (uint Uid, uint Gid, uint[] Groups)? Credentials { get; init; }

    /// <summary>Soft resource limits (resource number, soft value) applied to the child as it starts.</summary>
    public IReadOnlyList<(int Resource, ulong Soft)> Limits { get; init; } = [];
}
